import Crypto
import Foundation
import Testing
@testable import BinaryFormats

/// The cabinet reader against Tests/Fixtures/installers/cab-expected.json: names, sizes and
/// SHA-256 of the original inputs gcab packed (checked there against `gcab -l`), and 7-Zip's
/// listing and extraction of libmspack's MSZIP+LZX+Quantum test cabinet.
@Suite("Cabinet fixtures")
struct CabinetFixtureTests {
    struct Member: Decodable {
        let name: String
        let size: Int
        let sha256: String
        let method: String?
    }

    struct Cabinet: Decodable {
        let files: [Member]?
        let compression: String?
        let cabinetOffsets: [Int]?
    }

    static func expected() throws -> [String: Cabinet] {
        let data = try Data(contentsOf: FixturePaths.fixtures.appendingPathComponent("installers/cab-expected.json"))
        return try JSONDecoder().decode([String: Cabinet].self, from: data)
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: FixturePaths.fixtures.appendingPathComponent("installers/\(name)")))
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test(.timeLimit(.minutes(10))) func listingAndContentsMatchTheInputs() throws {
        let all = try Self.expected()
        var checked = 0
        for (name, cabinet) in all.sorted(by: { $0.key < $1.key }) {
            guard let members = cabinet.files else { continue }
            let archive = try CabinetArchive(try Self.bytes(name))
            #expect(archive.files.map(\.name) == members.map(\.name), "\(name)")
            #expect(archive.files.map(\.size) == members.map(\.size), "\(name)")
            #expect(!archive.spansCabinets)
            for (file, want) in zip(archive.files, members) {
                let contents = try archive.contents(of: file, limit: 1 << 20)
                #expect(Self.sha256(contents) == want.sha256, "\(name): \(file.name)")
                #expect(try archive.prefix(of: file, length: 4) == Array(contents.prefix(4)))
                checked += 1
            }
            var seen = 0
            archive.forEachFile(limit: 1 << 20) { file, result in
                seen += 1
                let digest = (try? result.get()).map(Self.sha256)
                #expect(digest == members[file.index].sha256, "\(name): \(file.name) in one pass")
            }
            #expect(seen == members.count)
        }
        #expect(checked > 240)
    }

    /// One pass that keeps members in memory, in temporary files, or not at all, by their
    /// first bytes: kept bytes match the inputs' SHA-256, dropped members leave their first
    /// four bytes, whatever the folder's compression.
    @Test(arguments: ["cab-mszip.cab", "cab-mszip-lzx-qtm.cab", "cab-stored.cab"])
    func membersAreKeptAsTheirFirstBytesDecide(name: String) throws {
        let members = try #require(try Self.expected()[name]?.files)
        let archive = try CabinetArchive(try Self.bytes(name))
        var seen = 0
        archive.forEachFile(
            limit: 1 << 20,
            keep: { file, prefix in
                prefix.starts(with: Array("MZ".utf8)) ? (file.index % 2 == 0 ? .memory : .temporaryFile) : .discard
            }
        ) { file, result in
            seen += 1
            let want = members[file.index]
            switch result {
            case let .success(.memory(bytes)):
                #expect(file.index % 2 == 0)
                #expect(Self.sha256(bytes) == want.sha256, "\(name): \(file.name)")
            case let .success(.file(mapped)):
                #expect(file.index % 2 == 1)
                #expect(Self.sha256(Array(mapped.bytes)) == want.sha256, "\(name): \(file.name)")
            case let .success(.discarded(prefix)):
                let original = try? archive.contents(of: file, limit: 1 << 20)
                #expect(original.map { Array($0.prefix(4)) } == prefix, "\(name): \(file.name)")
                #expect(!prefix.starts(with: Array("MZ".utf8)))
            case let .failure(error):
                Issue.record("\(name): \(file.name): \(error)")
            }
        }
        #expect(seen == members.count)
    }

    /// A cabinet read in place gives the members a copied one gives.
    @Test func aBorrowedCabinetReadsAsACopiedOne() throws {
        let members = try #require(try Self.expected()["cab-mszip.cab"]?.files)
        let bytes = try Self.bytes("cab-mszip.cab")
        let digests = try bytes.withUnsafeBytes { buffer in
            try CabinetArchive.borrowing(buffer) { archive in
                var digests: [String?] = []
                archive.forEachFile(limit: 1 << 20) { _, result in digests.append((try? result.get()).map(Self.sha256))
                }
                return digests
            }
        }
        #expect(digests == members.map(\.sha256))
    }

    @Test func compressionMethodsAreNamed() throws {
        #expect(try CabinetArchive(try Self.bytes("cab-stored.cab")).files.allSatisfy { $0.compression == .none })
        #expect(try CabinetArchive(try Self.bytes("cab-mszip.cab")).files.allSatisfy { $0.compression == .mszip })
        let mixed = try CabinetArchive(try Self.bytes("cab-mszip-lzx-qtm.cab"))
        // 7-Zip's methods: MSZip, LZX:18, Quantum:18.
        #expect(mixed.files.map(\.compression) == [.mszip, .lzx, .quantum])
        #expect(mixed.header.folders.count == 3)
    }

    @Test func aCabinetSetIsReportedNotFollowed() throws {
        let part = try CabinetArchive(try Self.bytes("cab-set-part1.cab"))
        #expect(part.spansCabinets)
        #expect(part.header.nextCabinet != nil)
        for file in part.files where file.continuedToNext {
            #expect(throws: BinaryFormatError.self) { try part.contents(of: file, limit: 1 << 20) }
        }
    }

    @Test func theCabinetInTheSelfExtractorIsFoundAtTheStubSize() throws {
        let sfx = try Self.bytes("cab-sfx.exe")
        let want = try #require(try Self.expected()["cab-sfx.exe"]?.cabinetOffsets)
        let found = sfx.withUnsafeBytes { CabinetArchive.offsets(in: $0, limit: 8) }
        #expect(found == want)
        let archive = try sfx.withUnsafeBytes { raw in
            try CabinetArchive(UnsafeRawBufferPointer(rebasing: raw[want[0]...]))
        }
        #expect(archive.files.count == 4)
        let plain = try Self.bytes("cab-stored.cab")
        #expect(plain.withUnsafeBytes { CabinetArchive.offsets(in: $0, limit: 8) } == [0])
        #expect([UInt8](repeating: 0, count: 100).withUnsafeBytes { CabinetArchive.offsets(in: $0, limit: 8) } == [])
    }
}
