import Foundation
import Testing

/// Drives headless Chromium through `scripts/html-dom-check.py` and decodes what it saw.
///
/// Chromium is a required test tool (scripts/setup.sh installs it): when it is missing the
/// tests that need it fail rather than skip, so CI cannot pass without looking at the page.
enum HTMLChromium {
    /// What the dumped DOM holds (see the script's docstring).
    struct DOM: Decodable {
        var ready: Bool
        var errors: String
        var loadMs: Int
        var seconds: Double
        var tags: [String: Int]
        /// How many elements carry each class name.
        var classes: [String: Int]
        var tiles: [String: String]
        var apps: [String: String]
        var rowCount: [String: String]
        var rows: [String]
        var paths: [String]
        /// Each application card's reason texts, in order.
        var reasons: [String: [String]]
        /// Present when `load` was given a viewport.
        var layout: Layout?

        var matching: Int? { rowCount["data-matching"].flatMap { Int($0) } }
        var shown: Int? { rowCount["data-shown"].flatMap { Int($0) } }
    }

    /// The page at an exact viewport (and, when asked, printed).
    struct Layout: Decodable {
        var ready: Bool
        var viewportWidth: Int
        var scrollWidth: Int
        var scrollHeight: Int
        var pdfPages: Int?
    }

    /// Where the tests leave rendered pages and screenshots for a person to look at.
    static var outputFolder: URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("armready-html-tests")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `html` to `name` in `outputFolder` and returns its URL.
    static func write(_ html: String, name: String) throws -> URL {
        let url = outputFolder.appendingPathComponent(name)
        try Data(html.utf8).write(to: url)
        return url
    }

    /// Loads `file` (with `hash` as the URL fragment) and returns its DOM facts.
    static func load(
        _ file: URL, hash: String = "", screenshot: URL? = nil, dark: Bool = false, budget: Int = 3000,
        windowSize: String = "1400,1000", viewport: String? = nil, viewportScreenshot: URL? = nil, pdf: URL? = nil
    ) throws -> DOM {
        var arguments = [
            HTMLSampleReport.repositoryRoot.appendingPathComponent("scripts/html-dom-check.py").path, file.path,
            "--budget", String(budget), "--window-size", windowSize,
        ]
        if !hash.isEmpty { arguments += ["--hash", hash] }
        if let screenshot { arguments += ["--screenshot", screenshot.path] }
        if dark { arguments.append("--dark") }
        if let viewport { arguments += ["--viewport", viewport] }
        if let viewportScreenshot { arguments += ["--viewport-screenshot", viewportScreenshot.path] }
        if let pdf { arguments += ["--pdf", pdf.path] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ChromiumError(message: "html-dom-check.py exited \(process.terminationStatus): \(errorText)")
        }
        return try JSONDecoder().decode(DOM.self, from: data)
    }

    struct ChromiumError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
