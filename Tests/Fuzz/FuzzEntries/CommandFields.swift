import Foundation
import Uplinks

/// A platform command's fields taken from fuzz bytes, written out as its JSON payload:
/// flags (argument, signature, valid signature), action, issued and expires (8 bytes each,
/// big-endian), the argument's bits (8 bytes), then the id.
struct CommandFields {
    var flags: UInt8 = 0
    var command = PlatformCommand(id: "", target: "site", action: "", issued: 0, expires: 0)

    init(_ bytes: ArraySlice<UInt8>) {
        var input = bytes
        flags = input.popFirst() ?? 0
        let actions = PlatformCommandFuzz.allowed + ["open", ""]
        command.action = actions[Int(input.popFirst() ?? 0) % actions.count]
        command.issued = Int64(bitPattern: Self.word(&input))
        command.expires = Int64(bitPattern: Self.word(&input))
        let argument = Double(bitPattern: Self.word(&input))
        command.argument = flags & 1 != 0 && argument.isFinite ? argument : nil
        command.id = String(decoding: input, as: UTF8.self)
    }

    static func word(_ input: inout ArraySlice<UInt8>) -> UInt64 {
        let bytes = input.prefix(8)
        input = input.dropFirst(bytes.count)
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    func payload(key: [UInt8]) -> [UInt8] {
        var fields = [
            #""v":1"#, #""id":\#(Self.quoted(command.id))"#, #""target":"site""#, #""action":\#(Self.quoted(command.action))"#,
            #""issued":\#(command.issued)"#, #""expires":\#(command.expires)"#,
        ]
        if let argument = command.argument { fields.append(#""argument":\#(argument)"#) }
        if flags & 2 != 0 {
            let signature = flags & 4 != 0 ? CommandAuthority.sign(command, key: key) : String(repeating: "0", count: 64)
            fields.append(#""sig":"\#(signature)""#)
        }
        return Array("{\(fields.joined(separator: ","))}".utf8)
    }

    static func quoted(_ text: String) -> String {
        let encoded: Data? = try? JSONEncoder().encode(text)
        return encoded.map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
