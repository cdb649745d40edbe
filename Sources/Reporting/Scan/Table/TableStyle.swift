import Readiness

/// ANSI SGR colours for the table, or nothing when colour is off (not a terminal, `NO_COLOR`).
///
/// Colours are applied after padding, so escape codes never count towards column widths.
struct TableStyle {
    var enabled: Bool

    func verdict(_ verdict: Verdict, _ text: String) -> String {
        switch verdict {
        case .native: sgr("32", text)
        case .emulated: sgr("36", text)
        case .atRisk: sgr("33", text)
        case .blocked: sgr("1;31", text)
        case .unknown: sgr("35", text)
        }
    }

    func bold(_ text: String) -> String { sgr("1", text) }
    func passed(_ text: String) -> String { sgr("1;32", text) }
    func failed(_ text: String) -> String { sgr("1;31", text) }
    func dim(_ text: String) -> String { sgr("2", text) }

    private func sgr(_ code: String, _ text: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
