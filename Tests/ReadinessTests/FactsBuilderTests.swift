import BinaryFormats
import InstructionSets
import Testing

@testable import Readiness

/// `FactsBuilder` maps the readers' model to documented facts.
///
/// The images are built by hand with the header values the PE and ELF specifications give for
/// each case.
@Suite struct FactsBuilderTests {
    private func peImage(machine: UInt32, characteristics: UInt16 = 0x0022, subsystem: UInt16 = 3) -> (
        BinaryImage, PEInfo
    ) {
        let pe = PEInfo(
            isPE32Plus: true, characteristics: characteristics, timeDateStamp: 0, subsystem: subsystem,
            dllCharacteristics: 0, imageBase: 0x1_4000_0000, addressOfEntryPoint: 0x1000, sizeOfImage: 0x3000,
            sections: [])
        let image = BinaryImage(
            format: .pe, machine: machine, machineName: "AMD64", execution: .x64, kind: .executable, bits: 64, pe: pe)
        return (image, pe)
    }

    @Test func everyBuiltFactIsCatalogued() {
        var (image, pe) = peImage(machine: 0x8664)
        pe.clr = CLRHeader(
            flags: 0x1, runtimeVersion: "v4.0.30319", readyToRun: true, readyToRunMachine: 0x8664, readyToRunOS: "linux"
        )
        pe.hybrid = HybridMetadata(kind: .arm64ec, version: 2, codeMap: [])
        image.pe = pe
        let elf = BinaryImage(
            format: .elf, machine: 62, machineName: "x86-64", execution: .x64, kind: .executable, bits: 64,
            elf: ELFInfo(
                elfClass: "ELF64", dataEncoding: "little", type: "EXEC", interpreter: "/lib64/ld-linux-x86-64.so.2"))
        for facts in [FactsBuilder.facts(for: image), FactsBuilder.facts(for: elf)] {
            for name in facts.names {
                let entry = FactCatalog.entry(name)
                #expect(entry != nil, "\(name) is not in FactCatalog")
                #expect(entry?.type == facts[name]?.type, "\(name) has the wrong type")
            }
        }
    }

    @Test func peFacts() {
        var (image, pe) = peImage(machine: 0x8664, characteristics: 0x2022)
        pe.imports = ["KERNEL32.dll", "ntdll.dll"]
        pe.exports = PEExports(
            dllName: "x.dll", entries: [PEExport(ordinal: 1, name: "f", rva: 0x1000, forwarder: nil)])
        pe.hybrid = HybridMetadata(
            kind: .arm64ec, version: 2,
            codeMap: [
                ArchitectureRange(start: 0x1000, size: 0x300, architecture: .arm64ec),
                ArchitectureRange(start: 0x2000, size: 0x100, architecture: .x64),
            ])
        pe.hasCHPEMetadata = true
        pe.manifest = ManifestInfo(supportedArchitectures: ["amd64", "ARM64"], requestedExecutionLevel: nil)
        image.pe = pe
        let facts = FactsBuilder.facts(for: image)
        #expect(facts["machine"] == .int(0x8664))
        #expect(facts["machine.hex"] == .string("0x8664"))
        #expect(facts["pe.dll"] == .bool(true))
        #expect(facts["imports"] == .list(["kernel32.dll", "ntdll.dll"]))
        #expect(facts["exports"] == .list(["f"]))
        #expect(facts["hybrid.kind"] == .string("arm64ec"))
        #expect(facts["hybrid.native_share"] == .double(0.75))
        #expect(facts["hybrid.native_percent"] == .int(75))
        #expect(facts["manifest.supported_architectures"] == .list(["amd64", "arm64"]))
        #expect(facts["dotnet.present"] == .bool(false))
        #expect(facts["elf.class"] == nil)
    }

    @Test func dotnetFlags() {
        var (image, pe) = peImage(machine: 0x14C)
        // COMIMAGE_FLAGS_ILONLY | 32BITREQUIRED | 32BITPREFERRED (ECMA-335 II.25.3.3.1, CorHdr.h).
        pe.clr = CLRHeader(
            flags: 0x2_0003, runtimeVersion: "v4.0.30319", readyToRun: false, readyToRunMachine: nil, readyToRunOS: nil)
        image.pe = pe
        let facts = FactsBuilder.facts(for: image)
        #expect(facts["dotnet.present"] == .bool(true))
        #expect(facts["dotnet.ilonly"] == .bool(true))
        #expect(facts["dotnet.requires32bit"] == .bool(true))
        #expect(facts["dotnet.prefers32bit"] == .bool(true))
        #expect(facts["dotnet.r2r_machine"] == nil)
    }

    @Test func elfAndISAFacts() {
        let elf = ELFInfo(
            elfClass: "ELF64", dataEncoding: "little", type: "DYN", interpreter: "/lib/ld-linux-aarch64.so.1",
            needed: ["libc.so.6"], aarch64Features: ["pac", "bti"], ifuncSymbols: ["memcpy"])
        let image = BinaryImage(
            format: .elf, machine: 183, machineName: "AArch64", execution: .arm64, kind: .library, bits: 64, elf: elf)
        var getauxval = DispatchEvidence()
        getauxval.getauxval = true
        let uses = [ISAExtension.sve2, .lse].map { name in
            ISAExtensionUse(
                architecture: .arm64, name: name, hint: false, count: 2, inFunctions: 2, inLinearSweep: 0, examples: [])
        }
        let facts = FactsBuilder.facts(for: image, profile: ISAProfile(findings: uses, dispatch: getauxval))
        #expect(facts["imports"] == .list(["libc.so.6"]))
        #expect(facts["elf.aarch64_features"] == .list(["bti", "pac"]))
        #expect(facts["elf.ifunc"] == .bool(true))
        // lse is the Windows 11 baseline, never dispatched; sve2 sits behind the getauxval check.
        #expect(facts["isa.arm64"] == .list(["lse"]))
        #expect(facts["isa.arm64.dispatched"] == .list(["sve2"]))
        #expect(facts["isa.arm64.dispatch"] == .bool(true))
        #expect(facts["pe.dll"] == nil)
    }

    @Test func factLinesAreSorted() {
        let facts = Facts(["b": .int(1), "a": .list([]), "c": .double(0.5)])
        #expect(facts.lines == ["a = none", "b = 1", "c = 0.5"])
    }
}
