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

    @Test(arguments: ["7z-solid.7z", "7z-ppmd.7z", "7z-bcj2.7z", "7z-traversal.7z"])
    func everyPEInASevenZipArchiveIsRatedUnderItsPath(name: String) throws {
        let want = try Self.sevenZip(name).filter { $0.pe == true }
        #expect(!want.isEmpty)
        let report = try Self.scanFixture(name)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(Set(report.binaries.map(\.path)) == Set(want.map { "\(name)!/\($0.name)" }))
        #expect(Set(report.binaries.compactMap(\.sha256)) == Set(want.compactMap(\.sha256)))
        #expect(report.binaries.allSatisfy { $0.packagedIn?.kind == "7z" }, "\(report.binaries.map(\.packagedIn))")
    }

    /// 7zz put the Arm64 EXE (ARM64 filter) and the x64 DLL (BCJ) in two blocks. Where
    /// libarchive lacks the ARM64 filter, the EXE gets a diagnostic naming it and a second pass
    /// still reaches the DLL.
    @Test func anEntryLibarchiveCannotDecodeLeavesTheOtherBlocksRated() throws {
        let report = try Self.scanFixture("7z-arm64.7z")
        #expect(report.binaries.map(\.path).contains("7z-arm64.7z!/bin/helper.dll"))
        if SevenZipArchive.readsARM64Filter {
            #expect(report.binaries.count == 2)
        } else {
            let diagnostic = try #require(report.diagnostics.first { $0.path == "7z-arm64.7z!/bin/app.exe" })
            #expect(diagnostic.kind == .unreadable)
            #expect(diagnostic.message.contains("ARM64 filter"), "\(diagnostic.message)")
            #expect(report.diagnostics.count == 1, "\(report.diagnostics)")
        }
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
}
