import Foundation
import GatewayCore
import Testing
@testable import Uplinks

/// Every way a platform command can be refused, and the one way it is accepted.
@Suite struct CommandAuthorityTests {
    static let key = Array("police-shared-secret-0123".utf8)
    static let now: Int64 = 1_800_000_000_000

    static func command(
        id: String = "cmd-1", action: String = "siren", issued: Int64 = now - 1000, expires: Int64 = now + 30_000,
        argument: Double? = nil
    ) -> PlatformCommand {
        PlatformCommand(id: id, target: "sos-1", action: action, issued: issued, expires: expires, argument: argument)
    }

    static func payload(_ command: PlatformCommand, signedWith key: [UInt8]? = CommandAuthorityTests.key, signature: String? = nil) -> [UInt8] {
        var fields: [String: Any] = [
            "v": 1, "id": command.id, "target": command.target, "action": command.action, "issued": command.issued,
            "expires": command.expires,
        ]
        if let argument = command.argument { fields["argument"] = argument }
        if let sig = signature ?? key.map({ CommandAuthority.sign(command, key: $0) }) { fields["sig"] = sig }
        return Array(try! JSONSerialization.data(withJSONObject: fields))
    }

    func authority(key: [UInt8]? = CommandAuthorityTests.key) -> CommandAuthority {
        CommandAuthority(allowed: ["siren", "lockdown", "reset", "drill"], key: key, window: .seconds(30))
    }

    @Test func aSignedFreshAllowedCommandIsAccepted() throws {
        var authority = authority()
        let result = authority.authorise(Self.payload(Self.command(argument: 2)), now: Self.now)
        #expect(try result.get() == Self.command(argument: 2).with(signature: CommandAuthority.sign(Self.command(argument: 2), key: Self.key)))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var payload: [UInt8]
        var reason: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "oversized", payload: Array(repeating: UInt8(ascii: " "), count: 5000), reason: "oversized: 5000 bytes"),
        Case(name: "not JSON", payload: Array("siren now".utf8), reason: "malformed: not a JSON object"),
        Case(name: "deeply nested", payload: Array(String(repeating: "[", count: 4000).utf8), reason: "malformed"),
        Case(name: "invalid UTF-8", payload: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], reason: "malformed"),
        Case(name: "a JSON array", payload: Array("[1,2,3]".utf8), reason: "malformed"),
        Case(name: "missing action", payload: Array(#"{"v":1,"id":"a","target":"t","issued":1,"expires":2}"#.utf8), reason: "malformed: 'action' must be a string"),
        Case(name: "issued as text", payload: Array(#"{"v":1,"id":"a","target":"t","action":"siren","issued":"now","expires":2}"#.utf8), reason: "malformed: 'issued' has the wrong type"),
        Case(name: "wrong version", payload: Array(#"{"v":2,"id":"a","target":"t","action":"siren","issued":1,"expires":2}"#.utf8), reason: "malformed: 'v' must be 1"),
        Case(name: "unsigned", payload: payload(command(), signedWith: nil), reason: "unsigned"),
        Case(name: "bad signature", payload: payload(command(), signature: String(repeating: "ab", count: 32)), reason: "bad signature"),
        Case(name: "signature of another command", payload: payload(command(), signature: CommandAuthority.sign(command(action: "lockdown"), key: key)), reason: "bad signature"),
        Case(name: "stale", payload: payload(command(issued: now - 31_000)), reason: "stale: issued 31000 ms ago"),
        Case(name: "from the future", payload: payload(command(issued: now + 31_000, expires: now + 60_000)), reason: "issued in the future"),
        Case(name: "expired", payload: payload(command(expires: now - 1)), reason: "expired"),
        Case(name: "not allowed", payload: payload(command(action: "open")), reason: "not allowed: 'open'"),
    ]

    @Test(arguments: cases)
    func isRefusedWithItsReason(_ input: Case) {
        var authority = authority()
        switch authority.authorise(input.payload, now: Self.now) {
        case .success: Issue.record("accepted")
        case .failure(let refusal): #expect(refusal.description.contains(input.reason), "\(refusal)")
        }
    }

    @Test func aReplayedIDIsRefusedEvenWhenEverythingElseIsValid() {
        var authority = authority()
        #expect((try? authority.authorise(Self.payload(Self.command()), now: Self.now).get()) != nil)
        let again = authority.authorise(Self.payload(Self.command()), now: Self.now + 10)
        #expect(again == .failure(.replayed))
    }

    @Test func aForgedCommandCannotBlockTheRealOneByItsID() {
        var authority = authority()
        _ = authority.authorise(Self.payload(Self.command(), signature: String(repeating: "00", count: 32)), now: Self.now)
        #expect((try? authority.authorise(Self.payload(Self.command()), now: Self.now).get()) != nil)
    }

    /// The signed text is the one docs/mqtt-api.md shows; this digest is what
    /// `printf '1|c-1|site|lockdown|1|2|' | openssl dgst -sha256 -hmac police-shared-secret-0123` prints.
    @Test func theSignatureMatchesTheDocumentedRecipe() {
        let command = PlatformCommand(id: "c-1", target: "site", action: "lockdown", issued: 1, expires: 2)
        #expect(command.signedText == "1|c-1|site|lockdown|1|2|")
        #expect(CommandAuthority.sign(command, key: Self.key) == "b2c1a444a33850ced168611f5c05f9e853e92de47e4c68eced9ad22f73c41f1a")
    }

    @Test func withoutAKeyNoSignatureIsNeeded() {
        var authority = authority(key: nil)
        #expect((try? authority.authorise(Self.payload(Self.command(), signedWith: nil), now: Self.now).get()) != nil)
    }
}

extension PlatformCommand {
    func with(signature: String) -> PlatformCommand {
        var copy = self
        copy.signature = signature
        return copy
    }
}
