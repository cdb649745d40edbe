import Testing
@testable import BinaryFormats

/// A real MSZIP member of 50 MB of zeros, built here from one 48-byte MSZIP block (the block
/// gcab 1.5 writes for 32 KiB of zeros: every block of `gcab -z` over a file of zeros is this
/// one) repeated 1,600 times, with checksum 0 (libmspack checks only non-zero checksums).
@Suite("Cabinet of zeros")
struct CabinetZerosTests {
    static let zerosBlock: [UInt8] =
        [
            0x43, 0x4B, 0xED, 0xC1, 0x01, 0x01, 0x00, 0x00, 0x00, 0x80, 0x90, 0xFE, 0xAF, 0xEE, 0x08, 0x0A,
        ] + [UInt8](repeating: 0, count: 31) + [0x18]

    static func le(_ value: Int, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// One folder of `blocks` zero blocks and one member of `size` bytes named zeros.bin.
    static func cabinet(blocks: Int, size: Int) -> [UInt8] {
        let name = Array("zeros.bin".utf8) + [0]
        let filesOffset = 36 + 8
        let dataOffset = filesOffset + 16 + name.count
        let total = dataOffset + blocks * (8 + zerosBlock.count)
        var bytes = Array("MSCF".utf8) + le(0, 4) + le(total, 4) + le(0, 4) + le(filesOffset, 4) + le(0, 4)
        bytes += [3, 1] + le(1, 2) + le(1, 2) + le(0, 2) + le(0, 2) + le(0, 2)
        bytes += le(dataOffset, 4) + le(blocks, 2) + le(1, 2)
        bytes += le(size, 4) + le(0, 4) + le(0, 2) + le(0x5C21, 2) + le(0, 2) + le(0x20, 2) + name
        for _ in 0..<blocks { bytes += le(0, 4) + le(zerosBlock.count, 2) + le(32_768, 2) + zerosBlock }
        return bytes
    }

    @Test(.timeLimit(.minutes(10))) func fiftyMegabytesOfZerosObeyTheLimit() throws {
        let size = 50 << 20
        let bytes = Self.cabinet(blocks: size / 32_768, size: size)
        #expect(bytes.count < 100_000)
        let archive = try CabinetArchive(bytes)
        let file = try #require(archive.files.first)
        #expect(file.size == size && file.compression == .mszip)
        do {
            _ = try archive.contents(of: file, limit: 1 << 20)
            Issue.record("50 MB were extracted under a 1 MB limit")
        } catch {
            #expect(
                error.description == "cabinet member 'zeros.bin' is \(size) bytes, more than the limit of \(1 << 20)")
        }
        #expect(try archive.prefix(of: file, length: 16) == [UInt8](repeating: 0, count: 16))
        let whole = try archive.contents(of: file, limit: size)
        #expect(whole.count == size && whole.allSatisfy { $0 == 0 })
    }

    @Test func aMemberLargerThanItsBlocksIsRefused() throws {
        // 4 GB claimed from 2 blocks (64 KiB of capacity).
        let archive = try CabinetArchive(Self.cabinet(blocks: 2, size: 0xFFFF_FFFF))
        let file = try #require(archive.files.first)
        do {
            _ = try archive.contents(of: file, limit: Int.max)
            Issue.record("a 4 GB member of two blocks was extracted")
        } catch {
            #expect(error.description.contains("2 data blocks decompress to at most 65536"), "\(error)")
        }
    }
}
