import Foundation
import Testing

/// Byte-for-byte comparison with a golden file in `Tests/ReportingTests/Golden/`.
///
/// Golden files are re-recorded only when `ARMREADY_RECORD=1` is set, never when `CI` is set,
/// and a test that recorded fails ("recorded, re-run"), so a recording run can never pass
/// unnoticed.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var recording: Bool {
        ProcessInfo.processInfo.environment["ARMREADY_RECORD"] == "1"
    }

    static func check(_ actual: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        if recording {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record(
                    "ARMREADY_RECORD=1 is refused in CI: record golden files locally", sourceLocation: sourceLocation)
                return
            }
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url, options: .atomic)
                Issue.record("recorded \(name), re-run without ARMREADY_RECORD", sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not record \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record(
                "missing golden file \(name): record it with ARMREADY_RECORD=1", sourceLocation: sourceLocation)
            return
        }
        let actualData = Data(actual.utf8)
        if actualData != expected {
            let expectedText = String(decoding: expected, as: UTF8.self)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expectedText.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
            let line = firstDiff?.offset ?? min(actualLines.count, expectedLines.count)
            let got = line < actualLines.count ? String(actualLines[line]) : "<end>"
            let want = line < expectedLines.count ? String(expectedLines[line]) : "<end>"
            Issue.record(
                "\(name) differs from the golden file at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)",
                sourceLocation: sourceLocation)
        }
    }
}
