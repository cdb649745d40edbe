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

    /// The Burn chain fixture (Tests/Fixtures/installers/engine-burn-chain.exe, chain written by
    /// burn-chain-build.py), scanned, and the same bundle inside a zip: each tree names the
    /// packages and the x64 MSI left out, and the nested one's diagnostic is under the innermost
    /// application only.
    @Test func packageTreesListPackagesAndUnratedMembers() throws {
        let root = PackageTreeReport.fixtures
        let report = try PackageTreeReport.scan()
        let text = MarkdownRenderer.render(report)
        let section = try #require(text.components(separatedBy: "### Packages\n").last)
        #expect(section.components(separatedBy: "- <code>container1</code>: emulated, 4 binaries").count - 1 == 2)
        #expect(
            section.components(separatedBy: "  - <code>arm64/Contoso.msi</code>: native, 3 binaries").count - 1 == 2)
        #expect(
            section.components(separatedBy: "  - <code>x64/Contoso.msi</code>: not rated: its MsiPackage ContosoX64")
                .count - 1
                == 2)
        #expect(section.contains("**\(root.path)/packages/bundle-in-zip.zip!/setup/Contoso-Setup.exe!** (emulated)"))
        // Escaped names are in <code>: inside a backtick span a character reference shows as typed.
        #expect(!section.contains("`"))
        // The zip itself holds only the bundle's stub: no tree of its own.
        #expect(!section.contains("bundle-in-zip.zip!** "))
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

    /// Applications worst first (verdict, then name), whatever order the report has them in.
    @Test func applicationsWorstFirst() throws {
        let rows =
            markdown.components(separatedBy: "### Applications").last?.split(separator: "\n")
            .filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Application") } ?? []
        let verdicts = rows.compactMap { row in
            Verdict(rawValue: row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }[1])
        }
        #expect(verdicts.count == SampleReport.make().applications.count)
        #expect(verdicts == verdicts.sorted(by: >))
    }

    /// 20,000 binaries: alike findings are one line each, and the page stays under the limit,
    /// says what it left out, and cuts only between whole rows and blocks.
    @Test func largeReportIsGroupedAndCut() throws {
        let report = HTMLReportFactory.large(count: 20_000)
        let text = MarkdownRenderer.render(report)
        #expect(text.utf8.count <= MarkdownRenderer.defaultMaxBytes)
        let groups = text.split(separator: "\n").filter { $0.hasPrefix("- **") && $0.contains(" · ") }
        #expect(!groups.isEmpty && groups.count < 20)
        let counted = groups.compactMap { line -> Int? in
            guard let range = line.range(of: #"· [0-9,]+ binar"#, options: .regularExpression) else { return nil }
            return Int(line[range].dropFirst(2).prefix { $0 != " " }.replacingOccurrences(of: ",", with: ""))
        }
        #expect(counted.count == groups.count)
        #expect(groups.contains { $0.contains(" binaries: ") && $0.contains(" more.") })
        let notNative = report.binaries.filter { $0.verdict != .native }.count
        let shown = text.components(separatedBy: "<details>").count - 1
        #expect(shown == text.components(separatedBy: "</details>").count - 1)
        let note = try #require(text.split(separator: "\n").last.map(String.init))
        #expect(note.hasPrefix("**Cut to fit 1,000,000 bytes**"), "\(note)")
        let omitted = notNative - shown
        #expect(omitted > 0)
        #expect(note.contains("\(Count.formatted(omitted)) of \(Count.formatted(notNative)) binaries"), "\(note)")
    }

    /// Every limit is kept, cutting whole units; the heading and counts are always there.
    @Test(arguments: [4_096, 10_000, 65_536, 300_001])
    func everyLimitIsKept(limit: Int) throws {
        let report = HTMLReportFactory.large(count: 3_000)
        let text = MarkdownRenderer.render(report, maxBytes: limit)
        #expect(text.utf8.count <= limit)
        #expect(text.hasPrefix("## armready: "))
        #expect(text.contains("| Verdict | Binaries | Applications |"))
        #expect(text.components(separatedBy: "<details>").count == text.components(separatedBy: "</details>").count)
        for line in text.split(separator: "\n") where line.hasPrefix("|") { #expect(line.hasSuffix("|")) }
        #expect(text.contains("**Cut to fit \(Count.formatted(limit)) bytes**"))
    }

    @Test func smallReportIsNotCut() {
        #expect(!markdown.contains("Cut to fit"))
        #expect(MarkdownRenderer.render(SampleReport.make(), maxBytes: 4_096).contains("Cut to fit"))
    }

    /// One binary, one application, one file: no "1 binaries".
    @Test func singularCounts() {
        var report = SampleReport.make()
        report.binaries = Array(report.binaries.prefix(1))
        report.applications = Array(report.applications.prefix(1))
        report.summary.binaries = 1
        report.summary.filesExamined = 1
        report.diagnostics = Array(report.diagnostics.prefix(1))
        let text = MarkdownRenderer.render(report)
        #expect(text.contains("1 binary in 1 application; 1 file examined."))
        #expect(text.contains("1 file could not be scanned"))
        #expect(!text.contains("1 binaries") && !text.contains("1 applications") && !text.contains("1 files"))
    }
}
