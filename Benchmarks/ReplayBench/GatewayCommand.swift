import ArgumentParser
import Gateway
import GatewayCore
import Logging
import ServiceLifecycle
import SiteConfig
import UnixSignals

/// The measured process: the gateway's own `Gateway` (router → journal → uplink, as
/// `campus-gateway run` wires them) on a real journal file. After SIGUSR1 it waits until
/// its uplink has lost the broker, submits the flood through the router as bus workers
/// would, and reports each milestone (see `Milestones`). Stops on SIGTERM.
struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway", abstract: "The measured gateway (started by the benchmark itself).", shouldDisplay: false)

    @Option var site: String
    @Option var journal: String
    @Option var events: Int
    @Option var seed: UInt64
    /// Events per second into the router; 0: as fast as it takes them.
    @Option var rate: Int = 0

    func run() async throws {
        let site = try SiteLoader.load(path: site)
        var logger = Logger(label: "replay-gateway")
        logger.logLevel = .warning
        let gateway = Gateway(site: site, logger: logger, journalPath: journal)
        let services = gateway.serviceGroup(logger: logger)
        let mix = PriorityMix(events: events, seed: seed)
        // Trapped before `ready`: the benchmark sends SIGUSR1 only after reading it.
        let go = await UnixSignalsSequence(trapping: .sigusr1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            group.addTask { try await flood(gateway, mix: mix, after: go) }
            // The service group ends on SIGTERM; the flood may still be waiting then.
            try await group.next()
            group.cancelAll()
        }
    }

    private func flood(_ gateway: Gateway, mix: PriorityMix, after go: UnixSignalsSequence) async throws {
        guard let journal = gateway.journal, let uplink = gateway.uplinks.first else { return }
        try await until { uplink.status.connected }
        Milestones.report("ready")
        for await _ in go { break }
        try await until { !uplink.status.connected }
        let before = journal.stats
        Milestones.report("submitting", before.lastSeq)
        let start = WallClock.monotonicNanoseconds()
        for index in 0..<events {
            gateway.router.submit(mix.event(index, site: ReplaySite.siteID))
            // Paced in steps of 100 events: a site's traffic during a long outage.
            if rate > 0, index % 100 == 99 {
                let due = start + UInt64(index + 1) * 1_000_000_000 / UInt64(rate)
                let now = WallClock.monotonicNanoseconds()
                if due > now { try await Task.sleep(for: .nanoseconds(due - now)) }
            }
        }
        // The gateway's own events may take seqs among the flood's: wait for the router's
        // last stamp, not for the first seq plus the count.
        try await until { (0..<4).allSatisfy { gateway.router.waiting(lane: $0) == 0 } }
        let last = gateway.router.upcomingSeq - 1
        Milestones.report("submitted", last)
        try await until { journal.stats.lastSeq >= last }
        let after = journal.stats
        Milestones.report("journaled", after.lastSeq, after.commits - before.commits)
        try await until { uplink.status.connected }
        Milestones.report("reconnected")
        // Coarser during the drain: each look takes the uplink's lock, which the publisher
        // and the network thread need for every message.
        try await until(every: .milliseconds(20)) { uplink.status.backlog == 0 }
        Milestones.report("uplink-drained")
        // Runs on until the benchmark's SIGTERM ends the service group.
        while true { try await Task.sleep(for: .seconds(3600)) }
    }

    /// Polls every millisecond by default: the milestones before the drain are read to the
    /// millisecond, and they last a second or less.
    private func until(every interval: Duration = .milliseconds(1), _ condition: () -> Bool) async throws {
        while !condition() { try await Task.sleep(for: interval) }
    }
}
