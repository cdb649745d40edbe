import Readiness

/// The contents of `armready.yml`: what a project pins for every scan (README, "Configuration").
/// Command-line options override single values and add to lists.
package struct ScanConfiguration: Sendable, Equatable {
    package static let fileName = "armready.yml"
    package static let supportedVersion = 1

    /// Where it was read from, for messages; nil for the empty default.
    package var file: String?
    package var target: String?
    package var failOn: Verdict?
    package var failOnUnknown: Bool?
    /// Extra rule folders, resolved against the configuration file's directory.
    package var rules: [String] = []
    package var disable: [String] = []
    package var exclude: [String] = []
    package var followSymlinks: Bool?
    /// Look inside ZIP-based packages.
    package var archives: Bool?
    package var isa: Bool?
    /// The analysis cache folder (`AnalysisCache`), resolved against the file's directory.
    package var cache: String?
    /// Files larger than this many bytes are rated from their headers only.
    package var maxFileSize: Int?
    package var suppressions: [Suppression] = []

    package init(file: String? = nil) {
        self.file = file
    }
}
