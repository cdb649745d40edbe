import Foundation
import Testing
@testable import BinaryFormats

/// `MappedFile.mapping(pathBytes:prefixLength:when:)`: the scanner's first look at a file reads
/// its first bytes and maps it only when they are wanted.
@Suite("Mapping only wanted files")
struct MappedFileTests {
    private func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("armready-map-\(UUID().uuidString)")
            .path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func theDecisionSeesTheFirstBytesAndAWantedFileIsMappedWhole() throws {
        let path = try file([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 9])
        defer { try? FileManager.default.removeItem(atPath: path) }
        var seen: [UInt8] = []
        let mapped = try MappedFile.mapping(pathBytes: Array(path.utf8), prefixLength: 4) { prefix in
            seen = Array(prefix)
            return true
        }
        #expect(seen == [0x7F, 0x45, 0x4C, 0x46])
        #expect(mapped.map { Array($0.bytes) } == [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 9])
    }

    @Test func anUnwantedFileIsNotMapped() throws {
        let path = try file(Array("#!/bin/sh\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try MappedFile.mapping(pathBytes: Array(path.utf8), prefixLength: 4) { _ in false } == nil)
    }

    @Test func shortAndEmptyFilesGiveWhatTheyHave() throws {
        for contents in [[UInt8](), [0x4D]] {
            let path = try file(contents)
            defer { try? FileManager.default.removeItem(atPath: path) }
            var seen: [UInt8]?
            _ = try MappedFile.mapping(pathBytes: Array(path.utf8), prefixLength: 4) { prefix in
                seen = Array(prefix)
                return false
            }
            #expect(seen == contents)
        }
    }

    @Test func aDirectoryIsRefused() {
        let path = FileManager.default.temporaryDirectory.path
        #expect(throws: BinaryFormatError.notRegularFile) {
            try MappedFile.mapping(pathBytes: Array(path.utf8), prefixLength: 4) { _ in true }
        }
    }
}
