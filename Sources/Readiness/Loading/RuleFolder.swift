import Foundation

/// Reads a user's rule folder (`--rules DIR`) into the same shape as the embedded files.
///
/// Only `*.yaml`/`*.yml` directly inside the folder are rules, and those directly inside its
/// `targets/` subfolder are target profiles; other files (a README, say) are ignored.
enum RuleFolder {
    /// The YAML files directly inside `directory`, sorted by name.
    ///
    /// - Parameter optional: when true, a missing folder yields no files instead of an error
    ///   (used for `targets/`).
    static func yamlFiles(in directory: String, optional: Bool = false) throws(ReadinessError) -> [EmbeddedFile] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            if optional { return [] }
            throw .unreadable(path: directory, reason: "not a folder")
        }
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadable(path: directory, reason: error.localizedDescription)
        }
        var files: [EmbeddedFile] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = manager.contents(atPath: path) else {
                throw .unreadable(path: path, reason: "the file could not be opened")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw .unreadable(path: path, reason: "not UTF-8 text")
            }
            files.append(EmbeddedFile(path: path, contents: text))
        }
        return files
    }
}
