import BinaryFormats

/// One report that `armready merge` combined, as the merged report names it.
package struct ReportSource: Sendable, Equatable, Codable {
    /// The report file as given on the command line.
    package var file: String
    /// The folder its paths were put under (`--label-sources`, `NAME=REPORT.json`); nil when
    /// the reports were merged as shards of one tree.
    @Nullable package var label: String?
    package var toolVersion: String
    /// The target profile's name.
    package var target: String
    package var roots: [String]
    @Nullable package var generatedAt: String?

    package init(
        file: String, label: String?, toolVersion: String, target: String, roots: [String], generatedAt: String?
    ) {
        self.file = file
        self.label = label
        self.toolVersion = toolVersion
        self.target = target
        self.roots = roots
        self.generatedAt = generatedAt
    }
}
