/// Which instruction-set extensions a binary's code uses, as found by decoding it.
///
/// The dictionaries give the JSON-friendly summary (`{"x86": {"avx2": 12}, "arm64": {...}}`);
/// `findings` carries the detail a report needs: examples, and which method found each
/// extension, because a linear sweep over data inside code sections decodes false instructions.
/// Extensions that older CPUs execute as something harmless (ENDBR64, TZCNT, PAC/BTI hints) are
/// kept apart in the `...Hints` dictionaries and never count as requirements.
package struct ISAProfile: Sendable, Equatable, Codable {
    /// Required x86/x64 extensions (lower-case, e.g. `avx2`, `avx512f`) and instruction counts.
    package var x86: [String: Int]
    /// Required AArch64 extensions (`sve`, `sve2`, `sme`, `lse`, ...) and instruction counts.
    package var arm64: [String: Int]
    /// x86 hint-space or NOP-space instructions seen (`endbr`, `tzcnt`, `mpx`, ...): reported only.
    package var x86Hints: [String: Int]
    /// AArch64 hint-space instructions seen (`pac`, `bti`): reported only.
    package var arm64Hints: [String: Int]
    /// AArch64 extensions whose encodings appear, but without the instructions any real use of
    /// them needs (SVE without a predicate set-up, SME without SMSTART, MTE without IRG): most
    /// likely constants in literal pools decoded as code. Reported only, not required.
    package var arm64Unconfirmed: [String: Int] = [:]
    /// One entry per extension, sorted by architecture then name.
    package var findings: [ISAFinding]
    /// Evidence that the code picks instructions at run time.
    package var dispatch: DispatchEvidence
    /// How code ranges were chosen: the function table's source, or `linear-sweep` alone.
    package var method: String
    /// Bytes handed to a decoder.
    package var bytesDecoded: Int
    /// The byte cap in force.
    package var byteCap: Int
    /// The cap stopped decoding before all code was seen.
    package var capReached: Bool
    /// x86 positions that did not decode (each skipped by one byte).
    package var decodeFailures: Int
    /// Function ranges that could not be mapped to file bytes (outside every section, or past EOF).
    package var skippedFunctions: Int

    package init(
        x86: [String: Int] = [:], arm64: [String: Int] = [:], x86Hints: [String: Int] = [:],
        arm64Hints: [String: Int] = [:], findings: [ISAFinding] = [],
        dispatch: DispatchEvidence = DispatchEvidence(), method: String = "none",
        bytesDecoded: Int = 0, byteCap: Int = 0, capReached: Bool = false,
        decodeFailures: Int = 0, skippedFunctions: Int = 0
    ) {
        self.x86 = x86
        self.arm64 = arm64
        self.x86Hints = x86Hints
        self.arm64Hints = arm64Hints
        self.findings = findings
        self.dispatch = dispatch
        self.method = method
        self.bytesDecoded = bytesDecoded
        self.byteCap = byteCap
        self.capReached = capReached
        self.decodeFailures = decodeFailures
        self.skippedFunctions = skippedFunctions
    }
}

/// One extension found in the code.
package struct ISAFinding: Sendable, Equatable, Codable {
    /// `x86` (x86 and x64 code) or `arm64`.
    package var architecture: String
    package var name: String
    /// Reported only: the encoding runs as a NOP or as an older instruction on CPUs without it.
    package var hint: Bool
    /// Reported only: the binary lacks the instructions any real use of the extension needs
    /// (see `ISAProfile.arm64Unconfirmed`).
    package var unconfirmed: Bool = false
    package var count: Int
    /// Instructions found inside function ranges from the binary's own table.
    package var inFunctions: Int
    /// Instructions found by the linear sweep of code outside those ranges.
    package var inLinearSweep: Int
    /// Up to `ISAOptions.examplesPerExtension` locations, in the order found.
    package var examples: [ISAExample]

    package init(
        architecture: String, name: String, hint: Bool, count: Int, inFunctions: Int,
        inLinearSweep: Int, examples: [ISAExample]
    ) {
        self.architecture = architecture
        self.name = name
        self.hint = hint
        self.count = count
        self.inFunctions = inFunctions
        self.inLinearSweep = inLinearSweep
        self.examples = examples
    }
}

extension ISAFinding {
    enum CodingKeys: String, CodingKey {
        case architecture, name, hint, unconfirmed, count, inFunctions, inLinearSweep, examples
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            architecture: try c.decode(String.self, forKey: .architecture), name: try c.decode(String.self, forKey: .name),
            hint: try c.decode(Bool.self, forKey: .hint), count: try c.decode(Int.self, forKey: .count),
            inFunctions: try c.decode(Int.self, forKey: .inFunctions),
            inLinearSweep: try c.decode(Int.self, forKey: .inLinearSweep),
            examples: try c.decode([ISAExample].self, forKey: .examples))
        unconfirmed = try c.decodeIfPresent(Bool.self, forKey: .unconfirmed) ?? false
    }
}

extension ISAProfile {
    enum CodingKeys: String, CodingKey {
        case x86, arm64, x86Hints, arm64Hints, arm64Unconfirmed, findings, dispatch, method
        case bytesDecoded, byteCap, capReached, decodeFailures, skippedFunctions
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            x86: try c.decode([String: Int].self, forKey: .x86), arm64: try c.decode([String: Int].self, forKey: .arm64),
            x86Hints: try c.decode([String: Int].self, forKey: .x86Hints),
            arm64Hints: try c.decode([String: Int].self, forKey: .arm64Hints),
            findings: try c.decode([ISAFinding].self, forKey: .findings),
            dispatch: try c.decode(DispatchEvidence.self, forKey: .dispatch), method: try c.decode(String.self, forKey: .method),
            bytesDecoded: try c.decode(Int.self, forKey: .bytesDecoded), byteCap: try c.decode(Int.self, forKey: .byteCap),
            capReached: try c.decode(Bool.self, forKey: .capReached),
            decodeFailures: try c.decode(Int.self, forKey: .decodeFailures),
            skippedFunctions: try c.decode(Int.self, forKey: .skippedFunctions))
        arm64Unconfirmed = try c.decodeIfPresent([String: Int].self, forKey: .arm64Unconfirmed) ?? [:]
    }
}

/// Where an instruction was found.
package struct ISAExample: Sendable, Equatable, Codable {
    /// The instruction's address in the image's own address space (PE RVA, ELF virtual address).
    package var address: UInt64
    /// The nearest symbol at or before the address, when the binary names one.
    package var function: String?

    package init(address: UInt64, function: String?) {
        self.address = address
        self.function = function
    }

    enum CodingKeys: String, CodingKey {
        case address, function
    }

    package func encode(to encoder: any Encoder) throws {
        // `function` is written as null, not dropped: the JSON contract names it.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(address, forKey: .address)
        try container.encode(function, forKey: .function)
    }
}

/// Signs that the binary checks the CPU before using an extension, so a rule can tell
/// *required* from *dispatched*.
package struct DispatchEvidence: Sendable, Equatable, Codable {
    /// A CPUID instruction in the code.
    package var cpuid = false
    /// An XGETBV instruction (OS support check for AVX state).
    package var xgetbv = false
    /// An import of `IsProcessorFeaturePresent`.
    package var isProcessorFeaturePresent = false
    /// An import of `getauxval` (or `elf_aux_info`), the Linux hwcap query.
    package var getauxval = false
    /// `__builtin_cpu_supports`/`__builtin_cpu_init` helpers (`__cpu_model`, `__cpu_indicator_init`,
    /// `__cpu_features2`, `__get_cpuid`, `__init_cpu_features`...), imported or defined.
    package var cpuFeatureHelpers = false
    /// ELF IFUNC symbols or `R_*_IRELATIVE` relocations.
    package var ifunc = false
    /// AArch64 `MRS` reads of the `ID_AA64*` identification registers.
    package var idRegisterRead = false
    /// GCC/LLVM outline-atomics helpers (`__aarch64_have_lse_atomics`), which choose LSE at run time.
    package var outlineAtomics = false

    package init() {}

    /// Any evidence at all.
    package var any: Bool {
        cpuid || xgetbv || isProcessorFeaturePresent || getauxval || cpuFeatureHelpers || ifunc
            || idRegisterRead || outlineAtomics
    }
}

/// Limits and knobs for one analysis.
package struct ISAOptions: Sendable, Equatable {
    /// Decode at most this many bytes per file; the profile says when the cap was reached.
    package var maxDecodedBytes: Int
    /// Example locations kept per extension.
    package var examplesPerExtension: Int

    package init(maxDecodedBytes: Int = 256 << 20, examplesPerExtension: Int = 3) {
        self.maxDecodedBytes = max(0, maxDecodedBytes)
        self.examplesPerExtension = max(0, examplesPerExtension)
    }
}
