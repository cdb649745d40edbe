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

    @Test("every truncation gives an image or a sentence", .timeLimit(.minutes(10)), arguments: names)
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

    @Test("random byte damage never crashes", .timeLimit(.minutes(10)), arguments: names)
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

    @Test("libelf never writes to the bytes it reads, in either byte order")
    func bytesUntouched() throws {
        for bytes in [ELFImageBuilder.minimal(bigEndian: true, machine: 21).bytes, try Self.fixture("x86_64_app")] {
            var copy = bytes
            let result = copy.withUnsafeMutableBytes { buffer in
                Result { () throws(BinaryFormatError) in try ELFReader.read(UnsafeRawBufferPointer(buffer)) }
            }
            #expect((try? result.get()) != nil)
            #expect(copy == bytes)
        }
    }

    @Test("concurrent reads give the same images as sequential ones")
    func concurrentReads() async throws {
        let paths = Self.names.map {
            elfRepositoryRoot.appendingPathComponent("Tests/Fixtures/elf").appendingPathComponent($0).path
        }
        let sequential = paths.map { BinaryReader.read(path: $0) }
        let concurrent = await withTaskGroup(of: (Int, ReadResult).self) { group in
            for round in 0..<8 {
                for (index, path) in paths.enumerated() {
                    group.addTask { (round * paths.count + index, BinaryReader.read(path: path)) }
                }
            }
            var results: [Int: ReadResult] = [:]
            for await (key, result) in group { results[key] = result }
            return results
        }
        for (key, result) in concurrent { #expect(result == sequential[key % paths.count]) }
        #expect(concurrent.count == 8 * paths.count)
    }
}
