import BinaryFormats

/// Looks inside ZIP-based packages — Python wheels, NuGet packages, MSIX/APPX and their
/// bundles, VSIX, JAR and plain ZIP files — and rates the PE and ELF files they carry, so
/// `armready scan dist/` covers what a package will install. Entries are reported as
/// `package.whl!/path/in/it`, with what the package declares (`ZipPackageDeclarations`).
///
/// Each entry's first bytes are inflated first (a few bytes from at most
/// `ZipArchive.sniffInputBudget` compressed ones), and only PE/ELF entries and packages inside
/// the package are inflated whole, after the size and compression-ratio checks
/// (`ReadLimits.maxArchiveEntryBytes`, `ReadLimits.maxCompressionRatio`) and within the scan's
/// `PackageBudget`: in memory up to `ZipArchive.inMemoryLimit`, into an unlinked, mapped
/// temporary file above it, so memory stays bounded. Entries that share an earlier entry's data
/// are not read again, so work grows with the archive's bytes, not with its directory. What is
/// not read is said in a diagnostic: records that disagree and shared entries
/// (`inconsistent-archive`), the packages of a bundle an Arm64 device does not install and
/// nesting past the budget (`not-opened`).
struct ArchiveScanner {
    static let extensions: Set<String> = [
        "zip", "whl", "egg", "nupkg", "snupkg", "msix", "appx", "msixbundle", "appxbundle", "vsix", "jar", "war",
    ]

    let packages: PackageScanner

    /// Whether a file is named as a package and long enough to sniff. Whether it is a ZIP is
    /// `scan`'s question: the archive may follow a stub (a self-extractor), found from its end
    /// record as `unzip` finds it.
    static func isArchive(_ bytes: UnsafeRawBufferPointer, path: String) -> Bool {
        bytes.count >= FormatSniffer.prefixLength && hasArchiveExtension(path)
    }

    /// Whether a file that is not named as a package may still end with one (a self-extractor:
    /// an executable stub with a ZIP appended): a ZIP end record signature where `unzip`
    /// looks for it, in the last 64 KiB. `scan` then decides whether it is one.
    static func mayEndWithArchive(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 22 else { return false }
        var offset = bytes.count - 22
        let lowest = max(0, offset - 0xFFFF)
        while offset >= lowest {
            if bytes[offset] == 0x50, bytes[offset + 1] == 0x4B, bytes[offset + 2] == 0x05, bytes[offset + 3] == 0x06 {
                return true
            }
            offset -= 1
        }
        return false
    }

    static func hasArchiveExtension(_ path: String) -> Bool {
        guard let fileExtension = lastExtension(path) else { return false }
        return extensions.contains(fileExtension)
    }

    /// The lower-cased extension of a path's last component, found from the end: a path
    /// thousands of levels deep costs no more.
    static func lastExtension(_ path: String) -> String? {
        var name = Substring(path)
        while name.hasSuffix("/") { name.removeLast() }
        if let slash = name.utf8.lastIndex(of: UInt8(ascii: "/")) { name = name[name.utf8.index(after: slash)...] }
        guard let dot = name.lastIndex(of: ".") else { return nil }
        return name[name.index(after: dot)...].lowercased()
    }

    /// - Parameters:
    ///   - release: drops pages of the archive's mapping once an entry is done with, so the
    ///     compressed data of a large package does not stay resident.
    ///   - depth: the archive's level of nesting, 1 for a walked file.
    /// - Returns: `.notBinary` for a file named as a package that is no ZIP at all (neither a
    ///   local header at its start nor an end record).
    func scan(
        _ bytes: UnsafeRawBufferPointer, displayPath: String, lossy: Bool, release: ((Range<Int>) -> Void)?,
        depth: Int = 1
    ) -> FileOutcome {
        let startsAsZip =
            bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes)
        } catch {
            guard startsAsZip else { return .notBinary }
            return .diagnostic(
                ScanDiagnostic(path: displayPath, kind: .unreadable, message: "cannot read the archive: \(error)"))
        }
        return scan(archive, displayPath: displayPath, lossy: lossy, release: release, depth: depth)
    }

    /// Rates the binaries in an archive already read (`archive.work` then tells what it cost).
    func scan(
        _ archive: ZipArchive, displayPath: String, lossy: Bool, release: ((Range<Int>) -> Void)?, depth: Int = 1
    ) -> FileOutcome {
        var outcomes: [FileOutcome] = archive.inconsistencies.map { message in
            .diagnostic(ScanDiagnostic(path: displayPath, kind: .inconsistentArchive, message: message))
        }
        guard packages.budget.takeMembers(archive.entries.count) else {
            return .diagnostic(
                ScanDiagnostic(
                    path: displayPath, kind: .overBudget,
                    message:
                        "not opened: its \(archive.entries.count) entries would exceed the scan's budget of \(PackageBudget.maxMembers) package members listed from one file"
                ))
        }
        let declarations = ZipPackageDeclarations(archive, displayPath: displayPath)
        outcomes += declarations.diagnostics
        var seen = Set<String>()
        var sharing: [String] = []
        for (index, entry) in archive.entries.enumerated() where !entry.isDirectory {
            let path = displayPath + "!/" + entry.name
            guard seen.insert(entry.name).inserted else {
                outcomes.append(
                    .diagnostic(
                        ScanDiagnostic(
                            path: path, kind: .unreadable,
                            message: "the archive names this entry more than once; only the first is rated")))
                continue
            }
            guard archive.dataOwner(of: index) == index else {
                sharing.append(entry.name)
                continue
            }
            if let skipped = declarations.skipReason(entry.name) {
                outcomes.append(.diagnostic(ScanDiagnostic(path: path, kind: .notOpened, message: skipped)))
                continue
            }
            defer { if let release, let range = archive.storedRange(of: entry) { release(range) } }
            outcomes.append(
                packages.rateMember(
                    path: path, size: entry.uncompressedSize, depth: depth, context: declarations.context,
                    lossy: lossy,
                    prefix: { () throws(BinaryFormatError) in
                        try archive.prefix(of: entry, length: FormatSniffer.prefixLength)
                    },
                    contents: { () throws(BinaryFormatError) in
                        entry.uncompressedSize > ZipArchive.inMemoryLimit
                            ? .file(try archive.extractToTemporaryFile(entry))
                            : .memory(try archive.contents(of: entry))
                    }))
        }
        if let first = sharing.first {
            let entries = sharing.count == 1 ? "1 entry shares" : "\(sharing.count) entries share"
            outcomes.append(
                .diagnostic(
                    ScanDiagnostic(
                        path: displayPath, kind: .inconsistentArchive,
                        message:
                            "\(entries) the local header and data of an earlier entry (overlapping entries, a zip-bomb shape) "
                            + "and \(sharing.count == 1 ? "was" : "were") not read, the first \"\(first)\"")))
        }
        return .several(outcomes)
    }
}
