import BinaryFormats
import Testing

@testable import Readiness

/// A damaged structure lowers the confidence of a verdict, never the verdict: the
/// `damaged-structures` finding (verdict `unknown`) sits beside the rule the headers decide.
@Suite("Verdicts of binaries with damaged structures")
struct DamagedStructureVerdictTests {
    private func assess(_ image: BinaryImage) throws -> Assessment {
        Evaluator.evaluate(
            facts: FactsBuilder.facts(for: image), rules: try RuleSet.load(), target: try TargetProfile.load())
    }

    /// corkami foldedhdr.exe (I386 for pefile and LIEF, its directories garbage): still x86
    /// emulated, with the damage named.
    @Test func foldedHeaderStaysEmulatedWithLoweredConfidence() throws {
        let path = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/corkami/foldedhdr.exe").path
        guard case let .image(image) = BinaryReader.read(path: path) else {
            Issue.record("foldedhdr.exe did not read")
            return
        }
        let facts = FactsBuilder.facts(for: image)
        #expect(facts[.damagedStructures]?.strings?.contains("imports") == true)
        let result = try assess(image)
        #expect(result.verdict == .emulated)
        #expect(result.execution == .x86)
        #expect(result.findings.map(\.rule) == ["pe-x86-emulated", "damaged-structures"])
        let damage = try #require(result.findings.last)
        #expect(damage.verdict == .unknown)
        #expect(damage.confidence == .low)
        #expect(damage.message.contains("imports: import directory RVA 0x86600010 is not backed by file data"))
    }

    /// An Arm64 image with a damaged import table stays native.
    @Test func nativeStaysNative() throws {
        var pe = PEInfo(
            isPE32Plus: true, characteristics: 0x22, timeDateStamp: 0, subsystem: 3, dllCharacteristics: 0,
            imageBase: 0x1_4000_0000, addressOfEntryPoint: 0x1000, sizeOfImage: 0x2000, sections: [])
        pe.imports = []
        let image = BinaryImage(
            format: .pe, machine: 0xAA64, machineName: "ARM64", execution: .arm64, kind: .executable, bits: 64, pe: pe,
            warnings: [ReadWarning(.imports, "import directory RVA 0x9000 is not backed by file data")])
        let result = try assess(image)
        #expect(result.verdict == .native)
        #expect(result.findings.map(\.rule) == ["pe-arm64-native", "damaged-structures"])
    }

    /// Without damage the fact is an empty list, the detail absent, and the rule silent.
    @Test func undamagedImagesHaveNoFinding() throws {
        let image = BinaryImage(
            format: .elf, machine: 183, machineName: "AArch64", execution: .arm64, kind: .executable, bits: 64)
        let facts = FactsBuilder.facts(for: image)
        #expect(facts[.damagedStructures] == .list([]))
        #expect(facts[.damagedStructuresDetail] == nil)
        #expect(try !assess(image).findings.contains { $0.rule == "damaged-structures" })
    }
}
