import Scanning

/// Turns a report path into a SARIF artifact location relative to the checkout.
///
/// A report path is relative to its scan root, and starts with the root's name when several
/// roots were scanned (a `--files-from` entry is its path from the root `.`, without `./`); a
/// single root that is a file is named by its last component. The file
/// on disk is the path up to an archive entry (`app.whl!/lib/x.so` is `app.whl`). Inside the
/// source root the URI is relative to `%SRCROOT%`; a file outside it gets the base `ROOT<n>`
/// (its root's position in `ScanReport.roots`), declared in `originalUriBaseIds`, and a URI
/// relative to that root. No URI is absolute or climbs with `..` (GitHub drops both:
/// ci-and-reports.md §3, pitfall 2).
struct SARIFArtifactLocator {
    struct Location: Equatable {
        /// Unencoded, relative to `baseID`.
        var path: String
        var baseID: String
        /// The entry inside the archive `path` names, for files found in packages.
        var archiveEntry: String?
        /// What names the file across rebuilds and scans for fingerprints: the path relative to
        /// the checkout (with the archive entry), or the report path for a file outside it.
        var identity: String
        /// Index in `ScanReport.roots` of the root outside the source root; nil inside.
        var outsideRoot: Int?
    }

    static let sourceRootID = "%SRCROOT%"

    let layout: SARIFSourceLayout
    /// `(index in layout.roots, trimmed name)`, longest name first, so `a/b` wins over `a`.
    private let prefixes: [(index: Int, name: String)]

    init(layout: SARIFSourceLayout) {
        self.layout = layout
        prefixes = layout.roots.enumerated().map { ($0.offset, SARIFPath.trimmedRoot($0.element.name)) }
            .sorted { $0.name.count > $1.name.count }
    }

    static func baseID(forOutsideRoot index: Int) -> String { "ROOT\(index + 1)" }

    func locate(_ reportPath: String) -> Location {
        let (file, entry) = ArchiveEntryPath.split(reportPath)
        guard let (index, inRoot) = root(of: file) else {
            // Only a report whose paths match none of its roots (edited by hand) gets here.
            let path = SARIFPath.normalized(file).dropFirst()
            return Location(
                path: String(path), baseID: Self.sourceRootID, archiveEntry: entry, identity: reportPath,
                outsideRoot: nil)
        }
        let root = layout.roots[index]
        let absolute = root.isDirectory ? SARIFPath.normalized(root.absolutePath + "/" + inRoot) : root.absolutePath
        if let relative = SARIFPath.relative(absolute, to: layout.sourceRoot), !relative.isEmpty {
            return Location(
                path: relative, baseID: Self.sourceRootID, archiveEntry: entry,
                identity: relative + (entry.map { "!/" + $0 } ?? ""), outsideRoot: nil)
        }
        let path = root.isDirectory ? inRoot : SARIFPath.lastComponent(root.absolutePath)
        return Location(
            path: path, baseID: Self.baseID(forOutsideRoot: index), archiveEntry: entry, identity: reportPath,
            outsideRoot: index)
    }

    /// The root a file's report path belongs to, and the path inside that root (empty for a
    /// root that is the file itself).
    private func root(of file: String) -> (Int, String)? {
        if layout.roots.count == 1, let only = layout.roots.first {
            return (0, only.isDirectory ? file : "")
        }
        for (index, name) in prefixes {
            if file == name { return (index, "") }
            if name == "/" ? file.hasPrefix("/") : file.hasPrefix(name + "/") {
                return (index, String(file.dropFirst(name == "/" ? 1 : name.count + 1)))
            }
        }
        // `--files-from` entries are reported by their paths from the working directory, `.`.
        return prefixes.first { $0.name == "." }.map { ($0.index, file) }
    }
}
