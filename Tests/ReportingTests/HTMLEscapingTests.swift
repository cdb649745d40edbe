import Foundation
import Testing

@testable import Reporting

/// File names with HTML or script in them reach the page only as escaped JSON and then as text
/// (DESIGN.md §8).
@Suite(.serialized) struct HTMLEscapingTests {
    @Test func hostileNamesAreEscapedInTheSource() {
        let html = HTMLRenderer.render(HTMLReportFactory.hostile())
        #expect(!html.contains(HTMLReportFactory.imgName))
        #expect(!html.contains(HTMLReportFactory.scriptName))
        #expect(!html.contains("<svg onload"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("\u{2028}"))
        #expect(html.contains(#"\u003cimg src=x onerror=alert(1)\u003e.dll"#))
        #expect(html.contains(#"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"#))
        // One data blob, one script: nothing a name brought in opened another element.
        #expect(html.components(separatedBy: "<script").count == 3)
        #expect(html.components(separatedBy: "</script>").count == 3)
    }

    @Test func scriptSafeJSONEscapesEveryBreakout() {
        #expect(
            HTMLEscaping.scriptSafeJSON("\"</script><!--&\u{2028}\u{2029}\"")
                == #""\u003c/script\u003e\u003c!--\u0026\u2028\u2029""#)
        #expect(HTMLEscaping.text("<a href='x'>&\"") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;")
    }

    /// In Chromium the names are text in the table: no extra `img`, `script` or `svg` element.
    @Test func hostileNamesAreTextInChromium() throws {
        let report = HTMLReportFactory.hostile()
        let file = try HTMLChromium.write(HTMLRenderer.render(report), name: "hostile.html")
        // Open the img-named binary's detail view too, so its findings and imports are in the DOM.
        let name = try #require(HTMLReportFactory.imgName.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let dom = try HTMLChromium.load(file, hash: "bin=" + name)
        #expect(dom.ready)
        #expect(dom.errors == "")
        #expect(dom.tags["img"] == nil)
        #expect(dom.tags["script"] == 2)
        #expect(dom.tags["b"] == nil)
        #expect(dom.tags["i"] == nil)
        #expect(Set(dom.paths) == Set(report.binaries.map(\.path)))
        #expect(dom.paths.contains(HTMLReportFactory.imgName))
        #expect(dom.paths.contains(HTMLReportFactory.scriptName))
        // Only the execution chart's SVG (the per-application bars are HTML); the import name
        // `<svg onload=...>` stayed text.
        #expect(dom.tags["svg"] == 1)
    }
}
