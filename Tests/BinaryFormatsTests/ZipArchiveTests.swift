import Crypto
import Foundation
import Testing
@testable import BinaryFormats

/// The ZIP reader against Python's zipfile (Tests/Fixtures/archives/expected.json), and
/// hostile archives built from bytes.
@Suite("ZIP archives")
struct ZipArchiveTests {
    struct Expected: Decodable {
        let name: String
        let method: UInt16
        let crc32: UInt32
        let compressedSize: UInt64
        let uncompressedSize: UInt64
        let sha256: String
    }

    static func expected() throws -> [String: [Expected]] {
        let data = try Data(contentsOf: FixturePaths.fixtures.appendingPathComponent("archives/expected.json"))
        return try JSONDecoder().decode([String: [Expected]].self, from: data)
    }

    @Test func entriesAndContentsMatchPythonsZipfile() throws {
        let all = try Self.expected()
        #expect(!all.isEmpty)
        for (name, entries) in all {
            let bytes = [UInt8](try Data(contentsOf: FixturePaths.fixtures.appendingPathComponent("archives/\(name)")))
            try bytes.withUnsafeBytes { raw in
                let archive = try ZipArchive(raw)
                #expect(archive.entries.map(\.name) == entries.map(\.name))
                #expect(archive.entries.map(\.method) == entries.map(\.method))
                #expect(archive.entries.map(\.crc32) == entries.map(\.crc32))
                #expect(archive.entries.map(\.compressedSize) == entries.map(\.compressedSize))
                #expect(archive.entries.map(\.uncompressedSize) == entries.map(\.uncompressedSize))
                for (entry, want) in zip(archive.entries, entries) where !entry.isDirectory {
                    let contents = try archive.contents(of: entry)
                    let digest = SHA256.hash(data: contents).map { String(format: "%02x", $0) }.joined()
                    #expect(digest == want.sha256, "\(entry.name)")
                    #expect(try archive.prefix(of: entry, length: 4) == Array(contents.prefix(4)))
                    let file = try archive.extractToTemporaryFile(entry)
                    #expect(Array(file.bytes) == contents, "\(entry.name) through a temporary file")
                }
            }
        }
    }

    /// The stored range of an entry runs from its local header to the end of its data:
    /// 30 header bytes, the name, no extra field, the data (APPNOTE.TXT 4.3.7).
    @Test func storedRangeCoversTheLocalHeaderAndTheData() throws {
        let bytes = Self.archive(name: "lib/a.dll", data: Array(repeating: 0x5A, count: 100))
        try bytes.withUnsafeBytes { raw in
            let archive = try ZipArchive(raw)
            let entry = try #require(archive.entries.first)
            #expect(archive.storedRange(of: entry) == 0..<(30 + 9 + 100))
            var broken = entry
            broken.localHeaderOffset = 7
            #expect(archive.storedRange(of: broken) == nil)
        }
    }

    /// A one-entry archive: local header, data, central directory, end record.
    static func archive(
        name: String = "a.bin", data: [UInt8], method: UInt16 = 0, crc: UInt32? = nil,
        claimedSize: UInt32? = nil
    ) -> [UInt8] {
        var out: [UInt8] = []
        func u16(_ v: UInt16) { out += [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32) { for i in 0..<4 { out.append(UInt8((v >> (8 * i)) & 0xFF)) } }
        let nameBytes = Array(name.utf8)
        let checksum = crc ?? data.withUnsafeBytes { Inflater.crc32($0) }
        let size = claimedSize ?? UInt32(data.count)
        u32(0x0403_4B50); u16(20); u16(0); u16(method); u16(0); u16(0); u32(checksum)
        u32(UInt32(data.count)); u32(size); u16(UInt16(nameBytes.count)); u16(0)
        out += nameBytes + data
        let directory = out.count
        u32(0x0201_4B50); u16(20); u16(20); u16(0); u16(method); u16(0); u16(0); u32(checksum)
        u32(UInt32(data.count)); u32(size); u16(UInt16(nameBytes.count)); u16(0); u16(0); u16(0); u16(0)
        u32(0); u32(0)
        out += nameBytes
        let directorySize = out.count - directory
        u32(0x0605_4B50); u16(0); u16(0); u16(1); u16(1); u32(UInt32(directorySize)); u32(UInt32(directory)); u16(0)
        return out
    }

    private func error(_ bytes: [UInt8], _ body: (ZipArchive) throws(BinaryFormatError) -> Void = { _ in }) -> String? {
        bytes.withUnsafeBytes { raw -> String? in
            do {
                try body(try ZipArchive(raw))
                return nil
            } catch {
                return (error as? BinaryFormatError)?.description ?? "\(error)"
            }
        }
    }

    @Test func aStoredEntryReads() throws {
        let bytes = Self.archive(data: Array("MZhello".utf8))
        let contents = try bytes.withUnsafeBytes { raw in
            let archive = try ZipArchive(raw)
            return try archive.contents(of: archive.entries[0])
        }
        #expect(contents == Array("MZhello".utf8))
    }

    @Test func truncatedAndMissingEndRecord() {
        #expect(
            error([0x50, 0x4B, 0x03, 0x04]) == "ZIP archive truncated: file is 0x4 bytes, an end record needs 0x16")
        #expect(
            error([UInt8](repeating: 0, count: 100))
                == "no ZIP end of central directory record (PK\\5\\6) in the last 100 bytes")
    }

    @Test func centralDirectoryPastTheEnd() {
        var bytes = Self.archive(data: [1, 2, 3])
        let end = bytes.count - 22
        bytes[end + 16] = 0xFF; bytes[end + 17] = 0xFF; bytes[end + 18] = 0x00; bytes[end + 19] = 0x00
        #expect(
            error(bytes)
                == "central directory offset points past end of file (0xffff > 0x\(String(bytes.count, radix: 16)))")
    }

    @Test func crcMismatchIsAnError() {
        let bytes = Self.archive(data: [1, 2, 3], crc: 0xDEAD_BEEF)
        #expect(
            error(bytes) { archive throws(BinaryFormatError) in _ = try archive.contents(of: archive.entries[0]) }
                == "a.bin: CRC-32 0x55bc801d does not match the directory's 0xdeadbeef")
    }

    @Test func aZipBombClaimIsRefusedBeforeInflating() {
        let bytes = Self.archive(data: [0x03, 0x00], method: 8, claimedSize: 400_000_000)
        #expect(
            error(bytes) { archive throws(BinaryFormatError) in _ = try archive.contents(of: archive.entries[0]) }
                == "a.bin: claims 400000000 bytes from 2 compressed (more than deflate can give)")
    }

    @Test func corruptDeflateDataIsAnError() {
        let bytes = Self.archive(data: [0xFF, 0xFF, 0xFF, 0xFF], method: 8, claimedSize: 16)
        let message = error(bytes) { archive throws(BinaryFormatError) in
            _ = try archive.contents(of: archive.entries[0])
        }
        #expect(message?.hasPrefix("deflate data is corrupt (zlib: ") == true, "\(message ?? "nil")")
    }

    @Test func unsupportedMethod() {
        let bytes = Self.archive(data: [1, 2, 3], method: 12)
        #expect(
            error(bytes) { archive throws(BinaryFormatError) in _ = try archive.contents(of: archive.entries[0]) }
                == "a.bin: compression method 12 is not supported (only stored and deflate)")
    }

    @Test func randomDamageNeverTraps() throws {
        let original = [UInt8](
            try Data(contentsOf: FixturePaths.fixtures.appendingPathComponent("archives/mixed-1.0-py3-none-any.whl")))
        var generator = SplitMix64(seed: 0x21F)
        for round in 0..<3000 {
            var bytes = original
            for _ in 0..<Int(generator.next() % 6 + 1) {
                bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
            if round % 7 == 0 { bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count)))) }
            bytes.withUnsafeBytes { raw in
                guard let archive = try? ZipArchive(raw) else { return }
                for entry in archive.entries {
                    _ = try? archive.prefix(of: entry, length: 4)
                    _ = try? archive.contents(of: entry)
                }
            }
        }
    }
}
