import GatewayCore

/// Checks that need the whole site file: unique names, devices that would fight over one
/// address or serial line, and routes that name devices and uplinks that exist.
struct SiteValidator {
    let file: YAMLFile

    func check(_ site: SiteDraft) {
        checkDevices(site.devices)
        checkBusCount(site.devices)
        checkUplinks(site.uplinks)
        checkRoutes(site.routes, devices: site.devices, uplinks: site.uplinks)
        checkRouting(site)
    }

    private func checkDevices(_ devices: [DeviceDraft]) {
        unique(devices.compactMap(\.id), what: "device id")
        var byAddress: [String: DeviceDraft] = [:]
        var byLine: [String: DeviceDraft] = [:]
        for device in devices {
            guard let connection = device.connection, let unit = device.unit else { continue }
            let key = "\(connection.value) unit \(unit)"
            if let first = byAddress[key] {
                file.error(
                    "device \(name(device)) uses the same connection and unit as device \(name(first))\(at(first.connection)) (\(key))",
                    at: connection.mark
                )
            } else {
                byAddress[key] = device
            }
            // One RS-485 line has one baud rate and framing; units on it only differ by id.
            guard case .rtu(let line) = connection.value else { continue }
            if let first = byLine[line.path], let firstConnection = first.connection, firstConnection.value != connection.value {
                file.error(
                    "serial line \(line.path) is set up as '\(firstConnection.value)' by device \(name(first))\(at(firstConnection)); every device on one line must use the same settings",
                    at: connection.mark
                )
            } else if byLine[line.path] == nil {
                byLine[line.path] = device
            }
        }
    }

    /// libmodbus 3.1.6 waits on each connection with `select()`, which cannot watch a file
    /// descriptor numbered 1024 or above (FD_SETSIZE; Debian's build aborts the process).
    /// Each bus holds one descriptor; the rest of the gateway needs a few dozen.
    static let maxBuses = 900

    private func checkBusCount(_ devices: [DeviceDraft]) {
        var buses: [String] = []
        var seen = Set<String>()
        for device in devices {
            guard let connection = device.connection else { continue }
            let key: String
            switch connection.value {
            case .tcp: key = "\(connection.value)"
            case .rtu(let line): key = line.path
            }
            if seen.insert(key).inserted {
                buses.append(key)
                if buses.count == Self.maxBuses + 1 {
                    file.error(
                        "too many buses: at most \(Self.maxBuses) distinct TCP addresses and serial lines per gateway "
                            + "(libmodbus waits with select(), limited to 1024 open files); put devices behind shared "
                            + "TCP-to-RTU converters or split the site",
                        at: connection.mark
                    )
                }
            }
        }
    }

    private func checkUplinks(_ uplinks: [UplinkDraft]) {
        unique(uplinks.compactMap(\.name), what: "uplink name")
        if uplinks.count > Destinations.capacity, let extra = uplinks[Destinations.capacity].name {
            file.error("too many uplinks: at most \(Destinations.capacity) platforms per gateway", at: extra.mark)
        }
        // A broker disconnects the older of two sessions with one client id: the two
        // uplinks would knock each other off in a loop.
        var byClient: [String: UplinkDraft] = [:]
        for uplink in uplinks {
            guard let url = uplink.url else { continue }
            let key = "\(url.value.host):\(url.value.port) \(uplink.clientID.value)"
            if let first = byClient[key] {
                file.error(
                    "uplinks \(name(first)) and \(name(uplink)) both connect to \(url.value.host):\(url.value.port) as client_id '\(uplink.clientID.value)'; the broker would keep disconnecting one of them",
                    at: uplink.clientID.mark
                )
            } else {
                byClient[key] = uplink
            }
        }
    }

    private func checkRoutes(_ routes: [RouteDraft], devices: [DeviceDraft], uplinks: [UplinkDraft]) {
        unique(routes.compactMap(\.name), what: "route name")
        let deviceIDs = devices.compactMap(\.id?.value)
        let uplinkNames = uplinks.compactMap(\.name?.value)
        for route in routes {
            let routeName = route.name.map { " in route '\($0.value)'" } ?? ""
            for device in route.devices where !deviceIDs.contains(device.value) {
                file.error("unknown device '\(device.value)'\(routeName)\(Spelling.hint(for: device.value, in: deviceIDs))", at: device.mark)
            }
            for uplink in route.uplinks where !uplinkNames.contains(uplink.value) {
                file.error("unknown uplink '\(uplink.value)'\(routeName)\(Spelling.hint(for: uplink.value, in: uplinkNames))", at: uplink.mark)
            }
        }
    }

    /// Reports every repeat of a name after its first use.
    func unique(_ names: [Located<String>], what: String) {
        var first: [String: Located<String>] = [:]
        for name in names {
            if let earlier = first[name.value] {
                file.error("\(what) '\(name.value)' is already used\(at(earlier))", at: name.mark)
            } else {
                first[name.value] = name
            }
        }
    }

    private func name(_ device: DeviceDraft) -> String { device.id.map { "'\($0.value)'" } ?? "(no id)" }
    private func name(_ uplink: UplinkDraft) -> String { uplink.name.map { "'\($0.value)'" } ?? "(no name)" }

    private func at<Value>(_ located: Located<Value>?) -> String {
        located?.mark.map { " at line \($0.line)" } ?? ""
    }
}
