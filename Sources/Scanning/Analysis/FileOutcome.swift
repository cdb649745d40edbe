import Readiness

/// What happened to one walked file (or one archive entry).
enum FileOutcome: Sendable {
    /// A PE/ELF binary: where it is, what its bytes say, and its own assessment.
    case binary(BinaryIdentity, AnalyzedBinary, AssessedBinary)
    case notBinary
    case diagnostic(ScanDiagnostic)
    /// Several outcomes of one file: each entry of a ZIP-based package, or a binary and a
    /// diagnostic about it (a file over the size budget rated from its headers).
    case several([FileOutcome])
}

/// Where a binary was found and which bytes it is: the report's identifying members.
struct BinaryIdentity: Sendable {
    var path: String
    var pathIsLossy: Bool
    /// nil when the scan computes no digests.
    var sha256: String?
    var size: Int
}
