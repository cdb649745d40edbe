import Crypto
import Foundation
import Scanning

/// Renders a finished scan as one self-contained HTML file (`--report html=FILE`).
///
/// The page is `Reports/report.html` (compiled in as `EmbeddedReportAssets`, or a `--template`
/// file) with its placeholders filled: `{{title}}`, `{{csp}}`, `{{css}}`, `{{js}}` and
/// `{{data}}`. The data is the scan JSON report as one interned blob (`HTMLDataBlob`) inside
/// `<script type="application/json" id="armready-data">`; the page's script builds every element
/// from it with `textContent`, so no string from a binary or a file name is ever parsed as HTML.
///
/// The Content-Security-Policy allows only the page's own inline script (by its SHA-256), inline
/// styles and `data:` images, and no connections: the report makes no network requests. A
/// custom template's own inline scripts are therefore blocked; it must load the built-in one
/// through `{{js}}`.
package enum HTMLRenderer {
    /// The placeholders a template may use.
    package static let placeholders = ["title", "csp", "css", "js", "data"]

    /// The report as a complete HTML document.
    ///
    /// - Parameters:
    ///   - report: the finished scan. Output depends only on it (the time shown is
    ///     `report.generatedAt`).
    ///   - template: the page template; nil uses the built-in `Reports/report.html`.
    /// - Returns: the HTML text.
    package static func render(_ report: ScanReport, template: String? = nil) -> String {
        let script = EmbeddedReportAssets.script
        let values: [String: String] = [
            "title": HTMLEscaping.text("armready report: \(report.target.name)"),
            "csp": HTMLEscaping.text(contentSecurityPolicy(script: script)),
            "css": EmbeddedReportAssets.stylesheet,
            "js": script,
            "data": HTMLEscaping.scriptSafeJSON(dataJSON(report)),
        ]
        return substitute(template ?? EmbeddedReportAssets.template, values: values)
    }

    /// The policy for a page whose only script is `script`.
    static func contentSecurityPolicy(script: String) -> String {
        let digest = Data(SHA256.hash(data: Data(script.utf8))).base64EncodedString()
        return "default-src 'none'; script-src 'sha256-\(digest)'; style-src 'unsafe-inline'; "
            + "img-src data:; base-uri 'none'; form-action 'none'"
    }

    /// The data blob's JSON, before script-safe escaping (`HTMLDataBlob`).
    static func dataJSON(_ report: ScanReport) -> String {
        HTMLDataBlob.json(for: report)
    }

    /// `template` with every `{{name}}` of a known placeholder replaced, in one pass: text that
    /// a value brings in is never scanned again, so a file name containing `{{js}}` stays text.
    /// Unknown `{{...}}` sequences are left as they are.
    static func substitute(_ template: String, values: [String: String]) -> String {
        var out = ""
        out.reserveCapacity(template.utf8.count + values.values.reduce(0) { $0 + $1.utf8.count })
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            if let close = afterOpen.range(of: "}}"),
                let value = values[String(afterOpen[..<close.lowerBound])]
            {
                out += value
                rest = afterOpen[close.upperBound...]
            } else {
                out += "{{"
                rest = afterOpen
            }
        }
        out += rest
        return out
    }
}
