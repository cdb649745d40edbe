/// What one register holds, as far as a block's straight-line code tells.
enum TrackedValue: Equatable {
    case none
    case constant(UInt64)
    /// A value read from this fixed address: a feature word, or a pointer (GOT/IAT/`.refptr` slot).
    case loaded(UInt64)
    /// The address of this fixed data location (`lea reg, [rip+G]`).
    case address(UInt64)
    /// A value whose origin `FlowAnalysis` can judge.
    case value(ValueSource)

    /// The value as a guard or a store records it.
    var source: ValueSource {
        switch self {
        case .loaded(let address): .global(address, viaSlot: nil)
        case .value(let source): source
        case .none, .constant, .address: .unknown
        }
    }
}

/// The flags register: which value the last flag-setting instruction examined, and how.
struct FlagsState: Equatable {
    enum Kind { case test, bit, compare }
    var kind: Kind
    var source: ValueSource
    var constant: UInt64?
    /// The examined value was complemented (`not`) after it was read: a set bit means absent.
    var inverted = false
}

/// Register state inside one block (16 general registers; x86 uses the first 8).
struct BlockState {
    var registers: [TrackedValue]
    /// Per register: its value was complemented since it was read (`not`).
    var inverted: [Bool]
    var flags: FlagsState?
    let bits: Int

    init(bits: Int) {
        self.bits = bits
        registers = Array(repeating: .none, count: 16)
        inverted = Array(repeating: false, count: 16)
    }

    mutating func reset() {
        for index in registers.indices {
            registers[index] = .none
            inverted[index] = false
        }
        flags = nil
    }

    /// Assigning a register clears its complement mark; `copy` carries it.
    subscript(register: UInt8) -> TrackedValue {
        get { Int(register) < registers.count ? registers[Int(register)] : .none }
        set {
            guard Int(register) < registers.count else { return }
            registers[Int(register)] = newValue
            inverted[Int(register)] = false
        }
    }

    mutating func copy(_ source: UInt8, to destination: UInt8) {
        guard Int(source) < registers.count, Int(destination) < registers.count else { return }
        registers[Int(destination)] = registers[Int(source)]
        inverted[Int(destination)] = inverted[Int(source)]
    }

    func isInverted(_ register: UInt8) -> Bool { Int(register) < inverted.count && inverted[Int(register)] }

    mutating func complement(_ register: UInt8) {
        if Int(register) < inverted.count { inverted[Int(register)].toggle() }
    }
}

/// A memory operand with a fixed or register-relative address, or an element of an array at
/// one (`movzx eax, byte [rax+rdi]` with `rax = &npy__cpu_have`): only loads read the last.
private enum MemoryOperand {
    case fixed(UInt64)
    case based(register: UInt8, displacement: Int64)
    /// A register-indexed element; `base` nil for an absolute array address. Either register
    /// may hold the array's address (`movzx eax, byte [rax+rcx]` with `rcx = &table`).
    case indexed(base: UInt8?, index: UInt8, displacement: Int64)
}

extension X86FunctionDecoder {
    /// Applies one instruction to the block's register state and records what it shows.
    func track(
        _ ins: X86Instruction, at address: UInt64, next: UInt64, block: Int32, start: UInt64, limit: UInt64,
        code: CodeBytes, state: inout BlockState, summary: inout FunctionSummary
    ) {
        noteImmediateCodeAddress(ins, at: address, block: block, code: code, summary: &summary)
        let legacy = !ins.isVEX && !ins.isEVEX
        if legacy, writesMemory(ins), let global = storeTarget(memory(ins, next: next), state: state) {
            // Read-modify-write of a global (`or [__cpu_model+12], 4`): feature bits set one by one.
            summary.stores.append(GlobalStore(block: block, address: address, global: global, value: .unknown))
        }
        switch ins.kind {
        case .mov where legacy: trackMove(ins, at: address, next: next, block: block, state: &state, summary: &summary)
        case .movzx where legacy, .movsx where legacy:
            if ins.hasModRM, ins.mod == 3 {
                state.copy(ins.rm, to: ins.reg)
            } else {
                state[ins.reg] = load(memory(ins, next: next), state: state)
            }
        case .lea where legacy:
            switch memory(ins, next: next) {
            case .fixed(let target):
                if code.contains(target) {
                    summary.addressesTaken.append(AddressTaken(block: block, address: address, target: target))
                    state[ins.reg] = .none
                } else {
                    state[ins.reg] = .address(target)
                }
            case .based(let base, let displacement):
                if case .address(let data) = state[base] {
                    state[ins.reg] = .address(data &+ UInt64(bitPattern: displacement))
                } else {
                    state[ins.reg] = .none
                }
            case .indexed, nil: state[ins.reg] = .none
            }
        case .test where legacy, .cmp where legacy, .bt where legacy:
            trackFlags(ins, next: next, state: &state)
        case .and where legacy:
            trackFlags(ins, next: next, state: &state)
            trackMask(ins, next: next, state: &state)
        case .or where legacy: trackCombine(ins, next: next, state: &state)
        case .xor where legacy:
            if ins.hasModRM, ins.mod == 3, ins.reg == ins.rm, ins.opcode == 0x31 || ins.opcode == 0x33 {
                state[ins.rm] = .constant(0)
            } else {
                clearWritten(ins, state: &state)
            }
            state.flags = nil
        case .shift where legacy:
            // shr/sar/shl reg, imm keep the tested value's origin (a bit moved into place).
            if !(ins.hasModRM && ins.mod == 3) { clearWritten(ins, state: &state) }
            state.flags = nil
        case .not where legacy:
            if ins.hasModRM, ins.mod == 3 { state.complement(ins.rm) } else { clearWritten(ins, state: &state) }
        case .cpuid:
            var leaf: UInt32?
            if case .constant(let value) = state[0] { leaf = UInt32(truncatingIfNeeded: value) }
            summary.cpuidLeaves.append(leaf)
            for register: UInt8 in 0...3 { state[register] = .value(.probe(xgetbv: false)) }
        case .xgetbv:
            summary.xgetbvCount += 1
            state[0] = .value(.probe(xgetbv: true))
            state[2] = .value(.probe(xgetbv: true))
        case .call: trackCall(ins, at: address, next: next, block: block, state: &state, summary: &summary)
        case .jmp:
            trackJump(
                ins, at: address, next: next, block: block, start: start, limit: limit, state: state, summary: &summary)
        case .jcc:
            if let target = relativeTargetAddress(ins, next: next), target < start || target >= limit {
                summary.calls.append(
                    CallSite(block: block, address: address, target: .direct(target), isTailJump: true))
            }
            if let flags = state.flags, flags.source != .unknown {
                summary.guards.append(
                    GuardCandidate(
                        block: block, address: address, source: flags.source, constant: flags.constant,
                        isSelect: false))
            }
        case .cmov, .setcc:
            if let flags = state.flags, flags.source != .unknown {
                summary.guards.append(
                    GuardCandidate(
                        block: block, address: address, source: flags.source, constant: flags.constant, isSelect: true
                    ))
            }
            if ins.kind == .cmov {
                trackSelect(ins, next: next, state: &state)
            } else {
                trackSetFlag(ins, state: &state)
            }
        case .noFlags:
            if ins.map == 0, ins.opcode >= 0x58, ins.opcode <= 0x5F { state[(ins.opcode & 7) | (ins.rm & 8)] = .none }
            if ins.map == 0, ins.opcode == 0x8F, ins.hasModRM, ins.mod == 3 { state[ins.rm] = .none }
        case .ret:
            let returned = state[0].source
            if returned.isMemoryLoad, summary.returnSources.count < 8, !summary.returnSources.contains(returned) {
                summary.returnSources.append(returned)
            }
        case .trap, .loopLike: break
        default:
            if !Self.writesOnlyVectorRegisters(ins) { clearWritten(ins, state: &state) }
            state.flags = nil
        }
    }

    private func trackMove(
        _ ins: X86Instruction, at address: UInt64, next: UInt64, block: Int32, state: inout BlockState,
        summary: inout FunctionSummary
    ) {
        guard ins.map == 0 else {
            clearWritten(ins, state: &state)
            return
        }
        switch ins.opcode {
        case 0x8A, 0x8B:  // mov reg, r/m
            if ins.mod == 3 {
                state.copy(ins.rm, to: ins.reg)
            } else {
                state[ins.reg] = load(memory(ins, next: next), state: state)
            }
        case 0x88, 0x89:  // mov r/m, reg
            if ins.mod == 3 {
                state.copy(ins.reg, to: ins.rm)
            } else if let global = storeTarget(memory(ins, next: next), state: state) {
                summary.stores.append(
                    GlobalStore(block: block, address: address, global: global, value: state[ins.reg].source))
            }
        case 0xC6, 0xC7:  // mov r/m, imm
            if ins.mod == 3 {
                state[ins.rm] = .constant(UInt64(bitPattern: ins.immediate))
            } else if let global = storeTarget(memory(ins, next: next), state: state) {
                summary.stores.append(GlobalStore(block: block, address: address, global: global, value: .unknown))
            }
        case 0xB8...0xBF:  // mov reg, imm (REX.B lands in `rm`'s high bit: there is no ModRM)
            state[(ins.opcode & 7) | (ins.rm & 8)] = .constant(UInt64(bitPattern: ins.immediate))
        case 0xA0, 0xA1:  // mov al/eax, [moffs]
            state[0] = .loaded(absolute(ins.displacement))
        case 0xA2, 0xA3:
            summary.stores.append(
                GlobalStore(block: block, address: address, global: absolute(ins.displacement), value: state[0].source))
        default:
            clearWritten(ins, state: &state)
        }
    }

    private func trackFlags(_ ins: X86Instruction, next: UInt64, state: inout BlockState) {
        let immediate: UInt64? = ins.immediateSize > 0 ? UInt64(bitPattern: ins.immediate) : nil
        var kind: FlagsState.Kind
        switch ins.kind {
        case .test: kind = .test
        case .bt: kind = .bit
        case .and: kind = .test
        default: kind = .compare
        }
        // The examined operand: the r/m side (register or memory), or the accumulator forms.
        var source: ValueSource = .unknown
        var constant = immediate
        var inverted = false
        let accumulatorForm = ins.map == 0 && [0xA8, 0xA9, 0x3C, 0x3D, 0x24, 0x25].contains(ins.opcode)
        if accumulatorForm {
            source = state[0].source
            inverted = state.isInverted(0)
        } else if ins.hasModRM {
            if ins.mod == 3 {
                source = state[ins.rm].source
                inverted = state.isInverted(ins.rm)
                if source == .unknown, immediate == nil {
                    source = state[ins.reg].source
                    inverted = state.isInverted(ins.reg)
                }
            } else {
                // `and eax, [mask]` / `test [x], reg`: a tracked register is the feature word, the
                // memory operand the mask; otherwise the memory operand is what is examined.
                source = load(memory(ins, next: next), state: state).source
                let register = state[ins.reg].source
                if immediate == nil, register != .unknown {
                    source = register
                    inverted = state.isInverted(ins.reg)
                }
            }
        }
        if ins.kind == .bt, let bit = immediate { constant = bit < 64 ? 1 << bit : nil }
        if ins.kind == .cmp, immediate == nil { constant = nil }
        // `and reg, x` keeps the examined value's origin; `trackMask` gives a constant mask the
        // feature word's origin when the other operand holds it.
        state.flags = FlagsState(kind: kind, source: source, constant: constant, inverted: inverted)
    }

    /// `mov ecx, MASK; and ecx, eax`: the constant mask takes the feature word's origin, so the
    /// comparison that follows (OpenSSL's `rsaz_avx2_eligible`) still reads as a feature check.
    private func trackMask(_ ins: X86Instruction, next: UInt64, state: inout BlockState) {
        guard ins.map == 0, ins.hasModRM else { return }
        switch ins.opcode {
        case 0x20, 0x21:  // and r/m, reg
            if ins.mod == 3, state[ins.rm].source == .unknown, state[ins.reg].source != .unknown {
                state.copy(ins.reg, to: ins.rm)
            }
        case 0x22, 0x23:  // and reg, r/m
            guard state[ins.reg].source == .unknown else { return }
            if ins.mod == 3 {
                if state[ins.rm].source != .unknown { state.copy(ins.rm, to: ins.reg) }
            } else {
                let loaded = load(memory(ins, next: next), state: state)
                if loaded.source != .unknown { state[ins.reg] = loaded }
            }
        default: break
        }
    }

    /// `or r10d, r9d` of two masked feature words (OpenSSL's SHA-256 AVX check) keeps a feature
    /// origin; an `or` with a constant keeps the register's. The flags then test the result.
    private func trackCombine(_ ins: X86Instruction, next: UInt64, state: inout BlockState) {
        guard ins.map == 0, ins.hasModRM || ins.opcode == 0x0C || ins.opcode == 0x0D else {
            clearWritten(ins, state: &state)
            state.flags = nil
            return
        }
        var destination: UInt8?
        switch ins.opcode {
        case 0x0C, 0x0D: destination = 0
        case 0x08, 0x09:
            if ins.mod == 3 {
                destination = ins.rm
                if state[ins.rm].source == .unknown, state[ins.reg].source != .unknown {
                    state.copy(ins.reg, to: ins.rm)
                }
            }
        case 0x0A, 0x0B:
            destination = ins.reg
            if state[ins.reg].source == .unknown {
                let other = ins.mod == 3 ? state[ins.rm] : load(memory(ins, next: next), state: state)
                if other.source != .unknown {
                    if ins.mod == 3 { state.copy(ins.rm, to: ins.reg) } else { state[ins.reg] = other }
                } else if case .constant = state[ins.reg] {
                    state[ins.reg] = .none
                }
            }
        case 0x80, 0x81, 0x83:
            if ins.mod == 3 { destination = ins.rm }
        default: clearWritten(ins, state: &state)
        }
        if let destination, !state.isInverted(destination) {
            state.flags = FlagsState(kind: .test, source: state[destination].source, constant: nil)
        } else {
            state.flags = nil
        }
    }

    /// `cmov` between a feature-derived value and a constant keeps the feature origin (`cmove eax,
    /// edx` with `edx = 0` returns "eligible or zero"); any other mix is unknown.
    private func trackSelect(_ ins: X86Instruction, next: UInt64, state: inout BlockState) {
        guard ins.hasModRM else { return }
        let destination = state[ins.reg]
        let other = ins.mod == 3 ? state[ins.rm] : load(memory(ins, next: next), state: state)
        let isConstant: (TrackedValue) -> Bool = { if case .constant = $0 { true } else { false } }
        if destination.source != .unknown, isConstant(other) { return }
        if other.source != .unknown, isConstant(destination) {
            if ins.mod == 3 { state.copy(ins.rm, to: ins.reg) } else { state[ins.reg] = other }
            return
        }
        state[ins.reg] = .none
    }

    /// `setcc al` after a feature test holds that test's answer (`ossl_rsaz_avx512ifma_eligible`).
    private func trackSetFlag(_ ins: X86Instruction, state: inout BlockState) {
        guard ins.hasModRM else { return }
        guard ins.mod == 3, let flags = state.flags, flags.source != .unknown else {
            if ins.mod == 3 { state[ins.rm] = .none }
            return
        }
        state[ins.rm] = .value(flags.source)
    }

    private func trackCall(
        _ ins: X86Instruction, at address: UInt64, next: UInt64, block: Int32, state: inout BlockState,
        summary: inout FunctionSummary
    ) {
        var target = CallSite.Target.indirect
        var result = ValueSource.unknown
        if let direct = relativeTargetAddress(ins, next: next) {
            target = .direct(direct)
            result = .callResult(direct)
        } else if let slot = slotOperand(ins, next: next, state: state) {
            target = .slot(slot)
            result = .slotCallResult(slot)
        }
        var argument: UInt64?
        // First argument: rcx (Windows x64), rdi (System V); x86 passes it on the stack.
        for register: UInt8 in bits == 64 ? [1, 7] : [] {
            if case .address(let data) = state[register] { argument = data }
        }
        summary.calls.append(
            CallSite(block: block, address: address, target: target, isTailJump: false, dataArgument: argument))
        let clobbered: [UInt8] = bits == 64 ? [0, 1, 2, 8, 9, 10, 11] : [0, 1, 2]
        for register in clobbered { state[register] = .none }
        state[0] = .value(result)
        state.flags = nil
    }

    private func trackJump(
        _ ins: X86Instruction, at address: UInt64, next: UInt64, block: Int32, start: UInt64, limit: UInt64,
        state: BlockState, summary: inout FunctionSummary
    ) {
        if let direct = relativeTargetAddress(ins, next: next) {
            if direct < start || direct >= limit {
                summary.calls.append(
                    CallSite(block: block, address: address, target: .direct(direct), isTailJump: true))
            }
        } else if let slot = slotOperand(ins, next: next, state: state) {
            summary.calls.append(CallSite(block: block, address: address, target: .slot(slot), isTailJump: true))
        } else {
            summary.calls.append(CallSite(block: block, address: address, target: .indirect, isTailJump: true))
        }
    }

    /// `call [X]`, `call reg` with reg loaded from X, `call [reg+d]` with reg = &X: the slot X.
    private func slotOperand(_ ins: X86Instruction, next: UInt64, state: BlockState) -> UInt64? {
        guard ins.hasModRM, !ins.isVEX, !ins.isEVEX else { return nil }
        if ins.mod == 3 {
            if case .loaded(let slot) = state[ins.rm] { return slot }
            return nil
        }
        switch memory(ins, next: next) {
        case .fixed(let slot): return slot
        case .based(let base, let displacement):
            if case .address(let data) = state[base] { return data &+ UInt64(bitPattern: displacement) }
            return nil
        case .indexed, nil: return nil
        }
    }

    private func relativeTargetAddress(_ ins: X86Instruction, next: UInt64) -> UInt64? {
        guard ins.immediateIsRelative, ins.immediateSize > 0 else { return nil }
        let target = next &+ UInt64(bitPattern: ins.immediate)
        return bits == 32 ? target & 0xFFFF_FFFF : target
    }

    /// The value a load from `operand` gives.
    private func load(_ operand: MemoryOperand?, state: BlockState) -> TrackedValue {
        switch operand {
        case .fixed(let address): return .loaded(address)
        case .based(let base, let displacement):
            switch state[base] {
            case .address(let data): return .loaded(data &+ UInt64(bitPattern: displacement))
            case .loaded(let slot): return .value(.global(UInt64(bitPattern: displacement), viaSlot: slot))
            default: return .none
            }
        case .indexed(nil, _, let displacement): return .value(.element(of: absolute(displacement)))
        case .indexed(.some(let base), let index, let displacement):
            for register in [base, index] {
                if case .address(let data) = state[register] {
                    return .value(.element(of: data &+ UInt64(bitPattern: displacement)))
                }
            }
            return .none
        case nil: return .none
        }
    }

    private func storeTarget(_ operand: MemoryOperand?, state: BlockState) -> UInt64? {
        switch operand {
        case .fixed(let address): return address
        case .based(let base, let displacement):
            if case .address(let data) = state[base] { return data &+ UInt64(bitPattern: displacement) }
            return nil
        case .indexed, nil: return nil
        }
    }

    private func memory(_ ins: X86Instruction, next: UInt64) -> MemoryOperand? {
        guard ins.hasModRM, ins.mod != 3 else { return nil }
        if ins.hasSIB {
            let hasIndex = ins.sibIndex != 4
            if ins.mod == 0, ins.sibBase & 7 == 5 {
                return hasIndex
                    ? .indexed(base: nil, index: ins.sibIndex, displacement: ins.displacement)
                    : .fixed(absolute(ins.displacement))
            }
            return hasIndex
                ? .indexed(base: ins.sibBase, index: ins.sibIndex, displacement: ins.displacement)
                : .based(register: ins.sibBase, displacement: ins.displacement)
        }
        if ins.mod == 0, ins.rm & 7 == 5 {
            return bits == 64
                ? .fixed(next &+ UInt64(bitPattern: ins.displacement)) : .fixed(absolute(ins.displacement))
        }
        return .based(register: ins.rm, displacement: ins.displacement)
    }

    /// An absolute address in the image's own address space.
    private func absolute(_ value: Int64) -> UInt64 {
        bits == 32 ? UInt64(UInt32(truncatingIfNeeded: value)) &- absoluteBias : UInt64(bitPattern: value)
    }

    /// `push offset f`, `mov [x], offset f`, `mov reg, offset f` in non-PIC code: a taken code address.
    private func noteImmediateCodeAddress(
        _ ins: X86Instruction, at address: UInt64, block: Int32, code: CodeBytes, summary: inout FunctionSummary
    ) {
        // x64 code takes addresses RIP-relative (`lea`); its 32-bit immediates are constants.
        guard bits == 32, ins.immediateSize >= 32, !ins.immediateIsRelative, ins.kind != .call, ins.kind != .jmp
        else { return }
        let value = absolute(ins.immediate)
        guard value != 0, code.contains(value) else { return }
        summary.addressesTaken.append(AddressTaken(block: block, address: address, target: value))
    }

    /// ALU and shift instructions whose destination is their r/m memory operand (not `mov`).
    private func writesMemory(_ ins: X86Instruction) -> Bool {
        guard ins.hasModRM, ins.mod != 3 else { return false }
        if ins.map == 1 {
            return ins.opcode == 0xAB || ins.opcode == 0xB3 || ins.opcode == 0xBB
                || (ins.opcode == 0xBA && ins.reg & 7 >= 5)
        }
        guard ins.map == 0 else { return false }
        switch ins.opcode {
        case 0x00, 0x01, 0x08, 0x09, 0x10, 0x11, 0x18, 0x19, 0x20, 0x21, 0x28, 0x29, 0x30, 0x31, 0x86, 0x87:
            return true
        case 0x80, 0x81, 0x83: return ins.reg & 7 != 7
        case 0xC0, 0xC1, 0xD0, 0xD1, 0xD2, 0xD3: return true
        case 0xF6, 0xF7: return ins.reg & 7 == 2 || ins.reg & 7 == 3
        case 0xFE, 0xFF: return ins.reg & 7 <= 1
        default: return false
        }
    }

    /// SSE/AVX instructions (and prefetch hints) whose ModRM `reg`/`rm` name vector registers or memory, never a
    /// general register: `movdqa [rsp], xmm0` between a feature load and its test (OpenSSL's
    /// `rsaz_512_mul_gather4`) must not forget `eax`. The exceptions write a general register:
    /// cvt*2si, movmsk, movd/movq to r/m, pextr*, pmovmskb, pcmp*str*, and the VEX BMI forms.
    static func writesOnlyVectorRegisters(_ ins: X86Instruction) -> Bool {
        guard ins.hasModRM else { return false }
        switch ins.map {
        case 1:
            switch ins.opcode {
            case 0x2C, 0x2D, 0x50, 0x7E, 0xC5, 0xD7: return false
            case 0x0D, 0x10...0x1F, 0x28...0x2B, 0x2E, 0x2F, 0x51...0x7F, 0xC2, 0xC4, 0xC6, 0xD0...0xFF:
                return true
            default: return false
            }
        case 2: return ins.opcode < 0xF0
        case 3: return !(0x14...0x17).contains(ins.opcode) && !(0x60...0x63).contains(ins.opcode) && ins.opcode != 0xF0
        default: return false
        }
    }

    /// Forgets registers an unmodelled instruction may write.
    private func clearWritten(_ ins: X86Instruction, state: inout BlockState) {
        if ins.hasModRM {
            state[ins.reg] = .none
            if ins.mod == 3 { state[ins.rm] = .none }
        } else {
            if ins.map == 0, ins.opcode & 0xF0 == 0x40 || ins.opcode & 0xF8 == 0x90 {
                state[(ins.opcode & 7) | (ins.rm & 8)] = .none
            }
            state[0] = .none
            state[2] = .none
        }
    }
}
