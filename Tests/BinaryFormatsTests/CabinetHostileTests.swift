import Foundation
import Testing
@testable import BinaryFormats

/// Truncated, corrupted and lying cabinets: every outcome is a value or a `BinaryFormatError`,
/// never a trap, and the caps refuse bombs with a sentence before libmspack runs.
@Suite("Cabinet hostile input")
struct CabinetHostileTests {
    /// Lists and extracts everything, with small caps; errors are fine, traps are not.
    static func exercise(_ bytes: [UInt8]) {
        guard let archive = try? CabinetArchive(bytes) else { return }
        for file in archive.files.prefix(16) {
            _ = try? archive.prefix(of: file, length: 4)
            _ = try? archive.contents(of: file, limit: 1 << 16)
        }
    }

    static func put32(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt32) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
    }

    @Test(.timeLimit(.minutes(10))) func truncationAtEveryLengthOfSmallCabinets() throws {
        for name in ["cab-mszip.cab", "cab-mszip-lzx-qtm.cab", "cab-set-part1.cab"] {
            let bytes = try CabinetFixtureTests.bytes(name)
            for length in 0..<bytes.count { Self.exercise(Array(bytes.prefix(length))) }
        }
        let many = try CabinetFixtureTests.bytes("cab-many.cab")
        for length in stride(from: 0, to: many.count, by: 97) { Self.exercise(Array(many.prefix(length))) }
    }

    @Test(.timeLimit(.minutes(10))) func seededByteFlips() throws {
        var generator = SplitMix64(seed: 0xCAB)
        let sources = try ["cab-mszip.cab", "cab-mszip-lzx-qtm.cab", "cab-stored.cab"].map(CabinetFixtureTests.bytes)
        for round in 0..<2000 {
            var bytes = sources[round % sources.count]
            // Most flips land in the headers, where the checks are.
            let span = round % 2 == 0 ? min(bytes.count, 160) : bytes.count
            for _ in 0...(generator.next() % 3) {
                bytes[Int(generator.next() % UInt64(span))] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            }
            Self.exercise(bytes)
        }
    }

    @Test func aFourGigabyteMemberInATinyFolderIsRefused() throws {
        var bytes = try CabinetFixtureTests.bytes("cab-mszip.cab")
        let header = try CabinetArchive(bytes).header
        // The first CFFILE follows the folders: its size is its first field.
        let firstFile = 36 + header.folders.count * 8
        Self.put32(&bytes, firstFile, 0xFFFF_FFFF)
        let archive = try CabinetArchive(bytes)
        let file = try #require(archive.files.first)
        #expect(file.size == 0xFFFF_FFFF)
        #expect(throws: BinaryFormatError.self) { try archive.contents(of: file, limit: Int.max) }
        do {
            _ = try archive.prefix(of: file, length: Int.max)
            Issue.record("a 4 GB prefix from a 1 KB folder was decompressed")
        } catch {
            #expect(error.description.contains("data blocks decompress to at most"))
        }
    }

    @Test func aMemberPastTheCompressionRatioIsRefusedAsABomb() throws {
        // A folder claiming 65535 blocks (2 GB of capacity) but holding one small block.
        var bytes = try CabinetFixtureTests.bytes("cab-mszip.cab")
        bytes[36 + 4] = 0xFF
        bytes[36 + 5] = 0xFF
        let firstFile = 36 + 8
        Self.put32(&bytes, firstFile, 1 << 30)
        let archive = try CabinetArchive(bytes)
        let file = try #require(archive.files.first)
        do {
            _ = try archive.contents(of: file, limit: Int.max)
            Issue.record("a 1 GB member of a 1 KB folder was decompressed")
        } catch {
            #expect(error.description.contains("cabinet bomb"), "\(error)")
        }
        #expect(throws: BinaryFormatError.self) { try archive.contents(of: file, limit: 1 << 20) }
    }

    @Test func aMemberAboveTheCallersLimitIsRefused() throws {
        let archive = try CabinetArchive(try CabinetFixtureTests.bytes("cab-stored.cab"))
        let file = try #require(archive.files.first)
        do {
            _ = try archive.contents(of: file, limit: 100)
            Issue.record("the limit was ignored")
        } catch {
            #expect(
                error.description == "cabinet member '\(file.name)' is \(file.size) bytes, more than the limit of 100")
        }
        #expect(try archive.prefix(of: file, length: 2) == [0x4D, 0x5A])
    }

    @Test func sixtyFiveThousandFilesInAShortCabinetAreRefused() throws {
        var bytes = try CabinetFixtureTests.bytes("cab-mszip.cab")
        bytes[0x1C] = 0xFF
        bytes[0x1D] = 0xFF
        #expect(throws: BinaryFormatError.self) { try CabinetArchive(bytes) }
        do {
            _ = try CabinetArchive(bytes)
        } catch {
            #expect(error.description.contains("declares 65535 files"))
        }
    }

    @Test func aFolderIndexPastTheFoldersIsRefused() throws {
        var bytes = try CabinetFixtureTests.bytes("cab-mszip.cab")
        bytes[36 + 8 + 8] = 7
        #expect(throws: BinaryFormatError.self) { try CabinetArchive(bytes) }
    }

    @Test func offsetsSurviveFakeHeaders() {
        var bytes = [UInt8](repeating: 0, count: 64 << 10)
        let fake: [UInt8] = Array("MSCF".utf8) + [0, 0, 0, 0]
        for at in stride(from: 0, to: bytes.count - 64, by: 64) { bytes.replaceSubrange(at..<(at + 8), with: fake) }
        #expect(bytes.withUnsafeBytes { CabinetArchive.offsets(in: $0, limit: 4) } == [])
    }
}
