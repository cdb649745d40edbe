/// Recursive descent over one x86 or x64 function (`FunctionDecoding`).
///
/// Two passes over the function's bytes: the first follows branches to find every reachable
/// instruction and every block leader; the second walks the blocks in address order, tracks
/// registers inside each block (constants, loads of fixed addresses, data addresses, call
/// results, CPUID/XGETBV outputs) and records calls, stores, taken code addresses, guard
/// candidates and extension uses. Register tracking covers the legacy-encoded integer
/// instructions compilers use around feature checks; anything else forgets the general registers
/// it may write (SSE/AVX instructions that name only vector registers leave them alone).
struct X86FunctionDecoder: FunctionDecoding {
    private var decoder: X86Decoder
    let bits: Int
    /// Subtracted from absolute addresses in 32-bit code: the flow works in PE RVAs.
    let absoluteBias: UInt64
    private let table = X86ScanTable.shared
    /// By extension id: BMI1, BMI2, LZCNT, MOVBE (a table: it is asked once an instruction).
    private let isBitManipulation: [Bool]
    /// Largest span decoded as one function: branch targets beyond it are tail calls.
    static let maxFunctionSpan: UInt64 = 16 << 20

    /// Per-offset scratch, reused across functions: record index, block index (`-1`: none).
    /// It grows to the furthest offset a function reaches, not to its limit: a function without
    /// a table entry may run to the end of its section, and a worker decodes thousands.
    private var recordAt: [Int32] = []
    private var blockAt: [Int32] = []
    private var leader: [Bool] = []
    private var leaderOffsets: [Int] = []
    private var records: [Record] = []

    private struct Record {
        var address: UInt64
        var instruction: X86Instruction
    }

    init?(bits: Int, absoluteBias: UInt64 = 0) {
        guard let decoder = X86Decoder(bits: bits) else { return nil }
        self.decoder = decoder
        self.bits = bits
        self.absoluteBias = bits == 32 ? absoluteBias : 0
        let names = X86ScanTable.shared.names
        let bitManipulation: Set<ISAExtension> = [.bmi1, .bmi2, .lzcnt, .movbe]
        isBitManipulation = names.map(bitManipulation.contains)
    }

    mutating func decode(start: UInt64, limit requestedLimit: UInt64, code: CodeBytes) -> FunctionSummary {
        var summary = FunctionSummary(start: start)
        let (spanEnd, overflow) = start.addingReportingOverflow(Self.maxFunctionSpan)
        let limit = min(requestedLimit, overflow ? UInt64.max : spanEnd, code.sectionEnd(of: start) ?? start)
        guard limit > start else {
            summary.incomplete = true
            return summary
        }
        prepareScratch()
        defer { clearScratch(start) }
        discover(start: start, limit: limit, code: code, summary: &summary)
        buildBlocks(start: start, limit: limit, code: code, summary: &summary)
        return summary
    }

    // MARK: - Pass 1: reachable instructions and leaders

    private mutating func discover(start: UInt64, limit: UInt64, code: CodeBytes, summary: inout FunctionSummary) {
        var worklist: [UInt64] = [start]
        markLeader(0, span: Int(limit - start))
        var instruction = X86Instruction()
        while let entry = worklist.popLast() {
            var pc = entry
            while pc < limit {
                let offset = Int(pc - start)
                grow(toInclude: offset, span: Int(limit - start))
                if recordAt[offset] >= 0 {
                    markLeader(offset, span: Int(limit - start))
                    break
                }
                guard records.count < FlowLimits.maxInstructionsPerFunction,
                    let bytes = code.bytes(from: pc, limit: limit),
                    decoder.decode(bytes, into: &instruction)
                else {
                    summary.incomplete = true
                    break
                }
                recordAt[offset] = Int32(records.count)
                records.append(Record(address: pc, instruction: instruction))
                let next = pc &+ UInt64(instruction.length)
                var stop = false
                switch instruction.kind {
                case .jcc, .loopLike:
                    if let target = relativeTarget(instruction, next: next), target >= start, target < limit {
                        markLeader(Int(target - start), span: Int(limit - start))
                        worklist.append(target)
                    }
                    if next < limit { markLeader(Int(next - start), span: Int(limit - start)) }
                case .jmp:
                    if let target = relativeTarget(instruction, next: next), target >= start, target < limit {
                        markLeader(Int(target - start), span: Int(limit - start))
                        worklist.append(target)
                    }
                    stop = true
                case .ret, .trap: stop = true
                default: break
                }
                if stop { break }
                pc = next
            }
        }
    }

    // MARK: - Pass 2: blocks, tracking, findings

    private mutating func buildBlocks(start: UInt64, limit: UInt64, code: CodeBytes, summary: inout FunctionSummary) {
        let span = Int(limit - start)
        // Blocks in address order; block 0 is the entry.
        guard recordAt[0] >= 0 else { return }
        var starts = leaderOffsets.filter { $0 > 0 && recordAt[$0] >= 0 }.sorted()
        starts.insert(0, at: 0)
        for (index, offset) in starts.enumerated() { blockAt[offset] = Int32(index) }
        summary.blocks.reserveCapacity(starts.count)
        var state = BlockState(bits: bits)
        var guardedExits: [GuardedExit] = []
        var fellThrough = false
        var previousEnd: UInt64 = 0
        for (blockIndex, first) in starts.enumerated() {
            fellThrough = fellThrough && previousEnd == start + UInt64(first)
            guard blockIndex < FlowLimits.maxBlocksPerFunction else {
                summary.incomplete = true
                break
            }
            // A block entered by falling through keeps what the block before it computed: a
            // feature test is often split over several conditional branches.
            if !fellThrough { state.reset() }
            var uses: [(id: Int16, count: Int32, first: UInt64)] = []
            var offset = first
            var block = BasicBlock(start: start + UInt64(first), end: start + UInt64(first))
            var lastRecord: Record?
            while offset < span, offset < recordAt.count, recordAt[offset] >= 0 {
                if offset != first, leader[offset] { break }
                let record = records[Int(recordAt[offset])]
                lastRecord = record
                let ins = record.instruction
                summary.instructions += 1
                summary.bytes += ins.length
                note(ins.first, at: record.address, in: &uses)
                note(ins.second, at: record.address, in: &uses)
                if ins.isVEX || ins.isEVEX, ins.mnemonic < table.scalarFloat.count, table.scalarFloat[ins.mnemonic] {
                    summary.hasVEXScalar = true
                }
                if ins.first >= 0, Int(ins.first) < isBitManipulation.count, isBitManipulation[Int(ins.first)] {
                    summary.hasBitManipulation = true
                }
                if ins.isEVEX { summary.hasEVEX = true }
                if ins.isVEX || ins.isEVEX { summary.hasVEX = true }
                let next = record.address &+ UInt64(ins.length)
                track(
                    ins, at: record.address, next: next, block: Int32(blockIndex), start: start, limit: limit,
                    code: code, state: &state, summary: &summary)
                block.end = next
                offset += ins.length
                if ins.kind == .jmp || ins.kind == .ret || ins.kind == .trap || ins.kind == .jcc
                    || ins.kind == .loopLike
                {
                    break
                }
            }
            for use in uses {
                summary.uses.append(
                    BlockUse(
                        block: Int32(blockIndex), extensionID: Int32(use.id), count: use.count,
                        firstAddress: use.first))
            }
            if let last = lastRecord {
                block.successors = successors(
                    of: last, start: start, limit: limit, blockIndex: blockIndex, state: state,
                    guardedExits: &guardedExits, summary: &summary)
                let kind = last.instruction.kind
                fellThrough = kind != .jmp && kind != .ret && kind != .trap
            } else {
                fellThrough = false
            }
            previousEnd = block.end
            summary.blocks.append(block)
        }
        addGuardedExitBlocks(guardedExits, summary: &summary)
        detectThunk(&summary)
    }

    /// A conditional tail jump on the "feature present" side of a check (OpenSSL's
    /// `test r11d, 1<<29; jnz sha256_block_data_order_shaext`).
    private struct GuardedExit {
        var block: Int
        var call: Int
        var guardIndex: Int32
    }

    /// Each guarded exit gets an empty block entered only through the check's present edge, and
    /// its call moves there: the callee is then reached behind the check, not from the block.
    private func addGuardedExitBlocks(_ exits: [GuardedExit], summary: inout FunctionSummary) {
        for exit in exits where exit.block < summary.blocks.count && exit.call < summary.calls.count {
            guard summary.blocks.count < FlowLimits.maxBlocksPerFunction else {
                summary.incomplete = true
                return
            }
            let index = Int32(summary.blocks.count)
            let at = summary.calls[exit.call].address
            summary.blocks.append(BasicBlock(start: at, end: at))
            summary.blocks[exit.block].successors.append(Edge(block: index, presentOf: exit.guardIndex))
            summary.calls[exit.call].block = index
        }
    }

    private func note(_ id: Int16, at address: UInt64, in uses: inout [(id: Int16, count: Int32, first: UInt64)]) {
        guard id >= 0 else { return }
        for index in uses.indices where uses[index].id == id {
            uses[index].count &+= 1
            return
        }
        uses.append((id, 1, address))
    }

    /// The block's outgoing edges; marks the "feature present" side of a guard.
    private func successors(
        of last: Record, start: UInt64, limit: UInt64, blockIndex current: Int, state: BlockState,
        guardedExits: inout [GuardedExit], summary: inout FunctionSummary
    ) -> Successors {
        var edges = Successors()
        let ins = last.instruction
        let next = last.address &+ UInt64(ins.length)
        func blockIndex(of address: UInt64) -> Int32? {
            guard address >= start, address < limit, Int(address - start) < blockAt.count else { return nil }
            let index = blockAt[Int(address - start)]
            return index >= 0 ? index : nil
        }
        switch ins.kind {
        case .ret, .trap: break
        case .jmp:
            if let target = relativeTarget(ins, next: next), let index = blockIndex(of: target) {
                edges.append(Edge(block: index))
            }
        case .jcc, .loopLike:
            let taken = relativeTarget(ins, next: next).flatMap(blockIndex(of:))
            let fallThrough = blockIndex(of: next)
            var presentTaken: Bool?
            var guardIndex: Int32?
            if ins.kind == .jcc, let guardCandidate = summary.guards.last,
                guardCandidate.address == last.address, !guardCandidate.isSelect
            {
                guardIndex = Int32(summary.guards.count - 1)
                presentTaken = state.flags.flatMap { flags in
                    Self.presentIsTaken(condition: ins.opcode & 0xF, flags: flags).map { flags.inverted ? !$0 : $0 }
                }
            }
            if let taken {
                edges.append(Edge(block: taken, presentOf: presentTaken == true ? guardIndex : nil))
            } else if presentTaken == true, let guardIndex, let call = summary.calls.indices.last,
                summary.calls[call].address == last.address, summary.calls[call].isTailJump
            {
                guardedExits.append(GuardedExit(block: current, call: call, guardIndex: guardIndex))
            }
            if let fallThrough {
                edges.append(Edge(block: fallThrough, presentOf: presentTaken == false ? guardIndex : nil))
            }
        default:
            if let index = blockIndex(of: next) { edges.append(Edge(block: index)) }
        }
        return edges
    }

    /// Whether the taken side of `jcc` with `condition` (the low nibble of its opcode) is the side
    /// where the tested feature is present; nil when the test says nothing about it.
    static func presentIsTaken(condition: UInt8, flags: FlagsState) -> Bool? {
        switch flags.kind {
        case .test:
            switch condition {
            case 0x5, 0x8: return true  // jnz, js: a bit (or the sign bit) set
            case 0x4, 0x9: return false
            default: return nil
            }
        case .bit:
            switch condition {
            case 0x2: return true  // jc
            case 0x3: return false
            default: return nil
            }
        case .compare:
            guard let level = flags.constant else { return nil }
            switch condition {
            case 0x2, 0x6, 0xC, 0xE: return false  // below the level
            case 0x3, 0x7, 0xD, 0xF: return true
            // Equal to a nonzero constant: every bit of the mask present (`and r, M; cmp r, M; je`).
            case 0x4: return level != 0
            case 0x5: return level == 0
            default: return nil
            }
        }
    }

    private func relativeTarget(_ ins: X86Instruction, next: UInt64) -> UInt64? {
        guard ins.immediateIsRelative, ins.immediateSize > 0 else { return nil }
        let target = next &+ UInt64(bitPattern: ins.immediate)
        return bits == 32 ? target & 0xFFFF_FFFF : target
    }

    private func detectThunk(_ summary: inout FunctionSummary) {
        guard summary.blocks.count == 1 else { return }
        // `jmp [slot]`, optionally after ENDBR64 (IBT PLT entries): the last call site says which.
        if let call = summary.calls.last, call.isTailJump, summary.instructions <= 2 {
            switch call.target {
            case .slot(let slot): summary.thunkSlot = slot
            case .direct(let target) where summary.instructions == 1: summary.jumpThunkTarget = target
            default: break
            }
        }
    }

    private mutating func markLeader(_ offset: Int, span: Int) {
        grow(toInclude: offset, span: span)
        guard !leader[offset] else { return }
        leader[offset] = true
        leaderOffsets.append(offset)
    }

    private mutating func grow(toInclude offset: Int, span: Int) {
        guard offset >= recordAt.count else { return }
        let count = min(span, max(offset + 1, recordAt.count * 2, 4096))
        recordAt.append(contentsOf: repeatElement(-1, count: count - recordAt.count))
        blockAt.append(contentsOf: repeatElement(-1, count: count - blockAt.count))
        leader.append(contentsOf: repeatElement(false, count: count - leader.count))
    }

    private mutating func prepareScratch() {
        records.removeAll(keepingCapacity: true)
        leaderOffsets.removeAll(keepingCapacity: true)
    }

    /// Resets only what this function touched, so a small function never pays for a large span.
    private mutating func clearScratch(_ start: UInt64) {
        for record in records { recordAt[Int(record.address - start)] = -1 }
        for offset in leaderOffsets {
            leader[offset] = false
            blockAt[offset] = -1
        }
    }
}
