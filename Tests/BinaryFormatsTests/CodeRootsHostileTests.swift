import Foundation
import Testing

@testable import BinaryFormats

/// Damaged copies of the code-roots fixtures: out-of-range symbol indices, broken links,
/// absurd initializer arrays, TLS callback arrays that never end or point nowhere, and every
/// truncation. The readers must return without trapping and keep what is still readable.
@Suite("Code roots and import slots on damaged files")
struct CodeRootsHostileTests {
    static func fixture(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: FixturePaths.path(relative))))
    }

    static func read(_ bytes: [UInt8]) -> BinaryImage? {
        let result = bytes.withUnsafeBytes { BinaryReader.read(bytes: $0, options: .full) }
        if case .image(let image) = result { return image }
        return nil
    }

    // MARK: ELF64 little-endian layout (System V gABI): e_shoff at 0x28, e_shnum at 0x3C,
    // 64-byte section headers with sh_type +4, sh_addr +16, sh_offset +24, sh_size +32, sh_link +40.

    static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reversed().reduce(0) { $0 << 8 | UInt64(bytes[at + $1]) }
    }

    static func put(_ value: UInt64, _ bytes: inout [UInt8], _ at: Int, width: Int = 8) {
        for index in 0..<width { bytes[at + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    /// File offsets of the section headers whose sh_type is `type`.
    static func sectionHeaders(_ bytes: [UInt8], type: UInt32) -> [Int] {
        let table = Int(u64(bytes, 0x28))
        let count = Int(bytes[0x3C]) | Int(bytes[0x3D]) << 8
        return (0..<count).map { table + $0 * 64 }.filter { UInt32(truncatingIfNeeded: u64(bytes, $0 + 4)) == type }
    }

    @Test("ELF: relocations naming symbols past the table drop their slots, the rest stay")
    func elfSymbolIndexOutOfRange() throws {
        var bytes = try Self.fixture("roots/x86_64_roots.elf")
        let original = try #require(Self.read(bytes))
        // Every RELA entry (24 bytes: r_offset, r_info, r_addend) gets symbol index 0xFFFFFF.
        for header in Self.sectionHeaders(bytes, type: 4) {
            let start = Int(Self.u64(bytes, header + 24))
            for entry in stride(from: start, to: start + Int(Self.u64(bytes, header + 32)), by: 24) {
                let type = Self.u64(bytes, entry + 8) & 0xFFFF_FFFF
                Self.put(0xFF_FFFF << 32 | type, &bytes, entry + 8)
            }
        }
        let image = try #require(Self.read(bytes))
        #expect(!original.code.importSlots.isEmpty)
        #expect(image.code.importSlots.isEmpty)
        // Unnamed roots (IRELATIVE, RELATIVE-filled initializers) do not depend on symbols.
        #expect(image.code.roots == original.code.roots)
    }

    @Test("ELF: a relocation section linked to itself, to nothing, or past the section table")
    func elfBrokenLinks() throws {
        let original = try Self.fixture("roots/aarch64_roots.elf")
        for link: UInt64 in [0, 0xFFFF, 0xFFFF_FFFF] {
            var bytes = original
            for header in Self.sectionHeaders(bytes, type: 4) { Self.put(link, &bytes, header + 40, width: 4) }
            let image = try #require(Self.read(bytes), "link \(link)")
            #expect(image.code.importSlots.isEmpty)
            #expect(image.code.roots.contains { $0.kind == .entry })
        }
    }

    @Test("ELF: initializer arrays at the top of the address space or of absurd size")
    func elfAbsurdInitializerArrays() throws {
        let original = try Self.fixture("roots/x86_64_roots.elf")
        for (address, size): (UInt64, UInt64) in [(.max - 7, 16), (0x1000, .max), (0, 1 << 40), (.max, .max)] {
            var bytes = original
            for header in Self.sectionHeaders(bytes, type: 14) + Self.sectionHeaders(bytes, type: 15) {
                Self.put(address, &bytes, header + 16)
                Self.put(size, &bytes, header + 32)
            }
            // The image may be refused by libelf (a section past the end); it must not trap.
            if let image = Self.read(bytes) {
                #expect(
                    image.code.roots.count(where: { $0.kind == .initializer }) <= 2 + 2 * ReadLimits.maxELFInitializers)
            }
        }
    }

    @Test("ELF and PE: every truncation of the code-roots fixtures returns", .timeLimit(.minutes(5)))
    func truncations() throws {
        for name in ["roots/x86_64_roots.elf", "roots/i386_roots.elf", "roots/x64_tls.exe", "roots/x86_tls.exe"] {
            let bytes = try Self.fixture(name)
            for length in stride(from: 0, through: bytes.count, by: 8) { _ = Self.read(Array(bytes[0..<length])) }
        }
    }

    // MARK: PE: the TLS directory of x64_tls.exe (IMAGE_TLS_DIRECTORY64, AddressOfCallBacks +24).

    /// The file offsets of the TLS directory and of its callback array (RVA = file offset
    /// mapping through the section table, read here by hand from the PE headers).
    static func tlsOffsets(_ bytes: [UInt8]) throws -> (directory: Int, callbacks: Int, imageBase: UInt64) {
        func u32(_ at: Int) -> Int {
            Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        let pe = u32(0x3C)
        let optional = pe + 24
        let imageBase = u64(bytes, optional + 24)
        let sections = optional + (Int(bytes[pe + 20]) | Int(bytes[pe + 21]) << 8)
        let count = Int(bytes[pe + 6]) | Int(bytes[pe + 7]) << 8
        func offset(_ rva: Int) throws -> Int {
            for index in 0..<count {
                let at = sections + index * 40
                let address = u32(at + 12)
                if rva >= address, rva < address + u32(at + 16) { return u32(at + 20) + rva - address }
            }
            throw CocoaError(.fileReadCorruptFile)
        }
        let directory = try offset(u32(optional + 112 + 9 * 8))
        let callbacks = try offset(Int(u64(bytes, directory + 24) - imageBase))
        return (directory, callbacks, imageBase)
    }

    /// The file offset of the section table (after the optional header).
    static func sectionTable(_ bytes: [UInt8]) -> Int {
        let pe = Int(bytes[0x3C]) | Int(bytes[0x3D]) << 8
        return pe + 24 + (Int(bytes[pe + 20]) | Int(bytes[pe + 21]) << 8)
    }

    @Test("PE: a TLS callback array that never ends is capped; one pointing nowhere gives none")
    func peHostileTLS() throws {
        let original = try Self.fixture("roots/x64_tls.exe")
        let (directory, callbacks, imageBase) = try Self.tlsOffsets(original)
        #expect(try #require(Self.read(original)).code.roots.count { $0.kind == .tlsCallback } == 2)

        // No terminator: the last section (.reloc, the seventh header, RVA 0x7000) grows to
        // 64 KiB of distinct non-zero VAs and the array points at it; the cap ends the list.
        var endless = original
        let lastHeader = Self.sectionTable(original) + 6 * 40
        Self.put(0x10000, &endless, lastHeader + 8, width: 4)  // VirtualSize
        Self.put(0x10000, &endless, lastHeader + 16, width: 4)  // SizeOfRawData
        let rawStart = endless.count - 0x200
        endless += [UInt8](repeating: 0, count: 0x10000 - 0x200)
        for index in 0..<0x2000 { Self.put(imageBase + 0x1000 + UInt64(index), &endless, rawStart + index * 8) }
        Self.put(imageBase + 0x7000, &endless, directory + 24)
        let capped = try #require(Self.read(endless))
        #expect(capped.code.roots.count { $0.kind == .tlsCallback } == ReadLimits.maxTLSCallbacks)

        for target: UInt64 in [0, 1, imageBase - 8, imageBase + 0xFFFF_FFF8, .max, .max - 3] {
            var bytes = original
            Self.put(target, &bytes, directory + 24)
            let image = try #require(Self.read(bytes), "AddressOfCallBacks \(target)")
            #expect(image.code.roots.contains { $0.kind == .entry })
            #expect(!image.code.roots.contains { $0.kind == .tlsCallback })
        }
        // Callbacks below the image base or past 4 GiB are skipped, the valid one kept.
        var mixed = original
        Self.put(imageBase - 0x1000, &mixed, callbacks)
        let image = try #require(Self.read(mixed))
        #expect(image.code.roots.count { $0.kind == .tlsCallback } == 1)
    }

    @Test("PE: an IAT at the top of the RVA space does not overflow")
    func peIATAtTop() throws {
        var bytes = try Self.fixture("roots/x64_tls.exe")
        let original = try #require(Self.read(bytes))
        func u32(_ at: Int) -> Int {
            Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        let optional = u32(0x3C) + 24
        let importRVA = u32(optional + 112 + 8)
        let sections = optional + (Int(bytes[u32(0x3C) + 20]) | Int(bytes[u32(0x3C) + 21]) << 8)
        var descriptor = 0
        for index in 0..<(Int(bytes[u32(0x3C) + 6])) {
            let at = sections + index * 40
            if importRVA >= u32(at + 12), importRVA < u32(at + 12) + u32(at + 16) {
                descriptor = u32(at + 20) + importRVA - u32(at + 12)
            }
        }
        try #require(descriptor != 0)
        Self.put(0xFFFF_FFF8, &bytes, descriptor + 16, width: 4)  // FirstThunk
        let image = try #require(Self.read(bytes))
        let moved = image.code.importSlots.filter { $0.address >= 0xFFFF_FFF8 }
        #expect(moved.map(\.address) == [0xFFFF_FFF8, 0x1_0000_0000, 0x1_0000_0008])
        #expect(image.code.importSlots.count == original.code.importSlots.count)
    }
}
