/// One file compiled into the binary: its repository-relative path and its text.
///
/// `Generated/EmbeddedRules.swift` (written by `scripts/generate-embedded-assets.py`) holds
/// every file under `Rules/` this way, so the built-in rules need no `Bundle.module`.
package struct EmbeddedFile: Sendable, Equatable {
    /// Path relative to the repository root, such as `Rules/pe-arm64-native.yaml`.
    package var path: String
    package var contents: String

    package init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }

    /// The file name without folder and extension: the rule id or profile name it must hold.
    var stem: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return name }
        return String(name[..<dot])
    }

    /// The folder part of `path` (`Rules`, `Rules/targets`), without a trailing slash.
    var folder: String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Whether the name ends in `.yaml` or `.yml`.
    var isYAML: Bool { path.hasSuffix(".yaml") || path.hasSuffix(".yml") }
}
