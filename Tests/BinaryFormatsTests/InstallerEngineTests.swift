import Foundation
import Testing

@testable import BinaryFormats

/// Expectations from `Tests/Fixtures/installers/engine-expected.json` (pefile, 7zz l -slt and the
/// offsets make-engines.sh placed), never from armready's output.
@Suite struct InstallerEngineTests {
    struct Container: Decodable {
        let offset: Int
        let length: Int
        let detached: Bool
    }

    struct Expected: Decodable {
        let engine: String
        let payloadOffset: Int
        let payloadLength: Int?
        let version: String?
        let bundleId: String?
        let containers: [Container]?
        let sevenZipSolid: Bool?
        let sevenZipMethod: String?
        let sevenZipEmbeddedStubSize: Int?
        let pefileOverlay: Int?
        let wixburnRawOffset: Int?
    }

    static let expected: [String: Expected] = {
        let url = FixturePaths.fixtures.appendingPathComponent("installers/engine-expected.json")
        guard let data = try? Data(contentsOf: url),
            let decoded = try? JSONDecoder().decode([String: Expected].self, from: data)
        else { return [:] }
        return decoded
    }()

    static func detect(_ bytes: [UInt8]) -> InstallerEngine? {
        bytes.withUnsafeBytes { raw in
            guard case .image(let image) = BinaryReader.read(bytes: raw) else { return nil }
            return InstallerEngineDetector.detect(image: image, bytes: raw)
        }
    }

    static func load(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: FixturePaths.path("installers/" + name))))
    }

    @Test(arguments: expected.keys.sorted())
    func fixtureIsDetected(name: String) throws {
        let want = try #require(Self.expected[name])
        let engine = try #require(Self.detect(try Self.load(name)))
        #expect(engine.name.rawValue == want.engine)
        #expect(engine.payload?.offset == want.payloadOffset)
        if let length = want.payloadLength { #expect(engine.payload?.length == length) }
        if let version = want.version { #expect(engine.version == version) }
        if let bundle = want.bundleId { #expect(engine.notes.contains("bundle id \(bundle)")) }
        if let containers = want.containers {
            #expect(engine.containers.map(\.offset) == containers.map(\.offset))
            #expect(engine.containers.map(\.length) == containers.map(\.length))
            #expect(engine.containers.map(\.detached) == containers.map(\.detached))
        }
        if let stub = want.sevenZipEmbeddedStubSize { #expect(engine.payload?.offset == stub) }
        if let method = want.sevenZipMethod, let solid = want.sevenZipSolid {
            let word = method.hasPrefix("LZMA") ? "lzma" : method == "Deflate" ? "deflate" : method.lowercased()
            #expect(engine.notes.contains("compression: \(word), \(solid ? "solid" : "non-solid")"))
        }
    }

    @Test(arguments: expected.keys.sorted())
    func overlayMatchesPefile(name: String) throws {
        let want = try #require(Self.expected[name])
        let bytes = try Self.load(name)
        let overlay = bytes.withUnsafeBytes { raw -> Range<Int>? in
            guard case .image(let image) = BinaryReader.read(bytes: raw) else { return nil }
            return InstallerLayout(image: image, bytes: raw).overlay
        }
        #expect(overlay?.lowerBound == want.pefileOverlay)
    }

    @Test func innoNotesSayArchitecturesWereNotRead() throws {
        let engine = try #require(Self.detect(try Self.load("engine-inno.exe")))
        #expect(engine.notes.contains(InnoSetupLoader.unreadArchitectures))
        #expect(engine.payload?.format == .inno)
    }

    @Test func plainFixturePEsAreNoInstallers() throws {
        let folder = FixturePaths.path("pe")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
            #expect(Self.detect(bytes) == nil, "\(name)")
        }
    }

    @Test func burnContainerCountIsCapped() throws {
        var bytes = try Self.load("engine-burn.exe")
        let start = try #require(Self.expected["engine-burn.exe"]?.wixburnRawOffset)
        // Container count at +44 of the .wixburn section: 2^32 - 1.
        for index in 0..<4 { bytes[start + 44 + index] = 0xFF }
        let engine = try #require(Self.detect(bytes))
        #expect(engine.name == .wixBurn)
        #expect(engine.containers.count <= BurnSection.maxContainers)
        #expect(engine.notes.contains { $0.contains("declares 4294967295 containers") })
    }

    @Test(.timeLimit(.minutes(10)), arguments: expected.keys.sorted())
    func damagedInstallersNeverTrap(name: String) throws {
        let original = try Self.load(name)
        // Every 7th truncation length, and 200 seeded byte flips.
        for length in stride(from: 0, to: original.count, by: 7) {
            _ = Self.detect(Array(original.prefix(length)))
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(original.count)
        for _ in 0..<200 {
            var bytes = original
            for _ in 0..<4 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let at = Int((state >> 33) % UInt64(bytes.count))
                bytes[at] ^= UInt8(truncatingIfNeeded: state >> 13) | 1
            }
            _ = Self.detect(bytes)
        }
    }
}
