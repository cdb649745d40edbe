import BinaryFormats
import Readiness

/// Counts for the report's header.
package struct ScanSummary: Sendable, Equatable, Codable {
    /// Regular files looked at (binaries and non-binaries).
    package var filesExamined: Int
    package var binaries: Int
    /// Files skipped because they are not PE or ELF.
    package var notBinary: Int
    /// Binaries per verdict; every verdict is present, zero included.
    package var binariesByVerdict: [String: Int]
    package var applicationsByVerdict: [String: Int]
    /// Binaries per `execution`.
    package var binariesByExecution: [String: Int]
    /// The worst verdict of any application (or binary when there are no applications).
    package var overall: Verdict
    /// Code-map share of Arm64/Arm64EC code over all hybrid binaries; nil without hybrids.
    @Nullable package var hybridNativeShare: Double? {
        didSet { if hybridNativeShare?.isFinite == false { hybridNativeShare = nil } }
    }

    package init(
        filesExamined: Int, binaries: Int, notBinary: Int, binariesByVerdict: [String: Int],
        applicationsByVerdict: [String: Int], binariesByExecution: [String: Int], overall: Verdict,
        hybridNativeShare: Double?
    ) {
        self.filesExamined = filesExamined
        self.binaries = binaries
        self.notBinary = notBinary
        self.binariesByVerdict = binariesByVerdict
        self.applicationsByVerdict = applicationsByVerdict
        self.binariesByExecution = binariesByExecution
        self.overall = overall
        self.hybridNativeShare = hybridNativeShare.flatMap { $0.isFinite ? $0 : nil }
    }
}

extension ScanSummary {
    static func make(files: Int, notBinary: Int, binaries: [BinaryResult], applications: [ApplicationResult])
        -> ScanSummary
    {
        var byVerdict = Dictionary(uniqueKeysWithValues: Verdict.allCases.map { ($0.rawValue, 0) })
        var applicationsByVerdict = byVerdict
        var byExecution: [String: Int] = [:]
        for binary in binaries {
            byVerdict[binary.verdict.rawValue, default: 0] += 1
            byExecution[binary.execution.rawValue, default: 0] += 1
        }
        for application in applications { applicationsByVerdict[application.verdict.rawValue, default: 0] += 1 }
        let overall = (applications.isEmpty ? binaries.map(\.verdict) : applications.map(\.verdict)).worst
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
