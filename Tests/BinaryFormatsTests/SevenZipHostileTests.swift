import Testing
@testable import BinaryFormats

/// Hostile 7z input: counts the header claims, damaged and cut-short archives, and random
/// damage behind valid CRCs (so the parser, not the checksum, meets it). Layouts from 7-Zip's
/// 7zFormat.txt; each case must end in an error or a bounded read, never a trap.
@Suite("7z hostile input")
struct SevenZipHostileTests {
    /// An archive of `header` (the next header) behind `packed`, with both CRCs computed.
    static func archive(header: [UInt8], packed: [UInt8] = []) -> [UInt8] {
        func littleEndian(_ value: UInt64, _ width: Int) -> [UInt8] {
            (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
        }
        // NextHeaderOffset (from the end of the 32 bytes), NextHeaderSize, NextHeaderCRC.
        let fields =
            littleEndian(UInt64(packed.count), 8) + littleEndian(UInt64(header.count), 8)
            + littleEndian(UInt64(header.withUnsafeBytes { Inflater.crc32($0) }), 4)
        let startCRC = littleEndian(UInt64(fields.withUnsafeBytes { Inflater.crc32($0) }), 4)
        return SevenZipArchive.signature + [0, 4] + startCRC + fields + packed + header
    }

    static func open(_ bytes: [UInt8]) -> Result<[SevenZipArchive.Entry], BinaryFormatError> {
        bytes.withUnsafeBytes { buffer in
            Result { () throws(BinaryFormatError) -> [SevenZipArchive.Entry] in
                let archive = try SevenZipArchive(buffer)
                var entries: [SevenZipArchive.Entry] = []
                while let entry = try archive.next(), entries.count < 1000 {
                    entries.append(entry)
                    _ = try? archive.readRest { _ in }
                }
                return entries
            }
        }
    }

    @Test func theBuilderMakesAnEmptyArchiveThatReads() throws {
        let entries = try Self.open(Self.archive(header: [0x01, 0x00])).get()
        #expect(entries.isEmpty)
    }

    /// libarchive 3.6 allocated ~91 bytes per claimed entry (908 MB for 10^7 in 1.25 MB); the
    /// count is checked against the limit before anything is allocated.
    @Test func tenMillionClaimedFilesAreRefusedBeforeAllocation() {
        let count: [UInt8] = [0xE0 | 0x00, 0x80, 0x96, 0x98]  // NUMBER 10,000,000 (0x989680)
        let header: [UInt8] = [0x01, 0x05] + count + [0x00, 0x00]
        guard case let .failure(error) = Self.open(Self.archive(header: header)) else {
            Issue.record("10^7 files were accepted")
            return
        }
        #expect(error == .countTooLarge(what: "7z files", count: 10_000_000, limit: ReadLimits.maxArchiveEntries))
    }

    /// 100,000 files claimed in a few bytes: each needs at least one bit of what follows.
    @Test func filesClaimedBeyondTheHeadersBytesAreRefused() {
        let header: [UInt8] = [0x01, 0x05, 0xC1, 0xA0, 0x86, 0x00, 0x00]  // NUMBER 100,000 (0x0186A0)
        guard case let .failure(error) = Self.open(Self.archive(header: header)) else {
            Issue.record("100,000 files in 2 bytes were accepted")
            return
        }
        #expect("\(error)".contains("claims 100000 files in its last 2 bytes"), "\(error)")
    }

    /// 200,000 empty entries (the limit), stated with 25,000 bytes of kEmptyStream bits: read,
    /// with no file to decode.
    @Test func twoHundredThousandEmptyEntriesAtTheLimitRead() throws {
        let bits = [UInt8](repeating: 0xFF, count: 25_000)
        let header: [UInt8] = [0x01, 0x05, 0xC3, 0x40, 0x0D] + [0x0E, 0xC0, 0xA8, 0x61] + bits + [0x00, 0x00]
        // NUMBER 200,000 = 0x030D40; NUMBER 25,000 = 0x61A8.
        let bytes = Self.archive(header: header)
        try bytes.withUnsafeBytes { buffer in
            try Result { () throws(BinaryFormatError) in
                let archive = try SevenZipArchive(buffer)
                #expect(archive.fileCount == 200_000)
                #expect(try archive.next() == nil)
            }.get()
        }
    }

    @Test func aDamagedCRCIsReported() throws {
        var bytes = try CabinetFixtureTests.bytes("7z-solid.7z")
        bytes[bytes.count - 3] ^= 0x40
        guard case let .failure(error) = Self.open(bytes) else {
            Issue.record("a damaged header was read")
            return
        }
        #expect("\(error)".contains("CRC does not match"), "\(error)")
    }

    /// Every prefix of two fixtures: a precise error or fewer files, never a trap.
    @Test(arguments: ["7z-solid.7z", "7z-arm64.7z"])
    func everyTruncationFailsCleanly(name: String) throws {
        let bytes = try CabinetFixtureTests.bytes(name)
        for length in 0..<bytes.count {
            guard case let .failure(error) = Self.open(Array(bytes[..<length])) else {
                Issue.record("\(name) cut at \(length) was read")
                continue
            }
            _ = "\(error)"
        }
    }

    /// One LZMA2 folder over an uncompressed LZMA2 chunk of one byte ("A") and the end marker,
    /// with `dictionary` as its property byte and `size` as its stated unpack size, holding one file.
    static func lzma2Archive(dictionary: UInt8, size: [UInt8]) -> [UInt8] {
        let packed: [UInt8] = [0x01, 0x00, 0x00, 0x41, 0x00]
        var header: [UInt8] = [0x01, 0x04]
        header += [0x06, 0x00, 0x01, 0x09, 0x05, 0x00]  // PackInfo: position 0, one stream of 5 bytes
        header += [0x07, 0x0B, 0x01, 0x00, 0x01, 0x21, 0x21, 0x01, dictionary]  // one folder: LZMA2
        header += [0x0C] + size + [0x00]  // its unpack size
        header += [0x00, 0x05, 0x01, 0x00, 0x00]  // end of streams; FilesInfo: 1 file, no properties
        return archive(header: header, packed: packed)
    }

    static func readFirst(_ bytes: [UInt8]) throws -> (
        entry: SevenZipArchive.Entry?, contents: Result<[UInt8], BinaryFormatError>
    ) {
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(BinaryFormatError) in
                let archive = try SevenZipArchive(buffer)
                let entry = try archive.next()
                let contents = Result { () throws(BinaryFormatError) -> [UInt8] in
                    var all: [UInt8] = []
                    try archive.readRest { all.append(contentsOf: $0) }
                    return all
                }
                return (entry, contents)
            }
        }.get()
    }

    @Test func theLZMA2BuilderReadsItsByte() throws {
        let (entry, contents) = try Self.readFirst(Self.lzma2Archive(dictionary: 18, size: [0x01]))
        #expect(entry?.size == 1)
        #expect(try contents.get() == [0x41])
    }

    /// A 4 GiB dictionary (property byte 40) for a one-byte folder is cut to what it needs.
    @Test func aHugeDictionaryForASmallFolderIsCutToItsSize() throws {
        let (_, contents) = try Self.readFirst(Self.lzma2Archive(dictionary: 40, size: [0x01]))
        #expect(try contents.get() == [0x41])
    }

    /// A folder that claims 2^40 bytes from 5 packed ones: the read ends where the data does.
    @Test func aFolderThatClaimsATerabyteEndsWhereItsDataDoes() throws {
        let (entry, contents) = try Self.readFirst(
            Self.lzma2Archive(dictionary: 18, size: [0xFF, 0, 0, 0, 0, 0, 0x01, 0, 0]))
        #expect(entry?.size == 1 << 40)
        guard case let .failure(error) = contents else {
            Issue.record("a terabyte was read from 5 bytes")
            return
        }
        #expect("\(error)".contains("ends after 1 of its 1099511627776 bytes"), "\(error)")
    }

    /// The same claim with a 4 GiB dictionary: more than the limit, refused by name.
    @Test func aHugeDictionaryForAHugeFolderIsRefused() throws {
        let (_, contents) = try Self.readFirst(
            Self.lzma2Archive(dictionary: 40, size: [0xFF, 0, 0, 0, 0, 0, 0x01, 0, 0]))
        guard case let .failure(error) = contents else {
            Issue.record("a 4 GiB dictionary was set up")
            return
        }
        #expect("\(error)".contains("needs a dictionary of 4294967295 bytes, more than the limit"), "\(error)")
    }

    /// Random damage anywhere past the signature (offsets, sizes, header, packed data), with the
    /// CRCs made right again (`fixCRCs`) so the parser and decoders see it: bounded,
    /// deterministic (a fixed seed), no trap.
    @Test(arguments: ["7z-solid.7z", "7z-arm64.7z", "7z-ppmd.7z", "7z-bcj2.7z", "7z-traversal.7z", "7z-stored.7z"])
    func randomDamageBehindValidCRCsNeverTraps(name: String) throws {
        let original = try CabinetFixtureTests.bytes(name)
        var generator = SplitMix64(seed: 0x7A7A)
        var (read, refused) = (0, 0)
        for _ in 0..<400 {
            var bytes = original
            for _ in 0..<Int(generator.next() % 4 + 1) {
                let at = 12 + Int(generator.next() % UInt64(bytes.count - 12))
                bytes[at] = UInt8(truncatingIfNeeded: generator.next())
            }
            SevenZipArchive.fixCRCs(&bytes)
            switch Self.open(bytes) {
            case .success: read += 1
            case .failure: refused += 1
            }
        }
        // Both happen: some damage lands in fields read only as bytes (names, times).
        #expect(read + refused == 400)
        #expect(refused > 0)
    }
}
