/// Names the flow analysis recognises without decoding (cpu-dispatch.md §1, §3 step 1–2).
enum FeatureNames {
    /// Imports whose result says whether a feature is present.
    static let probeImports: Set<String> = [
        "IsProcessorFeaturePresent", "GetEnabledXStateFeatures", "getauxval", "__getauxval", "elf_aux_info",
        "av_get_cpu_flags", "dav1d_get_cpu_flags", "__builtin_cpu_supports",
    ]

    /// Functions (by symbol) that probe the CPU or return its cached features.
    static let probeFunctions: Set<String> = [
        "__isa_available_init", "__cpu_indicator_init", "__init_cpu_features", "__init_cpu_features_resolver",
        "OPENSSL_cpuid_setup", "OPENSSL_ia32_cpuid", "ff_get_cpu_flags_x86", "av_get_cpu_flags", "dav1d_init_cpu",
        "dav1d_get_cpu_flags", "npy_cpu_init", "init_cpu_features", "__get_cpuid", "__get_cpuid_count",
        "__get_cpuid_max",
    ]

    /// Globals (by symbol or import name) that hold probed features.
    static let cacheGlobals: [String] = [
        "__isa_available", "__isa_enabled", "__favor", "__isa_inverted", "__cpu_model", "__cpu_features2",
        "OPENSSL_ia32cap_P", "OPENSSL_armcap_P", "npy__cpu_have", "__aarch64_cpu_features", "dav1d_cpu_flags",
        "_rtld_global_ro", "_dl_x86_cpu_features",
    ]

    /// CPUID leaves that report instruction-set features (leaf 0 is the vendor, 2/4 caches, ...).
    static let featureLeaves: Set<UInt32> = [1, 7, 0xD, 0x19, 0x24, 0x8000_0001]

    /// Name endings of per-CPU variants: OpenBLAS's DYNAMIC_ARCH cores (`dgemm_kernel_HASWELL`;
    /// `Makefile.system` DYNAMIC_CORE) and instruction-set suffixes (`DOUBLE_add_AVX512F`,
    /// `blur_avx2`, `ArgQSelect_X86_V3`). A library that exports every symbol (mingw's default,
    /// OpenBLAS) exports them too, but its own dispatcher calls them through a table it picks
    /// by CPUID; they are not where a caller enters.
    static let variantSuffixes: Set<String> = [
        // OpenBLAS x86 cores.
        "PRESCOTT", "CORE2", "PENRYN", "DUNNINGTON", "NEHALEM", "SANDYBRIDGE", "HASWELL", "SKYLAKEX",
        "COOPERLAKE", "SAPPHIRERAPIDS", "ATOM", "ATHLON", "OPTERON", "OPTERON_SSE3", "BARCELONA", "BOBCAT",
        "BULLDOZER", "PILEDRIVER", "STEAMROLLER", "EXCAVATOR", "ZEN", "NANO", "KATMAI", "COPPERMINE",
        "NORTHWOOD", "BANIAS", "YONAH",
        // OpenBLAS Arm64 cores with SVE or newer kernels.
        "ARMV8SVE", "A64FX", "NEOVERSEV1", "NEOVERSEV2", "NEOVERSEN2", "CORTEXA510", "CORTEXA710", "CORTEXX2",
        // Instruction-set levels.
        "avx", "avx2", "avx512", "avx512f", "avx512bw", "avx512vl", "avx512skx", "avx512icl", "avx512spr",
        "fma", "fma3", "fma4", "xop", "sse41", "sse42", "sse4", "ssse3", "sse3", "sve", "sve2", "sme",
        "AVX", "AVX2", "AVX512", "AVX512F", "AVX512BW", "AVX512_SKX", "AVX512_ICL", "AVX512_SPR", "AVX512_KNL",
        "FMA3", "FMA4", "XOP", "SSE41", "SSE42", "X86_V2", "X86_V3", "X86_V4", "SVE", "SVE2", "SME",
    ]

    /// Whether an exported function is named for a CPU variant (`saxpy_k_HASWELL`).
    static func isVariantName(_ name: String) -> Bool {
        var end = name.endIndex
        // The suffix after the last one or two underscores (`AVX512_SKX`, `OPTERON_SSE3`, `X86_V3`).
        for _ in 0..<2 {
            guard let underscore = name[..<end].lastIndex(of: "_"), underscore > name.startIndex else { return false }
            if variantSuffixes.contains(String(name[name.index(after: underscore)...])) { return true }
            end = underscore
        }
        return false
    }

    /// Whether `name` (a symbol, an import, `.refptr.__cpu_model`) names a feature cache.
    static func isCacheGlobal(_ name: String) -> Bool {
        if name.contains("std_detect"), name.contains("CACHE") { return true }
        return cacheGlobals.contains { name == $0 || name.hasSuffix("." + $0) || name.hasSuffix("_" + $0) }
    }
}
