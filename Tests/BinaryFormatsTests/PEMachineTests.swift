import Testing

@testable import BinaryFormats

/// Machine names from the PE specification's "Machine Types" table, the ReadyToRun OS override
/// from dotnet/runtime `pedecoder.h`, and the CorFlags names of the COR20 header flags.
@Suite struct PEMachineTests {
    @Test func namesComeFromTheSpecificationTable() {
        #expect(PEMachine.amd64.name == "AMD64")
        #expect(PEMachine(rawValue: 0xA641).name == "ARM64EC")
        #expect(PEMachine(rawValue: 0x3A64).name == "CHPE_X86")
        #expect(PEMachine(rawValue: 0x1234).name == "0x1234")
    }

    @Test func readyToRunOverrideIsUndone() {
        // IMAGE_FILE_MACHINE_AMD64 ^ IMAGE_FILE_MACHINE_NATIVE_OS_OVERRIDE (Linux, 0x7B79).
        let decoded = PEMachine(rawValue: 0x8664 ^ 0x7B79).decodedReadyToRun
        #expect(decoded?.machine == .amd64 && decoded?.os == "linux")
        #expect(PEMachine.arm64.decodedReadyToRun?.os == "windows")
        #expect(PEMachine(rawValue: 0x1234).decodedReadyToRun == nil)
    }

    @Test func corFlagNames() {
        // COMIMAGE_FLAGS_ILONLY 0x1, _32BITREQUIRED 0x2, _32BITPREFERRED 0x20000 (ECMA-335 II.25.3.3.1).
        let header = CLRHeader(
            flags: 0x2_0003, runtimeVersion: nil, readyToRun: true, readyToRunMachine: nil, readyToRunOS: nil)
        #expect(header.corFlagNames == ["ILONLY", "32BITREQUIRED", "32BITPREFERRED"])
        #expect(header.flagNames == ["ILONLY", "32BITREQUIRED", "32BITPREFERRED", "READYTORUN"])
    }

    @Test func ifuncFromSymbolsOrRelocations() {
        var elf = ELFInfo(elfClass: "ELF64", dataEncoding: "little", type: "DYN")
        #expect(!elf.usesIFUNC)
        elf.irelativeRelocationCount = 1
        #expect(elf.usesIFUNC)
        elf = ELFInfo(elfClass: "ELF64", dataEncoding: "little", type: "DYN", ifuncSymbols: ["memcpy"])
        #expect(elf.usesIFUNC)
    }
}
