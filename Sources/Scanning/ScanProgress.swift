/// How far a scan has got, for a progress display: sent while the walk is still finding files
/// (so a large tree shows progress from its first second) and as each file is analysed.
package struct ScanProgressUpdate: Sendable, Equatable {
    /// Regular files the walk has found so far; the total once `walkFinished`.
    package var found: Int
    /// Files analysed so far.
    package var analysed: Int
    package var walkFinished: Bool
    /// The directory the walk just entered, or the file just found or analysed.
    package var path: String

    package init(found: Int, analysed: Int, walkFinished: Bool, path: String) {
        self.found = found
        self.analysed = analysed
        self.walkFinished = walkFinished
        self.path = path
    }

    /// Every file found has been analysed and the walk is over.
    package var isComplete: Bool { walkFinished && analysed == found }
}

/// Progress callback, called from the walking thread and from every analysing thread.
package typealias ScanProgress = @Sendable (ScanProgressUpdate) -> Void
