import Readiness

/// Column widths of the scan table, fitted to the terminal when its width is known.
struct TableColumns {
    static let headers = ["VERDICT", "EXECUTION", "KIND", "PATH", "REASON"]
    /// A reason narrower than this is not worth showing next to a truncated path.
    static let minReason = 16
    static let minPath = 12

    var verdict: Int
    var execution: Int
    var kind: Int
    var path: Int
    /// Nil: the last column is never cut.
    var reason: Int?

    init(rows: [TableRenderer.Row], width: Int?, fixedIndent: Int) {
        func widest(_ header: String, _ values: [String]) -> Int {
            values.map(TerminalText.width).reduce(TerminalText.width(header), max)
        }
        verdict = widest(Self.headers[0], rows.map(\.verdict.rawValue))
        execution = widest(Self.headers[1], rows.map(\.execution))
        kind = widest(Self.headers[2], rows.map(\.kind))
        let longestPath = widest(Self.headers[3], rows.map(\.path))
        guard let width else {
            path = longestPath
            reason = nil
            return
        }
        let gaps = 4 * TerminalText.width(TableRenderer.gap)
        let available = max(width - fixedIndent - verdict - execution - kind - gaps, Self.minPath + Self.minReason)
        if longestPath + Self.minReason <= available {
            path = longestPath
        } else {
            path = max(Self.minPath, available - Self.minReason)
        }
        reason = max(available - path, 1)
    }

    func header() -> String {
        cells(Self.headers[0], Self.headers[1], Self.headers[2], Self.headers[3], Self.headers[4])
    }

    func line(for row: TableRenderer.Row, style: TableStyle) -> String {
        let verdictCell = style.verdict(row.verdict, TerminalText.padded(row.verdict.rawValue, to: verdict))
        return verdictCell + TableRenderer.gap
            + [
                TerminalText.padded(row.execution, to: execution),
                TerminalText.padded(row.kind, to: kind),
                TerminalText.padded(TerminalText.truncatedMiddle(row.path, to: path), to: path),
                reason.map { TerminalText.truncatedEnd(row.reason, to: $0) } ?? row.reason,
            ].joined(separator: TableRenderer.gap)
    }

    private func cells(_ a: String, _ b: String, _ c: String, _ d: String, _ e: String) -> String {
        [
            TerminalText.padded(a, to: verdict), TerminalText.padded(b, to: execution),
            TerminalText.padded(c, to: kind), TerminalText.padded(d, to: path), e,
        ].joined(separator: TableRenderer.gap)
    }
}
