/// What the flow analysis saw in one image (`ISAProfile.flow`): how much of the code it reached
/// and from where, the feature checks it found, and what the compiled code says about the
/// compiler's target level.
package struct ISAFlowReport: Sendable, Equatable, Codable {
    /// Functions decoded: from the binary's table, its roots, and the calls and taken
    /// addresses those revealed.
    package var functions = 0
    /// Of those: reached from a root without a check, only behind one, reached from no root.
    package var requiredFunctions = 0
    package var dispatchedFunctions = 0
    package var unreachedFunctions = 0
    /// Roots (entry point, exports, TLS callbacks, initializers, IFUNC resolvers) that are code.
    package var roots = 0
    /// Branches and selects whose condition comes from probed CPU features.
    package var checks = 0
    /// The first few of them.
    package var checkExamples: [ISACheck] = []
    /// CPUID instructions whose outputs nothing branches on (a runtime's start-up probe).
    package var unconsumedProbes = 0
    /// Calls and jumps through registers the analysis could not follow.
    package var unresolvedIndirect = 0
    /// Bytes of code the flow reached; the linear sweep decoded the rest (`ISAProfile.bytesDecoded`).
    package var bytesReached = 0
    /// `x86-64-v3` or `x86-64-v4` when the code as a whole was compiled for that level.
    package var compiledFor: String?
    /// Share of functions (not dispatched, with at least `FlowRun.minimumInstructions` instructions) whose code
    /// shows the level: any VEX/EVEX instruction (scalar floating point, vector copies), BMI1/BMI2/LZCNT/MOVBE; EVEX for v4.
    package var compiledForShare = 0.0
    package var levelFunctions = 0
    package var evexFunctions = 0
    package var measuredFunctions = 0
    /// Measured functions with SSE-encoded SIMD or FP and no level code: baseline FP code, which
    /// a build for the level would have turned into VEX.
    package var legacySIMDFunctions = 0

    package init() {}
}
