import Foundation
import Reporting
import Scanning

/// The one-line progress display on standard error, redrawn at most ten times a second, and
/// only when standard error is a terminal.
///
/// While the walk is still finding files it shows how many it has found and analysed (so a
/// large tree shows something from its first second); once the walk is over, files analysed
/// out of the total. Both end with the rate and the current path.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let lock = NSLock()
    private var drawn = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    var callback: ScanProgress? {
        guard enabled else { return nil }
        return { [self] update in draw(update) }
    }

    private func draw(_ update: ScanProgressUpdate) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard update.isComplete || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        // A progress line that cannot be drawn is no loss: the reports carry the results.
        let text = Self.text(update, elapsed: now.timeIntervalSince(start))
        try? FileDescriptorWriter.write("\r\u{1B}[K" + text, to: 2)
        drawn = true
    }

    /// The line's text, without the escape that clears the previous one.
    static func text(_ update: ScanProgressUpdate, elapsed: TimeInterval) -> String {
        let rate = Int(Double(update.analysed) / max(elapsed, 0.001))
        var shown = TerminalText.sanitized(update.path)
        if shown.count > 50 { shown = "…" + shown.suffix(49) }
        let counts =
            update.walkFinished
            ? "\(update.analysed)/\(update.found) files"
            : "\(update.found) files found, \(update.analysed) analysed"
        return "\(counts), \(rate)/s  \(shown)"
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { try? FileDescriptorWriter.write("\r\u{1B}[K", to: 2) }
    }
}
