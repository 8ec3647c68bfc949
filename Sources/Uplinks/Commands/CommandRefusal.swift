/// Why a platform command was not carried out. Its description is the `reason` of the result.
package enum CommandRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case oversized(Int)
    case malformed(String)
    case unsigned
    case badSignature
    case stale(ageMilliseconds: Int64)
    case fromTheFuture
    case expired
    case replayed
    case notAllowed(String)

    package var description: String {
        switch self {
        case .oversized(let bytes): "oversized: \(bytes) bytes, at most \(PlatformCommand.maxBytes)"
        case .malformed(let problem): "malformed: \(problem)"
        case .unsigned: "unsigned: this uplink requires an HMAC-SHA256 signature in 'sig'"
        case .badSignature: "bad signature"
        case .stale(let age): "stale: issued \(age) ms ago"
        case .fromTheFuture: "stale: issued in the future (check the platform's clock)"
        case .expired: "expired"
        case .replayed: "replayed: this command id was seen before"
        case .notAllowed(let action): "not allowed: '\(action)' is not a command this uplink may send"
        }
    }
}
