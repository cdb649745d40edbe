/// Which instruction-set extensions a binary's code uses, as found by decoding it.
///
/// `findings` holds one `ISAExtensionUse` per extension: the count, examples, and which method
/// found it, because a linear sweep over data inside code sections decodes false instructions.
/// The per-architecture dictionaries of the JSON summary (`{"x86": {"avx2": 12}, ...}`) are
/// derived from it. Extensions that older CPUs execute as something harmless (ENDBR64, TZCNT,
/// PAC/BTI hints) land in the `...Hints` dictionaries and never count as requirements.
package struct ISAProfile: Sendable, Equatable {
    /// One entry per extension, sorted by architecture then name.
    package var findings: [ISAExtensionUse]
    /// Evidence that the code picks instructions at run time.
    package var dispatch: DispatchEvidence
    /// How code ranges were chosen: the function table's source, or `linear-sweep` alone.
    package var method: String
    /// Bytes handed to a decoder.
    package var bytesDecoded: Int
    /// The byte cap in force.
    package var byteCap: Int
    /// The cap stopped decoding before all code was seen.
    package var capReached: Bool
    /// x86 positions that did not decode (each skipped by one byte).
    package var decodeFailures: Int
    /// Function ranges that could not be mapped to file bytes (outside every section, or past EOF).
    package var skippedFunctions: Int
    /// The flow analysis of x86/x64 code, when it ran.
    package var flow: ISAFlowReport?
    /// The flow analysis of AArch64 code (ARM64, ARM64EC, ARM64X, AArch64 ELF), when it ran.
    package var arm64Flow: ISAFlowReport?

    package init(
        findings: [ISAExtensionUse] = [], dispatch: DispatchEvidence = DispatchEvidence(), method: String = "none",
        bytesDecoded: Int = 0, byteCap: Int = 0, capReached: Bool = false, decodeFailures: Int = 0,
        skippedFunctions: Int = 0
    ) {
        self.findings = findings
        self.dispatch = dispatch
        self.method = method
        self.bytesDecoded = bytesDecoded
        self.byteCap = byteCap
        self.capReached = capReached
        self.decodeFailures = decodeFailures
        self.skippedFunctions = skippedFunctions
    }

    /// Required x86/x64 extensions (lower-case, e.g. `avx2`, `avx512f`) and instruction counts.
    package var x86: [String: Int] { counts(.x86, .required) }
    /// Required AArch64 extensions (`sve`, `sve2`, `sme`, `lse`, ...) and instruction counts.
    package var arm64: [String: Int] { counts(.arm64, .required) }
    /// x86 hint-space or NOP-space instructions seen (`endbr`, `tzcnt`, `mpx`, ...): reported only.
    package var x86Hints: [String: Int] { counts(.x86, .hint) }
    /// AArch64 hint-space instructions seen (`pac`, `bti`): reported only.
    package var arm64Hints: [String: Int] { counts(.arm64, .hint) }
    /// AArch64 extensions whose encodings appear, but without the instructions any real use of
    /// them needs (SVE without a predicate set-up, SME without SMSTART, MTE without IRG): most
    /// likely constants in literal pools decoded as code. Reported only, not required.
    package var arm64Unconfirmed: [String: Int] { counts(.arm64, .unconfirmed) }

    private func counts(_ architecture: ISAExtension.Architecture, _ standing: ISAExtensionUse.Standing) -> [String:
        Int]
    {
        var result: [String: Int] = [:]
        for use in findings where use.architecture == architecture && use.standing == standing {
            result[use.name.rawValue, default: 0] += use.count
        }
        return result
    }
}

extension ISAProfile: Codable {
    enum CodingKeys: String, CodingKey {
        case x86, arm64, x86Hints, arm64Hints, arm64Unconfirmed, findings, dispatch, method
        case bytesDecoded, byteCap, capReached, decodeFailures, skippedFunctions, flow, arm64Flow
    }

    /// Reads `findings` and the scalars; the dictionaries are derived, so they are not read back.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            findings: try c.decode([ISAExtensionUse].self, forKey: .findings),
            dispatch: try c.decode(DispatchEvidence.self, forKey: .dispatch),
            method: try c.decode(String.self, forKey: .method),
            bytesDecoded: try c.decode(Int.self, forKey: .bytesDecoded),
            byteCap: try c.decode(Int.self, forKey: .byteCap),
            capReached: try c.decode(Bool.self, forKey: .capReached),
            decodeFailures: try c.decode(Int.self, forKey: .decodeFailures),
            skippedFunctions: try c.decode(Int.self, forKey: .skippedFunctions))
        flow = try c.decodeIfPresent(ISAFlowReport.self, forKey: .flow)
        arm64Flow = try c.decodeIfPresent(ISAFlowReport.self, forKey: .arm64Flow)
    }

    /// Writes the derived dictionaries beside `findings`: the JSON contract has both.
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(x86, forKey: .x86)
        try c.encode(arm64, forKey: .arm64)
        try c.encode(x86Hints, forKey: .x86Hints)
        try c.encode(arm64Hints, forKey: .arm64Hints)
        try c.encode(arm64Unconfirmed, forKey: .arm64Unconfirmed)
        try c.encode(findings, forKey: .findings)
        try c.encode(dispatch, forKey: .dispatch)
        try c.encode(method, forKey: .method)
        try c.encode(bytesDecoded, forKey: .bytesDecoded)
        try c.encode(byteCap, forKey: .byteCap)
        try c.encode(capReached, forKey: .capReached)
        try c.encode(decodeFailures, forKey: .decodeFailures)
        try c.encode(skippedFunctions, forKey: .skippedFunctions)
        try c.encodeIfPresent(flow, forKey: .flow)
        try c.encodeIfPresent(arm64Flow, forKey: .arm64Flow)
    }
}
