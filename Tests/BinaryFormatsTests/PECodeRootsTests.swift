import Foundation
import Testing

@testable import BinaryFormats

/// The PE code roots (entry point, exports, TLS callbacks) and import slots (IAT entries of
/// imports and delay-load imports) against Tests/Fixtures/roots/expected.json, which
/// roots/expect.py writes from pefile and llvm-readobj.
@Suite("PE code roots and import slots against pefile and llvm-readobj")
struct PECodeRootsTests {
    struct Named: Decodable {
        var address: UInt64
        var name: String?
    }

    struct Expectation: Decodable {
        var entry: UInt64
        var exports: [Named]
        var tlsCallbacks: [UInt64]
        var importSlots: [Named]
        var delayImportSlots: [Named]
    }

    static let expectations: [String: Expectation] =
        (try? JSONDecoder().decode(
            [String: Expectation].self,
            from: Data(contentsOf: URL(fileURLWithPath: FixturePaths.path("roots/expected.json"))))) ?? [:]
    static let paths = expectations.keys.sorted()

    @Test func expectationsAreThere() {
        #expect(Self.expectations.count >= 20)
        // The fixtures built for this test: two TLS callbacks each, PE32+ and PE32.
        #expect(Self.expectations["roots/x64_tls.exe"]?.tlsCallbacks.count == 2)
        #expect(Self.expectations["roots/x86_tls.exe"]?.tlsCallbacks.count == 2)
    }

    @Test(arguments: paths)
    func rootsAndSlots(path: String) throws {
        let expected = try #require(Self.expectations[path])
        guard case .image(let image) = BinaryReader.read(path: FixturePaths.path(path)) else {
            Issue.record("\(path) did not read")
            return
        }
        let roots = image.code.roots
        #expect(roots.filter { $0.kind == .entry }.map(\.address) == (expected.entry == 0 ? [] : [expected.entry]))
        #expect(roots.filter { $0.kind == .tlsCallback }.map(\.address) == Array(Set(expected.tlsCallbacks)).sorted())
        // One root per address: aliases collapse to the first name in order.
        let exportNames = Dictionary(grouping: expected.exports, by: \.address).mapValues { $0.compactMap(\.name) }
        let exports = roots.filter { $0.kind == .export }
        #expect(exports.map(\.address) == exportNames.keys.sorted())
        for root in exports {
            #expect(root.name == exportNames[root.address]?.min(), "\(path) export at \(root.address)")
        }
        #expect(roots == roots.sorted { ($0.address, $0.kind.rawValue) < ($1.address, $1.kind.rawValue) })
        let slots = (expected.importSlots + expected.delayImportSlots).map {
            ImportSlot(address: $0.address, name: $0.name ?? "")
        }
        #expect(image.code.importSlots == slots.sorted { ($0.address, $0.name) < ($1.address, $1.name) })
    }

    @Test("the TLS fixtures have both kinds of import, an export, and the delay-load IAT")
    func tlsFixturesCoverEveryKind() throws {
        for path in ["roots/x64_tls.exe", "roots/x86_tls.exe"] {
            let expected = try #require(Self.expectations[path])
            #expect(expected.importSlots.contains { $0.name == "#77" })
            #expect(expected.delayImportSlots.map(\.name) == ["MessageBeep"])
            #expect(expected.exports.map(\.name) == ["exported_ticks"])
        }
    }

    @Test("header-level triage reads no roots or slots")
    func triageSkipsThem() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: FixturePaths.path("roots/x64_tls.exe"))))
        let image = try bytes.withUnsafeBytes { buffer in try PEReader.read(buffer, options: .headers) }
        #expect(image.code.roots.isEmpty)
        #expect(image.code.importSlots.isEmpty)
        #expect(image.pe?.importDetails.isEmpty == false)
    }
}
