import Testing
@testable import BinaryFormats

/// The corkami images (Tests/Fixtures/corkami/README.md) that Windows runs although one of
/// their structures is damaged or unusual: each reads, with the machine and execution
/// pefile and LIEF give, and names exactly the structures that could not be read.
@Suite("corkami PE images against pefile and LIEF")
struct CorkamiFixtureTests {
    struct Expectation: Sendable, CustomStringConvertible {
        let file: String
        /// FileHeader.Machine: pefile 2024.8.26 and LIEF 1.0.0 agree on every file below
        /// except tinyXP.exe, which LIEF does not parse (pefile's value).
        let machine: UInt32
        let execution: Execution
        /// OptionalHeader.Subsystem and FileHeader.Characteristics (pefile).
        let subsystem: UInt16
        let characteristics: UInt16
        /// Section headers read.
        let sections: Int
        /// Import DLL names, lower-case, in table order.
        let imports: [String]
        /// The structures armready names as damaged; each has a matching pefile warning (quoted).
        let damaged: [ReadWarning.Structure]

        var description: String { file }
    }

    static let expectations: [Expectation] = [
        // pefile and LIEF: 8 of the 65535 declared section headers fit in the 640-byte file (LIEF
        // reads 8); pefile: "Error parsing section 0. SizeOfRawData is larger than file." All other
        // directory RVAs are 0xffffffff.
        Expectation(
            file: "d_resource.dll", machine: 0xFFFF, execution: .other, subsystem: 0xFFFF, characteristics: 0xFFFF,
            sections: 8, imports: [],
            damaged: [.sectionTable, .imports, .delayImports, .exports, .loadConfig, .clrHeader, .debug]),
        // pefile and LIEF: kernel32.dll, msvcrt.dll; the delay-load and debug RVAs are 0xffffffff.
        Expectation(
            file: "dllmaxvals.dll", machine: 0x14C, execution: .x86, subsystem: 0xFFFF, characteristics: 0xFFFF,
            sections: 1, imports: ["kernel32.dll", "msvcrt.dll"], damaged: [.delayImports, .debug]),
        // pefile: msvcrt.dll; "Error parsing export directory at RVA: 0x10a0" (NumberOfFunctions and
        // NumberOfNames 0xffffffff).
        Expectation(
            file: "dllord.dll", machine: 0x14C, execution: .x86, subsystem: 3, characteristics: 0x2102, sections: 1,
            imports: ["msvcrt.dll"], damaged: [.exports]),
        // pefile: "Error parsing the import directory at RVA: 0x86600010", "Error parsing export
        // directory at RVA: 0x88660001", "Invalid resources directory", "Invalid debug information".
        Expectation(
            file: "foldedhdr.exe", machine: 0x14C, execution: .x86, subsystem: 3, characteristics: 0x102, sections: 1,
            imports: [], damaged: [.imports, .delayImports, .exports, .loadConfig, .clrHeader, .resources, .debug]),
        // pefile and LIEF: SizeOfOptionalHeader 0, no sections, no directories.
        Expectation(
            file: "hdrcode.exe", machine: 0x14C, execution: .x86, subsystem: 3, characteristics: 0x92, sections: 0,
            imports: [], damaged: []),
        // pefile: kernel32.dll, msvcrt.dll (SectionAlignment 0x800: the file is mapped as it lies).
        Expectation(
            file: "ibrelocW7.exe", machine: 0x14C, execution: .x86, subsystem: 3, characteristics: 0x102, sections: 0,
            imports: ["kernel32.dll", "msvcrt.dll"], damaged: []),
        // corkami imports_badterm.asm: kernel32.dll and msvcrt.dll, then a descriptor with Name 0 that
        // ends the list for the loader. pefile reads on ("mz", msvcrt.dll again) and warns "Damaged
        // Import Table information"; the loader does not.
        Expectation(
            file: "imports_badterm.exe", machine: 0x14C, execution: .x86, subsystem: 3, characteristics: 0x102,
            sections: 1, imports: ["kernel32.dll", "msvcrt.dll"], damaged: []),
        // pefile: "Error parsing the import directory at RVA: 0xff4" (the descriptor starts in the
        // virtual gap after the headers).
        Expectation(
            file: "imports_virtdesc.exe", machine: 0x14C, execution: .x86, subsystem: 3, characteristics: 0x102,
            sections: 1, imports: [], damaged: [.imports]),
        // pefile: kernel32.dll, msvcrt.dll; the terminator lies past the end of the file, where the
        // loader maps zeros.
        Expectation(
            file: "imports_vterm.exe", machine: 0x14C, execution: .x86, subsystem: 3, characteristics: 0x102,
            sections: 1, imports: ["kernel32.dll", "msvcrt.dll"], damaged: []),
        // LIEF: 96 sections (pefile drops them: "SizeOfRawData is larger than file"); pefile:
        // kernel32.dll, msvcrt.dll.
        Expectation(
            file: "maxsecXP.exe", machine: 0x14C, execution: .x86, subsystem: 3, characteristics: 0x102, sections: 96,
            imports: ["kernel32.dll", "msvcrt.dll"], damaged: [.sectionTable]),
        // pefile and LIEF: kernel32.dll, msvcrt.dll; export, delay-load and debug RVAs 0xffffffff.
        Expectation(
            file: "maxvals.exe", machine: 0x14C, execution: .x86, subsystem: 3, characteristics: 0xDFFF, sections: 1,
            imports: ["kernel32.dll", "msvcrt.dll"], damaged: [.delayImports, .exports, .debug]),
        // pefile and LIEF: no sections, NumberOfRvaAndSizes 0.
        Expectation(
            file: "mini.exe", machine: 0x14C, execution: .x86, subsystem: 3, characteristics: 0x2, sections: 0,
            imports: [], damaged: []),
        // pefile: kernel32.dll, msvcrt.dll; no sections.
        Expectation(
            file: "nosectionXP.exe", machine: 0x14C, execution: .x86, subsystem: 3, characteristics: 0x102,
            sections: 0, imports: ["kernel32.dll", "msvcrt.dll"], damaged: []),
        // pefile and LIEF: one section; pefile: kernel32.dll, msvcrt.dll.
        Expectation(
            file: "nullSOH-XP.exe", machine: 0x14C, execution: .x86, subsystem: 3, characteristics: 0x102,
            sections: 1, imports: ["kernel32.dll", "msvcrt.dll"], damaged: []),
        // pefile: msvcrt.dll.
        Expectation(
            file: "tiny.exe", machine: 0x14C, execution: .x86, subsystem: 3, characteristics: 0x2, sections: 0,
            imports: ["msvcrt.dll"], damaged: []),
        // pefile and LIEF: AMD64, PE32+; pefile: msvcrt.dll.
        Expectation(
            file: "tinyW7x64.exe", machine: 0x8664, execution: .x64, subsystem: 3, characteristics: 0x102,
            sections: 0, imports: ["msvcrt.dll"], damaged: []),
        // pefile: 'Corrupt header "IMAGE_OPTIONAL_HEADER" ... Data length less than expected' (it pads
        // the header with zeros, as armready does).
        Expectation(
            file: "tinyXP.exe", machine: 0x14C, execution: .x86, subsystem: 2, characteristics: 0x102, sections: 0,
            imports: [], damaged: [.optionalHeader]),
        // pefile and LIEF: 0 sections ("Invalid section 0. No data in the file (is this corkami's
        // virtsectblXP?)"); pefile: kernel32.dll, msvcrt.dll.
        Expectation(
            file: "virtsectblXP.exe", machine: 0x14C, execution: .x86, subsystem: 3, characteristics: 0x102,
            sections: 0, imports: ["kernel32.dll", "msvcrt.dll"], damaged: [.sectionTable]),
    ]

    @Test(arguments: expectations)
    func readsAsThePEToolsDo(expected: Expectation) throws {
        guard case let .image(image) = BinaryReader.read(path: FixturePaths.path("corkami/\(expected.file)")) else {
            Issue.record("\(expected.file) did not read")
            return
        }
        #expect(image.machine == expected.machine)
        #expect(image.execution == expected.execution)
        let pe = try #require(image.pe)
        #expect(pe.subsystem == expected.subsystem)
        #expect(pe.characteristics == expected.characteristics)
        #expect(pe.sections.count == expected.sections)
        #expect(pe.importDetails.filter { !$0.delayLoad }.map(\.dll) == expected.imports)
        #expect(Set(image.warnings.map(\.structure)) == Set(expected.damaged))
    }

    /// dllord.dll's export table claims 2^32 - 1 functions: the read is capped, and the entries
    /// before the end of the file are still there.
    @Test func absurdExportCountsAreCappedNotFatal() throws {
        guard case let .image(image) = BinaryReader.read(path: FixturePaths.path("corkami/dllord.dll")) else {
            Issue.record("dllord.dll did not read")
            return
        }
        let messages = image.warnings.filter { $0.structure == .exports }.map(\.message)
        #expect(messages.contains("NumberOfFunctions is 4294967295: the first 262144 entries were read"))
        #expect(messages.contains { $0.hasPrefix("the address table ends after ") })
        #expect(image.pe?.exports != nil)
    }
}
