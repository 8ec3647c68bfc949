import Journal
import ServiceLifecycle

/// Runs the journal's writer from start to the very end: it is the first service started and
/// so the last stopped, after every uplink has drained, so their last acknowledgements are
/// written too.
struct JournalService: Service {
    let journal: Journal

    func run() async throws {
        try journal.start()
        try? await gracefulShutdown()
        journal.stop()
    }
}
