import ArgumentParser
import Foundation
import InstructionSets
import Readiness
import Reporting
import Scanning

/// `armready scan [PATH...]`: rate every binary and application under the paths, write reports,
/// and decide the CI gate.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Rate every binary and application under the paths for Windows on Arm.",
        discussion: """
            Walks the paths (the current directory when none is given; symbolic links are not followed unless asked; FIFOs, sockets and \
            devices are never opened), analyses binaries on every core, and writes one \
            deterministic report per --report. armready.yml at the first path (or --config) \
            sets the target, gate, rule folders, excludes and suppressions.

            Exit status: 0 the gate passed, 1 the gate failed, 2 the scan could not be completed \
            (bad rules or configuration, no readable path, a report that could not be written), \
            64 usage error.
            """
    )

    @OptionGroup var input: ScanInputOptions

    @OptionGroup(title: "Reports") var output: ReportOptions

    @Option(
        name: .customLong("fail-on"),
        help: "Fail (exit 1) when a binary is at least this bad: emulated, at-risk or blocked.")
    var failOn: GateLevel?

    @Flag(name: .customLong("fail-on-unknown"), help: "Also fail when a binary could not be analysed.")
    var failOnUnknown = false

    @Option(
        name: .long,
        help: "Fail only on binaries that are new or worse than in this baseline file (see `armready baseline write`).")
    var baseline: String?

    @Flag(
        name: .long,
        help:
            "Record the scan time in every report (set by SOURCE_DATE_EPOCH too); without it only the HTML report shows the time, so other reports are byte-identical across runs."
    )
    var timestamp = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Scan only part I of N of the tree, split by top-level folder so applications stay whole; `armready merge` joins the N reports (1 <= I <= N).",
            valueName: "I/N"))
    var shard: ShardArgument?

    @Flag(name: .shortAndLong, help: "No progress and no summary on standard error.")
    var quiet = false

    func run() throws {
        // Errors go to `Armready.main`, which maps each to its exit status (ExitStatus.ending(for:)).
        var request = input.request(
            failOn: failOn?.verdict, failOnUnknown: failOnUnknown, baseline: baseline, timestamp: timestamp)
        request.shard = shard?.shard
        var options = try ScanOptions(resolving: request)
        let template = try output.template.map { path throws(ScanError) in try ReportOutput.readTemplate(path) }
        if !quiet {
            for override in options.rules.overrides {
                printError("note: \(override.source) overrides the built-in rule \(override.id)")
            }
        }
        let requests = output.requests
        options.digests =
            requests.contains { $0.format.needsDigests } || options.suppressions.contains(where: \.isSHA256)
            || options.cache != nil
        let progress = ProgressLine(enabled: !quiet && FileDescriptorWriter.isTerminal(2))
        let report: ScanReport
        do {
            report = try Scanner.scan(options, progress: progress.callback)
        } catch {
            progress.finish()
            throw error
        }
        progress.finish()
        if !quiet {
            for diagnostic in report.diagnostics {
                printError("warning: " + TerminalText.sanitized("\(diagnostic.path): \(diagnostic.message)"))
            }
        }
        let layout = SourceRootResolver.layout(
            explicit: output.sourceRoot, roots: report.roots, environment: ProcessInfo.processInfo.environment)
        let settings = ReportSettings(
            template: template, color: output.color,
            sarif: SARIFOptions(layout: layout, category: output.sarifCategory),
            markdownMaxBytes: output.markdownMaxBytes)
        for request in requests {
            try ReportOutput.write(report, request: request, settings: settings)
        }
        // The table already ends with the counts; other outputs get a one-line summary.
        let tableOnStdout = requests.contains { $0.format == .table && $0.file == nil }
        if !quiet && !tableOnStdout { printError(ReportOutput.summaryLine(report)) }
        if report.gate?.passed == false { throw ExitStatus.gateFailed }
    }
}

enum GateLevel: String, ExpressibleByArgument, CaseIterable {
    case emulated
    case atRisk = "at-risk"
    case blocked

    var verdict: Verdict {
        switch self {
        case .emulated: .emulated
        case .atRisk: .atRisk
        case .blocked: .blocked
        }
    }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}
