import Foundation
import Testing
@testable import BinaryFormats
@testable import Scanning

/// 7z archives and 7-Zip self-extractors through the whole scan, against 7-Zip's own listing and
/// extraction (Tests/Fixtures/installers/7z-expected.json, written by make-7z.sh).
extension InstallerScanTests {
    struct SevenZipMember: Decodable {
        let name: String
        let sha256: String?
        let pe: Bool?
    }

    struct SevenZip: Decodable {
        let files: [SevenZipMember]?
    }

    static func sevenZip(_ name: String) throws -> [SevenZipMember] {
        try #require(try decode("7z-expected.json", as: [String: SevenZip].self)[name]?.files)
    }

    @Test(arguments: ["7z-solid.7z", "7z-traversal.7z", "7z-arm64.7z", "7z-bcj2.7z", "7z-stored.7z"])
    func everyPEInASevenZipArchiveIsRatedUnderItsPath(name: String) throws {
        let want = try Self.sevenZip(name).filter { $0.pe == true }
        #expect(!want.isEmpty)
        let report = try Self.scanFixture(name)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(Set(report.binaries.map(\.path)) == Set(want.map { "\(name)!/\($0.name)" }))
        #expect(Set(report.binaries.compactMap(\.sha256)) == Set(want.compactMap(\.sha256)))
        #expect(report.binaries.allSatisfy { $0.packagedIn?.kind == "7z" }, "\(report.binaries.map(\.packagedIn))")
    }

    /// A block armready cannot decode (PPMd) gives each of its entries a diagnostic naming the
    /// method, under the entry's path, and the scan goes on.
    @Test(arguments: [("7z-ppmd.7z", "PPMd")])
    func aBlockArmreadyCannotDecodeIsNamedPerEntry(name: String, method: String) throws {
        let want = try Self.sevenZip(name)
        let report = try Self.scanFixture(name)
        #expect(report.binaries.isEmpty)
        #expect(Set(report.diagnostics.map(\.path)) == Set(want.map { "\(name)!/\($0.name)" }), "\(report.diagnostics)")
        #expect(
            report.diagnostics.allSatisfy { $0.kind == .unreadable && $0.message.contains(method) },
            "\(report.diagnostics)")
    }

    @Test func encryptedSevenZipArchivesSaySo() throws {
        let report = try Self.scanFixture("7z-encrypted.7z")
        #expect(report.binaries.isEmpty)
        #expect(report.diagnostics.contains { $0.message.contains("encrypted") }, "\(report.diagnostics)")
        let names = try Self.scanFixture("7z-encrypted-names.7z")
        #expect(names.binaries.isEmpty)
        #expect(names.diagnostics.contains { $0.message.contains("header is encrypted") }, "\(names.diagnostics)")
    }

    /// 256 MiB of zeros in 57 KB: decoding it would pass 1100 to one, so the archive stops there
    /// with a diagnostic, before the DLL behind it.
    @Test(.timeLimit(.minutes(5))) func aSevenZipBombStopsAtTheRatioWithADiagnostic() throws {
        let report = try Self.scanFixture("7z-bomb.7z")
        #expect(report.binaries.isEmpty)
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.kind == .overBudget)
        #expect(diagnostic.message.contains("a-zeros.bin"), "\(diagnostic.message)")
    }

    @Test func aSevenZipArchiveInsideAZipIsOpened() throws {
        let want = try Self.sevenZip("7z-solid.7z").filter { $0.pe == true }
        let report = try Self.scanFixture("7z-in-zip.zip")
        #expect(
            Set(report.binaries.map(\.path))
                == Set(want.map { "7z-in-zip.zip!/dist/7z-solid.7z!/\($0.name)" }))
    }

    /// engine-7z-appended.exe is a fixture PE with 7zz's archive of x86_console.exe appended
    /// (make-engines.sh): the stub and the payload are both rated, and the stub's finding
    /// about an unexamined payload is gone.
    @Test func aSevenZipSelfExtractorRatesItsPayload() throws {
        let name = "engine-7z-appended.exe"
        let report = try Self.scanFixture(name)
        #expect(Set(report.binaries.map(\.path)) == [name, "\(name)!/app.exe"])
        let stub = try #require(report.binaries.first { $0.path == name })
        #expect(!stub.findings.contains { $0.rule == "installer-payload-not-examined" })
        let payload = try #require(report.binaries.first { $0.path == "\(name)!/app.exe" })
        #expect(payload.machineName == "I386")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
    }

    /// A 7z NUMBER (7zFormat.txt): the first byte's leading one bits count the bytes that
    /// follow, little-endian, and its other bits are the value's highest.
    static func number7z(_ value: UInt64) -> [UInt8] {
        for extra in 0..<8 where value < UInt64(1) << (7 * (extra + 1)) {
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - extra))
            return [mask | UInt8(truncatingIfNeeded: value >> (8 * extra))]
                + (0..<extra).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        }
        return [0xFF] + (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// A 7z archive of one file under the Copy coder, laid out by 7zFormat.txt: the signature
    /// header, the file's bytes as the one packed stream, then the header (main streams info
    /// with one folder of one coder, files info with the name). `7zz t` passes its output.
    static func stored7z(name: String, contents: [UInt8]) -> [UInt8] {
        func le(_ value: UInt64, _ width: Int) -> [UInt8] {
            (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        }
        func crc(_ bytes: [UInt8]) -> UInt64 { UInt64(bytes.withUnsafeBytes { Inflater.crc32($0) }) }
        let size = number7z(UInt64(contents.count))
        let one = number7z(1)
        var header: [UInt8] = [0x01, 0x04]  // kHeader, kMainStreamsInfo
        header += [0x06]  // kPackInfo: at 0, one stream of `size` bytes, kEnd
        header += number7z(0)
        header += one
        header += [0x09]
        header += size
        header += [0x00]
        // kUnPackInfo, kFolder, one folder, not external; one coder: id size 1, Copy (0x00).
        header += [0x07, 0x0B]
        header += one
        header += [0x00]
        header += one
        header += [0x01, 0x00]
        header += [0x0C]  // kCodersUnPackSize, then kEnd (unpack info)
        header += size
        header += [0x00]
        // kSubStreamsInfo with the file's CRC (kCRC, all defined), kEnd; kEnd (streams).
        // 7-Zip reads the archive without it; libarchive needs it to give the folder its file.
        header += [0x08, 0x0A, 0x01]
        header += le(crc(contents), 4)
        header += [0x00, 0x00]
        var utf16: [UInt8] = []
        for unit in name.utf16 { utf16 += [UInt8(truncatingIfNeeded: unit), UInt8(truncatingIfNeeded: unit >> 8)] }
        utf16 += [0, 0]
        header += [0x05]  // kFilesInfo: one file; kName, its size, not external, the name
        header += one
        header += [0x11]
        header += number7z(UInt64(utf16.count + 1))
        header += [0x00]
        header += utf16
        header += [0x00, 0x00]  // kEnd (files), kEnd (header)
        var start = le(UInt64(contents.count), 8)
        start += le(UInt64(header.count), 8)
        start += le(crc(header), 4)
        var archive = SevenZipArchive.signature + [0, 4]
        archive += le(crc(start), 4)
        archive += start
        archive += contents
        archive += header
        return archive
    }

    /// A 40 MiB member (a PE with incompressible data behind it) passes
    /// `ZipArchive.inMemoryLimit`, so it is read into an unlinked temporary file: it is rated
    /// with the input's SHA-256 and nothing is left in the folder.
    @Test(.timeLimit(.minutes(5))) func aLargeSevenZipMemberIsReadThroughATemporaryFile() throws {
        var generator = SplitMix64(seed: 0x7A)
        var member = Self.armDLL
        #expect(!member.isEmpty)
        while member.count < 40 << 20 {
            let word = generator.next()
            member += (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) }
        }
        #expect(UInt64(member.count) > ZipArchive.inMemoryLimit)
        let report = try Self.scanCopies(["large.7z": Self.stored7z(name: "lib/big.dll", contents: member)])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let binary = try #require(report.binaries.first)
        #expect(report.binaries.map(\.path) == ["large.7z!/lib/big.dll"])
        #expect(binary.sha256 == Self.sha256(member))
        #expect(binary.machineName == "ARM64")
    }
}
