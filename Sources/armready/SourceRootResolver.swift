import Foundation
import Reporting

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the checkout and the scanned roots on disk for SARIF (`--source-root`), the one place
/// that looks at the file system for it; `SARIFArtifactLocator` then works on paths alone.
enum SourceRootResolver {
    /// - Parameters:
    ///   - explicit: `--source-root` (`ReportOptions.validate` checked that it is a directory);
    ///     else `GITHUB_WORKSPACE` when it names a directory, else the working directory.
    ///   - roots: the report's roots, as given on the command line.
    static func layout(explicit: String?, roots: [String], environment: [String: String]) -> SARIFSourceLayout {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let workspace = environment["GITHUB_WORKSPACE"].flatMap { !$0.isEmpty && isDirectory($0) ? $0 : nil }
        let given = explicit ?? workspace ?? workingDirectory
        let checkout = SARIFPath.normalized(resolved(given) ?? SARIFPath.absolute(given, from: workingDirectory))
        return SARIFSourceLayout(
            sourceRoot: checkout,
            roots: roots.map { root in
                // The path as written (through any links in it) when that is in the checkout, as
                // a CI job that scans `build/` means it; else where the links lead.
                let lexical = SARIFPath.absolute(root, from: workingDirectory)
                let physical = resolved(root).map(SARIFPath.normalized)
                let inside = { (path: String) in SARIFPath.relative(path, to: checkout) != nil }
                let chosen = inside(lexical) ? lexical : physical.flatMap { inside($0) ? $0 : nil } ?? lexical
                return SARIFSourceLayout.Root(name: root, absolutePath: chosen, isDirectory: isDirectory(root))
            })
    }

    /// `realpath(3)`: absolute, without symbolic links; nil when the path does not exist.
    private static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
