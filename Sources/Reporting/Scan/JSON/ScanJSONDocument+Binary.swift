import BinaryFormats
import InstructionSets
import Readiness
import Scanning

/// The per-binary part of the scan JSON contract.
extension ScanJSONDocument {
    struct Binary: Encodable, Sendable {
        var path: String
        var pathIsLossy: Bool
        @JSONNullable var sha256: String?
        var size: Int
        var application: String
        var format: BinaryFormat
        @JSONNullable var machine: UInt32?
        @JSONNullable var machineName: String?
        var execution: Execution
        @JSONNullable var kind: BinaryKind?
        @JSONNullable var bits: Int?
        var verdict: Verdict
        @JSONNullable var reason: String?
        var findings: [Finding]
        @JSONNullable var details: Details?
        /// `ISAProfile`'s own encoding (examples write `function` as null when unnamed).
        @JSONNullable var isa: ISAProfile?
        @JSONNullable var baselineStatus: BaselineStatus?

        init(_ binary: BinaryResult) {
            path = binary.path
            pathIsLossy = binary.pathIsLossy
            sha256 = binary.sha256
            size = binary.size
            application = binary.application
            format = binary.format
            machine = binary.machine
            machineName = binary.machineName
            execution = binary.execution
            kind = binary.kind
            bits = binary.bits
            verdict = binary.verdict
            reason = binary.reason
            findings = binary.findings.map(Finding.init)
            details = binary.details.map(Details.init)
            isa = binary.isa
            baselineStatus = binary.baselineStatus
        }
    }

    struct Finding: Encodable, Sendable {
        var rule: String
        var title: String
        var verdict: Verdict
        var confidence: Confidence
        var message: String
        var remediation: String
        var references: [Rule.Reference]
        var source: String
        @JSONNullable var suppression: AppliedSuppressionJSON?

        init(_ finding: FindingResult) {
            rule = finding.rule
            title = finding.title
            verdict = finding.verdict
            confidence = finding.confidence
            message = finding.message
            remediation = finding.remediation
            references = finding.references
            source = finding.source
            suppression = finding.suppression.map(AppliedSuppressionJSON.init)
        }
    }

    struct AppliedSuppressionJSON: Encodable, Sendable {
        var reason: String
        @JSONNullable var expires: String?

        init(_ suppression: AppliedSuppression) {
            reason = suppression.reason
            expires = suppression.expires
        }
    }

    struct Details: Encodable, Sendable {
        @JSONNullable var subsystem: String?
        var imports: [String]
        var exportCount: Int
        var sections: [String]
        @JSONNullable var hybridKind: String?
        @JSONNullable var nativeCodeShare: Double?
        var dotnetFlags: [String]
        @JSONNullable var manifestArchitectures: [String]?
        @JSONNullable var productName: String?
        @JSONNullable var companyName: String?
        @JSONNullable var fileVersion: String?
        @JSONNullable var interpreter: String?
        var needed: [String]
        var x86ISANeeded: [String]
        var aarch64Features: [String]

        init(_ details: BinaryDetails) {
            subsystem = details.subsystem
            imports = details.imports
            exportCount = details.exportCount
            sections = details.sections
            hybridKind = details.hybridKind
            nativeCodeShare = details.nativeCodeShare.finiteOrNil
            dotnetFlags = details.dotnetFlags
            manifestArchitectures = details.manifestArchitectures
            productName = details.productName
            companyName = details.companyName
            fileVersion = details.fileVersion
            interpreter = details.interpreter
            needed = details.needed
            x86ISANeeded = details.x86ISANeeded
            aarch64Features = details.aarch64Features
        }
    }
}
