import Foundation

/// A fresh directory under /tmp, removed with everything in it on `remove()` or `deinit`.
public final class TemporaryDirectory: Sendable {
    public let path: String

    public init(prefix: String = "campus-gateway-test") throws {
        path = try Self.create(prefix: prefix)
    }

    /// Creates a new, empty `/tmp/PREFIX-XXXXXX` and returns its path; nothing removes it.
    public static func create(prefix: String) throws -> String {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        let created: String? = template.withUnsafeMutableBufferPointer { buffer in
            mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
        }
        guard let created else { throw TemporaryDirectoryError(message: "mkdtemp failed: errno \(errno)") }
        return created
    }

    deinit { remove() }

    public var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    /// The path of `name` inside this directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Deletes the directory; safe to call more than once.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

public struct TemporaryDirectoryError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
