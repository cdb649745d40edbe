import Readiness

/// `armready merge`: combines JSON reports into one report, exactly as one scan would have
/// written it when the reports are the shards of one tree (`scan --shard I/N`), and side by
/// side under a folder per report when they are labelled (an estate of machines).
///
/// Merging never rates a binary again (the reports hold verdicts, not facts): it concatenates
/// binaries, applications and diagnostics, sorts them as a scan does, and recomputes only
/// what is a function of the lists — the summary, the gate, suppression counts and the
/// baseline's `removed`. Whatever it could not make exact it refuses (`ScanError.mergeRefused`):
/// reports for different targets or from different armready versions, a path or an application
/// in two unlabelled reports, and binaries whose application changes once the reports are put
/// together (an application split across shards).
package enum ReportMerger {
    /// - Parameters:
    ///   - sources: the reports in command-line order; either all labelled or none.
    ///   - failOn, failOnUnknown: the gate to decide; when neither is set, the gate the
    ///     reports share (nil when they have none or disagree).
    ///   - generatedAt: the merged report's time, nil for reproducible output.
    package static func merge(
        _ sources: [MergeSource], failOn: Verdict?, failOnUnknown: Bool, generatedAt: String?
    ) throws(ScanError) -> ScanReport {
        guard let first = sources.first else { throw .mergeRefused(reason: "no reports given") }
        let labelled = first.label != nil
        try checkCompatible(sources, labelled: labelled)
        let reports = sources.map { source in source.label.map { source.report.labelled($0) } ?? source.report }

        var binaries: [BinaryResult] = []
        var owner: [String: String] = [:]
        for (source, report) in zip(sources, reports) {
            for binary in report.binaries {
                if let other = owner.updateValue(source.file, forKey: binary.path) {
                    throw .mergeRefused(
                        reason:
                            "\(binary.path) is in both \(other) and \(source.file); reports of different machines or trees need --label-sources (or NAME=REPORT.json) to keep them apart"
                    )
                }
            }
            binaries += report.binaries
        }
        binaries.sort { $0.path < $1.path }

        var applications: [ApplicationResult] = []
        var applicationOwner: [String: String] = [:]
        for (source, report) in zip(sources, reports) {
            for application in report.applications {
                if let other = applicationOwner.updateValue(source.file, forKey: application.id) {
                    throw .mergeRefused(
                        reason:
                            "application \(application.id) is split between \(other) and \(source.file), so its verdict cannot be merged exactly; shard with `scan --shard`, which keeps applications whole"
                    )
                }
            }
            applications += report.applications
        }
        applications.sort { $0.id < $1.id }
        if !labelled { try checkApplicationsWhole(binaries, applications: applications, owner: owner) }

        let baseline = try mergedBaseline(sources, reports, labelled: labelled)
        let gateSettings: (failOn: Verdict?, failOnUnknown: Bool)? =
            failOn != nil || failOnUnknown ? (failOn, failOnUnknown) : sharedGate(reports)
        let gate = gateSettings.map {
            Gate.decide(
                binaries: binaries, failOn: $0.failOn, failOnUnknown: $0.failOnUnknown, baselineActive: baseline != nil)
        }
        let files = reports.reduce(0) { $0 + $1.summary.filesExamined }
        let notBinary = reports.reduce(0) { $0 + $1.summary.notBinary }
        var report = ScanReport(
            tool: first.report.tool, target: first.report.target, generatedAt: generatedAt,
            roots: labelled ? sources.compactMap(\.label) : uniqued(reports.flatMap(\.roots)),
            summary: ScanSummary.make(
                files: files, notBinary: notBinary, binaries: binaries, applications: applications),
            gate: gate, binaries: binaries, applications: applications, diagnostics: mergedDiagnostics(reports),
            suppressions: mergedSuppressions(reports), baseline: baseline)
        report.sources = sources.map { source in
            ReportSource(
                file: source.file, label: source.label, toolVersion: source.report.tool.version,
                target: source.report.target.name, roots: source.report.roots, generatedAt: source.report.generatedAt)
        }
        return report
    }

    /// Same target, same armready version (the same built-in rules), labels all or none and
    /// each once.
    private static func checkCompatible(_ sources: [MergeSource], labelled: Bool) throws(ScanError) {
        guard let first = sources.first else { return }
        for source in sources {
            if source.report.target != first.report.target {
                throw .mergeRefused(
                    reason:
                        "\(first.file) rates for target \(first.report.target.name) but \(source.file) for \(source.report.target.name); merge reports of one target"
                )
            }
            if source.report.tool.version != first.report.tool.version {
                throw .mergeRefused(
                    reason:
                        "\(first.file) is from armready \(first.report.tool.version) but \(source.file) from \(source.report.tool.version); versions rate by different rules, so scan again with one version"
                )
            }
            if (source.label != nil) != labelled {
                throw .mergeRefused(reason: "either every report has a label or none does")
            }
        }
        var seen = Set<String>()
        for label in sources.compactMap(\.label) where !seen.insert(label).inserted {
            throw .mergeRefused(reason: "the label \(label) is given to two reports; labels keep sources apart")
        }
    }

    /// Every binary's application must be the one grouping gives all binaries together: a
    /// shard that lacked an executable of the application above it grouped its binaries
    /// differently (only possible when the scanned root itself holds an executable).
    private static func checkApplicationsWhole(
        _ binaries: [BinaryResult], applications: [ApplicationResult], owner: [String: String]
    ) throws(ScanError) {
        let executables = Set(applications.flatMap(\.executables))
        let groups = ApplicationGrouping.group(paths: binaries.map(\.path), executables: executables)
        for binary in binaries {
            guard let whole = groups[binary.path], whole != binary.application else { continue }
            throw .mergeRefused(
                reason:
                    "\(binary.path) (in \(owner[binary.path] ?? "?")) belongs to application \(binary.application) in its report but to \(whole) in the whole tree: an executable in the scanned root makes the root one application that spans every shard; scan that tree without --shard, or scan its folders as separate roots"
            )
        }
    }

    /// The gate every report decided with the same settings; nil when any has none or they differ.
    private static func sharedGate(_ reports: [ScanReport]) -> (failOn: Verdict?, failOnUnknown: Bool)? {
        guard let first = reports.first?.gate else { return nil }
        for report in reports {
            guard let gate = report.gate, gate.failOn == first.failOn, gate.failOnUnknown == first.failOnUnknown
            else { return nil }
        }
        return (first.failOn, first.failOnUnknown)
    }

    /// By path and kind, as a scan sorts them; ties keep report order, then each report's order.
    private static func mergedDiagnostics(_ reports: [ScanReport]) -> [ScanDiagnostic] {
        reports.flatMap(\.diagnostics).enumerated()
            .sorted {
                ($0.element.path, $0.element.kind.rawValue, $0.offset) < (
                    $1.element.path, $1.element.kind.rawValue, $1.offset
                )
            }
            .map(\.element)
    }

    /// One entry per configured suppression, in the order first met, with its matches summed.
    private static func mergedSuppressions(_ reports: [ScanReport]) -> [SuppressionStatus] {
        var merged: [SuppressionStatus] = []
        var index: [[String]: Int] = [:]
        for status in reports.flatMap(\.suppressions) {
            let key = [status.rule, status.binary, status.reason, status.expires ?? ""]
            if let at = index[key] {
                merged[at].matched += status.matched
                merged[at].expired = merged[at].expired || status.expired
            } else {
                index[key] = merged.count
                merged.append(status)
            }
        }
        return merged
    }

    /// The baseline lists joined. A shard lists as `removed` every baseline binary another shard
    /// found, so for shards a binary is removed only when every shard says so; labelled
    /// reports each had their own baseline, so their removals add up.
    private static func mergedBaseline(_ sources: [MergeSource], _ reports: [ScanReport], labelled: Bool)
        throws(ScanError) -> BaselineComparison?
    {
        let comparisons = reports.compactMap(\.baseline)
        if comparisons.isEmpty { return nil }
        guard comparisons.count == reports.count else {
            let without = zip(sources, reports).first { $0.1.baseline == nil }.map(\.0.file) ?? "?"
            throw .mergeRefused(
                reason:
                    "\(without) was not compared with a baseline but other reports were; use --baseline for all or none"
            )
        }
        var removed = Set(comparisons[0].removed)
        for comparison in comparisons.dropFirst() {
            removed = labelled ? removed.union(comparison.removed) : removed.intersection(comparison.removed)
        }
        return BaselineComparison(
            file: uniqued(comparisons.map(\.file)).joined(separator: ", "),
            new: comparisons.flatMap(\.new).sorted(), worse: comparisons.flatMap(\.worse).sorted(),
            improved: comparisons.flatMap(\.improved).sorted(), removed: removed.sorted())
    }

    private static func uniqued(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
