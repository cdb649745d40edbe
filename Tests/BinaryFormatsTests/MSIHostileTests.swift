import Foundation
import Testing
@testable import BinaryFormats

/// Damaged and hostile compound files and MSIs: each throws or returns warnings, never traps
/// or hangs.
@Suite("MSI hostile input")
struct MSIHostileTests {
    /// Reads everything the reader offers, as a scan would.
    static func exercise(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            if let db = try? MSIDatabase(raw) {
                for name in db.streamNames { _ = try? db.stream(named: name, limit: 1 << 16) }
                _ = db.files.map(\.installPath)
            }
        }
    }

    @Test(.timeLimit(.minutes(10))) func everyTruncationAtAStride() throws {
        let bytes = try MSIFixtureTests.bytes("msi-customaction.msi")
        let stride = max(1, bytes.count / 400)
        for length in Swift.stride(from: 0, to: bytes.count, by: stride) {
            Self.exercise(Array(bytes.prefix(length)))
        }
    }

    @Test(.timeLimit(.minutes(10))) func seededByteFlips() throws {
        let original = try MSIFixtureTests.bytes("msi-x64.msi")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        var warned = 0
        for _ in 0..<2000 {
            var bytes = original
            for _ in 0..<(1 + Int(next() % 4)) {
                let at = Int(next() % UInt64(bytes.count))
                bytes[at] ^= UInt8(truncatingIfNeeded: next() | 1)
            }
            Self.exercise(bytes)
            bytes.withUnsafeBytes { raw in
                if let db = try? MSIDatabase(raw), !db.warnings.isEmpty { warned += 1 }
            }
        }
        #expect(warned >= 0)
    }

    @Test func aFATChainLoopThrows() {
        var image = MSITestImage()
        image.addStream("A", Array(repeating: 1, count: 1000))
        var bytes = image.build()
        // FAT entry for sector 3 (the stream's second sector) points back to sector 2.
        let fat = 512
        bytes[fat + 4 * 3] = 2
        bytes[fat + 4 * 3 + 1] = 0
        bytes[fat + 4 * 3 + 2] = 0
        bytes[fat + 4 * 3 + 3] = 0
        bytes += [UInt8](repeating: 0, count: 512 * 200)  // more sectors than the chain needs
        bytes.withUnsafeBytes { raw in
            guard let file = try? CompoundFile(raw), let entry = file.streams.first else {
                Issue.record("the container itself should open")
                return
            }
            var big = entry
            big.size = 200 * 512
            #expect(throws: BinaryFormatError.self) { _ = try file.read(big, limit: Int.max) }
            // Read only as far as its declared size, the looping stream ends before the loop matters.
            #expect((try? file.read(entry, limit: Int.max))?.count == 1000)
        }
    }

    @Test func aDirectorySiblingCycleThrows() {
        var image = MSITestImage()
        image.addStream("A", [1])
        image.addStream("B", [2])
        var bytes = image.build()
        // Entry 2's right sibling is entry 1.
        let right = 1024 + 2 * 128 + 0x48
        bytes[right] = 1
        (1...3).forEach { bytes[right + $0] = 0 }
        bytes.withUnsafeBytes { raw in
            #expect(throws: BinaryFormatError.self) { _ = try CompoundFile(raw) }
        }
    }

    @Test func aHugeDeclaredStreamSizeThrows() {
        var image = MSITestImage()
        image.addStream("A", [1, 2, 3])
        var bytes = image.build()
        let size = 1024 + 128 + 0x78
        bytes.replaceSubrange(size..<(size + 8), with: [0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F])
        bytes.withUnsafeBytes { raw in
            #expect(throws: BinaryFormatError.self) { _ = try CompoundFile(raw) }
        }
    }

    @Test func aSectorShiftOf30Throws() throws {
        var bytes = try MSIFixtureTests.bytes("msi-x64.msi")
        bytes[0x1E] = 30
        bytes.withUnsafeBytes { raw in
            #expect(throws: BinaryFormatError.self) { _ = try MSIDatabase(raw) }
        }
    }

    @Test func aDirectoryParentCycleIsAWarning() {
        let rows: [(String, String?, String)] = [("A", "B", "a"), ("B", "A", "b")]
        var resolver = MSIDirectoryResolver(entries: rows)
        _ = resolver.path(of: "A")
        #expect(resolver.warnings.count == 1)
    }

    @Test func streamNamesDecode() {
        // "File" packed: pairs (F,i), (l,e) after the table prefix.
        func pair(_ a: Character, _ b: Character) -> Character {
            let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._")
            let x = alphabet.firstIndex(of: a) ?? 0
            let y = alphabet.firstIndex(of: b) ?? 0
            return Character(Unicode.Scalar(UInt32(0x3800 + x + (y << 6))) ?? "?")
        }
        let packed = "\u{4840}" + String([pair("F", "i"), pair("l", "e")])
        #expect(MSIStreamName.decode(packed) == "!File")
        #expect(MSIStreamName.decode("\u{4840}\u{4801}") == "!1")
    }
}
