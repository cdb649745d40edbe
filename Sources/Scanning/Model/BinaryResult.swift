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
    package var sha256: String?
    package var size: Int
    /// The application (its id) the binary belongs to.
    package var application: String
    package var format: BinaryFormat
    package var machine: UInt32?
    package var machineName: String?
    package var execution: Execution
    package var kind: BinaryKind?
    package var bits: Int?
    package var verdict: Verdict
    /// Why the verdict is `unknown` (malformed file, no rule decided); nil otherwise.
    package var reason: String?
    /// Rules that fired, worst first; suppressed ones stay listed with `suppression` set.
    package var findings: [FindingResult]
    package var details: BinaryDetails?
    package var isa: ISAProfile?
    /// With a baseline: `new`, `worse`, `improved` or `unchanged`.
    package var baselineStatus: BaselineStatus?

    package init(
        path: String, pathIsLossy: Bool = false, sha256: String?, size: Int, application: String,
        format: BinaryFormat, machine: UInt32?, machineName: String?, execution: Execution,
        kind: BinaryKind?, bits: Int?, verdict: Verdict, reason: String?, findings: [FindingResult],
        details: BinaryDetails?, isa: ISAProfile?, baselineStatus: BaselineStatus? = nil
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
        self.findings = findings
        self.details = details
        self.isa = isa
        self.baselineStatus = baselineStatus
    }
}

/// A fired rule as reported.
package struct FindingResult: Sendable, Equatable, Codable {
    package var rule: String
    package var title: String
    package var verdict: Verdict
    package var confidence: Confidence
    package var message: String
    package var remediation: String
    package var references: [Rule.Reference]
    /// `Rules/<id>.yaml` for built-ins, the user's file otherwise.
    package var source: String
    /// Set when a suppression silenced this finding.
    package var suppression: AppliedSuppression?

    package init(
        rule: String, title: String, verdict: Verdict, confidence: Confidence, message: String,
        remediation: String, references: [Rule.Reference], source: String, suppression: AppliedSuppression? = nil
    ) {
        self.rule = rule
        self.title = title
        self.verdict = verdict
        self.confidence = confidence
        self.message = message
        self.remediation = remediation
        self.references = references
        self.source = source
        self.suppression = suppression
    }
}

package struct AppliedSuppression: Sendable, Equatable, Codable {
    package var reason: String
    package var expires: String?

    package init(reason: String, expires: String?) {
        self.reason = reason
        self.expires = expires
    }
}

/// The header facts a person wants in a detail view, flattened for renderers.
package struct BinaryDetails: Sendable, Equatable, Codable {
    package var subsystem: String?
    package var imports: [String]
    package var exportCount: Int
    package var sections: [String]
    package var hybridKind: String?
    package var nativeCodeShare: Double?
    package var dotnetFlags: [String]
    package var manifestArchitectures: [String]?
    package var productName: String?
    package var companyName: String?
    package var fileVersion: String?
    package var interpreter: String?
    package var needed: [String]
    package var x86ISANeeded: [String]
    package var aarch64Features: [String]

    package init(
        subsystem: String? = nil, imports: [String] = [], exportCount: Int = 0, sections: [String] = [],
        hybridKind: String? = nil, nativeCodeShare: Double? = nil, dotnetFlags: [String] = [],
        manifestArchitectures: [String]? = nil, productName: String? = nil, companyName: String? = nil,
        fileVersion: String? = nil, interpreter: String? = nil, needed: [String] = [],
        x86ISANeeded: [String] = [], aarch64Features: [String] = []
    ) {
        self.subsystem = subsystem
        self.imports = imports
        self.exportCount = exportCount
        self.sections = sections
        self.hybridKind = hybridKind
        self.nativeCodeShare = nativeCodeShare
        self.dotnetFlags = dotnetFlags
        self.manifestArchitectures = manifestArchitectures
        self.productName = productName
        self.companyName = companyName
        self.fileVersion = fileVersion
        self.interpreter = interpreter
        self.needed = needed
        self.x86ISANeeded = x86ISANeeded
        self.aarch64Features = aarch64Features
    }
}

package enum BaselineStatus: String, Sendable, Equatable, Codable {
    case new, worse, improved, unchanged
}
