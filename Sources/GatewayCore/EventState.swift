/// Whether a condition has begun or ended. One-shot events (a command result, a reset)
/// are `active` with no matching `cleared`.
public enum EventState: String, Sendable, Hashable {
    case active
    case cleared
}
