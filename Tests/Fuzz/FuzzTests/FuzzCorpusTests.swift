import Foundation
import FuzzEntries
import Testing

/// Every committed fuzz input, seeds and crash reproducers alike, through the same entry its
/// fuzzer calls: a reproducer that crashes again fails the suite (docs/fuzzing.md).
@Suite struct FuzzCorpusTests {
    struct Target: Sendable, CustomTestStringConvertible {
        var name: String
        var entry: @Sendable ([UInt8]) -> Void
        var testDescription: String { name }
    }

    static let targets = [
        Target(name: "SiteConfigFuzzer", entry: SiteConfigFuzz.run),
        Target(name: "PlatformCommandFuzzer", entry: PlatformCommandFuzz.run),
        Target(name: "PointDecoderFuzzer", entry: PointDecoderFuzz.run),
    ]

    static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static func inputs(_ kind: String, of target: Target) -> [URL] {
        let folder = fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target.name)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test(arguments: targets)
    func everyCorpusInputRuns(_ target: Target) throws {
        let corpus = Self.inputs("Corpus", of: target)
        #expect(corpus.count >= 10, "the seed corpus of \(target.name) is missing")
        for file in corpus { target.entry(Array(try Data(contentsOf: file))) }
    }

    @Test(arguments: targets)
    func everyCrashReproducerRuns(_ target: Target) throws {
        for file in Self.inputs("Regressions", of: target) { target.entry(Array(try Data(contentsOf: file))) }
    }
}
