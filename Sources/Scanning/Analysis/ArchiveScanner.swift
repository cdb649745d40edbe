import BinaryFormats

/// Looks inside ZIP-based packages — Python wheels, NuGet packages, MSIX/APPX, VSIX, JAR and
/// plain ZIP files — and rates the PE and ELF files they carry, so `armready scan dist/`
/// covers what a package will install. Entries are reported as `package.whl!/path/in/it`.
///
/// Each entry's first bytes are inflated first, and only PE/ELF entries are inflated whole
/// (bounded by `ReadLimits.maxArchiveEntryBytes` and the compression-ratio cap): in memory up
/// to `ZipArchive.inMemoryLimit`, into an unlinked, mapped temporary file above it, so memory
/// stays bounded. Archives inside archives are not opened.
struct ArchiveScanner {
    static let extensions: Set<String> = [
        "zip", "whl", "egg", "nupkg", "snupkg", "msix", "appx", "vsix", "jar", "war",
    ]

    let analyzer: BinaryAnalyzer

    static func isArchive(_ bytes: UnsafeRawBufferPointer, path: String) -> Bool {
        guard bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4B, bytes[2] == 0x03, bytes[3] == 0x04 else { return false }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return false }
        return extensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// - Parameter release: drops pages of the archive's mapping once an entry is done with,
    ///   so the compressed data of a large package does not stay resident.
    func scan(_ bytes: UnsafeRawBufferPointer, displayPath: String, lossy: Bool, release: ((Range<Int>) -> Void)?) -> FileOutcome {
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes)
        } catch {
            return .unreadable(ScanDiagnostic(path: displayPath, kind: .unreadable, message: "cannot read the archive: \(error)"))
        }
        var outcomes: [FileOutcome] = []
        var seen = Set<String>()
        for entry in archive.entries where !entry.isDirectory {
            let path = displayPath + "!/" + entry.name
            guard seen.insert(entry.name).inserted else {
                outcomes.append(.unreadable(ScanDiagnostic(
                    path: path, kind: .unreadable, message: "the archive names this entry more than once; only the first is rated")))
                continue
            }
            defer { if let release, let range = archive.storedRange(of: entry) { release(range) } }
            do {
                let prefix = try archive.prefix(of: entry, length: FormatSniffer.prefixLength)
                let sniffed = prefix.withUnsafeBytes { FormatSniffer.sniff($0) }
                guard sniffed != .notBinary else {
                    outcomes.append(.notBinary)
                    continue
                }
                if entry.uncompressedSize > ZipArchive.inMemoryLimit {
                    let file = try archive.extractToTemporaryFile(entry)
                    outcomes.append(withExtendedLifetime(file) {
                        analyzer.analyze(
                            file.bytes, sniffed: sniffed, displayPath: path, lossy: lossy, sha256: analyzer.digests ? Digest.sha256(file) : nil,
                            release: file.releasePages)
                    })
                } else {
                    let contents = try archive.contents(of: entry)
                    outcomes.append(contents.withUnsafeBytes { raw in
                        analyzer.analyze(raw, sniffed: sniffed, displayPath: path, lossy: lossy, sha256: analyzer.digests ? Digest.sha256(raw) : nil, release: nil)
                    })
                }
            } catch {
                outcomes.append(.unreadable(ScanDiagnostic(path: path, kind: .unreadable, message: "cannot read the archive entry: \(error)")))
            }
        }
        return .archive(outcomes)
    }
}
