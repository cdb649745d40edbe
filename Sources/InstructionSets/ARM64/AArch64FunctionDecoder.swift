/// The AArch64 half of the flow analysis (`FunctionDecoding`): recursive descent over the
/// 32-bit little-endian words of one function, then a per-block pass that tracks register
/// values (reset at every block start) to find guards, stores, taken code addresses, calls
/// through slots and extension uses.
///
/// Choices the contract leaves open:
/// - Falling through to exactly `limit` (a last `bl abort`) ends the block without making the
///   function `incomplete`; missing bytes before `limit`, a partial word, or an unallocated
///   top-level encoding (`op0` 0001/0011, or 0000 that is neither SME nor `udf`) do. The
///   unallocated word is not counted as an instruction.
/// - `br`/`braa` end the block with a tail-jump `CallSite` (`.slot` when the register was
///   loaded from a fixed address in the block, `.direct` when it holds a known address, else
///   `.indirect`); targets of register branches are not followed, even inside the function.
/// - A load through a register that was itself loaded from fixed slot `S` is
///   `.global(S + offset, viaSlot: S)`: for the usual offset 0 that is `.global(S, viaSlot: S)`.
struct AArch64FunctionDecoder: FunctionDecoding {
    init() {}

    mutating func decode(start: UInt64, limit: UInt64, code: CodeBytes) -> FunctionSummary {
        var summary = FunctionSummary(start: start)
        guard start < limit, start & 3 == 0 else {
            summary.incomplete = true
            return summary
        }
        let discovery = AArch64Discovery(start: start, limit: limit, code: code)
        summary.incomplete = discovery.incomplete
        var builder = AArch64SummaryBuilder(start: start, limit: limit, code: code)
        builder.build(discovery, into: &summary)
        Self.recogniseThunk(&summary, code: code)
        return summary
    }

    /// `adrp x16, P; ldr x16, [x16, #o]; br x16` (or x17) is an import thunk of slot P + o; a
    /// lone `b` out of the function is a jump thunk.
    private static func recogniseThunk(_ summary: inout FunctionSummary, code: CodeBytes) {
        guard summary.blocks.count == 1, summary.calls.count == 1, summary.calls[0].isTailJump else { return }
        switch summary.calls[0].target {
        case .direct(let target) where summary.instructions == 1:
            summary.jumpThunkTarget = target
        case .slot(let slot) where summary.instructions == 3:
            guard let bytes = code.bytes(from: summary.start, limit: summary.start &+ 12), bytes.count == 12 else {
                return
            }
            let words = (0..<3).map { bytes.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self).littleEndian }
            let register = words[0] & 0x1F
            guard register == 16 || register == 17,
                words[0] & 0x9F00_0000 == 0x9000_0000,
                words[1] & 0xFFC0_03FF == 0xF940_0000 | register << 5 | register,
                words[2] == 0xD61F_0000 | register << 5
            else { return }
            summary.thunkSlot = slot
        default:
            break
        }
    }
}

/// Phase 1: which words are reachable from `start` inside `[start, limit)`, and where blocks
/// must start (the entry, branch targets, the words after conditional branches, and code that
/// a linear run fell into).
struct AArch64Discovery {
    /// Reachable instruction words by address.
    private(set) var words: [UInt64: UInt32] = [:]
    private(set) var leaders: Set<UInt64> = []
    private(set) var incomplete = false

    init(start: UInt64, limit: UInt64, code: CodeBytes) {
        leaders.insert(start)
        var work: [UInt64] = [start]
        explore: while let entry = work.popLast() {
            guard words[entry] == nil else { continue }
            guard let buffer = code.bytes(from: entry, limit: limit) else {
                incomplete = true
                continue
            }
            var offset = 0
            while true {
                let pc = entry &+ UInt64(offset)
                if offset > 0, words[pc] != nil {
                    leaders.insert(pc)
                    break
                }
                guard offset + 4 <= buffer.count else {
                    // Bytes missing (section end, partial word) before the limit.
                    if pc < limit { incomplete = true }
                    break
                }
                guard words.count < FlowLimits.maxInstructionsPerFunction,
                    leaders.count < FlowLimits.maxBlocksPerFunction
                else {
                    incomplete = true
                    break explore
                }
                let word = buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
                let branch = AArch64Branch.decode(word, at: pc)
                if branch == .invalid {
                    incomplete = true
                    break
                }
                words[pc] = word
                offset += 4
                switch branch {
                case .none, .call, .callRegister:
                    continue
                case .conditional(let target, _):
                    if target >= start && target < limit {
                        leaders.insert(target)
                        work.append(target)
                    }
                    leaders.insert(pc &+ 4)
                    continue
                case .jump(let target):
                    if target >= start && target < limit {
                        leaders.insert(target)
                        work.append(target)
                    }
                case .jumpRegister, .ret, .trap, .invalid:
                    break
                }
                break
            }
        }
    }

    /// The word at `pc` ends its block whatever follows it.
    static func endsBlock(_ word: UInt32, at pc: UInt64) -> Bool {
        switch AArch64Branch.decode(word, at: pc) {
        case .none, .call, .callRegister: false
        default: true
        }
    }
}
