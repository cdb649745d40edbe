import Crypto
import Foundation
import Testing
@testable import BinaryFormats

/// The MSI reader against msiinfo (libmsi), recorded by Tests/Fixtures/installers/make-msi.sh in
/// msi-expected.json.
@Suite("MSI fixtures")
struct MSIFixtureTests {
    struct Expected: Decodable {
        struct File: Decodable {
            let key, component, fileName, directory, installPath: String
            let size, sequence, attributes: Int
            let component64Bit: Bool
            let cabinet: String?
        }
        struct Media: Decodable {
            let diskId, lastSequence: Int
            let cabinet: String?
        }
        struct Binary: Decodable { let name, stream: String }
        struct Action: Decodable {
            let action: String
            let type: Int
            let source, target: String?
        }
        struct Condition: Decodable {
            let condition: String
            let description: String?
        }
        let title, subject, author, template: String?
        let pageCount, wordCount: Int?
        let streams: [String]
        let streamSHA256: [String: String]
        let files: [File]
        let media: [Media]
        let binaries: [Binary]
        let customActions: [Action]
        let launchConditions: [Condition]
        let properties: [String: String]
    }

    static func expected() throws -> [String: Expected] {
        let url = FixturePaths.fixtures.appendingPathComponent("installers/msi-expected.json")
        return try JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: url))
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: FixturePaths.fixtures.appendingPathComponent("installers/\(name)")))
    }

    @Test func everyFixtureAgreesWithMsiinfo() throws {
        let all = try Self.expected()
        #expect(all.count == 9)
        for (name, want) in all {
            let bytes = try Self.bytes(name)
            try bytes.withUnsafeBytes { raw in
                let db = try MSIDatabase(raw)
                #expect(db.warnings == [], "\(name)")
                #expect(db.template == want.template, "\(name)")
                #expect(db.title == want.title && db.subject == want.subject && db.author == want.author, "\(name)")
                #expect(db.pageCount == want.pageCount && db.wordCount == want.wordCount, "\(name)")
                #expect(db.streamNames == want.streams, "\(name)")
                for stream in want.streams {
                    let data = try db.stream(named: stream, limit: 1 << 20)
                    let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
                    #expect(digest == want.streamSHA256[stream], "\(name) \(stream)")
                }
                let files = db.files.sorted { $0.sequence < $1.sequence }
                let wantFiles = want.files.sorted { $0.sequence < $1.sequence }
                #expect(files.count == wantFiles.count, "\(name)")
                for (file, w) in zip(files, wantFiles) {
                    #expect(file.key == w.key && file.component == w.component && file.fileName == w.fileName)
                    #expect(file.size == w.size && file.sequence == w.sequence && file.attributes == w.attributes)
                    #expect(file.directory == w.directory && file.installPath == w.installPath, "\(name) \(file.key)")
                    #expect(file.component64Bit == w.component64Bit && file.cabinet == w.cabinet, "\(name) \(file.key)")
                }
                #expect(db.media.map(\.diskId) == want.media.map(\.diskId), "\(name)")
                #expect(db.media.map(\.lastSequence) == want.media.map(\.lastSequence), "\(name)")
                #expect(db.media.map(\.cabinet) == want.media.map(\.cabinet), "\(name)")
                #expect(db.binaries.map(\.name) == want.binaries.map(\.name), "\(name)")
                #expect(db.binaries.map(\.streamName) == want.binaries.map(\.stream), "\(name)")
                #expect(db.customActions.map(\.action) == want.customActions.map(\.action), "\(name)")
                #expect(db.customActions.map(\.type) == want.customActions.map(\.type), "\(name)")
                #expect(db.customActions.map(\.source) == want.customActions.map(\.source), "\(name)")
                #expect(db.customActions.map(\.target) == want.customActions.map(\.target), "\(name)")
                #expect(db.launchConditions.map(\.condition) == want.launchConditions.map(\.condition), "\(name)")
                #expect(db.launchConditions.map(\.description) == want.launchConditions.map(\.description))
                #expect(db.properties == want.properties, "\(name)")
            }
        }
    }

    @Test func templatePlatformsAndCabinets() throws {
        let arm = try Self.bytes("msi-arm64.msi")
        try arm.withUnsafeBytes { raw in
            let db = try MSIDatabase(raw)
            #expect(db.platforms == ["Arm64"])
            #expect(db.languages == [1033])
            // An embedded cabinet (Media.Cabinet "#arm.cab") is the stream "arm.cab", a CAB file.
            let cabinet = try #require(db.media.first?.cabinet)
            #expect(cabinet == "#arm.cab")
            #expect(try db.stream(named: String(cabinet.dropFirst()), limit: 4) == Array("MSCF".utf8))
        }
        let ca = try Self.bytes("msi-customaction.msi")
        try ca.withUnsafeBytes { raw in
            let db = try MSIDatabase(raw)
            #expect(db.customActions.first?.sourceKind == .binaryDLL)
            let dll = try db.stream(named: "Binary.CustomActionDll", limit: 2)
            #expect(dll == Array("MZ".utf8))
        }
    }

    @Test func aCompoundFileThatIsNotAnMSIThrows() throws {
        var image = MSITestImage()
        image.addStream("Hello", Array(repeating: 7, count: 100))
        let bytes = image.build()
        bytes.withUnsafeBytes { raw in
            #expect(
                throws: BinaryFormatError.invalid(
                    "the compound file is not an MSI database (no _StringPool/_StringData streams)")
            ) {
                _ = try MSIDatabase(raw)
            }
            #expect((try? CompoundFile(raw))?.streams.map(\.name) == ["Hello"])
        }
    }
}
