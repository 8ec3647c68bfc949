import Testing

@testable import GatewayCore

@Suite struct DeviceConnectionTests {
    @Test func tcpWithAndWithoutPort() throws {
        #expect(try DeviceConnection.parse("tcp://127.0.0.1:1502").get() == .tcp(host: "127.0.0.1", port: 1502))
        #expect(try DeviceConnection.parse("tcp://plc-1").get() == .tcp(host: "plc-1", port: 502))
    }

    @Test func rtuWithOptions() throws {
        let c = try DeviceConnection.parse("rtu:///dev/ttyS1?baud=19200&parity=E&data=8&stop=1").get()
        #expect(c == .rtu(.init(path: "/dev/ttyS1", baud: 19200, parity: "E", dataBits: 8, stopBits: 1)))
        #expect(try DeviceConnection.parse("rtu:///dev/ttyUSB0").get() == .rtu(.init(path: "/dev/ttyUSB0")))
    }

    @Test(arguments: [
        ("http://x:1", "must start with tcp:// or rtu://"),
        ("tcp://x:0", "port"),
        ("tcp://x:70000", "port"),
        ("tcp://:502", "host"),
        ("rtu://ttyS1", "expected rtu:///dev/NAME"),
        ("rtu:///dev/ttyS1?baud=1234", "baud"),
        ("rtu:///dev/ttyS1?parity=X", "parity"),
        ("rtu:///dev/ttyS1?speed=9600", "unknown option"),
    ])
    func badURLsSayWhy(url: String, reason: String) {
        guard case .failure(let error) = DeviceConnection.parse(url) else {
            Issue.record("\(url) parsed")
            return
        }
        #expect(error.description.contains(reason))
    }

    @Test func eventIDsAreUUIDv7AndUnique() {
        var gen = EventIDGenerator()
        let ids = (0..<1000).map { _ in gen.next(milliseconds: 1_764_000_000_000).description }
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy { $0.count == 36 && $0[$0.index($0.startIndex, offsetBy: 14)] == "7" })
        #expect(gen.next(milliseconds: 1) < gen.next(milliseconds: 2))
    }

    @Test func severityOrdersByUrgency() {
        #expect(Severity.critical > .major && Severity.minor > .info)
        #expect(Severity.allCases.map(\.priority) == [1, 2, 3, 4])
    }
}
