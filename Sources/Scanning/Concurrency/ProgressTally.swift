import Foundation

/// The counts behind `ScanProgressUpdate`, shared by the walking thread and the analysing
/// threads.
final class ProgressTally: @unchecked Sendable {
    private let lock = NSLock()
    private var state = ScanProgressUpdate(found: 0, analysed: 0, walkFinished: false, path: "")

    /// The walk entered a directory (`found` is nil) or found a file.
    func walked(_ path: String, found: Int?) -> ScanProgressUpdate {
        update { state in
            if let found { state.found = found }
            state.path = path
        }
    }

    func analysed(_ path: String) -> ScanProgressUpdate {
        update { state in
            state.analysed += 1
            state.path = path
        }
    }

    func walkFinished(found: Int) -> ScanProgressUpdate {
        update { state in
            state.found = found
            state.walkFinished = true
        }
    }

    private func update(_ change: (inout ScanProgressUpdate) -> Void) -> ScanProgressUpdate {
        lock.lock()
        defer { lock.unlock() }
        change(&state)
        return state
    }
}
