import BinaryFormats
import InstructionSets
import Readiness

/// Analyses one file: map it, skip it fast when the first bytes are not PE or ELF magic,
/// hash it, read it, profile its code, and rate it.
///
/// A file larger than `sizeBudget` is rated from its headers only: it is neither hashed nor
/// decoded (a sparse 20 GB file with an MZ header costs what its headers cost), and an
/// `over-budget` diagnostic says what was skipped.
struct BinaryAnalyzer: Sendable {
    let rules: RuleSet
    let target: TargetProfile
    let isa: ISAOptions?
    /// Look inside packages and installers (`PackageScanner`).
    var archives = true
    /// Compute SHA-256 digests (`ScanOptions.digests`).
    var digests = true
    /// Where analyses of binaries already seen are kept (`ScanOptions.cache`); needs digests.
    var cache: AnalysisCache?
    /// Files above this many bytes are not hashed or decoded (`ScanOptions.sizeBudget`).
    var sizeBudget = ScanOptions.defaultSizeBudget

    /// Reads of a file that changes underneath (`MappedFile.changedSinceOpened`) are thrown
    /// away and the file is read once more; a second change gives a `changed` diagnostic.
    func analyze(_ file: WalkedFile) -> FileOutcome {
        for _ in 0..<2 {
            let (outcome, changed) = analyzeOnce(file)
            if !changed { return outcome }
        }
        return .diagnostic(
            ScanDiagnostic(
                path: file.displayPath, kind: .changed,
                message: "changed while it was read (twice): not rated; scan it again once it is stable"))
    }

    private func analyzeOnce(_ file: WalkedFile) -> (outcome: FileOutcome, changed: Bool) {
        let mapped: MappedFile?
        do {
            // The directory's descriptor must stay open until `openat` has run.
            mapped = try withExtendedLifetime(file.directory) { () throws(BinaryFormatError) in
                try MappedFile.mapping(
                    at: file.directory.descriptor, name: file.name, followLink: file.followLink,
                    prefixLength: FormatSniffer.prefixLength
                ) { prefix in
                    FormatSniffer.sniff(prefix) != .notBinary
                        || (archives && PackageScanner.isPackage(prefix, path: file.displayPath))
                }
            }
        } catch {
            return (
                .diagnostic(
                    ScanDiagnostic(path: file.displayPath, kind: .unreadable, message: "cannot read: \(error)")),
                false
            )
        }
        guard let mapped else { return (.notBinary, false) }
        return withExtendedLifetime(mapped) { (analyze(file, mapped: mapped), mapped.changedSinceOpened) }
    }

    private func analyze(_ file: WalkedFile, mapped: MappedFile) -> FileOutcome {
        let bytes = mapped.bytes
        let sniffed = FormatSniffer.sniff(bytes)
        guard sniffed != .notBinary else {
            if archives, PackageScanner.isPackage(bytes, path: file.displayPath) {
                return PackageScanner(analyzer: self).scan(
                    bytes, displayPath: file.displayPath, lossy: file.displayIsLossy, release: mapped.releasePages,
                    siblings: siblings(of: file))
            }
            return .notBinary
        }
        guard bytes.count <= sizeBudget else {
            let outcome = analyze(
                bytes, sniffed: sniffed, displayPath: file.displayPath, lossy: file.displayIsLossy, sha256: nil,
                release: mapped.releasePages, headersOnly: true)
            guard case .binary = outcome else { return outcome }
            let skipped = [digests ? "no SHA-256" : nil, isa != nil ? "no instruction-set profile" : nil].compactMap {
                $0
            }
            let message =
                "the file is \(bytes.count) bytes, over the \(sizeBudget)-byte budget: rated from its headers only"
                + (skipped.isEmpty ? "" : " (\(skipped.joined(separator: ", ")))")
            return .several([
                outcome, .diagnostic(ScanDiagnostic(path: file.displayPath, kind: .overBudget, message: message)),
            ])
        }
        let outcome = analyze(
            bytes, sniffed: sniffed, displayPath: file.displayPath, lossy: file.displayIsLossy,
            sha256: digests ? Digest.sha256(mapped) : nil, release: mapped.releasePages,
            cacheable: { !mapped.changedSinceOpened })
        guard archives, sniffed == .pe, case let .binary(_, analysis, _) = outcome else { return outcome }
        // An installer: what it installs is in its payload, where a reader for it exists.
        if let engine = analysis.installer, engine.name != .zipSFX {
            return PackageScanner(analyzer: self).installerPayload(
                of: outcome, bytes, displayPath: file.displayPath, lossy: file.displayIsLossy, depth: 0)
        }
        // A self-extractor: a PE stub with a ZIP appended. What it installs is in the ZIP.
        guard ArchiveScanner.mayEndWithArchive(bytes) else { return outcome }
        let appended = PackageScanner(analyzer: self).scan(
            bytes, displayPath: file.displayPath, lossy: file.displayIsLossy, release: mapped.releasePages)
        if case .notBinary = appended { return outcome }
        return .several([outcome, appended])
    }

    /// Rates one binary's bytes. `release`, when given, drops decoded pages of a file mapping;
    /// it must be nil for bytes in ordinary memory (archive entries).
    /// - Parameters:
    ///   - headersOnly: read the headers and skip the instruction-set profile.
    ///   - cacheable: whether the digest and the analysis are of the same bytes, asked before
    ///     the analysis is cached: a file read through a mapping and hashed with `pread` may
    ///     have changed between the two.
    func analyze(
        _ bytes: UnsafeRawBufferPointer, sniffed: BinaryFormat, displayPath: String, lossy: Bool, sha256: String?,
        release: ((Range<Int>) -> Void)?, headersOnly: Bool = false, cacheable: () -> Bool = { true },
        package: PackageContext? = nil
    ) -> FileOutcome {
        let analysis: AnalyzedBinary
        if let cache, let sha256, let cached = cache.load(sha256: sha256, isa: isa) {
            analysis = cached
        } else {
            guard let fresh = self.analysis(of: bytes, sniffed: sniffed, release: release, headersOnly: headersOnly)
            else {
                return .notBinary
            }
            analysis = fresh
            if let cache, let sha256, cacheable() { cache.store(fresh, sha256: sha256, isa: isa) }
        }
        let identity = BinaryIdentity(path: displayPath, pathIsLossy: lossy, sha256: sha256, size: bytes.count)
        return .binary(identity, analysis, assess(analysis, at: displayPath, package: package))
    }

    /// Reads the image and profiles its code: everything that depends on the bytes alone.
    /// - Returns: nil when the reader finds no binary after all.
    private func analysis(
        of bytes: UnsafeRawBufferPointer, sniffed: BinaryFormat, release: ((Range<Int>) -> Void)?, headersOnly: Bool
    ) -> AnalyzedBinary? {
        let isa = headersOnly ? nil : self.isa
        switch BinaryReader.read(bytes: bytes, options: isa == nil ? .headers : .full) {
        case .notBinary:
            return nil
        case let .failed(format, reason):
            return .failed(format ?? sniffed, reason: reason.description)
        case let .image(image):
            let profile = isa.map { ISAAnalyzer.profile(image: image, bytes: bytes, options: $0, release: release) }
            let installer =
                image.format == .pe && !headersOnly ? InstallerEngineDetector.detect(image: image, bytes: bytes) : nil
            return AnalyzedBinary(
                failure: nil, format: image.format, machine: image.machine, machineName: image.machineName,
                kind: image.kind,
                bits: image.bits, details: BinaryDetails(image), isa: profile,
                facts: TypedFacts(FactsBuilder.facts(for: image, profile: profile)), imports: image.pe?.imports ?? [],
                warnings: image.warnings, installer: installer)
        }
    }

    /// Files beside a walked file, read whole up to a limit; only plain names (an MSI's
    /// Media table is file data: a name with a separator could point anywhere).
    private func siblings(of file: WalkedFile) -> SiblingFiles {
        SiblingFiles(
            read: { name, limit in
                guard !name.isEmpty, !name.contains("/"), !name.contains("\\"), name != ".", name != ".." else {
                    return .failure(.init(description: "its name \"\(name)\" is not a plain file name"))
                }
                do {
                    let mapped = try withExtendedLifetime(file.directory) { () throws(BinaryFormatError) in
                        try MappedFile.mapping(
                            at: file.directory.descriptor, name: Array(name.utf8), followLink: false,
                            prefixLength: FormatSniffer.prefixLength
                        ) { _ in true }
                    }
                    guard let mapped else { return .failure(.init(description: "\(name) is empty")) }
                    guard UInt64(mapped.bytes.count) <= limit else {
                        return .failure(.init(description: "\(name) is larger than the scan's unpacking budget"))
                    }
                    return .success(withExtendedLifetime(mapped) { Array(mapped.bytes) })
                } catch {
                    return .failure(.init(description: "it is not beside the MSI (\(error))"))
                }
            },
            names: {
                let own = file.name
                guard case let .success(entries) = file.directory.freshEntries() else { return [] }
                return entries.compactMap { entry in
                    entry.name == own ? nil : String(validating: entry.name, as: UTF8.self)
                }
            })
    }

    private func installerFacts(_ engine: InstallerEngine) -> Facts {
        var facts = Facts()
        facts[.installerEngine] = .string(engine.name.rawValue)
        if let version = engine.version { facts[.installerVersion] = .string(version) }
        facts[.installerPayloadExamined] = .bool(archives && InstallerPayloadScanner.examines(engine))
        return facts
    }

    /// Rates a binary on its own, at its path, with the scan's rules and target.
    private func assess(_ analysis: AnalyzedBinary, at path: String, package: PackageContext?) -> AssessedBinary {
        if let failure = analysis.failure {
            var assessed = AssessedBinary(
                path: path, facts: Facts(), imports: [], assessment: .unknown(reason: failure, target: target.name))
            assessed.package = package
            return assessed
        }
        var facts = analysis.facts.facts.merging(FactsBuilder.fileFacts(path: path))
        if let package { facts = facts.merging(package.facts) }
        if let installer = analysis.installer { facts = facts.merging(installerFacts(installer)) }
        var assessed = AssessedBinary(
            path: path, facts: facts, imports: analysis.imports,
            assessment: Evaluator.evaluate(facts: facts, rules: rules, target: target))
        assessed.package = package
        return assessed
    }
}
