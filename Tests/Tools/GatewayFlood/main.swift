// A gateway that floods its own router, for the crash test (Tests/JournalTests): runs the
// site's gateway with its journal and submits COUNT events of every severity as fast as it
// can, then idles until killed. Usage: GatewayFlood SITE JOURNAL COUNT
import Foundation
import Gateway
import GatewayCore
import Logging
import SiteConfig

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: GatewayFlood SITE JOURNAL COUNT\n".utf8))
    exit(64)
}
let site = try SiteLoader.load(path: arguments[1])
var logger = Logger(label: "flood")
logger.logLevel = .error
let gateway = Gateway(site: site, logger: logger, journalPath: arguments[2])
let group = gateway.serviceGroup(logger: logger)
let severities: [Severity] = [.info, .minor, .major, .critical]
Task {
    try await Task.sleep(for: .milliseconds(100))
    for i in 0..<count {
        let severity = severities[i % severities.count]
        gateway.router.submit(Event(
            site: site.id, device: "flood", point: "p\(i % 7)", kind: severity == .critical ? .emergency : "flood.test",
            state: .active, severity: severity, timestamp: WallClock.nowMilliseconds()))
    }
    print("submitted \(count)")
}
try await group.run()
