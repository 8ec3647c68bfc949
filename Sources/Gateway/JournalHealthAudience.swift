import GatewayCore
import Journal
import Uplinks

/// The uplinks the journal tells about its health: always the current ones. One observer is
/// registered per journal, however many reloads reshape the uplink list, so a removed uplink
/// is neither kept alive by it nor told anything after it stopped.
final class JournalHealthAudience: Sendable {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var uplinks: [Uplink]

    init(_ uplinks: [Uplink]) {
        self.uplinks = uplinks
    }

    /// Registers the one observer with `journal`.
    func listen(to journal: Journal) {
        journal.observeHealth { [self] health in tell(health) }
    }

    func tell(_ health: JournalHealth) {
        for uplink in lock.withLock({ uplinks }) { uplink.setJournalHealth(health) }
    }

    /// From now on `uplinks` hear the health; the ones new here are told the current one.
    /// `health` is read after the swap, so a change meanwhile reaches them either way.
    func replace(with uplinks: [Uplink], current health: @autoclosure () -> JournalHealth) {
        let known = lock.withLock { () -> Set<ObjectIdentifier> in
            defer { self.uplinks = uplinks }
            return Set(self.uplinks.map(ObjectIdentifier.init))
        }
        let now = health()
        for uplink in uplinks where !known.contains(ObjectIdentifier(uplink)) { uplink.setJournalHealth(now) }
    }
}
