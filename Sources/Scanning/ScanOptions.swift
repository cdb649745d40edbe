import InstructionSets
import Readiness

/// Everything one scan needs, already resolved (configuration file and flags merged by the CLI).
package struct ScanOptions: Sendable {
    package var roots: [String]
    package var rules: RuleSet
    package var target: TargetProfile
    /// Decode code for the instruction-set profile (nil: headers, imports and verdicts only).
    package var isa: ISAOptions?
    package var followSymlinks: Bool
    /// Rate the PE/ELF files inside ZIP-based packages (wheels, NuGet, MSIX, ZIP...).
    package var archives: Bool = true
    /// gitignore-style patterns (`ExcludeList`), matched against paths relative to each root.
    package var excludes: [String]
    /// The entries of a `--files-from` list (raw bytes, relative to the working directory),
    /// scanned besides `roots`; nil without a list.
    package var fileList: [[UInt8]]?
    package var suppressions: [Suppression]
    package var failOn: Verdict?
    package var failOnUnknown: Bool
    package var baseline: Baseline?
    /// The baseline's path as given, for the report.
    package var baselinePath: String?
    /// Today's date (`YYYY-MM-DD`) for suppression expiry; injected so tests can pin it.
    package var today: String
    /// The report's timestamp; nil for reproducible output.
    package var generatedAt: String?
    package var toolVersion: String
    /// Worker threads; nil uses every core.
    package var concurrency: Int?
    /// Compute every binary's SHA-256. Hashing reads whole files and is most of a triage
    /// scan's time, so a scan whose outputs never show the digest (the table) skips it.
    package var digests: Bool = true
    /// Keep and reuse what analysis learns from each binary's bytes (`AnalysisCache`); the
    /// cache is keyed by SHA-256, so a scan with a cache always computes digests.
    package var cache: AnalysisCache?
    /// Files larger than this many bytes are rated from their headers only: not hashed, their
    /// code not decoded, and an `over-budget` diagnostic says so.
    package var sizeBudget = ScanOptions.defaultSizeBudget
    /// `--shard I/N`: scan only this shard's part of the tree (`ScanShard`).
    package var shard: ScanShard?
    /// 4 GiB: larger than any PE image Windows loads (PE32+ images are limited to 4 GiB by
    /// `SizeOfImage`).
    package static let defaultSizeBudget = 4 << 30

    package init(
        roots: [String], rules: RuleSet, target: TargetProfile, isa: ISAOptions?, followSymlinks: Bool = false,
        archives: Bool = true, excludes: [String] = [], suppressions: [Suppression] = [], failOn: Verdict? = nil,
        failOnUnknown: Bool = false, baseline: Baseline? = nil, baselinePath: String? = nil, today: String,
        generatedAt: String? = nil, toolVersion: String, concurrency: Int? = nil, digests: Bool = true
    ) {
        self.roots = roots
        self.rules = rules
        self.target = target
        self.isa = isa
        self.followSymlinks = followSymlinks
        self.archives = archives
        self.excludes = excludes
        self.suppressions = suppressions
        self.failOn = failOn
        self.failOnUnknown = failOnUnknown
        self.baseline = baseline
        self.baselinePath = baselinePath
        self.today = today
        self.generatedAt = generatedAt
        self.toolVersion = toolVersion
        self.concurrency = concurrency
        self.digests = digests
    }
}
