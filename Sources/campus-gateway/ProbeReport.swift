import GatewayCore
import SiteConfig

/// How `probe` prints what it read: a table for a person, JSON for a script.
enum ProbeReport {
    static func text(_ device: DeviceConfig, result: (readings: [DeviceProbe.Reading], elapsed: Duration)) -> String {
        var lines = ["\(device.id) (\(device.profile.name)) at \(device.connection) unit \(device.unit): "
            + "answered, \(result.readings.count) points in \(result.elapsed.milliseconds) ms"]
        let width = result.readings.map(\.point.id.count).max() ?? 0
        for reading in result.readings {
            let id = reading.point.id.padding(toLength: width, withPad: " ", startingAt: 0)
            var line = "  \(id)  \(display(reading))"
            if let event = reading.point.event {
                let alarm = reading.value.isActive
                line += alarm ? "  ← ACTIVE: \(event) (\(reading.point.severity.rawValue))" : "  (\(event) when on)"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ device: DeviceConfig, result: (readings: [DeviceProbe.Reading], elapsed: Duration)) -> String {
        var w = header(device, answered: true)
        w.field("elapsed_ms", result.elapsed.milliseconds)
        w.key("points")
        w.beginArray()
        for reading in result.readings {
            w.beginObject()
            w.field("id", reading.point.id)
            w.key("value")
            w.value(reading.value)
            if let unit = reading.point.unit { w.field("unit", unit) }
            if let event = reading.point.event {
                w.field("event", event.rawValue)
                w.field("active", reading.value.isActive)
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    static func json(_ device: DeviceConfig, failure: String) -> String {
        var w = header(device, answered: false)
        w.field("error", failure)
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    private static func header(_ device: DeviceConfig, answered: Bool) -> JSONWriter {
        var w = JSONWriter()
        w.beginObject()
        w.field("device", device.id)
        w.field("profile", device.profile.name)
        w.field("connection", "\(device.connection)")
        w.field("unit", Int64(device.unit))
        w.field("answered", answered)
        return w
    }

    private static func display(_ reading: DeviceProbe.Reading) -> String {
        let unit = reading.point.unit.map { " \($0)" } ?? ""
        switch reading.value {
        case .bool(let flag): return flag ? "on" : "off"
        case .int(let number): return "\(number)\(unit)"
        case .double(let number): return "\(number)\(unit)"
        }
    }
}
