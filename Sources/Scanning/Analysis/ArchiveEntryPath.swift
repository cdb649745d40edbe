import Foundation

/// The report path of a file found in a package, `dist/app.whl!/lib/x.so` (`ArchiveScanner`
/// writes them), taken apart again for renderers that must name the file on disk.
package enum ArchiveEntryPath {
    /// The files whose members the scan reports as `file!/member`: ZIP-based packages, MSIs,
    /// cabinets, 7z archives and installer executables.
    static let containerExtensions = ArchiveScanner.extensions.union(PackageScanner.msiExtensions).union([
        "cab", "7z", "exe",
    ])

    /// The file on disk and the entry inside it: `dist/app.whl!/lib/x.so` is the file
    /// `dist/app.whl` and the entry `lib/x.so`; a nested entry keeps its own `!/`
    /// (`a.zip!/b.nupkg!/c.dll` is `a.zip` and `b.nupkg!/c.dll`).
    ///
    /// Only a `!/` after a package's or installer's name (`containerExtensions`) splits, so a
    /// directory that merely ends in `!` stays part of the file's path.
    package static func split(_ path: String) -> (file: String, entry: String?) {
        var searchStart = path.startIndex
        while let separator = path[searchStart...].range(of: "!/") {
            let file = String(path[..<separator.lowerBound])
            if let fileExtension = ArchiveScanner.lastExtension(file), containerExtensions.contains(fileExtension) {
                return (file, String(path[separator.upperBound...]))
            }
            searchStart = separator.upperBound
        }
        return (path, nil)
    }
}
