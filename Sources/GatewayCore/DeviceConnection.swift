/// Where a device is reached: a Modbus TCP address or an RTU serial line.
/// Parsed from a site file's `connection:` URL.
public enum DeviceConnection: Sendable, Hashable, CustomStringConvertible {
    case tcp(host: String, port: Int)
    case rtu(SerialLine)

    public struct SerialLine: Sendable, Hashable {
        public var path: String
        public var baud: Int
        /// "N", "E" or "O".
        public var parity: Character
        public var dataBits: Int
        public var stopBits: Int

        public init(path: String, baud: Int = 9600, parity: Character = "N", dataBits: Int = 8, stopBits: Int = 1) {
            self.path = path
            self.baud = baud
            self.parity = parity
            self.dataBits = dataBits
            self.stopBits = stopBits
        }
    }

    public var description: String {
        switch self {
        case .tcp(let host, let port): "tcp://\(host):\(port)"
        case .rtu(let l): "rtu://\(l.path)?baud=\(l.baud)&parity=\(l.parity)&data=\(l.dataBits)&stop=\(l.stopBits)"
        }
    }

    /// Parses `tcp://host:port` (port defaults to 502) or
    /// `rtu:///dev/ttyS1?baud=9600&parity=N&data=8&stop=1`. Returns a reason on failure.
    public static func parse(_ text: String) -> Result<DeviceConnection, ConnectionURLError> {
        if text.hasPrefix("tcp://") {
            let rest = text.dropFirst("tcp://".count)
            guard !rest.isEmpty, !rest.contains("/") || rest.hasSuffix("/") else {
                return .failure(.init("expected tcp://HOST:PORT, got '\(text)'"))
            }
            let hostPort = rest.hasSuffix("/") ? rest.dropLast() : rest
            let host: Substring
            var port = 502
            if let colon = hostPort.lastIndex(of: ":") {
                host = hostPort[..<colon]
                guard let p = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(p) else {
                    return .failure(.init("port in '\(text)' must be a number 1–65535"))
                }
                port = p
            } else {
                host = hostPort
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }) else {
                return .failure(.init("host in '\(text)' is empty or not a host name or IPv4 address"))
            }
            return .success(.tcp(host: String(host), port: port))
        }
        if text.hasPrefix("rtu://") {
            let rest = text.dropFirst("rtu://".count)
            let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            let path = String(parts[0])
            guard path.hasPrefix("/"), path.count > 1 else {
                return .failure(.init("expected rtu:///dev/NAME?baud=…, got '\(text)'"))
            }
            var line = SerialLine(path: path)
            if parts.count == 2 {
                for pair in parts[1].split(separator: "&") {
                    let kv = pair.split(separator: "=", maxSplits: 1)
                    guard kv.count == 2 else { return .failure(.init("bad option '\(pair)' in '\(text)'")) }
                    let key = kv[0], value = String(kv[1])
                    switch key {
                    case "baud":
                        let rates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200]
                        guard let b = Int(value), rates.contains(b) else {
                            let list = rates.map(String.init).joined(separator: ", ")
                            return .failure(.init("baud must be one of \(list), got '\(value)'"))
                        }
                        line.baud = b
                    case "parity":
                        guard ["N", "E", "O"].contains(value.uppercased()) else {
                            return .failure(.init("parity must be N, E or O, got '\(value)'"))
                        }
                        line.parity = Character(value.uppercased())
                    case "data":
                        guard let d = Int(value), (5...8).contains(d) else {
                            return .failure(.init("data bits must be 5–8, got '\(value)'"))
                        }
                        line.dataBits = d
                    case "stop":
                        guard let s = Int(value), s == 1 || s == 2 else {
                            return .failure(.init("stop bits must be 1 or 2, got '\(value)'"))
                        }
                        line.stopBits = s
                    default:
                        return .failure(.init("unknown option '\(key)' in '\(text)' (known: baud, parity, data, stop)"))
                    }
                }
            }
            return .success(.rtu(line))
        }
        return .failure(.init("connection must start with tcp:// or rtu://, got '\(text)'"))
    }
}

public struct ConnectionURLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
