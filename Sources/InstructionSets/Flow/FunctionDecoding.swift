/// An architecture's half of the flow analysis: decodes one function by recursive descent and
/// summarises it (`FunctionSummary`), without looking at any other function.
///
/// Contract for implementations:
/// - Decode only bytes `CodeBytes` returns, only inside `[start, limit)`; a direct jump out of
///   that range is a tail call (`CallSite.isTailJump`), a conditional branch out of it is a
///   conditional tail call (a `CallSite` too, and the fall-through stays in the function).
/// - A block ends at a branch, a return, a trap (`ud2`, `int3`, `brk`, `hlt`), an undecodable
///   position (the function is then `incomplete`), or where another block starts.
/// - Cap the work: at most `FlowLimits.maxInstructionsPerFunction` instructions and
///   `FlowLimits.maxBlocksPerFunction` blocks; past either, stop and set `incomplete`.
/// - Never trap on any byte sequence.
protocol FunctionDecoding {
    mutating func decode(start: UInt64, limit: UInt64, code: CodeBytes) -> FunctionSummary
}

enum FlowLimits {
    static let maxInstructionsPerFunction = 1 << 20
    static let maxBlocksPerFunction = 1 << 16
    /// Functions followed per image (table entries plus call targets found).
    static let maxFunctions = 1 << 21
}
