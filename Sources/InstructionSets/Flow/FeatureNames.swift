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

    /// Whether `name` (a symbol, an import, `.refptr.__cpu_model`) names a feature cache.
    static func isCacheGlobal(_ name: String) -> Bool {
        if name.contains("std_detect"), name.contains("CACHE") { return true }
        return cacheGlobals.contains { name == $0 || name.hasSuffix("." + $0) || name.hasSuffix("_" + $0) }
    }
}
