import ArgumentParser
import Foundation
import Reporting
import Scanning

/// `armready merge REPORT.json...`: combine JSON reports (the shards of one tree, or the scans
/// of many machines) into one report in any format.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine JSON reports (shards of one scan, or scans of many machines) into one report.",
        discussion: """
            Reports written by `scan --shard I/N --report json=FILE` merge into exactly the report \
            one scan of the whole tree writes (apart from the `sources` list). Reports of different \
            machines or trees need a label each (`--label-sources`, or NAME=REPORT.json), which puts \
            their paths under a folder of that name. Binaries are never rated again: reports must \
            share a target and an armready version, and a path or application found in two \
            unlabelled reports is refused. The summary is recomputed and the gate decided again \
            (with --fail-on, else as the reports decided it).

            Exit status: 0 the gate passed, 1 the gate failed, 2 the reports could not be merged \
            or a report not written, 64 usage error.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "JSON reports (`scan --report json=FILE`), each optionally as NAME=REPORT.json.", valueName: "report"),
        completion: .file(extensions: ["json"]))
    var reports: [String]

    @Flag(
        name: .customLong("label-sources"),
        help: "Put each report's paths under a folder named after its file (without .json), so machines stay apart.")
    var labelSources = false

    @OptionGroup(title: "Reports") var output: ReportOptions

    @Option(
        name: .customLong("fail-on"),
        help: "Fail (exit 1) when a binary is at least this bad: emulated, at-risk or blocked.")
    var failOn: GateLevel?

    @Flag(name: .customLong("fail-on-unknown"), help: "Also fail when a binary could not be analysed.")
    var failOnUnknown = false

    @Flag(name: .long, help: "Record the merge time in every report (set by SOURCE_DATE_EPOCH too).")
    var timestamp = false

    @Flag(name: .shortAndLong, help: "No summary on standard error.")
    var quiet = false

    func validate() throws {
        if reports.isEmpty { throw ValidationError("Give at least one JSON report to merge.") }
        for argument in reports { _ = try Self.source(argument, labelAll: true) }
    }

    func run() throws {
        // Errors go to `Armready.main`, which maps each to its exit status (ExitStatus.ending(for:)).
        let named = try reports.map { try Self.source($0, labelAll: false) }
        let labelAll = labelSources || named.contains { $0.label != nil }
        var sources: [MergeSource] = []
        for argument in reports {
            let (file, label) = try Self.source(argument, labelAll: labelAll)
            sources.append(try MergeSource.load(file: file, label: label))
        }
        let report = try ReportMerger.merge(
            sources, failOn: failOn?.verdict, failOnUnknown: failOnUnknown,
            generatedAt: Timestamp.now(explicit: timestamp))
        let template = try output.template.map { path throws(ScanError) in try ReportOutput.readTemplate(path) }
        let layout = SourceRootResolver.layout(
            explicit: output.sourceRoot, roots: report.roots, environment: ProcessInfo.processInfo.environment)
        let settings = ReportSettings(
            template: template, color: output.color,
            sarif: SARIFOptions(layout: layout, category: output.sarifCategory),
            markdownMaxBytes: output.markdownMaxBytes)
        let requests = output.requests
        for request in requests {
            try ReportOutput.write(report, request: request, settings: settings)
        }
        let tableOnStdout = requests.contains { $0.format == .table && $0.file == nil }
        if !quiet && !tableOnStdout {
            printError(ReportOutput.summaryLine(report) + " (merged from " + Count.of(sources.count, "report") + ")")
        }
        if report.gate?.passed == false { throw ExitStatus.gateFailed }
    }

    /// The file and label one argument names: an existing file is a file even with `=` in its
    /// name; otherwise `NAME=FILE`. With `labelAll`, a report without a name is labelled by its
    /// file name.
    private static func source(_ argument: String, labelAll: Bool) throws -> (file: String, label: String?) {
        var file = argument
        var label: String?
        if !FileManager.default.fileExists(atPath: argument), let equals = argument.firstIndex(of: "=") {
            label = String(argument[..<equals])
            file = String(argument[argument.index(after: equals)...])
        }
        if label == nil, labelAll {
            let name = URL(fileURLWithPath: file).lastPathComponent
            label = name.hasSuffix(".json") && name.count > 5 ? String(name.dropLast(5)) : name
        }
        if let label, label.isEmpty || label.contains("/") || label == "." || label == ".." {
            throw ValidationError("The label of \(argument) must be a non-empty name without '/'.")
        }
        return (file, label)
    }
}
