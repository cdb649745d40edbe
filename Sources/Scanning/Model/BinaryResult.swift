import BinaryFormats
import InstructionSets
import Readiness

/// One binary in a scan report: identity, what it is, its verdict and why.
package struct BinaryResult: Sendable, Equatable, Codable {
    /// Relative to the scan root (prefixed with the root's name when several roots are scanned),
    /// `/`-separated; non-UTF-8 bytes are replaced and the name marked in `pathIsLossy`.
    package var path: String
    package var pathIsLossy: Bool
    /// nil when the scan ran without digests (`ScanOptions.digests`: a table-only scan).
    @Nullable package var sha256: String?
    package var size: Int
    /// The application (its id) the binary belongs to.
    package var application: String
    package var format: BinaryFormat
    @Nullable package var machine: UInt32?
    @Nullable package var machineName: String?
    package var execution: Execution
    @Nullable package var kind: BinaryKind?
    @Nullable package var bits: Int?
    package var verdict: Verdict
    /// Why the verdict is `unknown` (malformed file, no rule decided); nil otherwise.
    @Nullable package var reason: String?
    /// Structures of the file that are damaged or were read in part; the verdict comes from
    /// the rest (the `damaged-structures` finding says so).
    package var warnings: [ReadWarning]
    /// Rules that fired, worst first; suppressed ones stay listed with `suppression` set.
    package var findings: [Finding]
    @Nullable package var details: BinaryDetails?
    @Nullable package var isa: ISAProfile?
    /// With a baseline: `new`, `worse`, `improved` or `unchanged`.
    @Nullable package var baselineStatus: BaselineStatus?
    /// For a binary found inside a package or installer: the innermost package and what it
    /// declares; nil for a file on disk.
    @Nullable package var packagedIn: PackagedIn?

    package init(
        path: String, pathIsLossy: Bool = false, sha256: String?, size: Int, application: String,
        format: BinaryFormat, machine: UInt32?, machineName: String?, execution: Execution,
        kind: BinaryKind?, bits: Int?, verdict: Verdict, reason: String?, warnings: [ReadWarning] = [],
        findings: [Finding], details: BinaryDetails?, isa: ISAProfile?, baselineStatus: BaselineStatus? = nil,
        packagedIn: PackagedIn? = nil
    ) {
        self.path = path
        self.pathIsLossy = pathIsLossy
        self.sha256 = sha256
        self.size = size
        self.application = application
        self.format = format
        self.machine = machine
        self.machineName = machineName
        self.execution = execution
        self.kind = kind
        self.bits = bits
        self.verdict = verdict
        self.reason = reason
        self.warnings = warnings
        self.findings = findings
        self.details = details
        self.isa = isa
        self.baselineStatus = baselineStatus
        self.packagedIn = packagedIn
    }
}

/// The package a binary was found in (`PackageContext`), as the report shows it.
package struct PackagedIn: Sendable, Equatable, Codable {
    package var kind: String
    /// The package's report path.
    package var name: String
    package var declaredArchitectures: [String]
    @Nullable package var msiTemplate: String?

    init(_ context: PackageContext) {
        kind = context.kind
        name = context.name
        declaredArchitectures = context.declaredArchitectures
        msiTemplate = context.msiTemplate
    }
}

package enum BaselineStatus: String, Sendable, Equatable, Codable {
    case new, worse, improved, unchanged
}

extension BinaryResult {
    /// The report entry of a binary: where it is, what its bytes say, and its final assessment.
    init(_ identity: BinaryIdentity, _ analysis: AnalyzedBinary, _ assessed: AssessedBinary) {
        let assessment = assessed.assessment
        self.init(
            path: identity.path, pathIsLossy: identity.pathIsLossy, sha256: identity.sha256, size: identity.size,
            application: assessed.application, format: analysis.format, machine: analysis.machine,
            machineName: analysis.machineName, execution: assessment.execution, kind: analysis.kind,
            bits: analysis.bits,
            verdict: assessment.verdict, reason: assessment.reason, warnings: analysis.warnings,
            findings: assessment.findings,
            details: analysis.details,
            isa: analysis.isa, packagedIn: assessed.package.map(PackagedIn.init))
    }
}
