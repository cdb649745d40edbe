import Foundation
import Reporting
import Scanning

/// The one-line progress display on standard error (files done, files per second, current
/// path), redrawn at most ten times a second, and only when standard error is a terminal.
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
        return { [self] done, total, path in draw(done: done, total: total, path: path) }
    }

    private func draw(done: Int, total: Int, path: String) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let rate = Int(Double(done) / elapsed)
        var shown = TerminalText.sanitized(path)
        if shown.count > 50 { shown = "…" + shown.suffix(49) }
        // A progress line that cannot be drawn is no loss: the reports carry the results.
        try? FileDescriptorWriter.write("\r\u{1B}[K\(done)/\(total) files, \(rate)/s  \(shown)", to: 2)
        drawn = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { try? FileDescriptorWriter.write("\r\u{1B}[K", to: 2) }
    }
}
