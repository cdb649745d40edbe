import Foundation
import Testing

@testable import Reporting

/// The HTML renderer's text output: determinism, placeholders, the CSP and the data blob.
@Suite struct HTMLRendererTests {
    @Test func outputIsDeterministic() throws {
        let report = try HTMLSampleReport.samplesTree()
        #expect(HTMLRenderer.render(report) == HTMLRenderer.render(report))
    }

    /// The CSP's script hash is the SHA-256 of the inline script as Python's hashlib computes it,
    /// and the policy forbids every kind of request.
    @Test func contentSecurityPolicyHashesTheInlineScript() throws {
        let html = HTMLRenderer.render(try HTMLSampleReport.samplesTree())
        let open = try #require(html.range(of: "<script>", options: .backwards))
        let close = try #require(html.range(of: "</script>", range: open.upperBound..<html.endIndex))
        let script = String(html[open.upperBound..<close.lowerBound])
        #expect(script == EmbeddedReportAssets.script)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import sys,hashlib,base64;print(base64.b64encode(hashlib.sha256(sys.stdin.buffer.read()).digest()).decode())"]
        let input = Pipe()
        let output = Pipe()
        python.standardInput = input
        python.standardOutput = output
        try python.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let digest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        python.waitUntilExit()
        #expect(html.contains("script-src &#39;sha256-\(digest)&#39;"))
        #expect(html.contains("default-src &#39;none&#39;"))
        #expect(!html.contains("connect-src"))
        #expect(!html.contains("src=\"http"))
    }

    /// The data blob decodes to the report's counts.
    @Test func dataBlobCarriesTheReport() throws {
        let report = try HTMLSampleReport.samplesTree()
        let html = HTMLRenderer.render(report)
        let marker = #"<script type="application/json" id="armready-data">"#
        let start = try #require(html.range(of: marker))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
        let binaries = try #require(json["b"] as? [[String: Any]])
        let apps = try #require(json["apps"] as? [[String: Any]])
        #expect(binaries.count == report.binaries.count)
        #expect(apps.count == report.applications.count)
        #expect(binaries.map { $0["p"] as? String } == report.binaries.map(\.path))
        #expect(binaries.map { $0["v"] as? String } == report.binaries.map(\.verdict.rawValue))
    }

    /// Placeholders are filled in one pass: a value that contains `{{js}}` stays as it is.
    @Test func substitutionIsSinglePass() {
        let out = HTMLRenderer.substitute("a{{x}}b{{y}}c{{unknown}}d{{", values: ["x": "{{y}}", "y": "Y"])
        #expect(out == "a{{y}}bYc{{unknown}}d{{")
    }

    @Test func customTemplateReplacesTheEmbeddedOne() throws {
        let html = HTMLRenderer.render(try HTMLSampleReport.samplesTree(), template: "<title>{{title}}</title>|{{csp}}")
        #expect(html.hasPrefix("<title>armready report: copilot-plus-pc</title>|default-src &#39;none&#39;"))
    }
}
