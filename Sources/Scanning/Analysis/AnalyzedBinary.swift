import BinaryFormats
import InstructionSets
import Readiness

/// What analysis learns from a binary's bytes alone — the readers' summary, the code profile
/// and the facts — with no path, rules or target. It is what an `AnalysisCache` keeps, keyed by
/// the bytes' SHA-256.
struct AnalyzedBinary: Sendable, Equatable, Codable {
    /// The reader's answer when the bytes are not a readable image.
    var failure: String?
    var format: BinaryFormat
    var machine: UInt32?
    var machineName: String?
    var kind: BinaryKind?
    var bits: Int?
    var details: BinaryDetails?
    var isa: ISAProfile?
    /// The image's facts (without `file.*`, `app.*` and `target.*`).
    var facts: TypedFacts
    /// PE imports in the image's order, for resolving them inside the application.
    var imports: [String]
    /// The structures the reader could not read, or read in part.
    var warnings: [ReadWarning] = []
    /// The installer engine a PE stub belongs to, when it is one.
    var installer: InstallerEngine?

    static func failed(_ format: BinaryFormat, reason: String) -> AnalyzedBinary {
        AnalyzedBinary(
            failure: reason, format: format, machine: nil, machineName: nil, kind: nil, bits: nil, details: nil,
            isa: nil,
            facts: TypedFacts(Facts()), imports: [])
    }
}
