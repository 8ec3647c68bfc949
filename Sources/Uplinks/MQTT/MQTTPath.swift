/// Which of an uplink's broker addresses a client uses.
public enum MQTTPath: String, Sendable, Equatable {
    case primary
    case backup
}
