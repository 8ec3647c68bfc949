import GatewayCore
import Testing

@Suite struct DestinationsTests {
    @Test func firstRouteToReachAnUplinkStays() {
        var d = Destinations()
        d.insert(uplink: 3, route: 7)
        d.insert(uplink: 3, route: 1)
        d.insert(uplink: 0, route: nil)
        #expect(d.count == 2)
        #expect(d.route(forUplink: 3) == 7)
        #expect(d.route(forUplink: 0) == nil)
        #expect(!d.contains(uplink: 1) && d.route(forUplink: 1) == nil)
        var order: [Int] = []
        d.forEach { order.append($0) }
        #expect(order == [0, 3])
    }

    @Test func allCoversEveryUplinkWithoutRoutes() {
        let d = Destinations.all(4)
        #expect(d.count == 4 && d.contains(uplink: 3) && !d.contains(uplink: 4))
        #expect(Destinations().isEmpty && !d.isEmpty)
    }
}
