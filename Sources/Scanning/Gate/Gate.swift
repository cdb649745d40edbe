import Readiness

/// The CI gate: which binaries fail `--fail-on` (and `--fail-on-unknown`), counting only new
/// or worse binaries when a baseline is in use.
enum Gate {
    static func decide(binaries: [BinaryResult], failOn: Verdict?, failOnUnknown: Bool, baselineActive: Bool)
        -> GateResult
    {
        let failing = binaries.filter { binary in
            if baselineActive, let status = binary.baselineStatus, status != .new, status != .worse { return false }
            let verdict = binary.gateVerdict
            if verdict == .unknown { return failOnUnknown }
            guard let failOn, let threshold = failOn.severity, let severity = verdict.severity else { return false }
            return severity >= threshold
        }.map(\.path)
        return GateResult(failOn: failOn, failOnUnknown: failOnUnknown, passed: failing.isEmpty, failing: failing)
    }
}

extension BinaryResult {
    /// The verdict the gate sees: the worst finding no suppression silenced. A binary whose
    /// findings are all suppressed passes as native; an unanalysable one stays unknown.
    var gateVerdict: Verdict {
        if reason != nil, findings.isEmpty { return .unknown }
        let open = findings.filter { $0.suppression == nil }.map(\.verdict)
        return findings.isEmpty ? verdict : (open + [.native]).worst
    }
}
