import GatewayCore
import SiteConfig

/// Moves a site onto ports that are free on this machine: every TCP device endpoint gets a
/// fresh loopback port and every uplink points at the demo's private broker, so the demo
/// never collides with a real broker or a second demo.
enum DemoSite {
    static func relocate(_ site: Site, brokerPort: Int, freePort: () -> Int) -> Site {
        var site = site
        var moved: [DeviceConnection: DeviceConnection] = [:]
        for i in site.devices.indices {
            let old = site.devices[i].connection
            guard case .tcp = old else { continue }
            if moved[old] == nil { moved[old] = .tcp(host: "127.0.0.1", port: freePort()) }
            site.devices[i].connection = moved[old]!
        }
        for i in site.uplinks.indices {
            site.uplinks[i].scheme = .mqtt
            site.uplinks[i].host = "127.0.0.1"
            site.uplinks[i].port = brokerPort
            site.uplinks[i].username = nil
            site.uplinks[i].password = nil
        }
        return site
    }
}
