/// The verdict scale of DESIGN.md §1, ordered best to worst.
///
/// `unknown` is not on the scale: it means "could not be analysed" or "no rule decided", and
/// always comes with a reason, so it is kept apart from the ordering (`severity` is nil).
package enum Verdict: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case native
    case emulated
    case atRisk = "at-risk"
    case blocked
    case unknown

    /// Rank on the scale (0 native … 3 blocked); nil for `unknown`.
    package var severity: Int? {
        switch self {
        case .native: 0
        case .emulated: 1
        case .atRisk: 2
        case .blocked: 3
        case .unknown: nil
        }
    }

    /// The worse of two verdicts; any scale verdict beats `unknown`.
    package static func worst(_ a: Verdict, _ b: Verdict) -> Verdict {
        switch (a.severity, b.severity) {
        case (nil, _): b
        case (_, nil): a
        case (let x?, let y?): x >= y ? a : b
        }
    }
}

/// How sure a rule's evidence is (windows-on-arm.md: H, M, L).
package enum Confidence: String, Sendable, Equatable, Codable, CaseIterable {
    case high, medium, low
}
