/// The verdict scale of DESIGN.md §1, ordered best to worst.
///
/// `unknown` is not on the scale: it means "could not be analysed" or "no rule decided", and
/// always comes with a reason, so `severity` is nil for it. For ordering it sorts below
/// `native`: any verdict on the scale is worse than "no verdict", so `max` is the worst.
package enum Verdict: String, Sendable, Equatable, Hashable, Codable, CaseIterable, Comparable {
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

    package static func < (lhs: Verdict, rhs: Verdict) -> Bool {
        (lhs.severity ?? -1) < (rhs.severity ?? -1)
    }

    /// The worse of two verdicts; any scale verdict beats `unknown`.
    package static func worst(_ a: Verdict, _ b: Verdict) -> Verdict {
        b > a ? b : a
    }
}

extension Sequence where Element == Verdict {
    /// The worst verdict of the sequence, `unknown` when it is empty.
    package var worst: Verdict { self.max() ?? .unknown }
}

/// How sure a rule's evidence is (windows-on-arm.md: H, M, L).
package enum Confidence: String, Sendable, Equatable, Codable, CaseIterable {
    case high, medium, low
}
