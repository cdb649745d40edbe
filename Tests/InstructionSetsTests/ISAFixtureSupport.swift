import BinaryFormats
import Foundation

@testable import InstructionSets

/// Loads the ISA fixtures and the expectations `Tests/Fixtures/isa/expect.py` wrote with
/// independent decoders (iced-x86, llvm-objdump).
enum ISAFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/isa")

    struct Section: Decodable {
        var name: String
        var address: UInt64
        var offset: Int
        var size: Int
    }

    struct Expectation: Decodable {
        var arch: String
        var sections: [Section]
        var x86: [String: Int]
        var arm64: [String: Int]
        var hints: [String: Int]
        var cpuid: Int
        var xgetbv: Int
        var failures: Int
        var idRegisterReads: Int
    }

    static func expectations() throws -> [String: Expectation] {
        let data = try Data(contentsOf: directory.appendingPathComponent("expected.json"))
        return try JSONDecoder().decode([String: Expectation].self, from: data)
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// An image whose code layout is the expectation's section list and nothing else (no function
    /// table), so armready sweeps exactly the bytes the independent decoder swept.
    static func image(for expectation: Expectation) -> BinaryImage {
        let architecture: CodeArchitecture =
            switch expectation.arch {
            case "x64": .x64
            case "x86": .x86
            case "arm64": .arm64
            default: .other
            }
        let sections = expectation.sections.map {
            CodeSection(name: $0.name, address: $0.address, fileOffset: $0.offset, fileSize: $0.size)
        }
        return image(architecture: architecture, sections: sections)
    }

    static func image(
        architecture: CodeArchitecture, sections: [CodeSection], functions: [FunctionRange] = [],
        symbols: [CodeSymbol] = [], ranges: [ArchitectureRange] = []
    ) -> BinaryImage {
        BinaryImage(
            format: .elf, machine: 0, machineName: "test", execution: .other, kind: .executable, bits: 64,
            code: CodeLayout(
                architecture: architecture, sections: sections, functions: functions,
                functionSource: functions.isEmpty ? nil : .symbols, symbols: symbols,
                architectureRanges: ranges))
    }

    /// The linear sweep alone: what the independent decoders' expectations describe.
    static let sweepOnly = ISAOptions(followControlFlow: false)

    /// Profiles `bytes` laid out as one section at address 0x1000.
    static func profile(
        _ bytes: [UInt8], architecture: CodeArchitecture, functions: [FunctionRange] = [],
        options: ISAOptions = ISAOptions()
    ) -> ISAProfile {
        let section = CodeSection(name: ".text", address: 0x1000, fileOffset: 0, fileSize: bytes.count)
        let image = image(architecture: architecture, sections: [section], functions: functions)
        return bytes.withUnsafeBytes { ISAAnalyzer.profile(image: image, bytes: $0, options: options) }
    }
}
