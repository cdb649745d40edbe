#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import Testing

/// File names are attacker-controlled text: a name with markup must come out escaped in every
/// markup report, and a name that is not UTF-8 must still be scanned and shown with U+FFFD
/// (docs/json-schema.md: `pathIsLossy`).
///
/// A file name cannot contain `/`, so `<script>alert(1)</script>.exe` is made as the file
/// `script>.exe` inside the directory `<script>alert(1)<`; its report path is the full string.
/// Both files are x64 (0x8664 per pefile), so every report lists both as emulated.
@Suite("armready: hostile file names")
struct HostileNameTests {
    static let scriptPath = "<script>alert(1)</script>.exe"
    /// `bad`, the byte 0xFF, `name.exe`.
    static let rawName: [UInt8] = Array("bad".utf8) + [0xFF] + Array("name.exe".utf8)
    static let lossyPath = "bad\u{FFFD}name.exe"

    private func hostileTree() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.fixture("pe/x64_gui.exe"), to: "tree/" + Self.scriptPath)
        // `tree/` already exists; the raw name goes straight to open(2).
        try tree.writeRawName(
            Array("tree/".utf8) + Self.rawName, contents: try TemporaryTree.fixtureBytes("pe/x64_pdata.exe"))
        return tree
    }

    @Test func jsonKeepsTheMarkupNameAndMarksTheLossyOne() throws {
        let tree = try hostileTree()
        let result = try Armready.run(["scan", "tree", "--report", "json"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try ScanJSON(result)
        #expect(report.paths.sorted() == [Self.scriptPath, Self.lossyPath].sorted())
        let script = try report.binary(Self.scriptPath)
        #expect(script["pathIsLossy"] as? Bool == false)
        #expect(script["verdict"] as? String == "emulated")
        let lossy = try report.binary(Self.lossyPath)
        #expect(lossy["pathIsLossy"] as? Bool == true)
        #expect(lossy["verdict"] as? String == "emulated")
        // The JSON stays valid UTF-8 (it parsed) and holds no raw 0xFF byte.
        #expect(!result.stdoutData.contains(0xFF))
    }

    @Test(arguments: ["junit", "markdown", "html", "sarif"])
    func markupReportsEscapeTheName(format: String) throws {
        let tree = try hostileTree()
        let file = "out.\(format)"
        let result = try Armready.run(["scan", "tree", "--report", "\(format)=\(file)"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        let data = try Data(contentsOf: tree.url.appendingPathComponent(file))
        let text = try #require(String(data: data, encoding: .utf8), "\(format) report is not valid UTF-8")
        #expect(!text.contains("<script>alert"), "raw markup in the \(format) report")
        switch format {
        case "sarif":
            // JSON: the name is a plain string (percent-encoded in URIs); it must parse.
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil)
            #expect(text.contains("%3Cscript%3Ealert%281%29%3C/script%3E.exe"))
        case "html":
            // The HTML report builds its tables in the browser from a JSON island inside a
            // <script> element; there `<` must be written `\u003c` so no name can close it.
            #expect(
                text.contains(#"\u003cscript\u003ealert(1)\u003c/script\u003e.exe"#),
                "escaped name missing from the HTML payload")
            #expect(!text.contains("</script>.exe"))
        default:
            #expect(text.contains("&lt;script&gt;"), "\(format) report does not show the escaped name")
        }
        #expect(text.contains("\u{FFFD}") || text.contains("%EF%BF%BD"), "\(format) report lost the non-UTF-8 name")
    }

    @Test func tableOnStdoutShowsBothNames() throws {
        let tree = try hostileTree()
        let result = try Armready.run(["scan", "tree"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(String(data: result.stdoutData, encoding: .utf8) != nil, "table output is not valid UTF-8")
        #expect(result.stdout.contains("bad\u{FFFD}name.exe"))
    }

    /// A name with ESC sequences (colour, and an OSC that retitles the terminal) and a line
    /// break must not reach a terminal raw: not in the table, not in the warnings.
    @Test func controlCharactersNeverReachTheTerminal() throws {
        let tree = try TemporaryTree()
        try FileManager.default.createDirectory(
            at: tree.url.appendingPathComponent("tree"), withIntermediateDirectories: true)
        try tree.writeRawName(
            Array("tree/a\u{1B}[31mred\nline.exe".utf8), contents: try TemporaryTree.fixtureBytes("pe/x64_gui.exe"))
        #expect(mkfifo(tree.path + "/tree/fifo\u{1B}]0;title\u{07}", 0o644) == 0)
        let result = try Armready.run(["scan", "tree"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdoutData.contains(0x1B), "ESC in the table")
        #expect(!result.stderrData.contains(0x1B), "ESC in a warning: \(result.stderr.debugDescription)")
        #expect(!result.stderrData.contains(0x07), "BEL in a warning")
        #expect(result.stderr.contains("warning: fifo"), "\(result.stderr)")
        #expect(result.stdout.contains("red"))

        let json = try ScanJSON(try Armready.run(["scan", "tree", "--report", "json"], in: tree.url))
        #expect(json.paths == ["a\u{1B}[31mred\nline.exe"], "JSON keeps the name exactly (escaped by the encoder)")
    }

    /// On a terminal the progress line shows the current path; an OSC sequence in a name
    /// (ESC ] 0 ; title BEL retitles the window) must arrive defused.
    @Test func progressLineDefusesEscapeSequences() throws {
        let tree = try TemporaryTree()
        try FileManager.default.createDirectory(
            at: tree.url.appendingPathComponent("tree"), withIntermediateDirectories: true)
        try tree.writeRawName(
            Array("tree/z\u{1B}]0;pwned\u{07}.exe".utf8), contents: try TemporaryTree.fixtureBytes("pe/x64_gui.exe"))
        let terminal = try Armready.runInTerminal(["scan", "tree", "--report", "json=out.json"], in: tree.url)
        let result = try #require(terminal, "util-linux script is needed for a pseudo-terminal")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("1/1 files"), "no progress line: \(result.stdout.debugDescription)")
        #expect(result.stdout.contains("pwned"))
        #expect(!result.stdout.contains("\u{1B}]0;"), "\(result.stdout.debugDescription)")
        #expect(!result.stdoutData.contains(0x07), "\(result.stdout.debugDescription)")
    }

    /// The replacement character can come from a directory name as well as the file's own;
    /// the JSON contract marks every binary whose path holds one.
    @Test func lossyDirectoryNameMarksItsFilesLossy() throws {
        let tree = try TemporaryTree()
        try tree.makeRawDirectory(Array("tree".utf8))
        let directory = Array("tree/dir".utf8) + [0xFF]
        try tree.makeRawDirectory(directory)
        try tree.writeRawName(
            directory + Array("/in.exe".utf8), contents: try TemporaryTree.fixtureBytes("pe/x64_gui.exe"))
        let result = try Armready.run(["scan", "tree", "--report", "json"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        let binary = try ScanJSON(result).binary("dir\u{FFFD}/in.exe")
        #expect(binary["pathIsLossy"] as? Bool == true)
    }
}
