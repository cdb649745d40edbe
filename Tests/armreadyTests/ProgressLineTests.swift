import Foundation
import Testing

/// The progress line (issue 13): on a terminal it shows the walk's count from the start,
/// before the total is known, then files analysed out of the total; when standard error is
/// not a terminal nothing of it is written.
@Suite("armready: progress line")
struct ProgressLineTests {
    private func tree() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("NativeEditor"), to: "app")
        for index in 0..<50 {
            try Data("text \(index)\n".utf8).write(to: tree.url.appendingPathComponent("app/n\(index).txt"))
        }
        return tree
    }

    @Test func onATerminalTheWalkShowsFromTheStartAndTheTotalAtTheEnd() throws {
        let tree = try tree()
        let files = try FileManager.default.subpathsOfDirectory(atPath: tree.path + "/app").filter { relative in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: tree.path + "/app/" + relative, isDirectory: &isDirectory)
            return exists && !isDirectory.boolValue
        }
        let terminal = try Armready.runInTerminal(["scan", "app", "--report", "json=out.json"], in: tree.url)
        let result = try #require(terminal, "util-linux script is needed for a pseudo-terminal")
        #expect(result.status == 0, "\(result.stdout)")
        // The first update comes as the walk enters the root, before any file is found.
        #expect(result.stdout.contains("0 files found, 0 analysed"), "\(result.stdout.debugDescription)")
        #expect(result.stdout.contains("\(files.count)/\(files.count) files"), "\(result.stdout.debugDescription)")
    }

    @Test func withoutATerminalNothingIsDrawn() throws {
        let tree = try tree()
        let result = try Armready.run(["scan", "app", "--report", "json=out.json"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("files found"), "\(result.stderr.debugDescription)")
        #expect(!result.stderr.contains("\u{1B}[K"), "\(result.stderr.debugDescription)")
    }
}
