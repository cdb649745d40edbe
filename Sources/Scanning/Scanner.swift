import Dispatch
import Foundation
import Readiness

/// Runs a scan: walk the roots, analyse every file on every core, add what only the
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
        var walkedRoots = 0
        // A root given twice (`dir` and `dir/`) is walked once.
        var seenRoots = Set<String>()
        let roots = options.roots.filter { seenRoots.insert($0.trimmingSlashes()).inserted }
        for root in roots {
            let prefix = roots.count > 1 ? root.trimmingSlashes() : ""
            if walker.walk(root: root, prefix: prefix) { walkedRoots += 1 }
        }
        guard walkedRoots > 0 else { throw .noRoots(details: walker.diagnostics.map(\.message)) }

        var analyzer = BinaryAnalyzer(
            rules: options.rules, target: options.target, isa: options.isa, archives: options.archives,
            digests: options.digests || options.cache != nil, cache: options.cache)
        analyzer.sizeBudget = options.sizeBudget
        let outcomes = analyzeAll(
            walker.files, analyzer: analyzer, concurrency: options.concurrency, progress: progress)

        var diagnostics = walker.diagnostics
        var found: [(identity: BinaryIdentity, analysis: AnalyzedBinary, assessed: AssessedBinary)] = []
        var notBinary = 0
        func collect(_ outcome: FileOutcome) {
            switch outcome {
            case let .binary(identity, analysis, assessed): found.append((identity, analysis, assessed))
            case .notBinary: notBinary += 1
            case let .diagnostic(diagnostic): diagnostics.append(diagnostic)
            case let .several(outcomes): outcomes.forEach(collect)
            }
        }
        outcomes.forEach(collect)
        found.sort { $0.identity.path < $1.identity.path }

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
        diagnostics.sort { ($0.path, $0.kind.rawValue) < ($1.path, $1.kind.rawValue) }

        let report = ScanReport(
            tool: ToolInfo(version: options.toolVersion),
            target: TargetInfo(name: options.target.name, title: options.target.description),
            generatedAt: options.generatedAt, roots: roots,
            summary: ScanSummary.make(
                files: walker.files.count, notBinary: notBinary, binaries: binaries, applications: applications),
            gate: gate, binaries: binaries, applications: applications, diagnostics: diagnostics,
            suppressions: suppressionStatus, baseline: baseline)
        return (report, assessed)
    }

    /// Analyses files on `concurrency` threads (every core by default); results keep the
    /// walk's order whatever order the threads finish in.
    private static func analyzeAll(
        _ files: [WalkedFile], analyzer: BinaryAnalyzer, concurrency: Int?, progress: ScanProgress?
    ) -> [FileOutcome] {
        let results = OutcomeSlots(count: files.count)
        let workers = max(1, concurrency ?? ProcessInfo.processInfo.activeProcessorCount)
        let next = AtomicCounter()
        let done = AtomicCounter()
        // Largest files first, so one big library started last does not leave a core idle.
        let order = files.indices.sorted { (files[$0].size, $1) > (files[$1].size, $0) }
        DispatchQueue.concurrentPerform(iterations: min(workers, max(files.count, 1))) { _ in
            while true {
                let position = next.increment() - 1
                guard position < order.count else { return }
                let index = order[position]
                results.set(index, analyzer.analyze(files[index]))
                let finished = done.increment()
                progress?(finished, files.count, files[index].displayPath)
            }
        }
        return results.values
    }
}
