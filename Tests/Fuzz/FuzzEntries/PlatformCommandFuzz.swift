import Uplinks

/// Fuzzes what a platform command goes through before anything is carried out: parsing,
/// the HMAC check, freshness, the replay memory and the allow-list, and the best-effort id
/// read for a refusal.
///
/// Besides not crashing, the verdicts must agree with what the parse says: a payload that
/// does not parse is refused for that reason; a parsed one is unsigned or signed as its
/// HMAC says, fresh at its own issue time, and refused as a replay the second time.
public enum PlatformCommandFuzz {
    static let key = Array("fuzz-shared-secret".utf8)
    static let allowed = ["siren", "lockdown", "reset", "drill"]
    static let now: Int64 = 1_800_000_000_000
    static let structured: UInt8 = 0xF5

    public static func run(_ data: [UInt8]) {
        // A first byte no JSON text starts with: the rest picks the fields and the entry
        // writes the JSON (validly signed or not), so extreme times and arguments reach the
        // checks after parsing, which raw JSON mutations rarely do.
        let payload = data.first == structured ? CommandFields(data.dropFirst()).payload(key: key) : data
        _ = PlatformCommand.bestEffortID(payload)
        var signed = authority(key: key)
        let verdict = signed.authorise(payload, now: now)
        let command: PlatformCommand
        switch PlatformCommand.parse(payload) {
        case .failure(let refusal):
            precondition(verdict == .failure(refusal), "parse refused with \(refusal), the authority with \(verdict)")
            return
        case .success(let parsed):
            command = parsed
        }

        // At its own issue time the command is fresh, so the signature alone decides.
        var atIssue = authority(key: key)
        let byKey = atIssue.authorise(payload, now: command.issued)
        if let signature = command.signature {
            let valid = signature.lowercased() == CommandAuthority.sign(command, key: key)
            precondition((byKey == .failure(.badSignature)) != valid, "signature \(valid ? "valid" : "invalid") but \(byKey)")
        } else {
            precondition(byKey == .failure(.unsigned), "no signature but \(byKey)")
        }

        var open = authority(key: nil)
        let first = open.authorise(payload, now: command.issued)
        if command.expires < command.issued {
            precondition(first == .failure(.expired), "expired but \(first)")
            return
        }
        let expected: Result<PlatformCommand, CommandRefusal> =
            allowed.contains(command.action) ? .success(command) : .failure(.notAllowed(command.action))
        precondition(first == expected, "expected \(expected), got \(first)")
        let again = open.authorise(payload, now: command.issued)
        precondition(again == .failure(.replayed), "a second delivery gave \(again)")
    }

    static func authority(key: [UInt8]?) -> CommandAuthority {
        CommandAuthority(allowed: allowed, key: key, window: .seconds(30))
    }
}
