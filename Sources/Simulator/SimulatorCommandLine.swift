import Modbus

/// The simulator's text control protocol: one command line in, one reply line out.
///
///     press DEVICE POINT        make a bool/bit point active
///     release DEVICE POINT      make it inactive
///     set DEVICE POINT VALUE    set a point (numbers as the gateway decodes them)
///     get DEVICE POINT          read a point back
///     unplug DEVICE             stop answering (refuse connects when its endpoint is empty)
///     plug DEVICE               answer again
///     fault DEVICE KIND         misbehave: exception N | garble | crc | slow MS | none
///     reboot DEVICE             restart: counters back to 0, latches empty
///     list                      every device and point with its value
///     help                      this list
///
/// Replies start with `ok` (then the result, if any) or `error: ` and a reason. A reply never
/// contains a line break, and no input line makes it fail other than with an `error:` reply.
public struct SimulatorCommandLine: Sendable {
    public let simulator: Simulator

    public init(simulator: Simulator) {
        self.simulator = simulator
    }

    public static let usage =
        "press DEVICE POINT | release DEVICE POINT | set DEVICE POINT VALUE | get DEVICE POINT"
        + " | unplug DEVICE | plug DEVICE | fault DEVICE exception N|garble|crc|slow MS|none | reboot DEVICE | list | help"

    /// Runs one command line (without its line break) and returns the reply (without one).
    public func reply(to line: String) -> String {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
        guard let verb = words.first else { return "error: empty command (try help)" }
        let arguments = Array(words.dropFirst())
        do throws(SimulatorError) {
            return try run(verb.lowercased(), arguments)
        } catch {
            return Self.oneLine("error: \(error.reason)")
        }
    }

    private func run(_ verb: String, _ arguments: [String]) throws(SimulatorError) -> String {
        switch verb {
        case "press":
            let (device, point) = try Self.devicePoint(verb, arguments)
            try simulator.press(device: device, point: point)
            return "ok"
        case "release":
            let (device, point) = try Self.devicePoint(verb, arguments)
            try simulator.release(device: device, point: point)
            return "ok"
        case "set":
            guard arguments.count == 3 else { throw SimulatorError("usage: set DEVICE POINT VALUE") }
            guard let value = Double(arguments[2]), value.isFinite else {
                throw SimulatorError("value must be a finite number, got '\(Self.oneLine(arguments[2]))'")
            }
            try simulator.set(device: arguments[0], point: arguments[1], value: value)
            return "ok"
        case "get":
            let (device, point) = try Self.devicePoint(verb, arguments)
            return "ok " + PointEncoder.format(try simulator.get(device: device, point: point))
        case "unplug", "plug":
            guard arguments.count == 1 else { throw SimulatorError("usage: \(verb) DEVICE") }
            if verb == "plug" {
                try simulator.plug(device: arguments[0])
            } else {
                try simulator.unplug(device: arguments[0])
            }
            return "ok"
        case "fault":
            guard arguments.count >= 2 else { throw SimulatorError("usage: fault DEVICE exception N|garble|crc|slow MS|none") }
            try simulator.inject(try Self.fault(Array(arguments.dropFirst())), device: arguments[0])
            return "ok"
        case "reboot":
            guard arguments.count == 1 else { throw SimulatorError("usage: reboot DEVICE") }
            try simulator.reboot(device: arguments[0])
            return "ok"
        case "list":
            guard arguments.isEmpty else { throw SimulatorError("usage: list") }
            return try list()
        case "help":
            return "ok commands: " + Self.usage
        default:
            throw SimulatorError("unknown command '\(Self.oneLine(verb))' (try help)")
        }
    }

    /// `ok DEVICE POINT=VALUE …; DEVICE[unplugged] …`, devices in site order.
    private func list() throws(SimulatorError) -> String {
        var parts: [String] = []
        for device in simulator.deviceIDs {
            var text = device
            if try !simulator.isPlugged(device: device) { text += "[unplugged]" }
            for point in try simulator.points(of: device) {
                text += " \(point.id)=" + PointEncoder.format(try simulator.get(device: device, point: point.id))
            }
            parts.append(text)
        }
        return "ok " + parts.joined(separator: "; ")
    }

    private static func fault(_ words: [String]) throws(SimulatorError) -> ServerFault? {
        switch (words[0].lowercased(), words.count) {
        case ("none", 1): return nil
        case ("garble", 1): return .garble
        case ("crc", 1): return .badCRC
        case ("exception", 2):
            guard let code = UInt8(words[1]), (1...11).contains(code) else {
                throw SimulatorError("exception code must be 1–11, got '\(oneLine(words[1]))'")
            }
            return .exception(code)
        case ("slow", 2):
            guard let ms = Int(words[1]), (1...60000).contains(ms) else {
                throw SimulatorError("slow needs milliseconds 1–60000, got '\(oneLine(words[1]))'")
            }
            return .slow(.milliseconds(ms))
        default:
            throw SimulatorError("usage: fault DEVICE exception N|garble|crc|slow MS|none")
        }
    }

    private static func devicePoint(_ verb: String, _ arguments: [String]) throws(SimulatorError) -> (String, String) {
        guard arguments.count == 2 else { throw SimulatorError("usage: \(verb) DEVICE POINT") }
        return (arguments[0], arguments[1])
    }

    /// Control characters (line breaks among them) become spaces, so a reply stays one line.
    private static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    }
}
