/// Where the checkout is and where each scanned root lies, so SARIF artifact URIs can be made
/// relative to the checkout (`--source-root`).
///
/// Paths here are absolute and already resolved by the command line (it alone may look at the
/// file system); everything the renderer does with them is lexical, so tests can describe any
/// layout.
package struct SARIFSourceLayout: Sendable, Equatable {
    package struct Root: Sendable, Equatable {
        /// The root as the report names it (an element of `ScanReport.roots`).
        package var name: String
        /// Its absolute path.
        package var absolutePath: String
        /// A directory (binary paths are relative to it) or a file (the binary is the root).
        package var isDirectory: Bool

        package init(name: String, absolutePath: String, isDirectory: Bool) {
            self.name = name
            self.absolutePath = absolutePath
            self.isDirectory = isDirectory
        }
    }

    /// The checkout's absolute path: `%SRCROOT%`.
    package var sourceRoot: String
    package var roots: [Root]

    package init(sourceRoot: String, roots: [Root]) {
        self.sourceRoot = sourceRoot
        self.roots = roots
    }

    /// The layout when nothing is known about the file system: the working directory is the
    /// checkout and every root a directory, which is what a CI job that scans a build folder
    /// of its checkout looks like.
    package static func workingDirectoryIsSourceRoot(roots: [String]) -> SARIFSourceLayout {
        let checkout = "/checkout"
        return SARIFSourceLayout(
            sourceRoot: checkout,
            roots: roots.map {
                Root(name: $0, absolutePath: SARIFPath.absolute($0, from: checkout), isDirectory: true)
            })
    }
}

/// Lexical path arithmetic on `/`-separated paths: no file system access, no symbolic links.
package enum SARIFPath {
    /// `path` made absolute against `directory` (itself absolute), with `.`, `..` and empty
    /// components removed; `..` above `/` stays at `/`.
    package static func absolute(_ path: String, from directory: String) -> String {
        normalized(path.hasPrefix("/") ? path : directory + "/" + path)
    }

    package static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` relative to `base` (both absolute and normalized) when it lies inside it, else nil.
    package static func relative(_ path: String, to base: String) -> String? {
        if base == "/" { return path == "/" ? "" : String(path.dropFirst()) }
        if path == base { return "" }
        guard path.hasPrefix(base + "/") else { return nil }
        return String(path.dropFirst(base.count + 1))
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// A root as the walker prefixes binary paths with it when several roots are scanned:
    /// without trailing slashes and a leading `./` (Scanning's `trimmingSlashes`).
    static func trimmedRoot(_ root: String) -> String {
        var text = root
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        if text.hasPrefix("./"), text.count > 2 { text.removeFirst(2) }
        return text
    }
}
