import Foundation
import PackagePlugin

/// Generates `BuildInfo.swift` (the git commit, for `armready --version`) with GenerateBuildInfo.
///
/// The command's inputs are the git files the commit is read from, so a new commit, a checkout
/// of another branch or a fetch that packs refs regenerates it, and nothing else does. Outside
/// a checkout there are no inputs, and the commit is "unknown".
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuildInfo.swift")
        let package = context.package.directoryURL
        return [
            .buildCommand(
                displayName: "Embedding the git commit in \(target.name)",
                executable: try context.tool(named: "GenerateBuildInfo").url,
                arguments: [package.path, output.path],
                inputFiles: Self.gitFiles(package),
                outputFiles: [output])
        ]
    }

    /// The `.git` file of a worktree, HEAD, the ref HEAD names (in the worktree's and the common git directory) and
    /// packed-refs: those of them that exist.
    static func gitFiles(_ package: URL) -> [URL] {
        let manager = FileManager.default
        let dotGit = package.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return [] }
        func read(_ url: URL) -> String? {
            (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func resolve(_ path: String, against base: URL) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
        }
        var git = dotGit
        // A `.git` directory is not an input itself (its tree changes with every fetch), the
        // `.git` file of a worktree is.
        var files = isDirectory.boolValue ? [] : [dotGit]
        if !isDirectory.boolValue {
            guard let line = read(dotGit), line.hasPrefix("gitdir:") else { return files }
            git = resolve(line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces), against: package)
        }
        let common = read(git.appendingPathComponent("commondir")).map { resolve($0, against: git) } ?? git
        let head = git.appendingPathComponent("HEAD")
        files += [head, common.appendingPathComponent("packed-refs")]
        if let text = read(head), text.hasPrefix("ref:") {
            let ref = text.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
            files += [git.appendingPathComponent(ref), common.appendingPathComponent(ref)]
        }
        var seen = Set<String>()
        return files.filter { manager.fileExists(atPath: $0.path) && seen.insert($0.standardizedFileURL.path).inserted }
    }
}
