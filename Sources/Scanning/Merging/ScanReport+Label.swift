import Readiness

extension ScanReport {
    /// The report with every path put under the folder `label`, as a scan of several roots
    /// puts each root's paths under its name: binaries, applications (`.` becomes `label`),
    /// their reasons, diagnostics and the baseline's lists. Suppressions name globs and
    /// digests, not paths, and stay as they are; the gate is decided again after merging.
    func labelled(_ label: String) -> ScanReport {
        func path(_ path: String) -> String { path == "." ? label : label + "/" + path }
        var report = self
        for index in report.binaries.indices {
            report.binaries[index].path = path(report.binaries[index].path)
            report.binaries[index].application = path(report.binaries[index].application)
        }
        report.applications = report.applications.map { application in
            let id = path(application.id)
            return ApplicationResult(
                id: id, name: ApplicationGrouping.fileName(id), verdict: application.verdict,
                executables: application.executables.map(path), binaries: application.binaries.map(path),
                reasons: application.reasons.map { reason in
                    var reason = reason
                    reason.binary = path(reason.binary)
                    reason.dependency = reason.dependency.map(path)
                    return reason
                })
        }
        for index in report.diagnostics.indices {
            report.diagnostics[index].path = path(report.diagnostics[index].path)
        }
        report.baseline = report.baseline.map { baseline in
            BaselineComparison(
                file: baseline.file, new: baseline.new.map(path), worse: baseline.worse.map(path),
                improved: baseline.improved.map(path), removed: baseline.removed.map(path))
        }
        report.gate = report.gate.map { gate in
            GateResult(
                failOn: gate.failOn, failOnUnknown: gate.failOnUnknown, passed: gate.passed,
                failing: gate.failing.map(path))
        }
        return report
    }
}
