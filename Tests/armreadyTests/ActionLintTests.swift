import Foundation
import Testing

/// The GitHub Action and the workflows the README shows pass actionlint, and the action's
/// scripts pass shellcheck (`scripts/lint-actions.py`; setup.sh --test installs the tools).
@Suite("armready: the GitHub Action and documented workflows lint clean")
struct ActionLintTests {
    @Test(.timeLimit(.minutes(10)))
    func actionlintAndShellcheckFindNothing() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "scripts/lint-actions.py"]
        process.currentDirectoryURL = Armready.packageRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        // The README shows workflows; none may be left out of the check unnoticed.
        #expect(!text.contains(" 0 README workflow(s)"), "\(text)")
    }
}
