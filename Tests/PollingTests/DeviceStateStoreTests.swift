import Foundation
import GatewayCore
import GatewayTesting
import Testing

@testable import Polling

/// The state file is written outside the store's lock, by whichever line asked first (a
/// line asking meanwhile leaves its change to that writer and does not wait for the disk),
/// in chunks, and must still read back whole.
@Suite("Device state file", .timeLimit(.minutes(1)))
struct DeviceStateStoreTests {
    @Test func alarmChangesFromManyLinesAtOnceAllReachTheFile() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state")
        let store = DeviceStateStore(path: path)
        let lines = 16
        let changes = 40
        await withTaskGroup(of: Void.self) { group in
            for line in 0..<lines {
                group.addTask {
                    for change in 1...changes {
                        store.update(device: "sos-\(line)", points: ["button": StoredPoint(value: .int(Int64(change)), alarm: change % 2 == 1)], urgent: true)
                    }
                }
            }
        }
        // Every line's last change is in the file, though most of its writes were left to another line.
        let saved = DeviceStateStore.parse(try String(contentsOfFile: path, encoding: .utf8))
        #expect(saved.count == lines)
        for line in 0..<lines {
            #expect(saved["sos-\(line)"]?["button"] == StoredPoint(value: .int(Int64(changes)), alarm: false))
        }
        #expect(DeviceStateStore(path: path).restored(device: "sos-3")["button"]?.value == .int(Int64(changes)))
    }

    @Test func aFailedWriteIsTriedAgainByTheNextFlush() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.file("gone")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let store = DeviceStateStore(path: folder + "/state")
        try FileManager.default.removeItem(atPath: folder)
        #expect(store.update(device: "d", points: ["p": StoredPoint(value: .bool(true), alarm: true)], urgent: true) != nil)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        // Nothing changed since, yet the change that failed to save is still pending.
        #expect(store.flush() == nil)
        #expect(DeviceStateStore(path: folder + "/state").restored(device: "d")["p"] == StoredPoint(value: .bool(true), alarm: true))
    }

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
