import Foundation

/// A throwaway certificate authority with a server certificate for 127.0.0.1 and a client
/// certificate, made with `openssl` in a temporary directory, for TLS tests.
public struct TestCertificates: Sendable {
    public let directory: TemporaryDirectory
    public var caFile: String { directory.file("ca.pem") }
    public var serverCertificate: String { directory.file("server.pem") }
    public var serverKey: String { directory.file("server.key") }
    public var clientCertificate: String { directory.file("client.pem") }
    public var clientKey: String { directory.file("client.key") }
    /// A second, unrelated CA: trusting it instead of `caFile` must fail verification.
    public var otherCAFile: String { directory.file("other-ca.pem") }

    public init() throws {
        directory = try TemporaryDirectory(prefix: "certificates")
        let d = directory
        try Self.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                          "-subj", "/CN=test CA", "-keyout", d.file("ca.key"), "-out", d.file("ca.pem")])
        try Self.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                          "-subj", "/CN=other CA", "-keyout", d.file("other-ca.key"), "-out", d.file("other-ca.pem")])
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\n".write(toFile: d.file("server.ext"), atomically: true, encoding: .utf8)
        for (name, extensions) in [("server", d.file("server.ext")), ("client", nil)] as [(String, String?)] {
            try Self.openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=\(name)",
                              "-keyout", d.file("\(name).key"), "-out", d.file("\(name).csr")])
            try Self.openssl(["x509", "-req", "-in", d.file("\(name).csr"), "-CA", d.file("ca.pem"), "-CAkey", d.file("ca.key"),
                              "-CAcreateserial", "-days", "2", "-out", d.file("\(name).pem")]
                             + (extensions.map { ["-extfile", $0] } ?? []))
        }
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestBrokerError(message: "openssl \(arguments.first ?? "") failed", log: String(decoding: output, as: UTF8.self))
        }
    }
}
