import Foundation
import Readiness
import Scanning
import Testing

@testable import Reporting

@Suite("Report table")
struct ReportTableTests {
    @Test func matchesGoldenPlain() {
        GoldenFile.check(TableRenderer.render(SampleReport.make(), color: false, width: nil), name: "sample.table.txt")
    }

    @Test func matchesGoldenNarrowColour() {
        GoldenFile.check(
            TableRenderer.render(SampleReport.make(), color: true, width: 80), name: "sample.table-80-color.txt")
    }

    @Test func noEscapeCodesWithoutColour() {
        let text = TableRenderer.render(SampleReport.make(), color: false, width: 60)
        #expect(!text.contains("\u{1B}"))
    }

    @Test(arguments: [40, 60, 80, 120])
    func linesFitTheWidth(width: Int) {
        let text = TableRenderer.render(SampleReport.make(), color: false, width: width)
        for line in text.split(separator: "\n") {
            #expect(TerminalText.width(String(line)) <= width, "\(line)")
        }
    }

    @Test func rowsGroupedUnderApplicationsWithSummary() {
        let text = TableRenderer.render(SampleReport.make(), color: false, width: nil)
        let lines = text.split(separator: "\n").map(String.init)
        let photo = lines.firstIndex { $0.hasPrefix("PhotoEditor (4 binaries)") }
        #expect(photo != nil)
        #expect(
            lines.contains {
                $0.hasPrefix("  blocked") && $0.contains("PhotoEditor/filters/avx512.dll")
                    && $0.contains("x86-avx512-required")
            })
        #expect(lines.contains { $0.contains("arm64x 88%") })
        #expect(lines.contains("12 binaries: native 5, emulated 3, at-risk 1, blocked 2, unknown 1"))
        #expect(lines.contains("Gate (fail on blocked): FAILED (2 binaries)"))
        #expect(lines.contains { $0.contains("Broken/broken.dll") && $0.contains("e_lfanew points past end of file") })
    }

    /// Every colour opened on a line is reset on that line, also where a line was cut.
    @Test(arguments: [nil, 50, 80] as [Int?])
    func coloursAreResetOnEachLine(width: Int?) {
        let text = TableRenderer.render(SampleReport.make(), color: true, width: width)
        for line in text.split(separator: "\n") {
            let codes = line.components(separatedBy: "\u{1B}[").dropFirst().map { $0.prefix { $0 != "m" } }
            let resets = codes.filter { $0 == "0" }.count
            #expect(resets == codes.count - resets, "\(line)")
        }
    }

    /// A file name cannot send escape sequences to the terminal.
    @Test func controlCharactersAreNeutralised() {
        var report = SampleReport.make()
        report.binaries[0].path = "evil\u{1B}]0;title\u{7}\u{9B}2J.dll"
        let text = TableRenderer.render(report, color: false, width: nil)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
        #expect(text.contains("evil?]0;title??2J.dll"))
    }

    /// Wide characters count two columns (UAX #11): truncation keeps within the width.
    @Test func wideCharactersTruncateByColumns() {
        let path = "アプリケーション/ライブラリ/データ処理.dll"
        #expect(TerminalText.width(path) == 2 * 18 + 6)
        let cut = TerminalText.truncatedMiddle(path, to: 20)
        #expect(TerminalText.width(cut) <= 20)
        #expect(cut.hasPrefix("アプリ") && cut.hasSuffix(".dll") && cut.contains("…"))
        #expect(TerminalText.width("e\u{301}") == 1)
        #expect(TerminalText.truncatedEnd("abcdef", to: 4) == "abc…")
        #expect(TerminalText.truncatedMiddle("abcdefghij", to: 5) == "ab…ij")
    }
}
