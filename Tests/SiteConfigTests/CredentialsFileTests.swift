import Foundation
import Testing
@testable import SiteConfig

/// Secrets in a file of their own, readable only by the service user.
@Suite struct CredentialsFileTests {
    let folder: URL

    init() throws {
        folder = try TestFiles.makeFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("DeviceProfiles"), withIntermediateDirectories: true)
    }

    func load(credentials: String, mode: Int, uplinkExtra: String = "") throws -> (Site?, [ConfigDiagnostic]) {
        let secrets = folder.appendingPathComponent("police.secrets").path
        try credentials.write(toFile: secrets, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: secrets)
        let site = BadInput.site(uplinks: [
            #"  - { name: police, url: "mqtt://h", topic_prefix: a, credentials_file: police.secrets\#(uplinkExtra) }"#
        ]).replacingOccurrences(of: "REPO", with: TestFiles.repoRoot())
        let path = folder.appendingPathComponent("site.yaml").path
        try site.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            return (try SiteLoader.load(path: path), [])
        } catch {
            return (nil, error.diagnostics)
        }
    }

    @Test func secretsComeFromTheFile() throws {
        let (site, diagnostics) = try load(
            credentials: "username: police-gw\npassword: \"s3cret: yes\"\ncommand_key: 0123456789abcdef0123\n", mode: 0o600)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let uplink = try #require(site?.uplinks.first)
        #expect(uplink.username == "police-gw")
        #expect(uplink.password == "s3cret: yes")
        #expect(uplink.commandKey == Array("0123456789abcdef0123".utf8))
    }

    @Test func aFileOthersCanReadIsRefused() throws {
        let (_, diagnostics) = try load(credentials: "username: u\npassword: p\n", mode: 0o644)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("can be read by other users (mode 644)") == true)
        #expect(diagnostics.first?.line == 6)
    }

    @Test func aMistakeInTheFilePointsIntoIt() throws {
        let (_, diagnostics) = try load(credentials: "username: u\npasword: p\n", mode: 0o600)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.file.hasSuffix("police.secrets"))
        #expect("\(diagnostic.line):\(diagnostic.column)" == "2:1")
        #expect(diagnostic.message.contains("unknown key 'pasword' in credentials file; did you mean 'password'?"))
        // The secret itself never appears in a message.
        #expect(!diagnostics.contains { $0.message.contains(": p") })
    }

    @Test func aSecretGivenTwiceIsRefused() throws {
        let (_, diagnostics) = try load(credentials: "username: u\npassword: p\n", mode: 0o600, uplinkExtra: ", username: v")
        #expect(diagnostics.contains { $0.message.contains("'username' is given both here and in 'credentials_file'") })
    }
}

extension CredentialsFileTests {
    @Test func aPasswordInTheSiteFileMayGoWithAUsernameFromTheFile() throws {
        let (site, diagnostics) = try load(credentials: "username: from-file\n", mode: 0o600, uplinkExtra: ", password: inline")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(site?.uplinks.first?.username == "from-file")
        #expect(site?.uplinks.first?.password == "inline")
    }
}
