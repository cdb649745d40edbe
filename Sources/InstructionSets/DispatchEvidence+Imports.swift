import BinaryFormats

extension DispatchEvidence {
    /// Names of `__builtin_cpu_supports`/`__builtin_cpu_init` runtime helpers (libgcc and
    /// compiler-rt, x86 and AArch64) and of the cpuid.h helpers when not inlined.
    static let cpuFeatureHelperNames: Set<String> = [
        "__cpu_model", "__cpu_indicator_init", "__cpu_features2", "__get_cpuid", "__get_cpuid_count",
        "__get_cpuid_max", "__init_cpu_features", "__init_cpu_features_resolver", "__aarch64_cpu_features",
    ]
    /// Symbols of GCC's/LLVM's outline atomics, which select LSE instructions at run time.
    static let outlineAtomicsNames: Set<String> = ["__aarch64_have_lse_atomics"]

    /// The evidence visible without decoding: imports, symbols, IFUNCs.
    static func fromImports(_ image: BinaryImage) -> DispatchEvidence {
        var evidence = DispatchEvidence()
        if let pe = image.pe {
            evidence.isProcessorFeaturePresent = pe.importDetails.contains { entry in
                entry.functions.contains("IsProcessorFeaturePresent")
            }
        }
        var names = Set(image.code.symbols.prefix(ReadLimits.maxSymbols).map(\.name))
        if let elf = image.elf {
            names.formUnion(elf.importedSymbols)
            evidence.ifunc = elf.usesIFUNC
        }
        evidence.getauxval = names.contains("getauxval") || names.contains("elf_aux_info")
        evidence.cpuFeatureHelpers = !names.isDisjoint(with: cpuFeatureHelperNames)
        evidence.outlineAtomics = !names.isDisjoint(with: outlineAtomicsNames)
        return evidence
    }
}
