#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Readiness

/// Marks the findings that configured suppressions silence, and reports each suppression's
/// fate (matched how often, expired or not). An expired suppression silences nothing.
enum SuppressionApplier {
    static func apply(_ suppressions: [Suppression], to binaries: inout [BinaryResult], today: String)
        -> [SuppressionStatus]
    {
        var matched = Array(repeating: 0, count: suppressions.count)
        for binaryIndex in binaries.indices {
            for findingIndex in binaries[binaryIndex].findings.indices {
                let finding = binaries[binaryIndex].findings[findingIndex]
                for (index, suppression) in suppressions.enumerated()
                where !suppression.isExpired(today: today)
                    && applies(suppression, to: binaries[binaryIndex], rule: finding.rule)
                {
                    binaries[binaryIndex].findings[findingIndex].suppression = AppliedSuppression(
                        reason: suppression.reason, expires: suppression.expires)
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
