import Foundation
import Testing
@testable import BinaryFormats

/// The 7z reader (libarchive) against Tests/Fixtures/installers/7z-expected.json: 7-Zip's own
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

    /// Every file of `bytes` with its contents (nil where decoding failed), in archive order.
    static func read(_ bytes: [UInt8]) throws -> [(entry: SevenZipArchive.Entry, contents: [UInt8]?)] {
        let read = bytes.withUnsafeBytes { buffer in
            Result { () throws(BinaryFormatError) -> [(SevenZipArchive.Entry, [UInt8]?)] in
                let archive = try SevenZipArchive(buffer)
                var all: [(SevenZipArchive.Entry, [UInt8]?)] = []
                while let entry = try archive.next() {
                    var contents = try? archive.read(upTo: 4)
                    if contents != nil {
                        guard (try? archive.readRest({ contents?.append(contentsOf: $0) })) != nil else {
                            all.append((entry, nil))
                            break
                        }
                    }
                    all.append((entry, contents))
                    if contents == nil { break }
                }
                return all
            }
        }
        return try read.get()
    }

    @Test(arguments: ["7z-solid.7z", "7z-ppmd.7z", "7z-bcj2.7z", "7z-traversal.7z"])
    func listingAndContentsMatchSevenZip(name: String) throws {
        let want = try #require(try Self.expected()[name]?.files).filter { $0.directory != true }
        let got = try Self.read(try CabinetFixtureTests.bytes(name))
        #expect(got.map(\.entry.name) == want.map(\.name))
        #expect(got.map { Int($0.entry.size) } == want.map { $0.size ?? -1 })
        #expect(got.map { $0.contents.map(CabinetFixtureTests.sha256) } == want.map(\.sha256))
    }

    @Test func theArm64FiltersEntryEitherDecodesOrSaysWhichFilterIsMissing() throws {
        let want = try #require(try Self.expected()["7z-arm64.7z"]?.files)
        #expect(want.first?.method?.hasPrefix("ARM64") == true)
        let bytes = try CabinetFixtureTests.bytes("7z-arm64.7z")
        let outcome = bytes.withUnsafeBytes { buffer in
            Result { () throws(BinaryFormatError) -> [UInt8] in
                let archive = try SevenZipArchive(buffer)
                let entry = try archive.next()
                #expect(entry?.name == "bin/app.exe")
                var all = try archive.read(upTo: 4)
                try archive.readRest { all.append(contentsOf: $0) }
                return all
            }
        }
        switch outcome {
        case let .success(contents):
            #expect(SevenZipArchive.readsARM64Filter)
            #expect(CabinetFixtureTests.sha256(contents) == want.first?.sha256)
        case let .failure(error):
            #expect(!SevenZipArchive.readsARM64Filter)
            #expect("\(error)".contains("7-Zip's ARM64 filter, which libarchive reads from version 3.7"), "\(error)")
        }
    }

    @Test func encryptedArchivesAreRefusedWithLibarchivesReason() throws {
        for (name, phrase) in [
            ("7z-encrypted.7z", "content is encrypted"), ("7z-encrypted-names.7z", "header is encrypted"),
        ] {
            let bytes = try CabinetFixtureTests.bytes(name)
            let outcome = bytes.withUnsafeBytes { buffer in
                Result { () throws(BinaryFormatError) in
                    let archive = try SevenZipArchive(buffer)
                    while try archive.next() != nil { _ = try archive.read(upTo: 4) }
                }
            }
            guard case let .failure(error) = outcome else {
                Issue.record("\(name) was read")
                continue
            }
            #expect("\(error)".contains(phrase), "\(name): \(error)")
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
