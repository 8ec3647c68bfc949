import Foundation
import GatewayTesting
import Testing

/// `systemctl reload` is SIGHUP: the real binary reloads, tells systemd, and logs every
/// error of a broken site file with its place.
@Suite(.timeLimit(.minutes(1)))
struct ReloadSignalTests {
    @Test func sighupWithABrokenSiteIsRefusedAndLogged() async throws {
        let socket = try NotifySocket()
        let gateway = try await RunningGateway.start(environment: ["NOTIFY_SOCKET": socket.path])
        defer { gateway.stop() }
        #expect(await socket.next(timeout: .seconds(10)) { $0.hasPrefix("READY=1") } != nil)
        let site = gateway.directory.file("site.yaml")
        let original = try String(contentsOfFile: site, encoding: .utf8)
        try original.replacingOccurrences(of: "poll: 100ms", with: "pol: 100ms").write(toFile: site, atomically: true, encoding: .utf8)

        gateway.process.signal(SIGHUP)
        #expect(await socket.next(timeout: .seconds(10)) { $0.hasPrefix("RELOADING=1") } != nil)
        let ready = await socket.next(timeout: .seconds(10)) { $0.hasPrefix("READY=1") }
        #expect(ready?.match.contains("STATUS=reload refused (1 error)") == true, "\(String(describing: ready))")
        #expect(gateway.process.isRunning)
        let log = gateway.process.stderrSoFar
        #expect(log.contains("ERROR reload refused; running on the previous site file errors=1"))
        #expect(log.contains("ERROR site file error diagnostic=\"\(site):"), "\(log)")
        #expect(log.contains("unknown key 'pol' in device; did you mean 'poll'?"))

        try original.write(toFile: site, atomically: true, encoding: .utf8)
        gateway.process.signal(SIGHUP)
        #expect(await socket.next(timeout: .seconds(10)) { $0.hasPrefix("READY=1") } != nil)
        #expect(gateway.process.stderrSoFar.contains("NOTICE site file reloaded changes=\"no change\""))

        gateway.process.signal(SIGTERM)
        #expect(await gateway.process.exit(within: .seconds(10)))
        #expect(gateway.process.finish().status == 0)
    }
}
