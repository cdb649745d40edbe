/// Phase 2 of `AArch64FunctionDecoder`: cuts the discovered words into blocks and walks each
/// block once with a fresh `AArch64RegisterFile`, recording edges, calls, guards, stores,
/// taken addresses and extension uses.
struct AArch64SummaryBuilder {
    let start: UInt64
    let limit: UInt64
    let code: CodeBytes

    private var blockIndex: [UInt64: Int32] = [:]

    init(start: UInt64, limit: UInt64, code: CodeBytes) {
        self.start = start
        self.limit = limit
        self.code = code
    }

    mutating func build(_ discovery: AArch64Discovery, into summary: inout FunctionSummary) {
        let instructions = discovery.words.sorted { $0.key < $1.key }
        var ranges: [Range<Int>] = []
        var index = 0
        while index < instructions.count {
            let first = index
            index += 1
            while index < instructions.count,
                instructions[index].key == instructions[index - 1].key &+ 4,
                !discovery.leaders.contains(instructions[index].key),
                !AArch64Discovery.endsBlock(instructions[index - 1].value, at: instructions[index - 1].key)
            {
                index += 1
            }
            guard ranges.count < FlowLimits.maxBlocksPerFunction else {
                summary.incomplete = true
                break
            }
            let blockStart = instructions[first].key
            blockIndex[blockStart] = Int32(ranges.count)
            ranges.append(first..<index)
            summary.blocks.append(BasicBlock(start: blockStart, end: instructions[index - 1].key &+ 4))
        }
        for (block, range) in ranges.enumerated() {
            walk(block: Int32(block), instructions[range], into: &summary)
        }
    }

    private func walk(
        block: Int32, _ instructions: ArraySlice<(key: UInt64, value: UInt32)>, into summary: inout FunctionSummary
    ) {
        var registers = AArch64RegisterFile()
        var uses: [Int: (count: Int32, first: UInt64)] = [:]
        var fallsThrough = true
        for (pc, word) in instructions {
            summary.instructions += 1
            summary.bytes += 4
            if let ext = AArch64Classifier.shared.classify(word) {
                let old = uses[ext]
                uses[ext] = (count: (old?.count ?? 0) &+ 1, first: old?.first ?? pc)
            }
            let branch = AArch64Branch.decode(word, at: pc)
            switch branch {
            case .none:
                registers.execute(word, at: pc) { record($0, block: block, at: pc, into: &summary) }
            case .call(let target):
                summary.calls.append(CallSite(block: block, address: pc, target: .direct(target), isTailJump: false))
                registers.call(result: .callResult(target))
            case .callRegister(let register):
                let target = Self.target(of: registers[register])
                summary.calls.append(CallSite(block: block, address: pc, target: target, isTailJump: false))
                switch target {
                case .direct(let address): registers.call(result: .callResult(address))
                case .slot(let slot): registers.call(result: .slotCallResult(slot))
                case .indirect: registers.call(result: .unknown)
                }
            case .jump(let target):
                fallsThrough = false
                if inRange(target) {
                    addEdge(to: target, presentOf: nil, block: block, into: &summary)
                } else {
                    summary.calls.append(CallSite(block: block, address: pc, target: .direct(target), isTailJump: true))
                }
            case .conditional(let target, let condition):
                fallsThrough = false
                let check = Self.guardCheck(condition, registers: registers)
                var presentOf: Int32?
                if let check {
                    presentOf = Int32(summary.guards.count)
                    summary.guards.append(
                        GuardCandidate(
                            block: block, address: pc, source: check.source, constant: check.constant, isSelect: false))
                }
                let takenPresent = check?.takenIsPresent
                if inRange(target) {
                    addEdge(to: target, presentOf: takenPresent == true ? presentOf : nil, block: block, into: &summary)
                } else {
                    summary.calls.append(CallSite(block: block, address: pc, target: .direct(target), isTailJump: true))
                }
                addEdge(to: pc &+ 4, presentOf: takenPresent == false ? presentOf : nil, block: block, into: &summary)
            case .jumpRegister(let register):
                fallsThrough = false
                let target = Self.target(of: registers[register])
                summary.calls.append(CallSite(block: block, address: pc, target: target, isTailJump: true))
            case .ret, .trap, .invalid:
                fallsThrough = false
            }
        }
        if fallsThrough, let last = instructions.last {
            addEdge(to: last.key &+ 4, presentOf: nil, block: block, into: &summary)
        }
        for (ext, use) in uses.sorted(by: { $0.key < $1.key }) {
            summary.uses.append(
                BlockUse(block: block, extensionID: Int32(ext), count: use.count, firstAddress: use.first))
        }
    }

    private func record(_ event: AArch64DataEvent, block: Int32, at pc: UInt64, into summary: inout FunctionSummary) {
        switch event {
        case .address(let target):
            if code.contains(target) {
                summary.addressesTaken.append(AddressTaken(block: block, address: pc, target: target))
            }
        case .store(let global, let value):
            summary.stores.append(GlobalStore(block: block, address: pc, global: global, value: value))
        case .idRegisterRead:
            summary.idRegisterReads += 1
        case .select(let flags):
            let check = Self.flagCheck(flags, condition: 1)
            summary.guards.append(
                GuardCandidate(
                    block: block, address: pc, source: flags.value.source, constant: check.constant, isSelect: true))
        }
    }

    private func inRange(_ address: UInt64) -> Bool { address >= start && address < limit }

    private func addEdge(to address: UInt64, presentOf: Int32?, block: Int32, into summary: inout FunctionSummary) {
        guard let target = blockIndex[address] else { return }
        summary.blocks[Int(block)].successors.append(Edge(block: target, presentOf: presentOf))
    }

    private static func target(of value: AArch64Value) -> CallSite.Target {
        if let address = value.known { return .direct(address) }
        if let slot = value.loadedFrom { return .slot(slot) }
        return .indirect
    }

    /// What a conditional branch tests, when the tested value is tracked. `takenIsPresent`:
    /// true when the branch is taken if the tested feature is present, false when taken if it
    /// is absent, nil when the condition says neither (a level compared for equality, `b.mi`).
    struct Check {
        var source: ValueSource
        var constant: UInt64?
        var takenIsPresent: Bool?
    }

    static func guardCheck(_ condition: AArch64Condition, registers: AArch64RegisterFile) -> Check? {
        switch condition {
        case .zero(let register, let branchIfZero):
            let value = registers[register]
            guard value.source != .unknown else { return nil }
            // Non-zero means present, unless the register holds the complement (mvn).
            return Check(source: value.source, constant: value.mask, takenIsPresent: branchIfZero == value.inverted)
        case .bit(let register, let bit, let branchIfZero):
            let value = registers[register]
            guard value.source != .unknown else { return nil }
            return Check(
                source: value.source, constant: value.sourceBits(1 << UInt64(bit)),
                takenIsPresent: branchIfZero == value.inverted)
        case .flags(let code):
            guard let flags = registers.flags, flags.value.source != .unknown else { return nil }
            return flagCheck(flags, condition: code)
        }
    }

    /// Condition codes: 0 eq, 1 ne, 2 hs, 3 lo, 8 hi, 9 ls, 10 ge, 11 lt, 12 gt, 13 le.
    static func flagCheck(_ flags: AArch64Flags, condition: UInt8) -> Check {
        let source = flags.value.source
        let inverted = flags.value.inverted
        let zeroTest = flags.kind == .test || flags.constant == 0
        if zeroTest {
            let constant = flags.kind == .test ? flags.constant : flags.value.mask
            switch condition {
            case 0: return Check(source: source, constant: constant, takenIsPresent: inverted)
            case 1: return Check(source: source, constant: constant, takenIsPresent: !inverted)
            default: return Check(source: source, constant: constant, takenIsPresent: nil)
            }
        }
        guard !inverted else { return Check(source: source, constant: flags.constant, takenIsPresent: nil) }
        switch condition {
        case 2, 8, 10, 12: return Check(source: source, constant: flags.constant, takenIsPresent: true)
        case 3, 9, 11, 13: return Check(source: source, constant: flags.constant, takenIsPresent: false)
        default: return Check(source: source, constant: flags.constant, takenIsPresent: nil)
        }
    }
}
