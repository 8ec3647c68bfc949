import Crypto

/// The journal's tamper evidence: each record's hash covers the previous record's hash and
/// its own payload (which holds its seq and id), so changing, removing or reordering a
/// record breaks every hash after it.
public enum HashChain {
    /// The "previous hash" of the very first record.
    public static let genesis = [UInt8](repeating: 0, count: 32)

    public static func link(previous: [UInt8], payload: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        hasher.update(data: payload)
        return Array(hasher.finalize())
    }
}
