import Foundation
import InstructionSets
import Readiness

extension ScanOptions {
    /// Merges `armready.yml` with the request: the request wins over single values, lists add
    /// up. Loads the rules, the target and the baseline, and creates the cache folder.
    /// - Throws: `.configuration` for rules, targets or the configuration file; `.badBaseline`;
    ///   `.unreadableFile` for a cache folder that cannot be created.
    package init(resolving request: ScanRequest) throws(ScanError) {
        let configuration: ScanConfiguration
        let rules: RuleSet
        let target: TargetProfile
        do {
            // A list alone is relative to the working directory, where its armready.yml is.
            let first = request.paths.first ?? (request.filesFrom == nil ? nil : ".")
            configuration = try ScanConfiguration.find(explicit: request.configFile, firstPath: first)
            let directories = configuration.rules + request.ruleDirectories
            (rules, target) = try RuleSet.load(
                userDirectories: directories, disabled: configuration.disable + request.disabled,
                target: request.target ?? configuration.target)
        } catch {
            throw .configuration(error)
        }
        let isa = !request.noISA && (configuration.isa ?? true)
        self.init(
            roots: request.paths, rules: rules, target: target,
            isa: isa
                ? ISAOptions(
                    maxDecodedBytes: request.isaMaxBytes,
                    workers: request.jobs ?? ProcessInfo.processInfo.activeProcessorCount) : nil,
            followSymlinks: request.followSymlinks || (configuration.followSymlinks ?? false),
            archives: !request.noArchives && (configuration.archives ?? true),
            excludes: configuration.exclude + request.excludes, suppressions: configuration.suppressions,
            failOn: request.failOn ?? configuration.failOn,
            failOnUnknown: request.failOnUnknown || (configuration.failOnUnknown ?? false),
            baseline: try request.baseline.map { path throws(ScanError) in try Baseline.load(path: path) },
            baselinePath: request.baseline, today: request.today, generatedAt: request.generatedAt,
            toolVersion: request.toolVersion, concurrency: request.jobs)
        fileList = try request.filesFrom.map { source throws(ScanError) in
            try FileList.read(source, nullSeparated: request.filesFromNullSeparated)
        }
        sizeBudget = request.maxFileSize ?? configuration.maxFileSize ?? ScanOptions.defaultSizeBudget
        shard = request.shard
        if let folder = request.cache ?? configuration.cache {
            // A cache that cannot be written would silently do nothing: say so instead.
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .unreadableFile(
                    path: folder, reason: "cannot create the cache folder (\(error.localizedDescription))")
            }
            cache = AnalysisCache(directory: folder, fingerprint: request.executableFingerprint())
        }
    }
}
