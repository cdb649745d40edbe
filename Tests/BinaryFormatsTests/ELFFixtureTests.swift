import Foundation
import Testing

@testable import BinaryFormats

/// The committed ELF fixtures (Tests/Fixtures/elf, built by Tests/Fixtures/src/build-elf.sh)
/// against Tests/Fixtures/expected.json, whose ELF entries were written from readelf's output.
@Suite("ELF fixtures")
struct ELFFixtureTests {
    static let fixtures = elfRepositoryRoot.appendingPathComponent("Tests/Fixtures")

    /// The `elf/...` entries of expected.json.
    static func expectations() throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("expected.json"))
        let all = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var result: [String: [String: Any]] = [:]
        for (key, value) in all where key.hasPrefix("elf/") { result[key] = value as? [String: Any] }
        return result
    }

    static let names: [String] = (try? expectations().keys.sorted()) ?? []

    @Test("expected.json lists the ELF fixtures")
    func fixturesPresent() throws {
        #expect(throws: Never.self) { try Self.expectations() }
        #expect(Self.names.count >= 10)
    }

    @Test("each ELF fixture matches readelf's expectations", arguments: names)
    func fixture(_ name: String) throws {
        let expected = try #require(try Self.expectations()[name])
        let image = try readELFFile(Self.fixtures.appendingPathComponent(name).path)
        let elf = try #require(image.elf)
        #expect(image.format == .elf)
        #expect(elf.elfClass == expected["class"] as? String)
        #expect(image.bits == (elf.elfClass == "ELF64" ? 64 : 32))
        #expect(Int(image.machine) == expected["machine"] as? Int)
        #expect(elf.type == expected["type"] as? String)
        #expect(elf.entry == (expected["entry"] as? NSNumber)?.uint64Value)
        #expect(elf.osABIName == expected["osABI"] as? String)
        #expect(elf.interpreter == expected["interpreter"] as? String)
        #expect(elf.needed == (expected["needed"] as? [String] ?? []))
        #expect(elf.soname == expected["soname"] as? String)
        #expect(elf.buildID == expected["buildID"] as? String)
        #expect(elf.executableSections == (expected["executableSections"] as? [String] ?? []))
        #expect(image.code.sections.map(\.name) == elf.executableSections)
        let counts = expected["funcSymbolsWithSize"] as? [String: Int] ?? [:]
        #expect(elf.functionSymbolCount == counts[".symtab"] ?? counts[".dynsym"] ?? 0)
        let properties = Self.properties(expected["gnuProperties"] as? [String] ?? [])
        #expect(elf.x86ISANeeded == properties["x86 ISA needed", default: []])
        #expect(elf.x86ISAUsed == properties["x86 ISA used", default: []])
        #expect(elf.x86Features == properties["x86 feature", default: []])
        #expect(elf.x86Features2Used == properties["x86 feature used", default: []])
        #expect(elf.aarch64Features == properties["AArch64 feature", default: []])
        let flagsText = expected["flagsText"] as? String ?? ""
        if image.machine == 40 {
            #expect(
                elf.armFloatABI
                    == (flagsText.contains("hard-float ABI")
                        ? "hard" : flagsText.contains("soft-float ABI") ? "soft" : nil))
            #expect(flagsText.contains("Version\(elf.armEABIVersion ?? -1) EABI"))
        } else {
            #expect(elf.armFloatABI == nil)
        }
    }

    /// readelf's property lines (`x86 feature: IBT, SHSTK`) as lower-case name lists per label.
    /// binutils 2.40 predates AArch64 GCS and prints bit 2 of FEATURE_1_AND as `<unknown: 4>`;
    /// LLVM's `ELF.h` names it `GNU_PROPERTY_AARCH64_FEATURE_1_GCS`.
    static func properties(_ lines: [String]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let label = String(line[..<colon])
            let items = line[line.index(after: colon)...].split(separator: ",").map {
                let item = $0.trimmingCharacters(in: .whitespaces)
                return label == "AArch64 feature" && item == "<unknown: 4>" ? "gcs" : item.lowercased()
            }
            result[label] = items
        }
        return result
    }

    @Test("a stripped fixture without .eh_frame has no function ranges, only its sections")
    func strippedWithoutEHFrame() throws {
        // build-elf.sh builds without unwind tables: readelf lists no FDEs for this file.
        let path = Self.fixtures.appendingPathComponent("elf/x86_64_stripped").path
        let image = try readELFFile(path)
        #expect(try readelfFDERanges(path).isEmpty)
        #expect(image.code.functionSource == nil)
        #expect(image.code.functions.isEmpty)
        #expect(image.code.sections.map(\.name) == [".text", ".plt"])
        #expect(image.code.sections.allSatisfy { $0.fileSize > 0 })
    }

    @Test("sized function symbols give the function ranges")
    func symbolsGiveFunctions() throws {
        let image = try readELFFile(Self.fixtures.appendingPathComponent("elf/x86_64_app").path)
        #expect(image.code.functionSource == .symbols)
        #expect(image.code.functions.count == 3)
        #expect(image.code.symbols.count == 3)
        #expect(image.kind == .executable)
        #expect(image.execution == .x64)
        let library = try readELFFile(Self.fixtures.appendingPathComponent("elf/aarch64_lib.so").path)
        #expect(library.kind == .library)
        #expect(library.execution == .arm64)
        #expect(library.code.architecture == .arm64)
    }
}
