import BinaryFormats
import InstructionSets
import Readiness

/// One binary after analysis: its report entry, plus what application-level analysis needs.
struct AnalyzedBinary: Sendable {
    var result: BinaryResult
    /// The facts the rules saw (without `target.*`), for evaluating the binary in its host's
    /// context later.
    var facts: Facts
    /// PE imports (lower-case DLL names), for resolving them inside the application.
    var imports: [String]
}

/// What happened to one walked file (or one archive entry).
enum FileOutcome: Sendable {
    case binary(AnalyzedBinary)
    case notBinary
    case unreadable(ScanDiagnostic)
    /// A ZIP-based package: what happened to each of its entries.
    case archive([FileOutcome])
}

/// Analyses one file: map it, skip it fast when the first bytes are not PE or ELF magic,
/// hash it, read it, profile its code, and rate it.
struct BinaryAnalyzer: Sendable {
    let rules: RuleSet
    let target: TargetProfile
    let isa: ISAOptions?
    /// Look inside ZIP-based packages (`ArchiveScanner.extensions`).
    var archives = true
    /// Compute SHA-256 digests (`ScanOptions.digests`).
    var digests = true
    /// Where extractions of binaries already seen are kept (`ScanOptions.cache`); needs digests.
    var cache: AnalysisCache?

    func analyze(_ file: WalkedFile) -> FileOutcome {
        let mapped: MappedFile?
        do {
            mapped = try MappedFile.mapping(pathBytes: file.openPath, prefixLength: FormatSniffer.prefixLength) { prefix in
                FormatSniffer.sniff(prefix) != .notBinary || (archives && ArchiveScanner.isArchive(prefix, path: file.displayPath))
            }
        } catch {
            return .unreadable(ScanDiagnostic(path: file.displayPath, kind: .unreadable, message: "cannot read: \(error)"))
        }
        guard let mapped else { return .notBinary }
        return withExtendedLifetime(mapped) { analyze(file, mapped: mapped) }
    }

    private func analyze(_ file: WalkedFile, mapped: MappedFile) -> FileOutcome {
        let bytes = mapped.bytes
        let sniffed = FormatSniffer.sniff(bytes)
        guard sniffed != .notBinary else {
            if archives, ArchiveScanner.isArchive(bytes, path: file.displayPath) {
                return ArchiveScanner(analyzer: self).scan(
                    bytes, displayPath: file.displayPath, lossy: file.displayIsLossy, release: mapped.releasePages)
            }
            return .notBinary
        }
        return analyze(
            bytes, sniffed: sniffed, displayPath: file.displayPath, lossy: file.displayIsLossy,
            sha256: digests ? Digest.sha256(mapped) : nil, release: mapped.releasePages)
    }

    /// Rates one binary's bytes. `release`, when given, drops decoded pages of a file mapping;
    /// it must be nil for bytes in ordinary memory (archive entries).
    func analyze(
        _ bytes: UnsafeRawBufferPointer, sniffed: BinaryFormat, displayPath: String, lossy: Bool, sha256: String?,
        release: ((Range<Int>) -> Void)?
    ) -> FileOutcome {
        let extraction: Extraction
        if let cache, let sha256, let cached = cache.load(sha256: sha256, isa: isa) {
            extraction = cached
        } else {
            guard let fresh = extract(bytes, sniffed: sniffed, release: release) else { return .notBinary }
            extraction = fresh
            if let cache, let sha256 { cache.store(fresh, sha256: sha256, isa: isa) }
        }
        return .binary(rate(extraction, size: bytes.count, displayPath: displayPath, lossy: lossy, sha256: sha256))
    }

    /// Reads the image and profiles its code: everything that depends on the bytes alone.
    /// - Returns: nil when the reader finds no binary after all.
    private func extract(_ bytes: UnsafeRawBufferPointer, sniffed: BinaryFormat, release: ((Range<Int>) -> Void)?) -> Extraction? {
        switch BinaryReader.read(bytes: bytes, options: isa == nil ? .headers : .full) {
        case .notBinary:
            return nil
        case let .failed(format, reason):
            return .failed(format ?? sniffed, reason: reason.description)
        case let .image(image):
            let profile = isa.map { ISAAnalyzer.profile(image: image, bytes: bytes, options: $0, release: release) }
            let isaFacts = profile.map { ISAFacts.facts(for: $0, image: image) } ?? [:]
            return Extraction(
                failure: nil, format: image.format, machine: image.machine, machineName: image.machineName, kind: image.kind,
                bits: image.bits, details: BinaryDetails(image), isa: profile,
                facts: CachedFacts(FactsBuilder.facts(for: image, isa: isaFacts)), imports: image.pe?.imports ?? [])
        }
    }

    /// Rates an extraction at its path with the scan's rules and target.
    private func rate(_ extraction: Extraction, size: Int, displayPath: String, lossy: Bool, sha256: String?) -> AnalyzedBinary {
        if let failure = extraction.failure {
            let result = BinaryResult(
                path: displayPath, pathIsLossy: lossy, sha256: sha256, size: size, application: "", format: extraction.format,
                machine: nil, machineName: nil, execution: .other, kind: nil, bits: nil, verdict: .unknown, reason: failure,
                findings: [], details: nil, isa: nil)
            return AnalyzedBinary(result: result, facts: Facts(), imports: [])
        }
        var facts = extraction.facts.facts
        for (name, value) in FactsBuilder.fileFacts(path: displayPath) { facts[name] = value }
        let assessment = Evaluator.evaluate(facts: facts, rules: rules, target: target)
        let result = BinaryResult(
            path: displayPath, pathIsLossy: lossy, sha256: sha256, size: size, application: "", format: extraction.format,
            machine: extraction.machine, machineName: extraction.machineName, execution: assessment.execution,
            kind: extraction.kind, bits: extraction.bits, verdict: assessment.verdict, reason: assessment.reason,
            findings: assessment.findings.map(FindingResult.init), details: extraction.details, isa: extraction.isa)
        return AnalyzedBinary(result: result, facts: facts, imports: extraction.imports)
    }
}

extension FindingResult {
    init(_ finding: Finding) {
        self.init(
            rule: finding.ruleID, title: finding.title, verdict: finding.verdict, confidence: finding.confidence,
            message: finding.message, remediation: finding.remediation, references: finding.references,
            source: finding.source)
    }
}

extension BinaryDetails {
    /// The detail-view summary of an image.
    init(_ image: BinaryImage) {
        self.init()
        if let pe = image.pe {
            subsystem = PESubsystem.name(pe.subsystem)
            imports = pe.imports
            exportCount = pe.exports?.entries.count ?? 0
            sections = pe.sections.map(\.name)
            hybridKind = pe.hybrid?.kind.rawValue
            nativeCodeShare = pe.nativeCodeShare
            if let clr = pe.clr {
                if clr.ilOnly { dotnetFlags.append("ILONLY") }
                if clr.requires32Bit { dotnetFlags.append("32BITREQUIRED") }
                if clr.prefers32Bit { dotnetFlags.append("32BITPREFERRED") }
                if clr.readyToRun { dotnetFlags.append("READYTORUN") }
            }
            manifestArchitectures = pe.manifest?.supportedArchitectures
            productName = pe.version?.productName
            companyName = pe.version?.companyName
            fileVersion = pe.version?.fileVersion
        }
        if let elf = image.elf {
            sections = elf.sections.map(\.name).filter { !$0.isEmpty }
            interpreter = elf.interpreter
            needed = elf.needed
            x86ISANeeded = elf.x86ISANeeded
            aarch64Features = elf.aarch64Features
        }
    }
}
