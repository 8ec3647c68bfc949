import Crypto
import Foundation

/// A platform's signed command, as docs/mqtt-api.md defines it: HMAC-SHA256 with the
/// uplink's `command_key` over `1|id|target|action|issued|expires|argument`.
struct CommandSigner {
    let key: SymmetricKey

    init(key: String) { self.key = SymmetricKey(data: Array(key.utf8)) }

    /// The JSON payload of one command; `argument` is a whole number here.
    func payload(id: String, target: String, action: String, issuedMs: Int64, expiresMs: Int64, argument: Int) -> [UInt8] {
        let text = "1|\(id)|\(target)|\(action)|\(issuedMs)|\(expiresMs)|\(argument)"
        let code = HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key)
        let signature = code.map { String(format: "%02x", $0) }.joined()
        let json = "{\"v\":1,\"id\":\"\(id)\",\"target\":\"\(target)\",\"action\":\"\(action)\",\"issued\":\(issuedMs),"
            + "\"expires\":\(expiresMs),\"argument\":\(argument),\"sig\":\"\(signature)\"}"
        return Array(json.utf8)
    }
}
