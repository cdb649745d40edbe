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
        python.arguments = [
            "python3", "-c",
            "import sys,hashlib,base64;print(base64.b64encode(hashlib.sha256(sys.stdin.buffer.read()).digest()).decode())",
        ]
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

    /// The data blob hydrates (the tree walk report.js does) to exactly the JSON report.
    @Test func dataBlobIsTheJSONReport() throws {
        let report = try HTMLSampleReport.samplesTree()
        let html = HTMLRenderer.render(report)
        let marker = #"<script type="application/json" id="armready-data">"#
        let start = try #require(html.range(of: marker))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let blob = try #require(
            try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
        )
        #expect(blob["examplesKept"] is NSNull)
        let interned = try JSONSerialization.data(withJSONObject: try #require(blob["report"]))
        let hydrated = try HTMLJSONInternerTests.hydrate(Array(interned))
        let json = try JSONSerialization.jsonObject(with: Data(ScanJSONRenderer.render(report).utf8))
        #expect(try HTMLJSONInternerTests.canonical(hydrated) == HTMLJSONInternerTests.canonical(json))
        // A member name every binary, finding and reason has is written once.
        let text = html[start.upperBound..<end.lowerBound]
        #expect(text.components(separatedBy: #""verdict""#).count == 2)
    }

    /// Above `largeReportBinaries` binaries only one example location per extension is kept,
    /// and the blob says so; everything else is the JSON report.
    @Test func largeReportKeepsOneExamplePerExtension() throws {
        let report = HTMLReportFactory.large(count: HTMLDataBlob.largeReportBinaries + 1)
        #expect(report.binaries.allSatisfy { $0.isa?.findings.allSatisfy { $0.examples.count == 3 } == true })
        let blob = try #require(
            try JSONSerialization.jsonObject(with: Data(HTMLDataBlob.json(for: report).utf8)) as? [String: Any])
        #expect(blob["examplesKept"] as? Int == 1)
        let interned = try JSONSerialization.data(withJSONObject: try #require(blob["report"]))
        let hydrated = try #require(try HTMLJSONInternerTests.hydrate(Array(interned)) as? [String: Any])
        let binaries = try #require(hydrated["binaries"] as? [[String: Any]])
        #expect(binaries.count == report.binaries.count)
        for binary in binaries.prefix(50) {
            let findings = try #require((binary["isa"] as? [String: Any])?["findings"] as? [[String: Any]])
            #expect(findings.count == 4)
            #expect(findings.allSatisfy { ($0["examples"] as? [Any])?.count == 1 })
        }
        let small = HTMLReportFactory.large(count: 20)
        #expect(HTMLDataBlob.json(for: small).hasPrefix(#"{"examplesKept":null,"#))
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
