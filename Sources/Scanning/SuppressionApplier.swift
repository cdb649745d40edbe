#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Readiness

/// Marks the findings that configured suppressions silence, and reports each suppression's
/// fate (matched how often, expired or not). An expired suppression silences nothing.
enum SuppressionApplier {
    static func apply(_ suppressions: [Suppression], to binaries: inout [BinaryResult], today: String) -> [SuppressionStatus] {
        var matched = Array(repeating: 0, count: suppressions.count)
        for binaryIndex in binaries.indices {
            for findingIndex in binaries[binaryIndex].findings.indices {
                let finding = binaries[binaryIndex].findings[findingIndex]
                for (index, suppression) in suppressions.enumerated()
                where !suppression.isExpired(today: today) && applies(suppression, to: binaries[binaryIndex], rule: finding.rule) {
                    binaries[binaryIndex].findings[findingIndex].suppression = AppliedSuppression(reason: suppression.reason, expires: suppression.expires)
                    matched[index] += 1
                    break
                }
            }
        }
        return suppressions.enumerated().map { index, suppression in
            SuppressionStatus(
                rule: suppression.rule, binary: suppression.binary, reason: suppression.reason,
                expires: suppression.expires, expired: suppression.isExpired(today: today), matched: matched[index])
        }
    }

    static func applies(_ suppression: Suppression, to binary: BinaryResult, rule: String) -> Bool {
        guard suppression.rule == rule || suppression.rule == "*" else { return false }
        if suppression.isSHA256 { return binary.sha256 == suppression.binary.lowercased() }
        return fnmatch(suppression.binary, binary.path, 0) == 0
    }
}

extension BinaryResult {
    /// The verdict the gate sees: the worst finding no suppression silenced. A binary whose
    /// findings are all suppressed passes as native; an unanalysable one stays unknown.
    var gateVerdict: Verdict {
        if reason != nil, findings.isEmpty { return .unknown }
        let open = findings.filter { $0.suppression == nil }.map(\.verdict)
        return open.reduce(findings.isEmpty ? verdict : .native, Verdict.worst)
    }
}

/// The CI gate: which binaries fail `--fail-on` (and `--fail-on-unknown`), counting only new
/// or worse binaries when a baseline is in use.
enum Gate {
    static func decide(binaries: [BinaryResult], failOn: Verdict?, failOnUnknown: Bool, baselineActive: Bool) -> GateResult {
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

/// Compares a scan with a baseline and marks each binary new, worse, improved or unchanged.
enum BaselineComparer {
    static func compare(_ binaries: inout [BinaryResult], with baseline: Baseline, file: String) -> BaselineComparison {
        let previous = Dictionary(baseline.binaries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var comparison = BaselineComparison(file: file, new: [], worse: [], improved: [], removed: [])
        for index in binaries.indices {
            let binary = binaries[index]
            guard let before = previous[binary.path] else {
                binaries[index].baselineStatus = .new
                comparison.new.append(binary.path)
                continue
            }
            let now = binary.gateVerdict.severity ?? -1
            let then = before.verdict.severity ?? -1
            if now > then {
                binaries[index].baselineStatus = .worse
                comparison.worse.append(binary.path)
            } else if now < then {
                binaries[index].baselineStatus = .improved
                comparison.improved.append(binary.path)
            } else {
                binaries[index].baselineStatus = .unchanged
            }
        }
        let present = Set(binaries.map(\.path))
        comparison.removed = baseline.binaries.map(\.path).filter { !present.contains($0) }.sorted()
        return comparison
    }
}
