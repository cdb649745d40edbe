/// Groups binaries into applications: an application is a directory that holds at least one
/// executable, with the libraries beside and below it (DESIGN.md §5, issue "Applications").
///
/// A binary belongs to the nearest directory above it that holds an executable. A binary
/// with no such directory above it belongs to the package it came from (`pkg.whl!`), else to
/// its top-level directory under the scan root (a folder of plug-ins or libraries is still
/// reported as one unit), or to the root itself.
package enum ApplicationGrouping {
    /// - Parameters:
    ///   - paths: `/`-separated binary paths relative to the scan root.
    ///   - executables: the subset of `paths` that are executables.
    /// - Returns: each path's application id: its directory path, or `.` for the root.
    package static func group(paths: [String], executables: Set<String>) -> [String: String] {
        let applicationDirectories = Set(executables.map(directory))
        var result: [String: String] = [:]
        for path in paths {
            var candidate = directory(path)
            var found: String?
            while true {
                if applicationDirectories.contains(candidate) {
                    found = candidate
                    break
                }
                if candidate == "." { break }
                candidate = directory(candidate)
            }
            result[path] = found ?? topLevel(path)
        }
        return result
    }

    /// The directory part of a relative path, `.` at the top.
    package static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    /// The file name part of a relative path.
    package static func fileName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The group of a binary with no executable above it: the package it came from
    /// (`dist/pkg.whl!`), else its top-level directory, else the root.
    private static func topLevel(_ path: String) -> String {
        if let archive = path.firstRange(of: "!/") { return String(path[..<archive.lowerBound]) + "!" }
        guard let slash = path.firstIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}
