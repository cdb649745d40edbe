import Readiness
import Scanning

extension ScanInputOptions {
    /// The request these options make, for the Scanning front end (`ScanOptions(resolving:)`).
    func request(failOn: Verdict? = nil, failOnUnknown: Bool = false, baseline: String? = nil, timestamp: Bool = false)
        -> ScanRequest
    {
        var request = ScanRequest(
            paths: roots, isaMaxBytes: isaMaxBytes, today: Timestamp.today(), toolVersion: ArmreadyVersion.current,
            executableFingerprint: { AnalysisCache.executableFingerprint(fallback: ArmreadyVersion.current) })
        request.configFile = config
        request.target = ruleOptions.target
        request.ruleDirectories = ruleOptions.ruleDirectories
        request.disabled = ruleOptions.disabled
        request.excludes = exclude
        request.filesFrom = filesFrom
        request.filesFromNullSeparated = nullSeparated
        request.followSymlinks = followSymlinks
        request.noArchives = noArchives
        request.noISA = noISA
        request.jobs = jobs
        request.cache = cache
        request.maxFileSize = maxFileSize
        request.failOn = failOn
        request.failOnUnknown = failOnUnknown
        request.baseline = baseline
        request.generatedAt = Timestamp.now(explicit: timestamp)
        return request
    }
}
