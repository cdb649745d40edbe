import Foundation

// generate-build-info PACKAGE_DIRECTORY OUTPUT_FILE
//
// Writes `enum BuildInfo` with the commit the package directory's checkout is at, for
// `armready --version`. Reads the git files itself (HEAD, the branch's ref, packed-refs; a
// worktree's `.git` file and `commondir`), so it needs no git executable; without a checkout
// (a source tarball) the commit is "unknown". Run by BuildInfoPlugin whenever those files change.

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: GenerateBuildInfo PACKAGE_DIRECTORY OUTPUT_FILE\n".utf8))
    exit(64)
}
let package = URL(fileURLWithPath: arguments[1])
let output = URL(fileURLWithPath: arguments[2])

func read(_ url: URL) -> String? {
    (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// A full object name: 40 (SHA-1) or 64 (SHA-256) lower-case hex digits.
func isObjectName(_ text: String) -> Bool {
    (text.count == 40 || text.count == 64) && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
}

/// The git directory of the checkout at `package`, and the common directory that holds its refs.
func gitDirectories(_ package: URL) -> (git: URL, common: URL)? {
    let dotGit = package.appendingPathComponent(".git")
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
    var git = dotGit
    if !isDirectory.boolValue {
        // A worktree or submodule: `gitdir: PATH`.
        guard let line = read(dotGit), line.hasPrefix("gitdir:") else { return nil }
        let path = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
        git = path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appendingPathComponent(path)
    }
    var common = git
    if let path = read(git.appendingPathComponent("commondir")) {
        common = path.hasPrefix("/") ? URL(fileURLWithPath: path) : git.appendingPathComponent(path)
    }
    return (git, common)
}

func commit(_ package: URL) -> String? {
    guard let (git, common) = gitDirectories(package), let head = read(git.appendingPathComponent("HEAD")) else {
        return nil
    }
    guard head.hasPrefix("ref:") else { return isObjectName(head) ? head : nil }
    let ref = head.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
    for directory in [git, common] {
        if let name = read(directory.appendingPathComponent(ref)), isObjectName(name) { return name }
    }
    let packed = read(common.appendingPathComponent("packed-refs")) ?? ""
    for line in packed.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("^") {
        let fields = line.split(separator: " ", maxSplits: 1)
        if fields.count == 2, fields[1] == ref, isObjectName(String(fields[0])) { return String(fields[0]) }
    }
    return nil
}

let name = commit(package).map { String($0.prefix(7)) } ?? "unknown"
let text = """
    // Generated at build time by GenerateBuildInfo (BuildInfoPlugin). Do not edit.

    /// What the build knew about its sources.
    enum BuildInfo {
        /// The git commit the build's checkout was at (7 hex digits), or "unknown" outside a checkout.
        static let commit = "\(name)"
    }

    """
do {
    try text.write(to: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("GenerateBuildInfo: cannot write \(output.path): \(error)\n".utf8))
    exit(1)
}
