/// What one non-branch instruction revealed to the flow summary.
enum AArch64DataEvent {
    /// `adr`, or `add` onto a known page, produced this address (a code address when the
    /// decoder finds it in `CodeBytes`).
    case address(UInt64)
    /// A general-purpose register (or XZR: `.unknown`) stored to this fixed address.
    case store(global: UInt64, value: ValueSource)
    /// `MRS` of an `ID_AA64*` register.
    case idRegisterRead
    /// `csel`/`csinc`/`csinv`/`csneg` (and their `cset`/`cinc` aliases) on tracked flags.
    case select(AArch64Flags)
}

/// The effect of non-branch A64 instructions on `AArch64RegisterFile`. Encodings follow the
/// top-level groups of DDI 0487 C4.1; an instruction not modelled here forgets every register
/// it may write (over-forgetting loses a guard, never invents one).
extension AArch64RegisterFile {
    mutating func execute(_ word: UInt32, at pc: UInt64, report: (AArch64DataEvent) -> Void) {
        switch (word >> 25) & 0xF {
        case 0b1000, 0b1001: immediateGroup(word, at: pc, report: report)
        case 0b0101, 0b1101: registerGroup(word, report: report)
        case 0b0100, 0b0110, 0b1100, 0b1110: loadStoreGroup(word, at: pc, report: report)
        case 0b1010, 0b1011: systemGroup(word, report: report)
        case 0b0010:
            // SVE: `cntb`, `rdvl`, `incd` ... write a general register; `ptest`, `whilelo` ... set flags.
            self[Int(word & 0x1F)] = .unknown
            flags = nil
        default:
            // SIMD&FP (`fmov`, `umov`, `fcvtzs` write a general register; `fcmp`, `fccmp` set flags), SME.
            self[Int(word & 0x1F)] = .unknown
            if word & 0x5F20_3C00 == 0x1E20_2000 || word & 0x5F20_0C00 == 0x1E20_0400 { flags = nil }
        }
    }

    // MARK: Data processing (immediate)

    private mutating func immediateGroup(_ word: UInt32, at pc: UInt64, report: (AArch64DataEvent) -> Void) {
        let rd = Int(word & 0x1F)
        let rn = Int((word >> 5) & 0x1F)
        let is64 = word & 0x8000_0000 != 0
        switch word & 0x1F80_0000 {
        case 0x1000_0000, 0x1080_0000:
            // ADR / ADRP: immhi:immlo, a byte offset or a 4 KiB page offset.
            let field = ((word >> 5) & 0x7_FFFF) << 2 | (word >> 29) & 0x3
            let offset = UInt64(bitPattern: Int64(bitPattern: UInt64(field) << 43) >> 43)
            if is64 {
                self[rd] = .constant((pc & ~0xFFF) &+ (offset << 12))
            } else {
                let address = pc &+ offset
                report(.address(address))
                self[rd] = .constant(address)
            }
        case 0x1100_0000:
            addSubImmediate(word, rd: rd, rn: rn, is64: is64, report: report)
        case 0x1200_0000:
            logicalImmediate(word, rd: rd, rn: rn, is64: is64)
        case 0x1280_0000:
            moveWide(word, rd: rd, is64: is64)
        case 0x1300_0000:
            bitfield(word, rd: rd, rn: rn, is64: is64)
        default:
            // ADDG/SUBG, EXTR, unallocated.
            self[rd] = .unknown
        }
    }

    private mutating func addSubImmediate(
        _ word: UInt32, rd: Int, rn: Int, is64: Bool, report: (AArch64DataEvent) -> Void
    ) {
        let immediate = UInt64((word >> 10) & 0xFFF) << (word & 0x0040_0000 != 0 ? 12 : 0)
        let isSub = word & 0x4000_0000 != 0
        // Register 31 is SP here (XZR as a flag-setting destination): untracked either way.
        let operand = self[rn]
        if word & 0x2000_0000 != 0 {
            flags =
                isSub && operand.source != .unknown
                ? AArch64Flags(kind: .compare, value: operand, constant: immediate) : nil
            self[rd] = .unknown
            return
        }
        guard let base = operand.known else {
            self[rd] = .unknown
            return
        }
        let value = Self.fit(isSub ? base &- immediate : base &+ immediate, is64: is64)
        if !isSub { report(.address(value)) }
        self[rd] = .constant(value)
    }

    private mutating func logicalImmediate(_ word: UInt32, rd: Int, rn: Int, is64: Bool) {
        let opc = (word >> 29) & 0x3
        let mask = AArch64LogicalImmediate.decode(
            n: (word >> 22) & 1, immr: (word >> 16) & 0x3F, imms: (word >> 10) & 0x3F, is64: is64)
        // Register 31 is XZR as the operand.
        let operand = rn == 31 ? AArch64Value.constant(0) : self[rn]
        guard let mask else {
            if opc == 3 { flags = nil }
            self[rd] = .unknown
            return
        }
        switch opc {
        case 0, 3:
            let result = Self.and(operand, mask)
            if opc == 3 {
                flags =
                    result.source != .unknown ? AArch64Flags(kind: .test, value: result, constant: result.mask) : nil
            }
            self[rd] = result
        case 1:
            self[rd] = operand.known.map { .constant($0 | mask) } ?? .unknown
        default:
            let ones: UInt64 = is64 ? ~0 : 0xFFFF_FFFF
            if let known = operand.known {
                self[rd] = .constant(known ^ mask)
            } else if mask == ones, operand.source != .unknown {
                self[rd] = Self.inverted(operand)
            } else {
                self[rd] = .unknown
            }
        }
    }

    private mutating func moveWide(_ word: UInt32, rd: Int, is64: Bool) {
        let position = UInt64((word >> 21) & 0x3) * 16
        let immediate = UInt64((word >> 5) & 0xFFFF) << position
        switch (word >> 29) & 0x3 {
        case 0: self[rd] = .constant(Self.fit(~immediate, is64: is64))
        case 2: self[rd] = .constant(immediate)
        case 3:
            let old = self[rd].known
            self[rd] = old.map { .constant(Self.fit($0 & ~(0xFFFF << position) | immediate, is64: is64)) } ?? .unknown
        default: self[rd] = .unknown
        }
    }

    /// SBFM/UBFM and their aliases (`lsr`, `asr`, `ubfx`, `sbfx`, `lsl`, `ubfiz`, `sxtw`): the
    /// source's bits move; BFM merges into the old destination and is not followed.
    private mutating func bitfield(_ word: UInt32, rd: Int, rn: Int, is64: Bool) {
        let opc = (word >> 29) & 0x3
        let operand = self[rn]
        guard opc == 0 || opc == 2, operand.source != .unknown else {
            self[rd] = .unknown
            return
        }
        let immr = Int((word >> 16) & 0x3F)
        let imms = Int((word >> 10) & 0x3F)
        var result = operand.derived
        if imms >= immr {
            // Extract: register bit i is operand bit immr + i, for the low imms - immr + 1 bits.
            let width = imms - immr + 1
            result.shift = operand.shift.map { $0 + immr }
            result = result.masked(result.sourceBits(Self.ones(width)))
        } else {
            // Insert at lsb = datasize - immr: register bit i is operand bit i - lsb.
            let lsb = (is64 ? 64 : 32) - immr
            result = result.masked(operand.sourceBits(Self.ones(imms + 1)))
            result.shift = operand.shift.map { $0 - lsb }
        }
        self[rd] = result
    }

    // MARK: Data processing (register)

    private mutating func registerGroup(_ word: UInt32, report: (AArch64DataEvent) -> Void) {
        let rd = Int(word & 0x1F)
        let rn = Int((word >> 5) & 0x1F)
        let rm = Int((word >> 16) & 0x1F)
        switch word & 0x1F00_0000 {
        case 0x0A00_0000:
            logicalRegister(word, rd: rd, rn: rn, rm: rm)
        case 0x0B00_0000:
            // ADD/SUB (shifted or extended register); SUBS with XZR is CMP.
            if word & 0x2000_0000 != 0 {
                let operand = word & 0x0020_0000 == 0 && rn == 31 ? AArch64Value.constant(0) : self[rn]
                let other = rm == 31 ? AArch64Value.constant(0) : self[rm]
                let plain = word & 0x0020_0000 == 0 && (word >> 10) & 0x3F == 0
                flags =
                    word & 0x4000_0000 != 0 && operand.source != .unknown
                    ? AArch64Flags(kind: .compare, value: operand, constant: plain ? other.known : nil) : nil
            }
            self[rd] = .unknown
        case 0x1A00_0000:
            if word & 0x3FE0_0800 == 0x1A80_0000 {
                // CSEL, CSINC, CSINV, CSNEG (S = 0, op2 bit 11 = 0).
                if let flags, flags.value.source != .unknown { report(.select(flags)) }
                self[rd] = .unknown
            } else if word & 0x2000_0000 != 0 {
                // ADCS/SBCS, CCMP/CCMN, SETF, RMIF: the flags no longer come from one test.
                flags = nil
                if (word >> 21) & 0x7 != 0b010 { self[rd] = .unknown }
            } else {
                self[rd] = .unknown
            }
        default:
            // Multiply and other three-source forms.
            self[rd] = .unknown
        }
    }

    private mutating func logicalRegister(_ word: UInt32, rd: Int, rn: Int, rm: Int) {
        let opc = (word >> 29) & 0x3
        let negated = word & 0x0020_0000 != 0
        let plain = (word >> 10) & 0x3F == 0
        let first = rn == 31 ? AArch64Value.constant(0) : self[rn]
        let second = rm == 31 ? AArch64Value.constant(0) : self[rm]
        var result = AArch64Value.unknown
        switch (opc, negated) {
        case (1, false) where plain && rn == 31:
            // MOV (ORR with XZR): everything known about the source moves.
            result = second
        case (1, true) where plain && rn == 31:
            // MVN (ORN with XZR).
            let ones: UInt64 = word & 0x8000_0000 != 0 ? ~0 : 0xFFFF_FFFF
            result = second.known.map { .constant(~$0 & ones) } ?? Self.inverted(second)
        case (0, false) where plain, (3, false) where plain:
            if first.source != .unknown, let constant = second.known {
                result = Self.and(first, constant)
            } else if second.source != .unknown, let constant = first.known {
                result = Self.and(second, constant)
            } else if first.source != .unknown {
                result = first.derived
            } else if second.source != .unknown {
                result = second.derived
            } else if let a = first.known, let b = second.known {
                result = .constant(a & b)
            }
        default:
            break
        }
        if opc == 3 {
            flags =
                !negated && result.source != .unknown
                ? AArch64Flags(kind: .test, value: result, constant: result.mask) : nil
        }
        self[rd] = result
    }

    // MARK: Loads and stores

    private mutating func loadStoreGroup(_ word: UInt32, at pc: UInt64, report: (AArch64DataEvent) -> Void) {
        let rt = Int(word & 0x1F)
        let rn = Int((word >> 5) & 0x1F)
        let vector = word & 0x0400_0000 != 0
        let size = Int(word >> 30)
        if word & 0x3B00_0000 == 0x3900_0000 {
            // LDR/STR (unsigned immediate), scaled by the access size.
            if !vector {
                access(
                    size: size, opc: (word >> 22) & 0x3, rt: rt, rn: rn, offset: UInt64((word >> 10) & 0xFFF) << size,
                    report: report)
            }
        } else if word & 0x3B20_0000 == 0x3800_0000 {
            // imm9 forms: 00 LDUR/STUR, 10 LDTR/STTR, 01 post-index, 11 pre-index (write back).
            let mode = (word >> 10) & 0x3
            let offset = UInt64(bitPattern: Int64(bitPattern: UInt64((word >> 12) & 0x1FF) << 55) >> 55)
            if mode & 1 == 0 {
                if !vector {
                    access(size: size, opc: (word >> 22) & 0x3, rt: rt, rn: rn, offset: offset, report: report)
                }
            } else {
                if !vector && (word >> 22) & 0x3 != 0 { self[rt] = .unknown }
                self[rn] = .unknown
            }
        } else if word & 0x3B20_0000 == 0x3820_0000 {
            // Register offset (10), atomics (00, which return the old value), LDRAA/LDRAB (x1,
            // bit 11 = write back).
            let mode = (word >> 10) & 0x3
            if !vector && (mode != 0b10 || (word >> 22) & 0x3 != 0) { self[rt] = .unknown }
            if mode & 1 != 0 && word & 0x800 != 0 { self[rn] = .unknown }
        } else if word & 0x3A00_0000 == 0x2800_0000 {
            pair(word, rt: rt, rn: rn, vector: vector, report: report)
        } else if word & 0x3B00_0000 == 0x1800_0000 {
            // LDR (literal): a load from pc + imm19 * 4.
            let field = UInt64((word >> 5) & 0x7_FFFF)
            let address = pc &+ UInt64(bitPattern: Int64(bitPattern: field << 45) >> 43)
            guard !vector, size != 3 else { return }
            var value = AArch64Value(source: .global(address, viaSlot: nil))
            if size == 1 { value.loadedFrom = address }
            self[rt] = value
        } else {
            // Exclusives, LDAPR/STLR, memory copy/set, structure loads: every register field
            // one of them can write.
            self[rt] = .unknown
            self[rn] = .unknown
            self[Int((word >> 10) & 0x1F)] = .unknown
            self[Int((word >> 16) & 0x1F)] = .unknown
        }
    }

    /// A general-register load or store at `[rn, #offset]` without write-back.
    private mutating func access(
        size: Int, opc: UInt32, rt: Int, rn: Int, offset: UInt64, report: (AArch64DataEvent) -> Void
    ) {
        let base = self[rn]
        if opc == 0 {
            if let address = base.known {
                report(.store(global: address &+ offset, value: rt == 31 ? .unknown : self[rt].source))
            }
            return
        }
        // size 3 with opc 2 is PRFM, opc 3 unallocated.
        guard size != 3 || opc == 1 else { return }
        if let address = base.known {
            let global = address &+ offset
            var value = AArch64Value(source: .global(global, viaSlot: nil))
            if size == 3 { value.loadedFrom = global }
            self[rt] = value
        } else if let slot = base.loadedFrom {
            // Through a pointer loaded from a slot (GOT, IAT): the slot plus the field offset.
            self[rt] = AArch64Value(source: .global(slot &+ offset, viaSlot: slot))
        } else {
            self[rt] = .unknown
        }
    }

    /// LDP/STP (and LDPSW, STGP): bits 24:23 = 10 is the signed-offset form; bit 23 set writes back.
    private mutating func pair(_ word: UInt32, rt: Int, rn: Int, vector: Bool, report: (AArch64DataEvent) -> Void) {
        let rt2 = Int((word >> 10) & 0x1F)
        let load = word & 0x0040_0000 != 0
        let writeBack = word & 0x0080_0000 != 0
        if !vector {
            if load {
                self[rt] = .unknown
                self[rt2] = .unknown
            } else if (word >> 23) & 0x3 == 0b10, word >> 30 != 1, let base = self[rn].known {
                let scale: UInt64 = word >> 30 == 2 ? 8 : 4
                let offset = UInt64(bitPattern: Int64(bitPattern: UInt64((word >> 15) & 0x7F) << 57) >> 57) &* scale
                report(.store(global: base &+ offset, value: rt == 31 ? .unknown : self[rt].source))
                report(.store(global: base &+ offset &+ scale, value: rt2 == 31 ? .unknown : self[rt2].source))
            }
        }
        if writeBack { self[rn] = .unknown }
    }

    // MARK: System

    private mutating func systemGroup(_ word: UInt32, report: (AArch64DataEvent) -> Void) {
        let rt = Int(word & 0x1F)
        if word & 0xFFF0_0000 == 0xD530_0000 {
            // MRS; ID_AA64* registers are op0 3, op1 0, CRn 0, CRm 4...7.
            if word & 0xFFFF_F000 == 0xD538_0000, (4...7).contains((word >> 8) & 0xF) {
                report(.idRegisterRead)
                self[rt] = AArch64Value(source: .probe(xgetbv: false))
            } else {
                self[rt] = .unknown
            }
        } else if word & 0xFFF8_0000 == 0xD528_0000 {
            self[rt] = .unknown  // SYSL
        } else if word & 0xFFFF_FFE0 == 0xD51B_4200 || word & 0xFFF8_F01F == 0xD500_401F {
            flags = nil  // MSR NZCV, MSR (immediate): CFINV, AXFLAG, XAFLAG
        }
    }

    // MARK: Helpers

    private static func fit(_ value: UInt64, is64: Bool) -> UInt64 { is64 ? value : value & 0xFFFF_FFFF }

    private static func ones(_ width: Int) -> UInt64 { width >= 64 ? ~0 : (1 << UInt64(width)) - 1 }

    /// `operand & constant`: a constant stays constant, a tracked source keeps only those bits.
    private static func and(_ operand: AArch64Value, _ constant: UInt64) -> AArch64Value {
        if let known = operand.known, operand.source == .unknown { return .constant(known & constant) }
        guard operand.source != .unknown else { return .unknown }
        return operand.derived.masked(operand.sourceBits(constant))
    }

    private static func inverted(_ operand: AArch64Value) -> AArch64Value {
        guard operand.source != .unknown else { return .unknown }
        var result = operand.derived
        result.inverted.toggle()
        return result
    }
}
