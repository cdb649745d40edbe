/// The AArch64 encoding table behind `AArch64Classifier`: (mask, value, extension) over the fixed
/// 32-bit instruction words, first match wins.
///
/// Derived from the encoding index of the Arm Architecture Reference Manual for A-profile
/// (DDI 0487, chapter C4 "A64 Instruction Set Encoding" and the SVE/SME encoding index). Each
/// group below names the encoding class it comes from. Coverage is deliberately by class, not by
/// instruction: a class that only exists with an extension is attributed to it whole.
enum AArch64Encodings {
    /// Extensions, indexed by id: the catalog's AArch64 list (hint space: `pac`, `bti`).
    static let names = ISAExtension.decoded(.arm64)
    /// Marks an entry that matches a base-architecture encoding and stops the search.
    static let base: UInt8 = 0xFF

    struct Entry {
        let mask: UInt32
        let value: UInt32
        let ext: UInt8
    }

    private static func id(_ name: ISAExtension) -> UInt8 {
        UInt8(names.firstIndex(of: name) ?? Int(base))
    }

    /// An entry; `.base` marks a base-architecture encoding.
    private static func e(_ mask: UInt32, _ value: UInt32, _ name: ISAExtension) -> Entry {
        Entry(mask: mask, value: value, ext: name == .base ? base : id(name))
    }

    /// HINT immediates (`HINT #imm`, class "Hints", word 0xD503201F | imm << 5).
    /// PAC: XPACLRI 7, PACIA1716 8, PACIB1716 10, AUTIA1716 12, AUTIB1716 14, PACIAZ..AUTIBSP 24–31.
    /// BTI: 32, 34, 36, 38 (BTI, BTI c, BTI j, BTI jc).
    private static let hintEntries: [Entry] =
        [7, 8, 10, 12, 14, 24, 25, 26, 27, 28, 29, 30, 31].map { e(0xFFFF_FFFF, 0xD503_201F | ($0 << 5), .pac) }
        + [32, 34, 36, 38].map { e(0xFFFF_FFFF, 0xD503_201F | ($0 << 5), .bti) }

    static let entries: [Entry] =
        hintEntries + [
            // Branches, exception generating and system: MSR (immediate) SVCR* = SMSTART/SMSTOP.
            e(0xFFFF_F0FF, 0xD503_407F, .sme),
            // Unconditional branch (register) with pointer authentication (BRAA, BLRAA, RETAA, ERETAA...).
            e(0xFE00_F800, 0xD600_0800, .pauth),
            // Data-processing (1 source), opcode2 = 00001: PACIA, AUTIA, XPACI... (not hint space).
            e(0xFFFF_0000, 0xDAC1_0000, .pauth),
            // Data-processing (2 source): PACGA; CRC32/CRC32C; IRG, GMI, SUBP(S) (MTE).
            e(0xFFE0_FC00, 0x9AC0_3000, .pauth),
            e(0x7FE0_E000, 0x1AC0_4000, .crc32),
            e(0xFFE0_F800, 0x9AC0_1000, .mte),
            e(0xDFE0_FC00, 0x9AC0_0000, .mte),
            // Add/subtract (immediate, with tags): ADDG, SUBG.
            e(0xBFC0_0000, 0x9180_0000, .mte),
            // Load/store memory tags (STG, STZG, ST2G, LDG, STGM...) and STGP (load/store pair, opc 01, L 0).
            e(0xFF20_0000, 0xD920_0000, .mte),
            e(0xFFC0_0000, 0x6880_0000, .mte), e(0xFFC0_0000, 0x6900_0000, .mte), e(0xFFC0_0000, 0x6980_0000, .mte),
            // Load register (pointer authentication): LDRAA, LDRAB.
            e(0xFF20_0400, 0xF820_0400, .pauth),
            // Atomic memory operations: LDAPR (RCPC) first, then LD<op>/SWP (LSE); LDAPUR/STLUR (RCPC2).
            e(0x3FFF_FC00, 0x38BF_C000, .rcpc),
            e(0x3F20_8C00, 0x3820_0000, .lse),
            e(0x3F20_FC00, 0x3820_8000, .lse),
            e(0x3F20_0C00, 0x1900_0000, .rcpc),
            // RCPC3: LDAPUR/STLUR (SIMD&FP); LDAPR (post-index).
            e(0x3F20_0C00, 0x1D00_0800, .rcpc),
            e(0xBFFF_FC00, 0x99C0_0800, .rcpc),
            // Compare and swap (CAS*), compare and swap pair (CASP*).
            e(0x3FA0_7C00, 0x08A0_7C00, .lse),
            e(0xBFA0_7C00, 0x0820_7C00, .lse),
            // Cryptographic AES; three-register SHA; two-register SHA.
            e(0xFFFF_CC00, 0x4E28_4800, .aes),
            e(0xFFE0_CC00, 0x5E00_0000, .sha1),
            e(0xFFE0_CC00, 0x5E00_4000, .sha2),
            e(0xFFE0_EC00, 0x5E00_6000, .sha2),
            e(0xFFFF_EC00, 0x5E28_0800, .sha1),
            e(0xFFFF_FC00, 0x5E28_2800, .sha2),
            // Cryptographic three-register SHA512 (SHA512H/H2/SU1, RAX1, SM3PARTW1/2, SM4EKEY).
            e(0xFFE0_FC00, 0xCE60_8C00, .sha3),
            e(0xFFE0_F000, 0xCE60_8000, .sha512),
            e(0xFFE0_F800, 0xCE60_C000, .sm3),
            e(0xFFE0_FC00, 0xCE60_C800, .sm4),
            // Cryptographic two-register SHA512 (SHA512SU0, SM4E); four-register (EOR3, BCAX, SM3SS1); XAR; three-register imm2 (SM3TT*).
            e(0xFFFF_FC00, 0xCEC0_8000, .sha512),
            e(0xFFFF_FC00, 0xCEC0_8400, .sm4),
            e(0xFFC0_8000, 0xCE00_0000, .sha3),
            e(0xFFE0_8000, 0xCE40_0000, .sm3),
            e(0xFFE0_0000, 0xCE80_0000, .sha3),
            e(0xFFE0_C000, 0xCE40_8000, .sm3),
            // Advanced SIMD three different: PMULL/PMULL2 with size 11 (64x64 -> 128, part of FEAT_PMULL).
            e(0xBFE0_FC00, 0x0EE0_E000, .pmull),
            // Advanced SIMD three same (extra): SDOT/UDOT, USDOT, SMMLA/UMMLA/USMMLA, BFDOT, BFMLALB/T, BFMMLA.
            e(0x9FE0_FC00, 0x0E80_9400, .dotprod),
            e(0xBFE0_FC00, 0x0E80_9C00, .i8mm),
            e(0xDFE0_F400, 0x4E80_A400, .i8mm),
            e(0xFFE0_FC00, 0x6E40_EC00, .bf16),
            e(0xBFE0_FC00, 0x2E40_FC00, .bf16),
            e(0xBFE0_FC00, 0x2EC0_FC00, .bf16),
            // Advanced SIMD two-register misc: BFCVTN; floating-point data-processing (1 source): BFCVT.
            e(0xBFFF_FC00, 0x0EA1_6800, .bf16),
            e(0xFFFF_FC00, 0x1E63_4000, .bf16),
            // Advanced SIMD vector x indexed element: SDOT/UDOT, SUDOT/USDOT, BFDOT, BFMLAL; FP16 FMLA/FMLS/FMUL/FMULX.
            e(0x9FC0_F400, 0x0F80_E000, .dotprod),
            e(0xBFC0_F400, 0x0F00_F000, .i8mm),
            e(0xBFC0_F400, 0x0F80_F000, .i8mm),
            e(0xBFC0_F400, 0x0F40_F000, .bf16),
            e(0xBFC0_F400, 0x0FC0_F000, .bf16),
            e(0xBFC0_B400, 0x0F00_1000, .fp16),
            e(0x9FC0_F400, 0x0F00_9000, .fp16),
            // Advanced SIMD three same (FP16), two-register misc (FP16), scalar variants, FMOV (vector, immediate) half.
            e(0x9F60_C400, 0x0E40_0400, .fp16),
            e(0x9F7E_0C00, 0x0E78_0800, .fp16),
            e(0xDF60_C400, 0x5E40_0400, .fp16),
            e(0xDF7E_0C00, 0x5E78_0800, .fp16),
            e(0x9FF8_FC00, 0x0F00_FC00, .fp16),
            // FCMLA/FCADD on halves (three same extra, by element), FMLAL/FMLSL(2) (FEAT_FHM, needs FP16),
            // scalar by-element FMLA/FMLS/FMUL/FMULX on halves, fixed-point SCVTF/UCVTF/FCVTZS/FCVTZU on halves.
            e(0xBFE0_C400, 0x2E40_C400, .fp16),
            e(0xBFC0_9400, 0x2F40_1000, .fp16),
            e(0xBF60_FC00, 0x0E20_EC00, .fp16),
            e(0xBF60_FC00, 0x2E20_CC00, .fp16),
            e(0xBFC0_B400, 0x0F80_0000, .fp16),
            e(0xBFC0_B400, 0x2F80_8000, .fp16),
            e(0xDFC0_B400, 0x5F00_1000, .fp16),
            e(0xDFC0_F400, 0x5F00_9000, .fp16),
            e(0x9FF0_E400, 0x0F10_E400, .fp16),
            e(0xDFF0_E400, 0x5F10_E400, .fp16),
            // Floating-point data-processing with ftype 11 (half precision), except FCVT from half (base).
            e(0xFFFE_7C00, 0x1EE2_4000, .base),
            e(0x7FC0_0000, 0x1EC0_0000, .fp16),
            e(0xFFC0_0000, 0x1FC0_0000, .fp16),
        ] + sveEntries

    /// SVE and SME. SVE2 classes first; whatever remains in the SVE space (op0 = 0010) is `sve`,
    /// and everything with bit 31 set and op0 = 0000 is `sme`.
    private static let sveEntries: [Entry] = [
        // SME instructions that sit in the SVE space: RDSVL; ADDSVL/ADDSPL (bit 11 set, unlike ADDVL/ADDPL).
        e(0xFFFF_F800, 0x04BF_5800, .sme),
        e(0xFFA0_F800, 0x0420_5800, .sme),
        // SVE Integer Multiply-Add - Unpredicated: SDOT/UDOT (SVE), USDOT (SVE I8MM); the rest is SVE2.
        e(0xFFA0_F800, 0x4480_0000, .sve),
        e(0xFFE0_FC00, 0x4480_7800, .sve),
        e(0xFF20_0000, 0x4400_0000, .sve2),
        // SVE Multiply - Indexed: SDOT/UDOT, SUDOT/USDOT (SVE); the rest is SVE2.
        e(0xFFA0_F800, 0x44A0_0000, .sve),
        e(0xFFE0_F800, 0x44A0_1800, .sve),
        e(0xFF20_0000, 0x4420_0000, .sve2),
        // 0x45 space: SVE integer matrix multiply (SVE I8MM); everything else there is SVE2.
        e(0xFF20_FC00, 0x4500_9800, .sve),
        e(0xFF00_0000, 0x4500_0000, .sve2),
        // SVE2 integer multiply (unpredicated), bitwise ternary, XAR.
        e(0xFF20_E000, 0x0420_6000, .sve2),
        e(0xFF20_F800, 0x0420_3800, .sve2),
        e(0xFF20_FC00, 0x0420_3400, .sve2),
        // SVE2 WHILEGE/GT/HI/HS, WHILERW/WR; TBL (two vectors), TBX; SPLICE (constructive); EXT (constructive).
        e(0xFF20_E400, 0x2520_0000, .sve2),
        // SVE2.1/SME2 WHILE* producing a predicate pair or a predicate-as-counter.
        e(0xFF20_C000, 0x2520_4000, .sve2),
        // SVE bitwise shift by immediate (predicated): SQSHL, UQSHL, SRSHR, URSHR, SQSHLU are SVE2.
        e(0xFF3E_E000, 0x0406_8000, .sve2),
        e(0xFF3E_E000, 0x040C_8000, .sve2),
        e(0xFF3F_E000, 0x040F_8000, .sve2),
        e(0xFF20_FC00, 0x2520_3000, .sve2),
        e(0xFF20_F800, 0x0520_2800, .sve2),
        e(0xFF3F_E000, 0x052D_8000, .sve2),
        e(0xFFE0_E000, 0x0560_0000, .sve2),
        // SVE2 floating-point pairwise, FLOGB, FCVTX, convert precision odd elements, multiply-add long.
        e(0xFF38_E000, 0x6410_8000, .sve2),
        e(0xFFF9_E000, 0x6518_A000, .sve2),
        e(0xFFFF_E000, 0x650A_A000, .sve2),
        e(0xFF38_E000, 0x6408_A000, .sve2),
        e(0xFFE0_C000, 0x64A0_8000, .sve2),
        e(0xFFE0_C000, 0x64A0_4000, .sve2),
        // SVE2 non-temporal gather loads and scatter stores (vector plus scalar).
        e(0xFE60_C000, 0x8400_8000, .sve2),
        e(0xFE60_A000, 0xC400_8000, .sve2),
        e(0xFE20_E000, 0xE400_2000, .sve2),
        // The SVE space, then the SME space.
        e(0x1E00_0000, 0x0400_0000, .sve),
        e(0x9E00_0000, 0x8000_0000, .sme),
    ]
}
