import GatewayCore
import Logging
import ServiceLifecycle
import SiteConfig
import StatusPage
import UnixSignals

/// Reloads the site file on SIGHUP (`systemctl reload`): validates it again; applies a valid
/// one that differs through `apply` (the supervisor's swap); keeps running on the old one when the
/// new one is broken, logs every error with its place, and publishes a
/// `gateway.config_error` event so the platforms know the school's gateway needs a visit.
final class SiteReloader: Service, Sendable {
    /// The event kind of a refused reload (`active`), and of the next good one (`cleared`).
    static let configError: EventKind = "gateway.config_error"
    /// Events about the gateway itself use this device id.
    static let gatewayDevice = "gateway"

    let path: String
    let board: GatewayStatusBoard
    let notifier: SystemdNotifier
    let logger: Logger
    let apply: @Sendable (Site, SiteChange) async throws -> Void
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var site: Site
    private nonisolated(unsafe) var errorRaised = false

    init(site: Site, board: GatewayStatusBoard, notifier: SystemdNotifier, logger: Logger,
         apply: @escaping @Sendable (Site, SiteChange) async throws -> Void) {
        self.path = site.sourceFile
        self.site = site
        self.board = board
        self.notifier = notifier
        self.logger = logger
        self.apply = apply
    }

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            await reload()
        }
    }

    /// One reload, start to end; the SIGHUP handler and the tests call it.
    func reload() async {
        notifier.reloading()
        logger.notice("reloading site file", metadata: ["file": "\(path)"])
        let loaded: Site
        do {
            loaded = try SiteLoader.load(path: path)
        } catch {
            refuse(error.diagnostics)
            return
        }
        let old = lock.withLock { site }
        let change = SiteChange(from: old, to: loaded)
        do {
            if !change.isEmpty { try await apply(loaded, change) }
        } catch {
            logger.error("reload could not be applied; running on the previous site file", metadata: ["error": "\(error)"])
            board.recordReload(ReloadReport(at: WallClock.nowMilliseconds(), applied: false, lines: ["\(error)"]))
            notifier.ready(status: "reload failed: \(error); " + board.summary)
            return
        }
        lock.withLock { site = loaded }
        if change.statusChanged {
            logger.warning("the status server's new address takes effect at the next restart")
        }
        let lines = change.isEmpty ? ["no change"] : change.summary
        logger.notice("site file reloaded", metadata: ["changes": "\(lines.joined(separator: "; "))"])
        board.recordReload(ReloadReport(at: WallClock.nowMilliseconds(), applied: true, lines: lines))
        let wasRaised = lock.withLock { defer { errorRaised = false }; return errorRaised }
        if wasRaised { publishConfigError(.cleared, site: loaded, detail: "site file valid again") }
        notifier.ready(status: board.summary)
    }

    private func refuse(_ diagnostics: [ConfigDiagnostic]) {
        let count = diagnostics.count
        logger.error("reload refused; running on the previous site file", metadata: [
            "file": "\(path)", "errors": "\(count)",
        ])
        for diagnostic in diagnostics {
            logger.error("site file error", metadata: ["diagnostic": "\(diagnostic.description)"])
        }
        let lines = diagnostics.map(\.description)
        board.recordReload(ReloadReport(at: WallClock.nowMilliseconds(), applied: false, lines: lines))
        let current = lock.withLock {
            errorRaised = true
            return site
        }
        let first = lines.first ?? "unreadable"
        publishConfigError(.active, site: current, detail: "\(count) \(count == 1 ? "error" : "errors") in the site file; first: \(first)")
        notifier.ready(status: "reload refused (\(count) \(count == 1 ? "error" : "errors")); " + board.summary)
    }

    private func publishConfigError(_ state: EventState, site: Site, detail: String) {
        board.recorder.submit(Event(
            site: site.id, device: Self.gatewayDevice, kind: Self.configError, state: state, severity: .major,
            timestamp: WallClock.nowMilliseconds(), detail: detail
        ))
    }
}
