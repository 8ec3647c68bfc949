import GatewayTesting
import Testing

@Suite("TestBroker", .timeLimit(.minutes(1)))
struct TestBrokerTests {
    @Test func restartsOnTheSamePortAndStopsForGood() throws {
        let broker = try TestBroker()
        #expect(broker.acceptsConnections)
        let port = broker.port
        broker.stop()
        #expect(!broker.isRunning)
        #expect(!broker.acceptsConnections)
        try broker.restart()
        #expect(broker.port == port)
        #expect(broker.acceptsConnections)
        broker.shutdown()
        #expect(!broker.acceptsConnections)
    }

    @Test func freePortsAreUsable() throws {
        let port = FreePort.next()
        #expect((1024...65535).contains(port))
        let broker = try TestBroker(port: port)
        #expect(broker.port == port)
        #expect(broker.url == "mqtt://127.0.0.1:\(port)")
    }
}
