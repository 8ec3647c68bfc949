import ArgumentParser
import Foundation
import Gateway
import GatewayCore
import Logging
import SiteConfig

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the gateway in the foreground (as systemd does).",
        discussion: """
            Refuses to start on an invalid site file (same messages as `validate`). Starts even \
            when devices or brokers are unreachable, reports them and keeps retrying. Stops \
            cleanly on SIGTERM or SIGINT: polling stops, then each uplink publishes its retained \
            offline status. Serves the status page (site file `status: listen:`, default \
            127.0.0.1:8080) and, under systemd, speaks sd_notify (READY, STATUS, WATCHDOG, \
            STOPPING).
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The event journal (default: the site file's journal.path, else $STATE_DIRECTORY/journal.db, else /var/lib/campus-gateway/journal.db).")
    var journal: String?

    @Option(help: "The lowest level logged.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        BrokenPipe.ignore()
        ProcessHeap.limitArenas()
        let loaded = try site.loadSite()
        LineLogHandler.bootstrap(level: logLevel)
        let logger = Logger(label: "campus-gateway")
        logger.notice("starting", metadata: [
            "site.id": "\(loaded.id)", "devices": "\(loaded.devices.count)", "uplinks": "\(loaded.uplinks.count)",
            "version": "\(GatewayVersion.string)",
        ])
        let path = JournalLocation.resolve(option: journal, site: loaded)
        let daemon = GatewayDaemon(
            site: loaded, logger: logger, notifier: SystemdNotifier(environment: ProcessInfo.processInfo.environment), journalPath: path,
            onReady: {
                // Start-up code and its heap are done with; see StartupPages, ProcessHeap.
                let bytes = StartupPages.release()
                let heap = ProcessHeap.releaseFreed()
                logger.info("released start-up code pages", metadata: ["bytes": "\(bytes)", "heap.trimmed": "\(heap)"])
            })
        try await daemon.run()
        logger.notice("stopped")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
