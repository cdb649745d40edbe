import Foundation
import Testing

/// The Markdown report fits `$GITHUB_STEP_SUMMARY` (GitHub drops a summary over 1 MiB): a real
/// library folder stays under the limit, and a cut says what it left out.
@Suite("armready: Markdown step summaries")
struct MarkdownSummaryTests {
    static let libraries = "/usr/lib/x86_64-linux-gnu"

    /// Whole blocks only: every `<details>` closed, every table row complete.
    static func expectWellFormed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let opened = text.components(separatedBy: "<details>").count
        #expect(opened == text.components(separatedBy: "</details>").count, sourceLocation: sourceLocation)
        for line in text.split(separator: "\n") where line.hasPrefix("|") {
            #expect(line.hasSuffix("|"), "\(line)", sourceLocation: sourceLocation)
        }
        #expect(text.hasSuffix("\n"), sourceLocation: sourceLocation)
    }

    @Test(.timeLimit(.minutes(10)))
    func scanOfALibraryFolderStaysUnderTheLimit() throws {
        try #require(FileManager.default.fileExists(atPath: Self.libraries), "\(Self.libraries) is missing")
        let full = try Armready.run(["scan", Self.libraries, "--no-isa", "-q", "--report", "markdown=-"])
        #expect(full.status == 0, "\(full.stderr)")
        #expect(full.stdoutData.count <= 1_000_000)
        Self.expectWellFormed(full.stdout)

        // A third of that size must cut, and say how much it left out.
        let limit = max(4_096, full.stdoutData.count / 3)
        let cut = try Armready.run([
            "scan", Self.libraries, "--no-isa", "-q", "--report", "markdown=-", "--markdown-max-bytes", "\(limit)",
        ])
        #expect(cut.status == 0, "\(cut.stderr)")
        #expect(cut.stdoutData.count <= limit)
        Self.expectWellFormed(cut.stdout)
        let note = try #require(cut.stdout.split(separator: "\n").last.map(String.init))
        #expect(note.hasPrefix("**Cut to fit"), "\(note)")
        #expect(note.contains("left out") && note.contains("--report html=FILE"), "\(note)")
    }

    @Test func limitBelowTheMinimumIsAUsageError() throws {
        let result = try Armready.run(["scan", "--markdown-max-bytes", "100"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--markdown-max-bytes must be at least 4096"), "\(result.stderr)")
    }
}
