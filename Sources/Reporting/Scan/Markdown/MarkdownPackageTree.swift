import Readiness
import Scanning

/// The packages inside a package application (`setup.exe!`), from its binaries' paths and the
/// diagnostics under it: each package inside it with the worst verdict and the number of binaries
/// under it, and the members the scan left unrated with the diagnostic's sentence. Only
/// applications with such a tree get one; the binaries themselves are listed elsewhere.
struct MarkdownPackageTree {
    final class Node {
        let name: String
        var children: [Node] = []
        var index: [String: Node] = [:]
        var skipped: [(name: String, message: String)] = []
        var worst: Verdict?
        var count = 0

        init(name: String) { self.name = name }

        func child(_ name: String) -> Node {
            if let found = index[name] { return found }
            let node = Node(name: name)
            children.append(node)
            index[name] = node
            return node
        }
    }

    let application: ApplicationResult
    let root: Node

    /// Lines of one tree at most: a bundle of thousands of packages is cut with a count.
    static let maxLines = 60

    static func trees(_ report: ScanReport) -> [MarkdownPackageTree] {
        let skippedByApplication = Dictionary(grouping: report.diagnostics) {
            owner(of: $0.path, among: Set(report.applications.map(\.id)))
        }
        return report.applicationsWithBinaries.compactMap { application, binaries in
            guard application.id.hasSuffix("!") else { return nil }
            let prefix = application.id + "/"
            let root = Node(name: String(application.id.dropLast()))
            var nested = false
            func place(_ path: String) -> (node: Node, chain: [Node], name: String) {
                let parts = path.dropFirst(prefix.count).components(separatedBy: "!/")
                var node = root
                var chain = [root]
                for part in parts.dropLast() {
                    nested = true
                    node = node.child(part)
                    chain.append(node)
                }
                return (node, chain, parts.last ?? "")
            }
            for binary in binaries where binary.path.hasPrefix(prefix) {
                for node in place(binary.path).chain {
                    node.count += 1
                    node.worst = node.worst.map { max($0, binary.verdict) } ?? binary.verdict
                }
            }
            let skipped = (skippedByApplication[application.id] ?? []).filter { $0.path.hasPrefix(prefix) }
            for diagnostic in skipped {
                let at = place(diagnostic.path)
                at.node.skipped.append((at.name, diagnostic.message))
            }
            guard nested || !skipped.isEmpty else { return nil }
            return MarkdownPackageTree(application: application, root: root)
        }
    }

    /// The innermost package application a path lies in: the longest `id` with `id + "/"` a
    /// prefix of it (`a.zip!/setup.exe!/container1!/x.msi` is in `a.zip!/setup.exe!`).
    static func owner(of path: String, among ids: Set<String>) -> String {
        var end = path.endIndex
        while let boundary = path.range(of: "!/", options: .backwards, range: path.startIndex..<end) {
            let id = String(path[..<boundary.lowerBound]) + "!"
            if ids.contains(id) { return id }
            end = boundary.lowerBound
        }
        return ""
    }

    /// `**app!** (verdict)` and a nested list of its packages and unrated members. Names are in
    /// `<code>`, not backticks: character references are not decoded inside a code span.
    func lines() -> [String] {
        var lines = ["**\(MarkdownRenderer.e(application.id))** (\(application.verdict.rawValue))", ""]
        var cut = 0
        func walk(_ node: Node, depth: Int) {
            let indent = String(repeating: "  ", count: depth)
            for child in node.children {
                if lines.count < Self.maxLines {
                    let verdict = child.worst?.rawValue ?? "not rated"
                    lines.append(
                        "\(indent)- <code>\(MarkdownRenderer.e(child.name))</code>: \(verdict), \(child.count) \(child.count == 1 ? "binary" : "binaries")"
                    )
                } else {
                    cut += 1
                }
                walk(child, depth: depth + 1)
            }
            for member in node.skipped {
                if lines.count < Self.maxLines {
                    lines.append(
                        "\(indent)- <code>\(MarkdownRenderer.e(member.name))</code>: \(member.message.hasPrefix("not rated") ? "" : "not rated: ")\(MarkdownRenderer.e(member.message))"
                    )
                } else {
                    cut += 1
                }
            }
        }
        walk(root, depth: 0)
        if cut > 0 { lines.append("- … and \(cut) more (the JSON and HTML reports have the whole tree)") }
        return lines
    }
}
