/// How one A64 instruction word moves control, for `AArch64FunctionDecoder`. Encodings from
/// DDI 0487 C4.1 ("Branches, Exception Generating and System instructions" and the top-level
/// `op0` table); only the fields the flow analysis needs are decoded.
enum AArch64Branch: Equatable {
    /// Falls through to the next word.
    case none
    /// `B` (and `B.AL`/`B.NV`, which always branch).
    case jump(UInt64)
    /// `BL`.
    case call(UInt64)
    /// `B.cond`/`BC.cond`, `CBZ`/`CBNZ`, `TBZ`/`TBNZ`: `target` when the condition holds.
    case conditional(UInt64, AArch64Condition)
    /// `BR`, `BRAA`, `BRAAZ`, ... through this register.
    case jumpRegister(Int)
    /// `BLR`, `BLRAA`, `BLRAAZ`, ... through this register.
    case callRegister(Int)
    /// `RET`, `RETAA`/`RETAB`, `ERET`, `ERETAA`/`ERETAB`, `DRPS`.
    case ret
    /// `BRK`, `HLT`, `UDF`: the block ends on purpose.
    case trap
    /// An unallocated top-level encoding: not code the decoder can follow.
    case invalid

    /// The word at `pc`. Targets wrap on overflow rather than trap (hostile input).
    static func decode(_ word: UInt32, at pc: UInt64) -> AArch64Branch {
        let op0 = (word >> 25) & 0xF
        switch op0 {
        case 0b0000:
            // Bit 31 set: SME. Otherwise only UDF (bits 31:16 zero) is allocated.
            if word & 0x8000_0000 != 0 { return .none }
            return word >> 16 == 0 ? .trap : .invalid
        case 0b0001, 0b0011:
            return .invalid
        case 0b1010, 0b1011:
            return decodeBranchClass(word, at: pc)
        default:
            return .none
        }
    }

    private static func decodeBranchClass(_ word: UInt32, at pc: UInt64) -> AArch64Branch {
        switch word & 0x7C00_0000 {
        case 0x1400_0000:
            // B / BL: imm26 words.
            let target = pc &+ offset(word & 0x03FF_FFFF, bits: 26)
            return word & 0x8000_0000 != 0 ? .call(target) : .jump(target)
        default:
            break
        }
        if word & 0x7E00_0000 == 0x3400_0000 {
            // CBZ / CBNZ: imm19, op bit 24.
            let target = pc &+ offset((word >> 5) & 0x7_FFFF, bits: 19)
            return .conditional(target, .zero(register: Int(word & 0x1F), branchIfZero: word & 0x0100_0000 == 0))
        }
        if word & 0x7E00_0000 == 0x3600_0000 {
            // TBZ / TBNZ: b5:b40 bit number, imm14.
            let target = pc &+ offset((word >> 5) & 0x3FFF, bits: 14)
            let bit = Int((word >> 31) << 5 | (word >> 19) & 0x1F)
            return .conditional(
                target, .bit(register: Int(word & 0x1F), bit: bit, branchIfZero: word & 0x0100_0000 == 0))
        }
        if word & 0xFF00_0000 == 0x5400_0000 {
            // B.cond (bit 4 clear) and BC.cond (bit 4 set, FEAT_HBC).
            let target = pc &+ offset((word >> 5) & 0x7_FFFF, bits: 19)
            let condition = UInt8(word & 0xF)
            return condition >= 14 ? .jump(target) : .conditional(target, .flags(condition))
        }
        if word & 0xFF00_0000 == 0xD400_0000 {
            // Exception generation: BRK (opc 001) and HLT (opc 010) stop; SVC/HVC/SMC/DCPS return.
            let opc = (word >> 21) & 0x7
            return opc == 1 || opc == 2 ? .trap : .none
        }
        if word & 0xFE00_0000 == 0xD600_0000 {
            return decodeRegisterBranch(word)
        }
        return .none
    }

    /// Unconditional branch (register): opc bits 24:21, op2 bits 20:16 must be all ones.
    private static func decodeRegisterBranch(_ word: UInt32) -> AArch64Branch {
        guard (word >> 16) & 0x1F == 0x1F else { return .invalid }
        let register = Int((word >> 5) & 0x1F)
        switch (word >> 21) & 0xF {
        case 0b0000, 0b1000: return .jumpRegister(register)
        case 0b0001, 0b1001: return .callRegister(register)
        case 0b0010, 0b0100, 0b0101: return .ret
        default: return .invalid
        }
    }

    /// A signed word offset of `bits` bits, in bytes.
    private static func offset(_ field: UInt32, bits: Int) -> UInt64 {
        let shift = 64 - bits
        let signed = Int64(bitPattern: UInt64(field) << UInt64(shift)) >> Int64(shift)
        return UInt64(bitPattern: signed &* 4)
    }
}

/// What a conditional branch tests.
enum AArch64Condition: Equatable {
    /// `B.cond` on the flags, condition code 0...13 (eq, ne, hs, lo, mi, pl, vs, vc, hi, ls, ge,
    /// lt, gt, le).
    case flags(UInt8)
    /// `CBZ` (`branchIfZero`) or `CBNZ`.
    case zero(register: Int, branchIfZero: Bool)
    /// `TBZ` (`branchIfZero`) or `TBNZ` of one bit.
    case bit(register: Int, bit: Int, branchIfZero: Bool)
}
