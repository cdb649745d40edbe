import Readiness
import Scanning

extension ScanReport {
    /// Application reasons that add something to the binaries' own findings: not native, about
    /// a binary that was analysed, and not already reported by a finding of the same rule on
    /// that binary. Keyed by the binary's path; for the SARIF results and the Markdown groups.
    var applicationOnlyReasons: [String: [ApplicationReason]] {
        var byPath: [String: BinaryResult] = [:]
        for binary in binaries { byPath[binary.path] = binary }
        var out: [String: [ApplicationReason]] = [:]
        for application in applications {
            for reason in application.reasons where reason.verdict != .native {
                guard let binary = byPath[reason.binary], binary.verdict != .unknown,
                    !binary.findings.contains(where: { $0.rule == reason.rule })
                else { continue }
                out[reason.binary, default: []].append(reason)
            }
        }
        return out
    }
}
