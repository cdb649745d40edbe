import Readiness

extension ScanSummary {
    static func make(files: Int, notBinary: Int, binaries: [BinaryResult], applications: [ApplicationResult]) -> ScanSummary {
        var byVerdict = Dictionary(uniqueKeysWithValues: Verdict.allCases.map { ($0.rawValue, 0) })
        var applicationsByVerdict = byVerdict
        var byExecution: [String: Int] = [:]
        for binary in binaries {
            byVerdict[binary.verdict.rawValue, default: 0] += 1
            byExecution[binary.execution.rawValue, default: 0] += 1
        }
        for application in applications { applicationsByVerdict[application.verdict.rawValue, default: 0] += 1 }
        let overall = (applications.isEmpty ? binaries.map(\.verdict) : applications.map(\.verdict)).reduce(Verdict.unknown, Verdict.worst)
        var hybridTotal = 0.0
        var hybridNative = 0.0
        for binary in binaries {
            guard let share = binary.details?.nativeCodeShare else { continue }
            hybridTotal += Double(binary.size)
            hybridNative += share * Double(binary.size)
        }
        return ScanSummary(
            filesExamined: files, binaries: binaries.count, notBinary: notBinary, binariesByVerdict: byVerdict,
            applicationsByVerdict: applicationsByVerdict, binariesByExecution: byExecution, overall: overall,
            hybridNativeShare: hybridTotal > 0 ? hybridNative / hybridTotal : nil)
    }
}
