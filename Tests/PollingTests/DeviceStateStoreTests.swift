import Foundation
import GatewayCore
import GatewayTesting
import Testing

@testable import Polling

/// The state file of a large site is written in chunks, and must still read back whole.
@Suite("Device state file", .timeLimit(.minutes(1)))
struct DeviceStateStoreTests {
    @Test func aFileOfManyChunksReadsBackWhole() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state")
        let store = DeviceStateStore(path: path)
        var first: [String: StoredPoint] = [:], second: [String: StoredPoint] = [:]
        for i in 0..<4000 {
            first["g01p\(i)"] = StoredPoint(value: .double(Double(i) + 0.125), alarm: i % 7 == 0)
            second["in\(i)"] = StoredPoint(value: i % 2 == 0 ? .bool(true) : .int(Int64(-i)), alarm: false)
        }
        #expect(store.update(device: "node-01", points: first, urgent: false) == nil)
        #expect(store.update(device: "node-02", points: second, urgent: true) == nil)

        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > 2 * DeviceStateStore.chunkBytes, "the test must span several chunks")
        let reread = DeviceStateStore(path: path)
        #expect(reread.restored(device: "node-01") == first)
        #expect(reread.restored(device: "node-02") == second)
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"), "the temporary file is renamed, not left behind")
    }
}
