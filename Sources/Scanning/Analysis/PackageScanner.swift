import BinaryFormats
import Readiness

/// Opens packages and installers and rates what they carry, at any depth within one
/// `PackageBudget`: ZIP-based packages (`ArchiveScanner`), MSIs, cabinets, 7z archives, and the
/// packages inside them. Every
/// binary found is rated under its path inside the package (`setup.zip!/app/x.dll`) with the
/// innermost package's declarations as `package.*` facts (`PackageContext`).
struct PackageScanner {
    let analyzer: BinaryAnalyzer
    let budget = PackageBudget()

    /// The container formats a member's first bytes can start.
    enum Container {
        case zip, msi, cab, sevenZip

        /// The container a member starts, by its first bytes (and, for a ZIP, a package's name:
        /// a `.docx` or `.xlsx` is a ZIP too, and carries no binaries).
        static func of(prefix: [UInt8], name: String) -> Container? {
            if prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]), ArchiveScanner.hasArchiveExtension(name) { return .zip }
            if prefix.starts(with: [0x4D, 0x53, 0x43, 0x46]) { return .cab }
            if prefix.starts(with: SevenZipArchive.signature.prefix(FormatSniffer.prefixLength)) { return .sevenZip }
            // Compound files are also Office documents; inside an installer they are MSIs.
            if prefix.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return .msi }
            return nil
        }

        static func of(_ bytes: UnsafeRawBufferPointer, name: String) -> Container? {
            of(prefix: Array(bytes.prefix(FormatSniffer.prefixLength)), name: name)
        }
    }

    static let msiExtensions: Set<String> = ["msi", "msm", "msp"]

    /// Whether a walked file is a package to open: named as a ZIP-based package (it may follow
    /// a stub), a cabinet or 7z archive by its signature, or a compound file named as an MSI.
    static func isPackage(_ prefix: UnsafeRawBufferPointer, path: String) -> Bool {
        guard prefix.count >= FormatSniffer.prefixLength else { return false }
        if ArchiveScanner.hasArchiveExtension(path) { return true }
        switch Container.of(prefix, name: path) {
        case .cab?, .sevenZip?: return true
        case .msi?: return msiExtensions.contains(ArchiveScanner.lastExtension(path) ?? "")
        default: return false
        }
    }

    /// Rates a package file (a walked file, or a member unpacked from another package).
    /// - Parameters:
    ///   - depth: the package's own level: 1 for a walked file.
    ///   - outer: the package this one was found in.
    /// - Returns: `.notBinary` for a file named as a package that is none.
    func scan(
        _ bytes: UnsafeRawBufferPointer, displayPath: String, lossy: Bool, release: ((Range<Int>) -> Void)?,
        depth: Int = 1, siblings: SiblingFiles? = nil
    ) -> FileOutcome {
        switch Container.of(bytes, name: displayPath) {
        case .cab? where depth == 1:
            // An MSI's external cabinet is rated with the MSI, under its install paths.
            let name = String(displayPath.split(separator: "/").last ?? Substring(displayPath))
            if let msi = siblings?.msi(naming: name) {
                return .diagnostic(
                    ScanDiagnostic(
                        path: displayPath, kind: .ratedElsewhere,
                        message:
                            "not rated on its own: it is the external cabinet of \(msi) beside it, whose files are rated under that MSI's install paths"
                    ))
            }
            return CabinetScanner(packages: self).scan(
                bytes, displayPath: displayPath, lossy: lossy, depth: depth,
                context: PackageContext(kind: "cab", name: displayPath))
        case .cab?:
            return CabinetScanner(packages: self).scan(
                bytes, displayPath: displayPath, lossy: lossy, depth: depth,
                context: PackageContext(kind: "cab", name: displayPath))
        case .sevenZip?:
            return SevenZipScanner(packages: self).scan(
                bytes, displayPath: displayPath, lossy: lossy, depth: depth,
                context: PackageContext(kind: "7z", name: displayPath))
        case .msi?:
            return MSIScanner(packages: self).scan(
                bytes, displayPath: displayPath, lossy: lossy, depth: depth, siblings: siblings)
        case .zip?, nil:
            return ArchiveScanner(packages: self).scan(
                bytes, displayPath: displayPath, lossy: lossy, release: release, depth: depth)
        }
    }

    /// Whether `rateMember` reads a member with these first bytes whole: a binary, or a
    /// package inside the package.
    static func readsWhole(prefix: [UInt8], path: String) -> Bool {
        let sniffed = prefix.prefix(FormatSniffer.prefixLength).withUnsafeBytes { FormatSniffer.sniff($0) }
        return sniffed != .notBinary || Container.of(prefix: prefix, name: path) != nil
    }

    /// Rates one member of a package: a binary under its path with the package's facts, a
    /// package inside the package within the budget, and nothing else.
    /// - Parameters:
    ///   - size: the member's unpacked size, as its package's directory states it.
    ///   - prefix: the member's first `FormatSniffer.prefixLength` bytes, unpacking no more than that needs.
    ///   - contents: the member's whole bytes.
    func rateMember(
        path: String, size: UInt64, depth: Int, context: PackageContext, lossy: Bool,
        prefix: () throws(BinaryFormatError) -> [UInt8],
        contents: () throws(BinaryFormatError) -> PackageMemberBytes
    ) -> FileOutcome {
        do {
            let first = try prefix()
            let sniffed = first.prefix(FormatSniffer.prefixLength).withUnsafeBytes { FormatSniffer.sniff($0) }
            if sniffed == .notBinary {
                guard Container.of(prefix: first, name: path) != nil else { return .notBinary }
                guard depth < PackageBudget.maxDepth else {
                    return .diagnostic(
                        ScanDiagnostic(
                            path: path, kind: .notOpened,
                            message:
                                "a package nested \(depth + 1) levels deep is not opened (the budget stops at \(PackageBudget.maxDepth) levels); the binaries in it are not rated"
                        ))
                }
                guard budget.takeBytes(size) else { return spent(path, size: size) }
                let bytes = try contents()
                return bytes.withBytes { raw in
                    scan(raw, displayPath: path, lossy: lossy, release: bytes.release, depth: depth + 1)
                }
            }
            guard budget.takeBytes(size) else { return spent(path, size: size) }
            let bytes = try contents()
            return bytes.withBytes { raw in
                let outcome = analyzer.analyze(
                    raw, sniffed: sniffed, displayPath: path, lossy: lossy,
                    sha256: analyzer.digests ? bytes.sha256() : nil, release: bytes.release, package: context)
                return installerPayload(of: outcome, raw, displayPath: path, lossy: lossy, depth: depth)
            }
        } catch {
            return .diagnostic(
                ScanDiagnostic(path: path, kind: .unreadable, message: "cannot read the archive entry: \(error)"))
        }
    }

    /// An installer's outcome with what its payload holds (R26), where a reader for it exists
    /// and the budget allows another level: a Burn bundle or a self-extractor inside a package
    /// is opened as it would be on disk.
    func installerPayload(
        of outcome: FileOutcome, _ bytes: UnsafeRawBufferPointer, displayPath: String, lossy: Bool, depth: Int
    ) -> FileOutcome {
        guard case let .binary(_, analysis, _) = outcome, let engine = analysis.installer, engine.name != .zipSFX,
            InstallerPayloadScanner.examines(engine)
        else { return outcome }
        guard depth < PackageBudget.maxDepth else {
            return .several([
                outcome,
                .diagnostic(
                    ScanDiagnostic(
                        path: displayPath, kind: .notOpened,
                        message:
                            "the installer's payload is \(depth + 1) levels deep and is not opened (the budget stops at \(PackageBudget.maxDepth) levels)"
                    )),
            ])
        }
        let payload = InstallerPayloadScanner(packages: self).scan(
            engine, bytes: bytes, displayPath: displayPath, lossy: lossy, depth: depth + 1)
        return .several([outcome, payload])
    }

    private func spent(_ path: String, size: UInt64) -> FileOutcome {
        .diagnostic(
            ScanDiagnostic(
                path: path, kind: .overBudget,
                message: "not unpacked: its \(size) bytes would exceed \(budget.bytesSentence); it is not rated"))
    }
}
