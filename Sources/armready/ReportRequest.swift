import ArgumentParser

/// One `--report FORMAT[=FILE]` argument: a format, and a file or standard output (no file, or
/// `-` as the file, as ripgrep and ruff read it).
struct ReportRequest: ExpressibleByArgument, Equatable {
    enum Format: String, CaseIterable {
        case table, json, sarif, junit, markdown, html

        /// Whether the output shows (or fingerprints with) each binary's SHA-256; a scan
        /// whose outputs all say no skips hashing.
        var needsDigests: Bool { self != .table }
    }

    var format: Format
    /// nil writes to standard output.
    var file: String?

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard let first = parts.first, let format = Format(rawValue: first.lowercased()) else { return nil }
        self.format = format
        if parts.count == 2 {
            guard !parts[1].isEmpty else { return nil }
            file = parts[1] == "-" ? nil : parts[1]
        }
    }

    init(format: Format, file: String?) {
        self.format = format
        self.file = file
    }

    static var allValueStrings: [String] { Format.allCases.map { "\($0.rawValue)[=FILE]" } }

    /// The argument as a person would write it again, for messages.
    var argument: String { format.rawValue + "=" + (file ?? "-") }
}
