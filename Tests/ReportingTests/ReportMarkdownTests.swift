import Foundation
import Readiness
import Scanning
import Testing

@testable import Reporting

@Suite("Report Markdown")
struct ReportMarkdownTests {
    let markdown = MarkdownRenderer.render(SampleReport.make())

    @Test func matchesGolden() {
        GoldenFile.check(markdown, name: "sample.md")
    }

    @Test func structure() {
        #expect(markdown.hasPrefix("## armready: blocked\n"))
        #expect(markdown.contains("| Verdict | Binaries | Applications |"))
        #expect(markdown.contains("| blocked | 2 | 1 |"))
        // One collapsible block per binary that is not native: 12 binaries, 5 native.
        #expect(markdown.components(separatedBy: "<details>").count - 1 == 7)
        #expect(markdown.components(separatedBy: "</details>").count - 1 == 7)
    }

    @Test func scriptNameAppearsOnlyEscaped() {
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(markdown.contains("R&amp;D \u{FFFD}tool.exe"))
        // The only raw `<` are the tags the renderer writes itself.
        var rest = markdown
        for tag in ["<details>", "</details>", "<summary>", "</summary>"] {
            rest = rest.replacingOccurrences(of: tag, with: "")
        }
        #expect(!rest.contains("<"))
    }

    /// Every table row keeps its column count whatever the names contain.
    @Test func tableCellsCannotBeSplit() {
        var report = SampleReport.make()
        report.applications[0].name = "a|b`c*d_e\nf"
        let text = MarkdownRenderer.render(report)
        let row = text.split(separator: "\n").first { $0.contains("a&#124;b") }
        #expect(
            row
                == "| a&#124;b&#96;c&#42;d&#95;e f | unknown | 1 | unanalysable on Broken/broken.dll: e&#95;lfanew points past end of file (0x1f000 &gt; 0x400) |"
        )
    }
}
