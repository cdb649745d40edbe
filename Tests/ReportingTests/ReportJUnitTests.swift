import Foundation
import Readiness
import Scanning
import Testing

@testable import Reporting

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Collects `<testcase>` elements and failure/skipped counts with Foundation's XML parser.
final class JUnitCollector: NSObject, XMLParserDelegate {
    var testcases: [[String: String]] = []
    var suites: [[String: String]] = []
    var failures = 0
    var skipped = 0
    var systemOut = ""
    private var inSystemOut = false

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch element {
        case "testcase": testcases.append(attributes)
        case "testsuite": suites.append(attributes)
        case "failure": failures += 1
        case "skipped": skipped += 1
        case "system-out": inSystemOut = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "system-out" { inSystemOut = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inSystemOut { systemOut += string }
    }

    static func parse(_ xml: String) -> (JUnitCollector, Bool) {
        let collector = JUnitCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        let ok = parser.parse()
        return (collector, ok)
    }
}

@Suite("Report JUnit")
struct ReportJUnitTests {
    let xml = JUnitRenderer.render(SampleReport.make())

    @Test func matchesGolden() {
        GoldenFile.check(xml, name: "sample.junit.xml")
    }

    @Test func parsesWithOneTestcasePerBinary() {
        let (collector, ok) = JUnitCollector.parse(xml)
        #expect(ok)
        let report = SampleReport.make()
        #expect(collector.testcases.count == report.binaries.count)
        #expect(Set(collector.testcases.compactMap { $0["name"] }) == Set(report.binaries.map(\.path)))
        #expect(collector.suites.map { $0["name"] ?? "" } == report.applications.map(\.id))
        // The gate lists two failing binaries; legacy.dll passes with a suppressed finding.
        #expect(collector.failures == 2)
        #expect(collector.skipped == 1)
        #expect(collector.testcases.contains { $0["name"] == SampleReport.scriptPath && $0["classname"] == "Tools" })
        #expect(collector.systemOut.contains("e_lfanew points past end of file"))
    }

    @Test func scriptNameAppearsOnlyEscaped() {
        #expect(!xml.contains("<script>"))
        #expect(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(xml.contains("R&amp;D \u{FFFD}tool.exe"))
    }

    /// Without a gate result, blocked binaries fail.
    @Test func withoutGateBlockedFails() {
        var report = SampleReport.make()
        report.gate = nil
        let (collector, ok) = JUnitCollector.parse(JUnitRenderer.render(report))
        #expect(ok)
        #expect(collector.failures == 2)
    }

    /// Control characters, quotes and characters XML 1.0 forbids cannot break the document.
    @Test func hostileNamesStayWellFormed() {
        var report = SampleReport.make()
        let hostile = "Tools/evil\u{1}\u{8}\u{B}\u{1B}[31m\"quoted\" 'single' \u{FFFE}\u{FFFF}]]>&x;<y/>\n.dll"
        report.binaries[0].path = hostile
        report.binaries[0].reason = "bad\u{0}byte <b>"
        let text = JUnitRenderer.render(report)
        let (collector, ok) = JUnitCollector.parse(text)
        #expect(ok)
        #expect(collector.testcases.contains { $0["name"] == "Tools/evil[31m\"quoted\" 'single' ]]>&x;<y/>\n.dll" })
        #expect(!text.unicodeScalars.contains { !XMLEscaper.isAllowed($0) })
    }
}
