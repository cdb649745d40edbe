/// Turns Zydis's ISA-set names into armready's lower-case extension names.
///
/// Source of the table: Zydis 4.0's `ZydisISASet` enumeration (`Zydis/Generated/EnumISASet.h`,
/// names as returned by `ZydisISASetGetString`). The ISA *set* is used rather than the coarser
/// ISA *extension* because Zydis files every EVEX instruction under one extension
/// (`AVX512EVEX`); the set names the AVX-512 subset and the vector length:
///
/// | Zydis ISA set | extension names |
/// |---|---|
/// | `AVX512F_512`, `AVX512F_SCALAR`, `AVX512F_KOP` | `avx512f` |
/// | `AVX512BW_128`, `AVX512F_256`, ... (`_128`, `_128N`, `_256`) | the subset plus `avx512vl` |
/// | `AVX512_VNNI_512`, `AVX512_BF16_256`, ... | `avx512vnni`, `avx512bf16`, ... |
/// | `AVX2GATHER` | `avx2` |
/// | `AVXAES` (VEX AES) | `aes`, `avx` |
/// | `AVX_GFNI` | `gfni`, `avx` |
/// | `SSE4` / `SSE42` | `sse4.1` / `sse4.2` |
/// | `SSE2MMX`, `SSSE3MMX`, `SSE3X87`, `SSEMXCSR`, `SSE_PREFETCH` | `sse2`, `ssse3`, `sse3`, `sse`, `sse` |
/// | `PENTIUMMMX` | `mmx` |
/// | `FCMOV`, `X87` | `x87` |
/// | `FXSAVE`, `FXSAVE64` | `fxsr` |
/// | `CMPXCHG16B` | `cx16` |
/// | `AMD3DNOW` | `3dnow` |
/// | `VTX` | `vmx` (the name CPUID and iced-x86 use) |
/// | `ADOX_ADCX` | `adx` |
/// | `CLFSH` | `clflush` |
/// | `I86`...`I486REAL`, `PPRO`, `PENTIUMREAL`, `LONGMODE`, `AMD`, `PAUSE`, `FAT_NOP`, `PREFETCH_NOP`, `RDPMC` | none (the base instruction set) |
/// | anything else | the set name in lower case |
///
/// Hint space (reported, never required): `MPX` (BND instructions sit in the reserved-NOP space
/// `0F 1A/1B`), `CLDEMOTE` (a cache hint that older CPUs execute as a NOP), plus the mnemonic overrides in `X86Scanner`: ENDBR32/ENDBR64 (`endbr`, NOP on older
/// CPUs), RDSSPD/RDSSPQ (`rdssp`, NOP without shadow stacks) and TZCNT (`tzcnt`: `F3 0F BC` runs
/// as BSF, same result for non-zero input, and compilers emit it deliberately as `rep bsf`).
/// LZCNT is *not* hint space: as BSR it returns a different value, so it stays a requirement.
/// Every name made here is in `ISAExtension.known(.x86)` (a test checks it against the Zydis
/// the build links); hint space is `ISAExtension.hintSpace[.x86]`.
enum X86ExtensionNames {
    /// Zydis sets that belong to the base instruction set and are not reported.
    private static let baseSets: Set<String> = [
        "INVALID", "I86", "I186", "I286PROTECTED", "I286REAL", "I386", "I486", "I486REAL", "PPRO",
        "PENTIUMREAL", "LONGMODE", "AMD", "PAUSE", "FAT_NOP", "PREFETCH_NOP", "RDPMC",
    ]

    private static let renamed: [String: [ISAExtension]] = [
        "AVX2GATHER": [.avx2], "AVXAES": [.aes, .avx], "AVX_GFNI": [.gfni, .avx],
        "SSE4": [.sse4_1], "SSE42": [.sse4_2], "SSE2MMX": [.sse2], "SSSE3MMX": [.ssse3],
        "SSE3X87": [.sse3], "SSEMXCSR": [.sse], "SSE_PREFETCH": [.sse], "PENTIUMMMX": [.mmx],
        "FCMOV": [.x87], "X87": [.x87], "FXSAVE": [.fxsr], "FXSAVE64": [.fxsr],
        "CMPXCHG16B": [.cx16], "ADOX_ADCX": [.adx], "CLFSH": [.clflush], "AMD3DNOW": [.amd3DNow], "VTX": [.vmx],
    ]

    /// The extensions for one Zydis ISA-set name; empty for the base instruction set.
    static func names(forISASet set: String) -> [ISAExtension] {
        if baseSets.contains(set) { return [] }
        if let names = renamed[set] { return names }
        guard set.hasPrefix("AVX512") else { return [ISAExtension(set.lowercased())] }
        var parts = set.split(separator: "_").map(String.init)
        var vectorLength = false
        if let last = parts.last, ["128", "128N", "256", "512", "KOP", "SCALAR"].contains(last) {
            vectorLength = last == "128" || last == "128N" || last == "256"
            parts.removeLast()
        }
        let subset = parts.joined().lowercased()
        return vectorLength ? [ISAExtension(subset), .avx512vl] : [ISAExtension(subset)]
    }
}
