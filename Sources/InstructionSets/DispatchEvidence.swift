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

    /// The evidence found, as reports name it, in a fixed order (`inspect --isa`'s `dispatch` line).
    package var labels: [String] {
        let named: [(Bool, String)] = [
            (cpuid, "CPUID"), (xgetbv, "XGETBV"), (isProcessorFeaturePresent, "IsProcessorFeaturePresent"),
            (getauxval, "getauxval"), (cpuFeatureHelpers, "CPU feature helpers"), (ifunc, "IFUNC"),
            (idRegisterRead, "ID register reads"), (outlineAtomics, "outline atomics"),
        ]
        return named.filter(\.0).map(\.1)
    }
}
