import Foundation
import InstructionSets
import Readiness
import Scanning

/// Merges `armready.yml` with the command line into `ScanOptions`: flags win over single
/// values, lists add up.
struct ScanSetup {
    var options: ScanOptions
    var template: String?

    init(
        input: ScanInputOptions, failOn: Verdict? = nil, failOnUnknown: Bool = false, baseline baselinePath: String? = nil,
        template templatePath: String? = nil, timestamp: Bool = false
    ) throws {
        let configuration = try Self.configuration(explicit: input.config, firstPath: input.paths.first)
        let (rules, target) = try input.ruleOptions.load(
            extraDirectories: configuration.rules, extraDisabled: configuration.disable, configTarget: configuration.target)
        let isaEnabled = !input.noISA && (configuration.isa ?? true)
        let baseline = try baselinePath.map { path throws(ScanError) in try Baseline.load(path: path) }
        options = ScanOptions(
            roots: input.paths, rules: rules, target: target,
            isa: isaEnabled ? ISAOptions(maxDecodedBytes: input.isaMaxBytes) : nil,
            followSymlinks: input.followSymlinks || (configuration.followSymlinks ?? false),
            archives: !input.noArchives && (configuration.archives ?? true),
            excludes: configuration.exclude + input.exclude, suppressions: configuration.suppressions,
            failOn: failOn ?? configuration.failOn,
            failOnUnknown: failOnUnknown || (configuration.failOnUnknown ?? false),
            baseline: baseline, baselinePath: baselinePath, today: Timestamp.today(),
            generatedAt: Timestamp.now(explicit: timestamp), toolVersion: ArmreadyVersion.current, concurrency: input.jobs)
        if let folder = input.cache ?? configuration.cache {
            // A cache that cannot be written would silently do nothing: say so instead.
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw ScanError.unreadableFile(path: folder, reason: "cannot create the cache folder (\(error.localizedDescription))")
            }
            options.cache = AnalysisCache(
                directory: folder, fingerprint: AnalysisCache.executableFingerprint(fallback: ArmreadyVersion.current))
        }
        if let path = templatePath {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ScanError.unreadableFile(path: path, reason: "cannot read the HTML template")
            }
            template = text
        }
    }

    /// `--config FILE`, else `armready.yml` in the first scanned directory, else defaults.
    static func configuration(explicit: String?, firstPath: String?) throws(ReadinessError) -> ScanConfiguration {
        if let explicit { return try ScanConfiguration.load(path: explicit) }
        guard let firstPath else { return ScanConfiguration() }
        let candidate = (firstPath as NSString).appendingPathComponent(ScanConfiguration.fileName)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: firstPath, isDirectory: &isDirectory), isDirectory.boolValue,
            FileManager.default.fileExists(atPath: candidate)
        else { return ScanConfiguration() }
        return try ScanConfiguration.load(path: candidate)
    }
}

/// Times for reports: `SOURCE_DATE_EPOCH` (reproducible builds) wins over the clock.
enum Timestamp {
    static func now(explicit: Bool) -> String? {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(epoch) {
            return format(Date(timeIntervalSince1970: seconds))
        }
        return explicit ? format(Date()) : nil
    }

    static func today() -> String {
        String(format(Date()).prefix(10))
    }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
