#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import Testing
@testable import BinaryFormats

/// A mapped file that shrinks underneath: reads of the pages it lost give zeros instead of
/// SIGBUS (the fault guard), and the file says it changed so callers discard what they read.
@Suite("Mapped files that change while they are read")
struct ShrinkingFileTests {
    private let size = 1 << 20

    private func file(_ contents: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("armready-shrink-\(UUID().uuidString)")
            .path
        try Data(contents).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func readingPagesATruncatedFileLostGivesZerosNotASignal() throws {
        let path = try file([UInt8](repeating: 0xAB, count: size))
        defer { unlink(path) }
        let mapped = try MappedFile(path: path)
        #expect(mapped.bytes[0] == 0xAB)
        #expect(!mapped.changedSinceOpened)
        #expect(truncate(path, 4096) == 0)
        // Every byte past the first page: each page faults once; the guard maps zeros.
        var sum = 0
        for offset in stride(from: 4096, to: size, by: 512) { sum += Int(mapped.bytes[offset]) }
        #expect(sum == 0)
        #expect(mapped.bytes[0] == 0xAB)
        #expect(mapped.changedSinceOpened)
    }

    @Test func aFileRewrittenInPlaceCountsAsChanged() throws {
        let path = try file([UInt8](repeating: 1, count: 8192))
        defer { unlink(path) }
        let mapped = try MappedFile(path: path)
        _ = mapped.bytes[0]
        // Same size, new bytes: only the modification time tells.
        usleep(10_000)
        try Data([UInt8](repeating: 2, count: 8192)).write(to: URL(fileURLWithPath: path))
        #expect(mapped.changedSinceOpened)
    }

    @Test func manyGuardedMappingsAtOnceStillReadTheirFiles() throws {
        // More mappings than the guard has slots: the rest are read into memory.
        let path = try file(Array(0..<64).map(UInt8.init))
        defer { unlink(path) }
        let files = try (0..<1100).map { _ in try MappedFile(path: path) }
        #expect(files.allSatisfy { $0.bytes.count == 64 && $0.bytes[63] == 63 && !$0.changedSinceOpened })
    }

    @Test func aReadThatSeesTheFileChangeIsRepeatedThenReported() throws {
        let path = try file([UInt8](repeating: 0, count: 8192))
        defer { unlink(path) }
        var calls = 0
        // The body rewrites the file each time: both attempts see a change.
        let last = BinaryReader.withFile(path: path) { result, _ in
            calls += 1
            usleep(10_000)
            try? Data([UInt8](repeating: UInt8(calls), count: 8192)).write(to: URL(fileURLWithPath: path))
            return result
        }
        #expect(calls == 3)
        #expect(last == .failed(format: nil, reason: .changedWhileRead))
        // A stable file is read once.
        calls = 0
        _ = BinaryReader.withFile(path: path) { result, _ in
            calls += 1
            return result
        }
        #expect(calls == 1)
    }
}
