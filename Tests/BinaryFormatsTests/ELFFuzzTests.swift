import Foundation
import Testing

@testable import BinaryFormats

/// Real fixtures, truncated at every 16-byte boundary and damaged at random places: the reader
/// must always return (an image or an error) and never trap or hang (DESIGN.md §8).
@Suite("ELF damaged fixtures")
struct ELFFuzzTests {
    static let names = ["x86_64_app", "aarch64_lib.so", "armhf_app", "i386_app", "x86_64_object.o"]

    static func fixture(_ name: String) throws -> [UInt8] {
        let url = elfRepositoryRoot.appendingPathComponent("Tests/Fixtures/elf").appendingPathComponent(name)
        return [UInt8](try Data(contentsOf: url))
    }

    @Test("every truncation gives an image or a sentence", .timeLimit(.minutes(1)), arguments: names)
    func truncations(_ name: String) throws {
        let bytes = try Self.fixture(name)
        var errors = 0
        for length in stride(from: 0, to: bytes.count, by: 16) {
            if case .failure(let error) = readELF(Array(bytes[0..<length])) {
                errors += 1
                #expect(!error.description.isEmpty)
            }
        }
        // The section header table sits at the end, so nearly every prefix must fail.
        #expect(errors > 0)
    }

    @Test("random byte damage never crashes", .timeLimit(.minutes(1)), arguments: names)
    func randomDamage(_ name: String) throws {
        let original = try Self.fixture(name)
        var generator = SplitMix64(seed: UInt64(truncatingIfNeeded: name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
        var images = 0
        for _ in 0..<2000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...16, using: &generator) {
                let at = Int.random(in: 4..<bytes.count, using: &generator)
                bytes[at] = UInt8.random(in: 0...255, using: &generator)
            }
            if case .success = readELF(bytes) { images += 1 }
        }
        #expect(images > 0)
    }
}
