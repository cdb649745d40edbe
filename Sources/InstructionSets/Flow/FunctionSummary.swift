/// What one function's code does, as recursive descent from its start found it: the local half
/// of the flow analysis, built by an architecture's decoder (`X86FunctionDecoder`,
/// `AArch64FunctionDecoder`) without looking at any other function, so functions can be
/// decoded on several cores. `FlowAnalysis` joins the summaries into a call graph and decides,
/// per basic block, whether an extension use is required, dispatched or unknown.
///
/// Every index (`Edge.block`, `CallSite.block`, ...) points into `blocks`; decoders never emit
/// an index out of range, and `FlowAnalysis` still checks them.
struct FunctionSummary: Sendable {
    /// The function's first instruction.
    var start: UInt64
    /// Straight-line runs of instructions; `blocks[0]` starts at `start`. After `compact()`, a
    /// function without guard candidates has none stored: all of it counts as block 0.
    var blocks: [BasicBlock] = []
    /// Direct calls and tail jumps, calls through import slots, unresolved indirect calls.
    var calls: [CallSite] = []
    /// Code addresses materialised as values (`lea reg,[rip+f]`, `adrp`+`add`, `mov reg, imm`
    /// of a code address): callbacks, dispatch-table entries, resolver results.
    var addressesTaken: [AddressTaken] = []
    /// Stores to fixed data addresses, with what the stored value came from. Feature caches
    /// (`__isa_available`, `__cpu_model`, `OPENSSL_ia32cap_P`) are found through them.
    var stores: [GlobalStore] = []
    /// Conditional branches (and cmov/csel/setcc) whose condition comes from a load of a fixed
    /// address, a probe instruction's output, or a call's result. `FlowAnalysis` decides which
    /// of them are real feature checks.
    var guards: [GuardCandidate] = []
    /// What the function returns where the decoder can tell (the return register at a `ret`
    /// when it holds a load of a fixed address): getters such as `dav1d_get_cpu_flags` return a
    /// feature cache, and a check of their result is a feature check.
    var returnSources: [ValueSource] = []
    /// Extension instructions, per block (only blocks that have any).
    var uses: [BlockUse] = []
    /// CPUID instructions, with the leaf when a constant loaded into EAX just before gives it.
    var cpuidLeaves: [UInt32?] = []
    var xgetbvCount = 0
    /// AArch64 `MRS` reads of `ID_AA64*` registers.
    var idRegisterReads = 0
    /// Instructions decoded.
    var instructions = 0
    /// Bytes covered by decoded instructions.
    var bytes = 0
    /// The function's code is the single `jmp [slot]` (x64 import thunk, ELF PLT entry) or
    /// `adrp x16`/`ldr x16`/`br x16` (AArch64 thunk) of this import slot.
    var thunkSlot: UInt64?
    /// The function's code is a single direct jump to this address (incremental-link thunk).
    var jumpThunkTarget: UInt64?
    /// Decoding stopped at the per-function instruction cap or at an undecodable byte.
    var incomplete = false
    /// Share counters for `isa.x86.compiled_for` (x86 only): this function has a VEX-encoded
    /// scalar floating-point instruction, a BMI1/BMI2/LZCNT/MOVBE instruction, an EVEX one.
    var hasVEXScalar = false
    /// Any VEX or EVEX instruction: whole-program v3 builds show it in 16–52% of functions
    /// (integer code too: vector moves and copies), dispatching libraries in 0.6–5%.
    var hasVEX = false
    var hasBitManipulation = false
    var hasEVEX = false
}

/// A straight-line run of instructions `[start, end)`.
struct BasicBlock: Sendable, Equatable {
    var start: UInt64
    var end: UInt64
    var successors = Successors()
}

/// A block's outgoing edges. x86 and AArch64 blocks have at most two (a conditional branch's
/// target and its fall-through), kept inline: a large module has millions of blocks, and an
/// array each cost more memory and time than decoding them.
struct Successors: Sequence, Sendable, Equatable {
    private var first: Edge?
    private var second: Edge?
    /// Edges past the second (none from the current decoders).
    private var more: [Edge] = []

    var isEmpty: Bool { first == nil }
    var count: Int { first == nil ? 0 : second == nil ? 1 : 2 + more.count }

    mutating func append(_ edge: Edge) {
        if first == nil {
            first = edge
        } else if second == nil {
            second = edge
        } else {
            more.append(edge)
        }
    }

    func makeIterator() -> Iterator { Iterator(edges: self) }

    struct Iterator: IteratorProtocol {
        fileprivate let edges: Successors
        fileprivate var index = 0

        mutating func next() -> Edge? {
            defer { index += 1 }
            switch index {
            case 0: return edges.first
            case 1: return edges.second
            default: return index - 2 < edges.more.count ? edges.more[index - 2] : nil
            }
        }
    }
}

/// A control-flow edge inside a function.
struct Edge: Sendable, Equatable {
    /// Index of the target block in `FunctionSummary.blocks`.
    var block: Int32
    /// The edge is taken when the feature tested by `guards[presentOf]` is present: blocks
    /// reached only through such edges are guarded by it. nil for ordinary edges and for the
    /// "absent" side of a check.
    var presentOf: Int32?
}

/// A call, tail jump or indirect transfer out of a block.
///
/// Stored in 32 bytes (a large module has a million): the target's kind and value, and the
/// data argument with `UInt64.max` for none, behind the `target` and `dataArgument` properties.
struct CallSite: Sendable, Equatable {
    enum Target: Sendable, Equatable {
        /// A direct call or jump to this address.
        case direct(UInt64)
        /// Through a pointer slot at this address (`call [rip+X]`, `call [X]`): an import when
        /// `X` is one of `CodeLayout.importSlots`.
        case slot(UInt64)
        /// Through a register or a computed address the decoder cannot follow.
        case indirect
    }

    var block: Int32
    private var targetKind: UInt8
    /// A jump that leaves the function (tail call) rather than a call that returns.
    var isTailJump: Bool
    var address: UInt64
    private var targetValue: UInt64
    private var argument: UInt64

    init(block: Int32, address: UInt64, target: Target, isTailJump: Bool, dataArgument: UInt64? = nil) {
        self.block = block
        self.address = address
        self.isTailJump = isTailJump
        targetKind = 0
        targetValue = 0
        argument = UInt64.max
        self.target = target
        self.dataArgument = dataArgument
    }

    var target: Target {
        get {
            switch targetKind {
            case 0: .direct(targetValue)
            case 1: .slot(targetValue)
            default: .indirect
            }
        }
        set {
            switch newValue {
            case .direct(let address): (targetKind, targetValue) = (0, address)
            case .slot(let slot): (targetKind, targetValue) = (1, slot)
            case .indirect: (targetKind, targetValue) = (2, 0)
            }
        }
    }

    /// A fixed data address passed as the first argument (`lea rdi/rcx, [G]`): a probe that
    /// fills the array it is given (`OPENSSL_ia32_cpuid(OPENSSL_ia32cap_P)`) makes G a cache.
    var dataArgument: UInt64? {
        get { argument == UInt64.max ? nil : argument }
        set { argument = newValue ?? UInt64.max }
    }
}

struct AddressTaken: Sendable, Equatable {
    var block: Int32
    var address: UInt64
    /// The code address taken.
    var target: UInt64
}

/// A store of a register or immediate to a fixed address (`mov [rip+G], eax`, `str w0, [x8, :lo12:G]`).
struct GlobalStore: Sendable, Equatable {
    var block: Int32
    var address: UInt64
    /// The data address written (the global itself, plus the displacement).
    var global: UInt64
    var value: ValueSource
}

/// Where a value (a stored register, a tested register or memory operand) came from, as far as
/// the decoder tracks it inside one block.
enum ValueSource: Sendable, Equatable, Hashable {
    /// A load from this fixed data address (directly, or through a pointer the block loaded
    /// from a GOT/IAT-style slot: then `viaSlot` is that slot).
    case global(UInt64, viaSlot: UInt64?)
    /// A register-indexed load from an array at this fixed address (numpy's
    /// `npy_cpu_have(id)` returns `npy__cpu_have[id]`): which element is not known.
    case element(of: UInt64)
    /// An output register of CPUID (or of XGETBV when `xgetbv`).
    case probe(xgetbv: Bool)
    /// The return value of a direct call to this address.
    case callResult(UInt64)
    /// The return value of a call through this pointer slot (an import such as
    /// `IsProcessorFeaturePresent` or `getauxval`).
    case slotCallResult(UInt64)
    /// Anything else.
    case unknown

    /// A value read from data (a global or an element of an array).
    var isMemoryLoad: Bool {
        switch self {
        case .global, .element: true
        case .probe, .callResult, .slotCallResult, .unknown: false
        }
    }
}

/// A condition computed from a tracked value.
struct GuardCandidate: Sendable, Equatable {
    var block: Int32
    /// The branch (or cmov/csel/setcc) address.
    var address: UInt64
    /// What the tested value came from.
    var source: ValueSource
    /// The mask (`test`, `tst`, `tbnz` bit as a mask) or level (`cmp ..., 5`) tested, when constant.
    var constant: UInt64?
    /// A select (cmov/csel/setcc) rather than a branch: it chooses a value, not a path.
    var isSelect: Bool
}

/// Extension instructions of one kind in one block.
struct BlockUse: Sendable, Equatable {
    var block: Int32
    /// Extension id in the architecture's tally table (`ISATally.names`).
    var extensionID: Int32
    var count: Int32
    /// The first such instruction in the block.
    var firstAddress: UInt64
}
