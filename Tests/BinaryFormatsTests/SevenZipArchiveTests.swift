import Foundation
import Testing
@testable import BinaryFormats

/// The 7z reader (SevenZipArchive) against Tests/Fixtures/installers/7z-expected.json: 7-Zip's own
/// listing (`7zz l -slt`) and extraction (SHA-256) of the archives make-7z.sh packed.
@Suite("7z archives")
struct SevenZipArchiveTests {
    struct Member: Decodable {
        let name: String
        let size: Int?
        let sha256: String?
        let method: String?
        let directory: Bool?
    }

    struct Archive: Decodable {
        let files: [Member]?
    }

    static func expected() throws -> [String: Archive] {
        let data = try Data(contentsOf: FixturePaths.fixtures.appendingPathComponent("installers/7z-expected.json"))
        return try JSONDecoder().decode([String: Archive].self, from: data)
    }

    /// Every file of `bytes` with its contents, or the error that stopped its read, in archive order.
    static func read(_ bytes: [UInt8]) throws -> [(
        entry: SevenZipArchive.Entry, contents: Result<[UInt8], BinaryFormatError>
    )] {
        let read = bytes.withUnsafeBytes { buffer in
            Result { () throws(BinaryFormatError) -> [(SevenZipArchive.Entry, Result<[UInt8], BinaryFormatError>)] in
                let archive = try SevenZipArchive(buffer)
                var all: [(SevenZipArchive.Entry, Result<[UInt8], BinaryFormatError>)] = []
                while let entry = try archive.next() {
                    let contents = Result { () throws(BinaryFormatError) -> [UInt8] in
                        var contents = try archive.read(upTo: 4)
                        try archive.readRest { contents.append(contentsOf: $0) }
                        return contents
                    }
                    all.append((entry, contents))
                }
                return all
            }
        }
        return try read.get()
    }

    /// LZMA2 + BCJ (solid), LZMA (bsdtar), 7-Zip 22's ARM64 filter in front of LZMA2, and BCJ2
    /// (its main stream in LZMA2, call and jump streams in LZMA, a range-coded fourth), and
    /// stored data behind BCJ (7-Zip's -mx0), 160 KiB of it in one block.
    @Test(arguments: ["7z-solid.7z", "7z-traversal.7z", "7z-arm64.7z", "7z-bcj2.7z", "7z-stored.7z"])
    func listingAndContentsMatchSevenZip(name: String) throws {
        let want = try #require(try Self.expected()[name]?.files).filter { $0.directory != true }
        let got = try Self.read(try CabinetFixtureTests.bytes(name))
        #expect(got.map(\.entry.name) == want.map(\.name))
        #expect(got.map { Int($0.entry.size) } == want.map { $0.size ?? -1 })
        #expect(got.map { try? $0.contents.get() }.map { $0.map(CabinetFixtureTests.sha256) } == want.map(\.sha256))
    }

    /// PPMd (7-Zip's methods column says so) is listed, and each file's read names the method
    /// armready does not decode.
    @Test(arguments: [("7z-ppmd.7z", "PPMd")])
    func coderArmreadyDoesNotDecodeIsNamed(name: String, method: String) throws {
        let want = try #require(try Self.expected()[name]?.files).filter { $0.directory != true }
        #expect(want.allSatisfy { $0.method?.uppercased().hasPrefix(method.uppercased()) == true })
        let got = try Self.read(try CabinetFixtureTests.bytes(name))
        #expect(got.map(\.entry.name) == want.map(\.name))
        #expect(got.map { Int($0.entry.size) } == want.map { $0.size ?? -1 })
        for (entry, contents) in got {
            guard case let .failure(error) = contents else {
                Issue.record("\(entry.name) was decoded")
                continue
            }
            #expect("\(error)".contains("uses \(method), which armready does not decode"), "\(error)")
        }
    }

    @Test func encryptedArchivesAreRefusedWithTheReason() throws {
        let data = try Self.read(try CabinetFixtureTests.bytes("7z-encrypted.7z"))
        #expect(data.map(\.entry.name) == ["bin/helper.dll"])
        guard case let .failure(error) = data.first?.contents else {
            Issue.record("encrypted data was read")
            return
        }
        #expect("\(error)".contains("encrypted (7zAES)"), "\(error)")
        #expect(throws: BinaryFormatError.self) {
            try Self.read(try CabinetFixtureTests.bytes("7z-encrypted-names.7z"))
        }
        do {
            _ = try Self.read(try CabinetFixtureTests.bytes("7z-encrypted-names.7z"))
        } catch {
            #expect("\(error)".contains("header is encrypted"), "\(error)")
        }
    }

    @Test func bytesThatAreNoSevenZipArchiveAreRefused() {
        for bytes: [UInt8] in [[], [0x37, 0x7A], Array("PK\u{3}\u{4}....".utf8), SevenZipArchive.signature] {
            let outcome = bytes.withUnsafeBytes { buffer in
                Result { () throws(BinaryFormatError) in
                    let archive = try SevenZipArchive(buffer)
                    _ = try archive.next()
                }
            }
            guard case .failure = outcome else {
                Issue.record("\(bytes) was read")
                continue
            }
        }
    }
}
