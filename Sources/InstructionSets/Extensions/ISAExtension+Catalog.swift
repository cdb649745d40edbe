/// The extension names armready knows, one static member each, and the per-architecture lists
/// the decoders and the rule loader draw from.
///
/// x86: every name `X86ExtensionNames` makes of a Zydis 4.0 ISA set (`ZydisISASetGetString`),
/// plus the mnemonic-level hint names of `X86Scanner` (`endbr`, `rdssp`, `tzcnt`). AArch64: the
/// extensions `AArch64Encodings` classifies, plus the CPU features a target profile lists
/// from Linux hwcaps (`/proc/cpuinfo` "Features") and the later SVE/SME versions rules name,
/// which the classifier does not tell apart from the base architecture or from another
/// extension (`fp`, `asimd`, `rdm`, `lse2`, `sve2.1`, ...).
extension ISAExtension {
    // x86 and x64 (Zydis ISA sets; `sse4.1` and `sse4.2` keep their dots).
    package static let amd3DNow = ISAExtension("3dnow")
    package static let adx = ISAExtension("adx")
    package static let aes = ISAExtension("aes")
    package static let amdInvlpgb = ISAExtension("amd_invlpgb")
    package static let amxBf16 = ISAExtension("amx_bf16")
    package static let amxInt8 = ISAExtension("amx_int8")
    package static let amxTile = ISAExtension("amx_tile")
    package static let avx = ISAExtension("avx")
    package static let avx2 = ISAExtension("avx2")
    package static let avx5124fmaps = ISAExtension("avx5124fmaps")
    package static let avx5124vnniw = ISAExtension("avx5124vnniw")
    package static let avx512bf16 = ISAExtension("avx512bf16")
    package static let avx512bitalg = ISAExtension("avx512bitalg")
    package static let avx512bw = ISAExtension("avx512bw")
    package static let avx512cd = ISAExtension("avx512cd")
    package static let avx512dq = ISAExtension("avx512dq")
    package static let avx512er = ISAExtension("avx512er")
    package static let avx512f = ISAExtension("avx512f")
    package static let avx512fp16 = ISAExtension("avx512fp16")
    package static let avx512gfni = ISAExtension("avx512gfni")
    package static let avx512ifma = ISAExtension("avx512ifma")
    package static let avx512pf = ISAExtension("avx512pf")
    package static let avx512vaes = ISAExtension("avx512vaes")
    package static let avx512vbmi = ISAExtension("avx512vbmi")
    package static let avx512vbmi2 = ISAExtension("avx512vbmi2")
    package static let avx512vl = ISAExtension("avx512vl")
    package static let avx512vnni = ISAExtension("avx512vnni")
    package static let avx512vp2intersect = ISAExtension("avx512vp2intersect")
    package static let avx512vpclmulqdq = ISAExtension("avx512vpclmulqdq")
    package static let avx512vpopcntdq = ISAExtension("avx512vpopcntdq")
    package static let avxVnni = ISAExtension("avx_vnni")
    package static let bmi1 = ISAExtension("bmi1")
    package static let bmi2 = ISAExtension("bmi2")
    package static let cet = ISAExtension("cet")
    package static let cldemote = ISAExtension("cldemote")
    package static let clflush = ISAExtension("clflush")
    package static let clflushopt = ISAExtension("clflushopt")
    package static let clwb = ISAExtension("clwb")
    package static let clzero = ISAExtension("clzero")
    package static let cmov = ISAExtension("cmov")
    package static let cx16 = ISAExtension("cx16")
    package static let endbr = ISAExtension("endbr")
    package static let enqcmd = ISAExtension("enqcmd")
    package static let f16c = ISAExtension("f16c")
    package static let fma = ISAExtension("fma")
    package static let fma4 = ISAExtension("fma4")
    package static let fxsr = ISAExtension("fxsr")
    package static let gfni = ISAExtension("gfni")
    package static let hreset = ISAExtension("hreset")
    package static let invpcid = ISAExtension("invpcid")
    package static let keylocker = ISAExtension("keylocker")
    package static let keylockerWide = ISAExtension("keylocker_wide")
    package static let kncMisc = ISAExtension("knc_misc")
    package static let kncPfHint = ISAExtension("knc_pf_hint")
    package static let knce = ISAExtension("knce")
    package static let kncjkbr = ISAExtension("kncjkbr")
    package static let kncstream = ISAExtension("kncstream")
    package static let kncv = ISAExtension("kncv")
    package static let lahf = ISAExtension("lahf")
    package static let lwp = ISAExtension("lwp")
    package static let lzcnt = ISAExtension("lzcnt")
    package static let mcommit = ISAExtension("mcommit")
    package static let mmx = ISAExtension("mmx")
    package static let monitor = ISAExtension("monitor")
    package static let monitorx = ISAExtension("monitorx")
    package static let movbe = ISAExtension("movbe")
    package static let movdir = ISAExtension("movdir")
    package static let mpx = ISAExtension("mpx")
    package static let padlockAce = ISAExtension("padlock_ace")
    package static let padlockPhe = ISAExtension("padlock_phe")
    package static let padlockPmm = ISAExtension("padlock_pmm")
    package static let padlockRng = ISAExtension("padlock_rng")
    package static let pclmulqdq = ISAExtension("pclmulqdq")
    package static let pconfig = ISAExtension("pconfig")
    package static let pku = ISAExtension("pku")
    package static let popcnt = ISAExtension("popcnt")
    package static let prefetchwt1 = ISAExtension("prefetchwt1")
    package static let pt = ISAExtension("pt")
    package static let rdpid = ISAExtension("rdpid")
    package static let rdpru = ISAExtension("rdpru")
    package static let rdrand = ISAExtension("rdrand")
    package static let rdseed = ISAExtension("rdseed")
    package static let rdssp = ISAExtension("rdssp")
    package static let rdtscp = ISAExtension("rdtscp")
    package static let rdwrfsgs = ISAExtension("rdwrfsgs")
    package static let rtm = ISAExtension("rtm")
    package static let serialize = ISAExtension("serialize")
    package static let sgx = ISAExtension("sgx")
    package static let sgxEnclv = ISAExtension("sgx_enclv")
    package static let sha = ISAExtension("sha")
    package static let smap = ISAExtension("smap")
    package static let smx = ISAExtension("smx")
    package static let snp = ISAExtension("snp")
    package static let sse = ISAExtension("sse")
    package static let sse2 = ISAExtension("sse2")
    package static let sse3 = ISAExtension("sse3")
    package static let sse4_1 = ISAExtension("sse4.1")
    package static let sse4_2 = ISAExtension("sse4.2")
    package static let sse4a = ISAExtension("sse4a")
    package static let ssse3 = ISAExtension("ssse3")
    package static let svm = ISAExtension("svm")
    package static let tbm = ISAExtension("tbm")
    package static let tdx = ISAExtension("tdx")
    package static let tsxLdtrk = ISAExtension("tsx_ldtrk")
    package static let tzcnt = ISAExtension("tzcnt")
    package static let uintr = ISAExtension("uintr")
    package static let vaes = ISAExtension("vaes")
    package static let vmfunc = ISAExtension("vmfunc")
    package static let vmx = ISAExtension("vmx")
    package static let vpclmulqdq = ISAExtension("vpclmulqdq")
    package static let waitpkg = ISAExtension("waitpkg")
    package static let x87 = ISAExtension("x87")
    package static let xop = ISAExtension("xop")
    package static let xsave = ISAExtension("xsave")
    package static let xsavec = ISAExtension("xsavec")
    package static let xsaveopt = ISAExtension("xsaveopt")
    package static let xsaves = ISAExtension("xsaves")

    // AArch64, decoded by AArch64Encodings (`aes` is shared with x86).
    package static let sve = ISAExtension("sve")
    package static let sve2 = ISAExtension("sve2")
    package static let sme = ISAExtension("sme")
    package static let lse = ISAExtension("lse")
    package static let pmull = ISAExtension("pmull")
    package static let sha1 = ISAExtension("sha1")
    package static let sha2 = ISAExtension("sha2")
    package static let sha3 = ISAExtension("sha3")
    package static let sha512 = ISAExtension("sha512")
    package static let sm3 = ISAExtension("sm3")
    package static let sm4 = ISAExtension("sm4")
    package static let crc32 = ISAExtension("crc32")
    package static let dotprod = ISAExtension("dotprod")
    package static let i8mm = ISAExtension("i8mm")
    package static let bf16 = ISAExtension("bf16")
    package static let fp16 = ISAExtension("fp16")
    package static let rcpc = ISAExtension("rcpc")
    package static let mte = ISAExtension("mte")
    package static let pauth = ISAExtension("pauth")
    package static let pac = ISAExtension("pac")
    package static let bti = ISAExtension("bti")

    // AArch64 CPU features that target profiles list but the classifier does not separate.
    package static let base = ISAExtension("base")
    package static let fp = ISAExtension("fp")
    package static let asimd = ISAExtension("asimd")
    package static let lse2 = ISAExtension("lse2")
    package static let rcpc2 = ISAExtension("rcpc2")
    package static let rcpc3 = ISAExtension("rcpc3")
    package static let rdm = ISAExtension("rdm")
    package static let fhm = ISAExtension("fhm")
    package static let jscvt = ISAExtension("jscvt")
    package static let fcma = ISAExtension("fcma")
    package static let frint = ISAExtension("frint")
    package static let flagm = ISAExtension("flagm")
    package static let flagm2 = ISAExtension("flagm2")
    package static let sb = ISAExtension("sb")
    package static let ssbs = ISAExtension("ssbs")
    package static let dit = ISAExtension("dit")
    package static let rng = ISAExtension("rng")
    package static let wfxt = ISAExtension("wfxt")

    // Later AArch64 extensions the classifier files under `sve2` and `sme`, named by rules that
    // must treat them like their parent (Armv9.4 FEAT_SVE2p1, FEAT_SME2, FEAT_SME2p1).
    package static let sve2p1 = ISAExtension("sve2.1")
    package static let sme2 = ISAExtension("sme2")
    package static let sme2p1 = ISAExtension("sme2.1")

    /// x86/x64 extensions the decoder can report, sorted by name.
    static let x86Decoded: [ISAExtension] = [
        .amd3DNow, .adx, .aes, .amdInvlpgb, .amxBf16, .amxInt8, .amxTile, .avx, .avx2, .avx5124fmaps, .avx5124vnniw,
        .avx512bf16, .avx512bitalg, .avx512bw, .avx512cd, .avx512dq, .avx512er, .avx512f, .avx512fp16, .avx512gfni,
        .avx512ifma, .avx512pf, .avx512vaes, .avx512vbmi, .avx512vbmi2, .avx512vl, .avx512vnni, .avx512vp2intersect,
        .avx512vpclmulqdq, .avx512vpopcntdq, .avxVnni, .bmi1, .bmi2, .cet, .cldemote, .clflush, .clflushopt, .clwb,
        .clzero, .cmov, .cx16, .endbr, .enqcmd, .f16c, .fma, .fma4, .fxsr, .gfni, .hreset, .invpcid, .keylocker,
        .keylockerWide, .kncMisc, .kncPfHint, .knce, .kncjkbr, .kncstream, .kncv, .lahf, .lwp, .lzcnt, .mcommit,
        .mmx, .monitor, .monitorx, .movbe, .movdir, .mpx, .padlockAce, .padlockPhe, .padlockPmm, .padlockRng,
        .pclmulqdq, .pconfig, .pku, .popcnt, .prefetchwt1, .pt, .rdpid, .rdpru, .rdrand, .rdseed, .rdssp, .rdtscp,
        .rdwrfsgs, .rtm, .serialize, .sgx, .sgxEnclv, .sha, .smap, .smx, .snp, .sse, .sse2, .sse3, .sse4_1, .sse4_2,
        .sse4a, .ssse3, .svm, .tbm, .tdx, .tsxLdtrk, .tzcnt, .uintr, .vaes, .vmfunc, .vmx, .vpclmulqdq, .waitpkg,
        .x87, .xop, .xsave, .xsavec, .xsaveopt, .xsaves,
    ]

    /// AArch64 extensions `AArch64Encodings` classifies, indexed by its extension id.
    static let arm64Decoded: [ISAExtension] = [
        .sve, .sve2, .sme, .lse, .aes, .pmull, .sha1, .sha2, .sha3, .sha512, .sm3, .sm4, .crc32, .dotprod, .i8mm,
        .bf16, .fp16, .rcpc, .mte, .pauth, .pac, .bti,
    ]

    /// AArch64 features a CPU reports, or rules name, that the classifier does not attribute on
    /// their own.
    static let arm64FeaturesOnly: [ISAExtension] = [
        .base, .fp, .asimd, .lse2, .rcpc2, .rcpc3, .rdm, .fhm, .jscvt, .fcma, .frint, .flagm, .flagm2, .sb, .ssbs,
        .dit, .rng, .wfxt, .sve2p1, .sme2, .sme2p1,
    ]

    /// Hint-space extensions: seen and reported, never required (they run as a NOP or as an
    /// older instruction on CPUs without them; see `X86ExtensionNames` and `AArch64Encodings`).
    package static let hintSpace: [Architecture: Set<ISAExtension>] = [
        .x86: [.endbr, .tzcnt, .rdssp, .mpx, .cldemote], .arm64: [.pac, .bti],
    ]

    /// Every extension name of `architecture` that a rule or target profile may use.
    package static func known(_ architecture: Architecture) -> Set<ISAExtension> {
        switch architecture {
        case .x86: knownX86
        case .arm64: knownARM64
        }
    }

    /// The extensions a decoder of `architecture` can report.
    package static func decoded(_ architecture: Architecture) -> [ISAExtension] {
        switch architecture {
        case .x86: x86Decoded
        case .arm64: arm64Decoded
        }
    }

    /// Whether this extension is hint space on `architecture`.
    package func isHint(on architecture: Architecture) -> Bool {
        Self.hintSpace[architecture]?.contains(self) ?? false
    }

    private static let knownX86 = Set(x86Decoded)
    private static let knownARM64 = Set(arm64Decoded + arm64FeaturesOnly)
}
