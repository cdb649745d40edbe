/// Groups binaries into applications: an application is a directory that holds at least one
/// executable, with the libraries beside and below it (DESIGN.md §5, issue "Applications").
///
/// A binary inside an installer or app package belongs to that package (`installerRoot`).
/// Otherwise it belongs to the nearest directory above it that holds an executable. A binary
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
            if let installed = installerRoot(path) {
                result[path] = installed
                continue
            }
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

    /// Installers and app packages install one product: everything found inside an MSI, an
    /// MSIX/APPX package or bundle, a cabinet or an installer executable (and inside what those
    /// carry) is one application, the outermost such package (`setup.exe!`).
    static let installerExtensions: Set<Substring> = [
        "msi", "msm", "msp", "msix", "appx", "msixbundle", "appxbundle", "cab", "exe",
    ]

    static func installerRoot(_ path: String) -> String? {
        var searchStart = path.startIndex
        while let separator = path[searchStart...].range(of: "!/") {
            let file = path[..<separator.lowerBound]
            let name = file.split(separator: "/").last ?? file
            if let dot = name.lastIndex(of: "."),
                installerExtensions.contains(Substring(name[name.index(after: dot)...].lowercased()))
            {
                return String(file) + "!"
            }
            searchStart = separator.upperBound
        }
        return nil
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
