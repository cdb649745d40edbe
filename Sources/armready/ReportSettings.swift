import Reporting

/// How `scan` renders each report, beyond the report itself (from `ReportOptions`).
struct ReportSettings {
    /// The text of `--template`.
    var template: String?
    var color: ColorChoice
    var sarif: SARIFOptions
    var markdownMaxBytes: Int
}
