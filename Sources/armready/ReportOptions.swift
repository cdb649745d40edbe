import Foundation
import ArgumentParser
import Reporting

/// Which reports `scan` writes and how each is rendered.
struct ReportOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Output: table, json, sarif, junit, markdown or html, to standard output (no file, or =-) or =FILE. Repeatable. Default: table.",
            valueName: "format[=file]"))
    var report: [ReportRequest] = []

    @Option(name: .long, help: "HTML template to use instead of the built-in one.")
    var template: String?

    @Option(name: .long, help: "Colour in the table: auto, always or never.")
    var color: ColorChoice = .auto

    @Option(
        name: .customLong("sarif-category"),
        help: ArgumentHelp(
            "SARIF: the code scanning category (runAutomationDetails.id), so several armready analyses of one commit stay apart. Default: none, so upload-sarif's category: input applies.",
            valueName: "category"))
    var sarifCategory: String?

    @Option(
        name: .customLong("source-root"),
        help: ArgumentHelp(
            "SARIF: the checkout that artifact URIs are relative to (default: $GITHUB_WORKSPACE if set, else the current directory).",
            valueName: "dir"),
        completion: .directory)
    var sourceRoot: String?

    @Option(
        name: .customLong("markdown-max-bytes"),
        help: ArgumentHelp(
            "Markdown: cut the summary to at most this many bytes, at whole rows and blocks (GitHub drops a step summary over 1 MiB).",
            valueName: "bytes"))
    var markdownMaxBytes: Int = MarkdownRenderer.defaultMaxBytes

    /// What was asked for, or the table on standard output.
    var requests: [ReportRequest] {
        report.isEmpty ? [ReportRequest(format: .table, file: nil)] : report
    }

    func validate() throws {
        let toStdout = report.filter { $0.file == nil }
        if toStdout.count > 1 {
            let names = toStdout.map { "--report \($0.argument)" }
            let who =
                names.count == 2
                ? "\(names[0]) and \(names[1]) both would"
                : names.dropLast().joined(separator: ", ") + " and \(names[names.count - 1]) all would"
            throw ValidationError(
                "Only one --report can go to standard output, but \(who); give the others a file (FORMAT=FILE).")
        }
        var files = Set<String>()
        for file in report.compactMap(\.file) where !files.insert(file).inserted {
            throw ValidationError("Two --report options write \(file); give each report its own file.")
        }
        if let sarifCategory, sarifCategory.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--sarif-category must not be empty.")
        }
        if let sourceRoot, !SourceRootResolver.isDirectory(sourceRoot) {
            throw ValidationError("--source-root \(sourceRoot) is not a directory.")
        }
        if markdownMaxBytes < MarkdownRenderer.minimumMaxBytes {
            throw ValidationError("--markdown-max-bytes must be at least \(MarkdownRenderer.minimumMaxBytes).")
        }
    }
}
