/// The subset of SARIF 2.1.0 that armready writes, as a typed model.
///
/// SARIF built from templates breaks easily (ci-and-reports.md §3, pitfall 6); encoding these
/// types with sorted keys gives valid, deterministic output. Member names are the spec's
/// (OASIS SARIF 2.1.0, §3.13 sarifLog onward); optional members are omitted when nil, as the
/// schema allows. `Tests/ReportingTests/Schemas/sarif-schema-2.1.0.json` validates the result.
struct SARIFLog: Encodable, Sendable {
    var schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    var version = "2.1.0"
    var runs: [SARIFRun]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }
}

struct SARIFRun: Encodable, Sendable {
    var tool: SARIFTool
    /// `runAutomationDetails` (§3.17): `id` is `category/run-id`; the category separates
    /// analyses of the same commit on GitHub. Only with `--sarif-category`.
    var automationDetails: SARIFAutomationDetails?
    var originalUriBaseIds: [String: SARIFArtifactLocation]
    var invocations: [SARIFInvocation]?
    var results: [SARIFResult]
    var columnKind = "unicodeCodePoints"
    /// The packages the results' binaries lie in (`SARIFPackageTree`); nil when none does.
    var logicalLocations: [SARIFLogicalLocation]?
}

/// A `logicalLocation` (§3.33) in `run.logicalLocations`: a package, or a binary inside one.
struct SARIFLogicalLocation: Encodable, Sendable {
    var name: String
    var fullyQualifiedName: String
    var kind: String
    var parentIndex: Int?
    var index: Int
}

/// A result location's pointer into `run.logicalLocations` (§3.33.2).
struct SARIFLogicalLocationReference: Encodable, Sendable {
    var index: Int
    var fullyQualifiedName: String
}

struct SARIFAutomationDetails: Encodable, Sendable {
    var id: String
}

struct SARIFTool: Encodable, Sendable {
    var driver: SARIFDriver
}

struct SARIFDriver: Encodable, Sendable {
    var name: String
    var version: String
    var informationUri: String
    var rules: [SARIFRule]
}

/// A `reportingDescriptor` (§3.49).
struct SARIFRule: Encodable, Sendable {
    var id: String
    var name: String
    var shortDescription: SARIFMessage
    var fullDescription: SARIFMessage
    var help: SARIFMultiformatMessage
    var helpUri: String?
    var defaultConfiguration: SARIFConfiguration
    var properties: SARIFRuleProperties
}

struct SARIFConfiguration: Encodable, Sendable {
    var level: String
}

/// Rule property bag: the keys GitHub code scanning reads.
struct SARIFRuleProperties: Encodable, Sendable {
    var tags: [String]
    var precision: String
    var problemSeverity: String

    enum CodingKeys: String, CodingKey {
        case tags, precision
        case problemSeverity = "problem.severity"
    }
}

struct SARIFMessage: Encodable, Sendable {
    var text: String
}

struct SARIFMultiformatMessage: Encodable, Sendable {
    var text: String
    var markdown: String
}

struct SARIFResult: Encodable, Sendable {
    var ruleId: String
    var ruleIndex: Int
    var level: String
    var message: SARIFMessage
    var locations: [SARIFLocation]
    var partialFingerprints: [String: String]
    var suppressions: [SARIFSuppression]?
    var properties: SARIFResultProperties
}

/// Result property bag: the armready verdict and how the binary runs, for consumers that
/// want more than the SARIF level; the file's digest (kept out of the fingerprints); and, for
/// a file found in a package, its entry (the URI names the package).
struct SARIFResultProperties: Encodable, Sendable {
    var verdict: String
    var execution: String
    var sha256: String?
    var archiveEntry: String?
}

struct SARIFLocation: Encodable, Sendable {
    var physicalLocation: SARIFPhysicalLocation
    var logicalLocations: [SARIFLogicalLocationReference]?
}

struct SARIFPhysicalLocation: Encodable, Sendable {
    var artifactLocation: SARIFArtifactLocation
    var region: SARIFRegion
}

struct SARIFArtifactLocation: Encodable, Sendable {
    var uri: String?
    var uriBaseId: String?
    var description: SARIFMessage?
}

/// Binary findings cover the whole file; GitHub needs a line region and ignores byte offsets
/// (ci-and-reports.md §3, pitfall 1), so every region is `startLine: 1`.
struct SARIFRegion: Encodable, Sendable {
    var startLine = 1
}

struct SARIFSuppression: Encodable, Sendable {
    var kind = "external"
    var status = "accepted"
    var justification: String
    var properties: SARIFSuppressionProperties?
}

struct SARIFSuppressionProperties: Encodable, Sendable {
    var expires: String
}

struct SARIFInvocation: Encodable, Sendable {
    var executionSuccessful: Bool
    var toolExecutionNotifications: [SARIFNotification]
}

struct SARIFNotification: Encodable, Sendable {
    var level: String
    var message: SARIFMessage
}
