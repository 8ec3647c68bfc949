import Foundation
import Gateway
import GatewayTesting
import SiteConfig
import Testing

/// The reload diff: what changed between two valid site files, and so what restarts.
@Suite struct SiteChangeTests {
    static let root = GatewayRig.repositoryRoot

    private func site(devices: [String], uplinks: [String], routes: [String] = [], tail: String = "") throws -> Site {
        var yaml = """
            site: { id: s1, name: 东风小学, timezone: Asia/Shanghai }
            profiles: [ "\(Self.root)/DeviceProfiles" ]
            devices:

            """
        yaml += devices.map { "  - \($0)\n" }.joined() + "uplinks:\n" + uplinks.map { "  - \($0)\n" }.joined()
        if !routes.isEmpty { yaml += "routes:\n" + routes.map { "  - \($0)\n" }.joined() }
        yaml += tail
        return try SiteLoader.load(yaml: yaml, path: "/tmp/site-change-\(UUID()).yaml")
    }

    static let sos = #"{ id: sos, profile: sos-button, connection: "tcp://10.0.0.5:502", unit: 1 }"#
    static let gate = #"{ id: gate, profile: gate-controller, connection: "tcp://10.0.0.6:502", unit: 1 }"#
    static let police = #"{ name: police, url: "mqtt://police.example", topic_prefix: p/v1, username: gw, password: a }"#
    static let edu = #"{ name: edu, url: "mqtt://edu.example", topic_prefix: e/v1 }"#

    @Test func sameSiteIsNoChange() throws {
        let a = try site(devices: [Self.sos, Self.gate], uplinks: [Self.police, Self.edu])
        let b = try site(devices: [Self.sos, Self.gate], uplinks: [Self.police, Self.edu])
        let change = SiteChange(from: a, to: b)
        #expect(change.isEmpty)
        #expect(change.summary == [])
        #expect(change.busesTouched(old: a).isEmpty)
    }

    @Test func devicesAddedRemovedAndChanged() throws {
        let bollard = #"{ id: bollard, profile: bollard, connection: "tcp://10.0.0.7:502", unit: 1 }"#
        let movedGate = #"{ id: gate, profile: gate-controller, connection: "tcp://10.0.0.8:502", unit: 1 }"#
        let a = try site(devices: [Self.sos, Self.gate], uplinks: [Self.police])
        let b = try site(devices: [movedGate, bollard], uplinks: [Self.police])
        let change = SiteChange(from: a, to: b)
        #expect(change.addedDevices.map(\.id) == ["bollard"])
        #expect(change.removedDevices.map(\.id) == ["sos"])
        #expect(change.changedDevices.map(\.id) == ["gate"])
        #expect(change.summary == ["device added: bollard", "device removed: sos", "device changed: gate"])
        let buses = Set(change.busesTouched(old: a).map(\.description))
        #expect(buses == ["tcp://10.0.0.5:502", "tcp://10.0.0.6:502", "tcp://10.0.0.7:502", "tcp://10.0.0.8:502"], "the gate's old bus too")
        #expect(change.uplinksToStop.isEmpty, "no uplink is dropped for a device change")
    }

    @Test func aLocationOrPollChangeIsADeviceChange() throws {
        let a = try site(devices: [Self.sos], uplinks: [Self.police])
        let b = try site(devices: [#"{ id: sos, profile: sos-button, connection: "tcp://10.0.0.5:502", unit: 1, location: 东门, poll: 200ms }"#],
                         uplinks: [Self.police])
        #expect(SiteChange(from: a, to: b).changedDevices.map(\.id) == ["sos"])
    }

    @Test func onlyChangedUplinksReconnect() throws {
        let newPassword = #"{ name: police, url: "mqtt://police.example", topic_prefix: p/v1, username: gw, password: b }"#
        let fire = #"{ name: fire, url: "mqtt://fire.example", topic_prefix: f/v1 }"#
        let a = try site(devices: [Self.sos], uplinks: [Self.police, Self.edu])
        let b = try site(devices: [Self.sos], uplinks: [newPassword, fire])
        let change = SiteChange(from: a, to: b)
        #expect(change.changedUplinks.map(\.name) == ["police"], "a new password reconnects")
        #expect(change.addedUplinks.map(\.name) == ["fire"])
        #expect(change.removedUplinks.map(\.name) == ["edu"])
        #expect(change.uplinksToStop == ["police", "edu"])
        #expect(change.addedDevices.isEmpty && change.changedDevices.isEmpty && change.removedDevices.isEmpty)
        #expect(change.summary == ["uplink added: fire", "uplink removed: edu", "uplink changed: police"])
    }

    @Test func anotherOrderOfTheSameUplinksIsAChangeThatStopsNone() throws {
        let a = try site(devices: [Self.sos], uplinks: [Self.police, Self.edu])
        let b = try site(devices: [Self.sos], uplinks: [Self.edu, Self.police])
        let change = SiteChange(from: a, to: b)
        #expect(change.uplinksReordered)
        #expect(change.uplinksToStop.isEmpty)
        #expect(change.summary == ["uplinks reordered"])
        // Adding or removing one alone is not a new order of the others.
        #expect(!SiteChange(from: a, to: try site(devices: [Self.sos], uplinks: [Self.edu])).uplinksReordered)
    }

    @Test func routesAndStatusServer() throws {
        let route = "{ name: alarms, kind: \"alarm.*\", to: [police] }"
        let a = try site(devices: [Self.sos], uplinks: [Self.police])
        let b = try site(devices: [Self.sos], uplinks: [Self.police], routes: [route], tail: "status:\n  listen: 127.0.0.1:9090\n")
        let change = SiteChange(from: a, to: b)
        #expect(change.routesChanged)
        #expect(change.statusChanged)
        #expect(change.summary == ["routes changed", "status server address changed"])
        #expect(change.uplinksToStop.isEmpty && change.busesTouched(old: a).isEmpty)
    }
}
