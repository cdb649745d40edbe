import Dispatch
import Foundation
import Readiness

/// Runs a scan: walk the roots while every core analyses the files found, add what only the
/// application context shows, apply suppressions and the baseline, decide the gate, and
/// collect one deterministic `ScanReport`.
package enum Scanner {
    /// - Throws: `ScanError.noRoots` when no root could be walked at all.
    package static func scan(_ options: ScanOptions, progress: ScanProgress? = nil) throws(ScanError) -> ScanReport {
        try run(options, progress: progress).report
    }

    /// The scan's report, and each binary as the rules saw it (its facts, its application's
    /// facts and the executables that load it), in report order: what `armready facts` shows.
    package static func scanWithFacts(_ options: ScanOptions) throws(ScanError) -> (
        report: ScanReport, binaries: [AssessedBinary]
    ) {
        try run(options, progress: nil)
    }

    private static func run(_ options: ScanOptions, progress: ScanProgress?) throws(ScanError) -> (
        report: ScanReport, binaries: [AssessedBinary]
    ) {
        var walker = FileWalker(followSymlinks: options.followSymlinks, excludes: options.excludes)
        if let cache = options.cache { walker.skipDirectory(cache.directory) }
        walker.shard = options.shard
        var walkedRoots = 0
        // A root given twice (`dir` and `dir/`) is walked once.
        var seenRoots = Set<String>()
        let roots = options.roots.filter { seenRoots.insert($0.trimmingSlashes()).inserted }
        // A list's entries are reported by their paths from the working directory, so it
        // counts as one more root, `.`, whatever its length.
        let walks = roots.count + (options.fileList == nil ? 0 : 1)
        let reportedRoots = roots + (options.fileList != nil && !seenRoots.contains(".") ? ["."] : [])

        var analyzer = BinaryAnalyzer(
            rules: options.rules, target: options.target, isa: options.isa, archives: options.archives,
            digests: options.digests || options.cache != nil, cache: options.cache)
        analyzer.sizeBudget = options.sizeBudget
        let workers = max(1, options.concurrency ?? ProcessInfo.processInfo.activeProcessorCount)
        let (outcomes, filesFound) = ScanPipeline.run(workers: workers, analyzer: analyzer, progress: progress) {
            found, entering in
            for root in roots {
                let prefix = walks > 1 ? root.trimmingSlashes() : ""
                if walker.walk(root: root, prefix: prefix, entering: entering, found: found) { walkedRoots += 1 }
            }
            if let list = options.fileList {
                walker.walkListed(list, entering: entering, found: found)
                walkedRoots += 1
            }
            return walker.filesFound
        }
        guard walkedRoots > 0 else { throw .noRoots(details: walker.diagnostics.map(\.message)) }

        let diagnostics = outcomes.sortedDiagnostics(walk: walker.diagnostics)
        let found = outcomes.sortedBinaries()

        var assessed = found.map(\.assessed)
        let applications = ApplicationAssessor.assess(&assessed, rules: options.rules, target: options.target)
        var binaries = zip(found, assessed).map { item, final in BinaryResult(item.identity, item.analysis, final) }
        let suppressionStatus = SuppressionApplier.apply(options.suppressions, to: &binaries, today: options.today)
        let baseline = options.baseline.map {
            BaselineComparer.compare(&binaries, with: $0, file: options.baselinePath ?? "")
        }
        // No gate flags: no gate (`gate` is null in JSON), not a gate that always passes.
        let gateRequested = options.failOn != nil || options.failOnUnknown
        let gate =
            gateRequested
            ? Gate.decide(
                binaries: binaries, failOn: options.failOn, failOnUnknown: options.failOnUnknown,
                baselineActive: baseline != nil)
            : nil

        let report = ScanReport(
            tool: ToolInfo(version: options.toolVersion),
            target: TargetInfo(name: options.target.name, title: options.target.description),
            generatedAt: options.generatedAt, roots: reportedRoots,
            summary: ScanSummary.make(
                files: filesFound, notBinary: outcomes.notBinary, binaries: binaries, applications: applications),
            gate: gate, binaries: binaries, applications: applications, diagnostics: diagnostics,
            suppressions: suppressionStatus, baseline: baseline)
        return (report, assessed)
    }
}
