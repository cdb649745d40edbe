import Readiness

/// What a person asked for — the command line of `scan`, `facts` or `baseline write` — before
/// the configuration file, the rules and the baseline are read. `ScanOptions(resolving:)`
/// turns it into what one scan needs.
package struct ScanRequest: Sendable {
    package var paths: [String]
    /// `--config FILE`; nil looks for `armready.yml` in the first scanned directory.
    package var configFile: String?
    package var target: String?
    package var ruleDirectories: [String] = []
    package var disabled: [String] = []
    package var excludes: [String] = []
    /// `--files-from FILE` (`-` for standard input), and whether it is NUL-separated (`-0`).
    package var filesFrom: String?
    package var filesFromNullSeparated = false
    package var followSymlinks = false
    package var noArchives = false
    package var noISA = false
    package var isaMaxBytes: Int
    package var jobs: Int?
    /// `--cache DIR`.
    package var cache: String?
    /// `--max-file-size BYTES`.
    package var maxFileSize: Int?
    /// `--shard I/N`.
    package var shard: ScanShard?
    package var failOn: Verdict?
    package var failOnUnknown = false
    /// `--baseline FILE`.
    package var baseline: String?
    /// Today (`YYYY-MM-DD`), for suppression expiry.
    package var today: String
    /// The report's time, nil for reproducible output.
    package var generatedAt: String?
    package var toolVersion: String
    /// A fingerprint of the running executable, for the analysis cache.
    package var executableFingerprint: @Sendable () -> String

    package init(
        paths: [String], isaMaxBytes: Int, today: String, toolVersion: String,
        executableFingerprint: @escaping @Sendable () -> String
    ) {
        self.paths = paths
        self.isaMaxBytes = isaMaxBytes
        self.today = today
        self.toolVersion = toolVersion
        self.executableFingerprint = executableFingerprint
    }
}
