import Crypto
import GatewayCore

/// Decides whether one uplink's platform may have a command carried out: well-formed, signed
/// when the uplink has a key, fresh, never seen before, and allowed for this uplink.
///
/// Not thread-safe: the uplink calls it under its lock.
package struct CommandAuthority {
    let allowed: Set<String>
    let key: SymmetricKey?
    /// Freshness window in ms.
    let window: Int64
    /// Command ids seen, with their issue time; kept while a command could still be fresh.
    private var seen: [String: Int64] = [:]
    static let maxRemembered = 10_000

    package init(allowed: [String], key: [UInt8]?, window: Duration) {
        self.allowed = Set(allowed)
        self.key = key.map { SymmetricKey(data: $0) }
        self.window = window.milliseconds
    }

    /// The command, or why it is refused. Checks run in an order that never lets an
    /// unauthenticated message change state: the replay memory only takes signed, fresh ids.
    package mutating func authorise(_ payload: [UInt8], now: Int64) -> Result<PlatformCommand, CommandRefusal> {
        let command: PlatformCommand
        switch PlatformCommand.parse(payload) {
        case .success(let parsed): command = parsed
        case .failure(let refusal): return .failure(refusal)
        }
        if let key {
            guard let signature = command.signature else { return .failure(.unsigned) }
            guard let given = Self.bytes(hex: signature),
                  HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: Array(command.signedText.utf8), using: key)
            else { return .failure(.badSignature) }
        }
        if now - command.issued > window { return .failure(.stale(ageMilliseconds: now - command.issued)) }
        if command.issued - now > window { return .failure(.fromTheFuture) }
        if command.expires < now { return .failure(.expired) }
        forget(before: now - 2 * window)
        if seen[command.id] != nil { return .failure(.replayed) }
        if seen.count >= Self.maxRemembered, let oldest = seen.min(by: { $0.value < $1.value }) { seen[oldest.key] = nil }
        seen[command.id] = command.issued
        guard allowed.contains(command.action) else { return .failure(.notAllowed(command.action)) }
        return .success(command)
    }

    private mutating func forget(before cutoff: Int64) {
        guard seen.count > 256 || seen.values.contains(where: { $0 < cutoff }) else { return }
        seen = seen.filter { $0.value >= cutoff }
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0, !digits.isEmpty else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
        }
        return result
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The signature a platform sends for `command` with `key` (tests and tools).
    package static func sign(_ command: PlatformCommand, key: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(command.signedText.utf8), using: SymmetricKey(data: key))
        return code.map { byte in String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }
}
