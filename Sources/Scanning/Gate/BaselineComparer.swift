import Readiness

/// Compares a scan with a baseline and marks each binary new, worse, improved or unchanged.
enum BaselineComparer {
    static func compare(_ binaries: inout [BinaryResult], with baseline: Baseline, file: String) -> BaselineComparison {
        let previous = Dictionary(baseline.binaries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var comparison = BaselineComparison(file: file, new: [], worse: [], improved: [], removed: [])
        for index in binaries.indices {
            let binary = binaries[index]
            guard let before = previous[binary.path] else {
                binaries[index].baselineStatus = .new
                comparison.new.append(binary.path)
                continue
            }
            let now = binary.gateVerdict
            let then = before.verdict
            if now > then {
                binaries[index].baselineStatus = .worse
                comparison.worse.append(binary.path)
            } else if now < then {
                binaries[index].baselineStatus = .improved
                comparison.improved.append(binary.path)
            } else {
                binaries[index].baselineStatus = .unchanged
            }
        }
        let present = Set(binaries.map(\.path))
        comparison.removed = baseline.binaries.map(\.path).filter { !present.contains($0) }.sorted()
        return comparison
    }
}
