import Testing
@testable import BinaryFormats

/// The ZIP reader on archives whose records disagree, hide behind a stub, or share data; the
/// expected behaviour is Python's zipfile (which reads the central directory whatever the end
/// record counts) and unzip (which finds an archive after a stub from its end record).
@Suite("ZIP records that disagree")
struct ZipRecordTests {
    private static let dll = HostileZip.stored("lib/a.dll", Array("MZ-not-really-a-dll".utf8))

    private func read<T>(_ bytes: [UInt8], _ body: (ZipArchive) throws -> T) throws -> T {
        try bytes.withUnsafeBytes { raw in try body(try ZipArchive(raw)) }
    }

    @Test func anEndRecordCountingNoEntriesStillReadsTheDirectory() throws {
        var zip = HostileZip()
        zip.addEntry(Self.dll)
        zip.addEntry(HostileZip.stored("readme.txt", Array("hello".utf8)))
        let (names, inconsistencies) = try read(zip.finished(count: 0)) { ($0.entries.map(\.name), $0.inconsistencies) }
        #expect(names == ["lib/a.dll", "readme.txt"])
        #expect(inconsistencies == ["the end record counts 0 entries, the central directory holds 2; all 2 were read"])
    }

    @Test func diskAndTotalCountsThatDisagreeAreSaid() throws {
        var zip = HostileZip()
        zip.addEntry(Self.dll)
        let inconsistencies = try read(zip.finished(count: 1, diskCount: 3)) { $0.inconsistencies }
        #expect(inconsistencies == ["the end record counts 3 entries on this disk and 1 in all"])
    }

    @Test func anOrdinaryArchiveHasNothingToSay() throws {
        var zip = HostileZip()
        zip.addEntry(Self.dll)
        let (inconsistencies, stub) = try read(zip.finished()) { ($0.inconsistencies, $0.stubLength) }
        #expect(inconsistencies.isEmpty)
        #expect(stub == 0)
    }

    /// A stub whose archive offsets were not adjusted (`cat stub archive.zip`): the directory
    /// is found where the end record says it ends, as unzip does ("extra bytes at beginning").
    @Test func anArchiveBehindAStubIsFound() throws {
        var zip = HostileZip()
        zip.addEntry(Self.dll)
        let stub = Array("#!/bin/sh\nexec unzip \"$0\"\n".utf8) + [UInt8](repeating: 0x90, count: 1000)
        let (names, contents, length) = try read(stub + zip.finished()) { archive in
            (archive.entries.map(\.name), try archive.contents(of: archive.entries[0]), archive.stubLength)
        }
        #expect(names == ["lib/a.dll"])
        #expect(contents == Self.dll.data)
        #expect(length == stub.count)
    }

    @Test func entriesThatShareOneLocalHeaderAreNamed() throws {
        var zip = HostileZip()
        let offset = zip.add(Self.dll)
        for name in ["a.dll", "b.dll", "c.dll"] {
            zip.directory.append(.init(local: Self.dll, name: name, offset: offset))
        }
        let owners = try read(zip.finished()) { archive in archive.entries.indices.map { archive.dataOwner(of: $0) } }
        #expect(owners == [0, 0, 0])
    }

    /// An entry whose data runs over the next entry's local header (the "quoted overlap" bomb
    /// shape) is refused; the inner entry still reads.
    @Test func anEntryWhoseDataCoversAnotherEntryIsRefused() throws {
        var inner = HostileZip()
        inner.add(Self.dll)
        let outerName = "outer.bin"
        var zip = HostileZip()
        zip.addEntry(HostileZip.stored(outerName, inner.bytes))
        let innerOffset = UInt32(30 + outerName.utf8.count)
        zip.directory.append(.init(local: Self.dll, name: Self.dll.name, offset: innerOffset))
        try read(zip.finished()) { (archive: ZipArchive) throws -> Void in
            #expect(try archive.contents(of: archive.entries[1]) == Self.dll.data)
            #expect(
                throws: BinaryFormatError.invalid(
                    "outer.bin: its data runs past 0x27, where the next entry or the central directory starts "
                        + "(overlapping entries, a zip-bomb shape)")
            ) {
                _ = try archive.contents(of: archive.entries[0])
            }
        }
    }

    /// The type check inflates `FormatSniffer.prefixLength` bytes, not a buffer's worth, and
    /// the whole entry is inflated only when asked for.
    @Test func aSniffInflatesOnlyThePrefix() throws {
        let (stream, inflated) = Deflate.mzRun(copies: 8000)  // 2 MB from 13 KB
        var zip = HostileZip()
        zip.addEntry(
            .init(
                name: "big.dll", method: 8, data: stream, uncompressedSize: UInt32(inflated.count),
                crc: inflated.withUnsafeBytes { Inflater.crc32($0) }))
        try read(zip.finished()) { (archive: ZipArchive) throws -> Void in
            #expect(try archive.prefix(of: archive.entries[0], length: 4) == Array("MZZZ".utf8))
            #expect(archive.work.bytesInflated == 4)
            #expect(archive.work.bytesConsumed < 16)
            #expect(try archive.contents(of: archive.entries[0]) == inflated)
            #expect(archive.work.bytesInflated == 4 + UInt64(inflated.count))
            #expect(archive.work.streams == 2)
        }
    }

    /// Blocks that produce nothing cannot make a sniff read the whole stream.
    @Test func aSniffReadsAtMostItsInputBudget() throws {
        let data = Array("MZ".utf8)
        let stream = Deflate.emptyBlocks(14_000, then: data)  // 70,000 bytes before the first output
        var zip = HostileZip()
        zip.addEntry(
            .init(
                name: "slow.dll", method: 8, data: stream, uncompressedSize: 2,
                crc: data.withUnsafeBytes { Inflater.crc32($0) }))
        try read(zip.finished()) { (archive: ZipArchive) throws -> Void in
            #expect(
                throws: BinaryFormatError.invalid(
                    "deflate data gives 0 of its first 2 bytes in the first 65536 compressed bytes")
            ) {
                _ = try archive.prefix(of: archive.entries[0], length: 4)
            }
            #expect(archive.work.bytesConsumed <= UInt64(ZipArchive.sniffInputBudget))
            #expect(try archive.contents(of: archive.entries[0]) == data)
        }
    }
}
