/// The directories from a root down to the one being walked, each with the subdirectories it
/// still has to enter, holding open descriptors for only a bounded number of them.
///
/// A directory's descriptor is needed after it was listed only to open its remaining
/// subdirectories, so a frame lets go of its handle when it takes its last one. Of the frames
/// that still need theirs, the deepest `window` keep them, and above those only every
/// `stride`-th (the stride doubles whenever more than `window` such checkpoints would stay
/// open): at most `2 * window + 1` handles whatever the depth. A frame without one is opened
/// again from the nearest open ancestor, one name at a time, and must still be the directory
/// it was (device and inode), so a tree moved during the scan is not walked in the wrong place.
struct DirectoryStack {
    struct Frame {
        var handle: DirectoryHandle?
        let identity: DeviceInode
        /// The directory's raw name in its parent, to open it again.
        let name: [UInt8]
        let followLink: Bool
        /// Bytes of `display` up to and including this directory's name.
        let displayLength: Int
        /// This name or one above it was not valid UTF-8.
        let lossy: Bool
        /// Subdirectories still to enter, the next one last.
        var pending: [PendingDirectory] = []
    }

    /// A subdirectory found by listing, to be opened when the walk gets to it.
    struct PendingDirectory {
        let name: [UInt8]
        /// The entry is a symbolic link (to a directory) that the walk follows.
        let followLink: Bool
    }

    static let window = 32

    private(set) var frames: [Frame]
    private var stride = DirectoryStack.window
    /// The deepest frame's display path as UTF-8 bytes, and the same as a string.
    private var displayBytes: [UInt8]
    private(set) var display: String
    /// `display`, or `.` for a single root itself, as diagnostics name it.
    var displayOrDot: String { display.isEmpty ? "." : display }

    /// - Parameters:
    ///   - display: the root's display path (the prefix, empty for a single root).
    ///   - lossy: the root's path was not valid UTF-8 (a `--files-from` entry).
    init(root: DirectoryHandle, display: String, lossy: Bool = false) {
        displayBytes = Array(display.utf8)
        self.display = display
        frames = [
            Frame(
                handle: root, identity: root.identity, name: [], followLink: true, displayLength: displayBytes.count,
                lossy: lossy)
        ]
    }

    var top: Frame {
        get { frames[frames.count - 1] }
        set { frames[frames.count - 1] = newValue }
    }

    /// The display path of `name` inside the deepest directory.
    func childDisplay(_ name: String) -> String { display.isEmpty ? name : display + "/" + name }

    func contains(_ identity: DeviceInode) -> Bool { frames.contains { $0.identity == identity } }

    mutating func push(_ handle: DirectoryHandle, _ entry: PendingDirectory, decodedName: String, lossy: Bool) {
        if !displayBytes.isEmpty { displayBytes.append(0x2F) }
        displayBytes += decodedName.utf8
        display = childDisplay(decodedName)
        frames.append(
            Frame(
                handle: handle, identity: handle.identity, name: entry.name, followLink: entry.followLink,
                displayLength: displayBytes.count, lossy: lossy))
        keepHandlesBounded()
    }

    mutating func pop() {
        frames.removeLast()
        guard let parent = frames.last else { return }
        displayBytes.removeLast(displayBytes.count - parent.displayLength)
        display = String(decoding: displayBytes, as: UTF8.self)
    }

    /// Takes the deepest frame's next subdirectory, with the handle to open it from.
    /// - Returns: nil when the deepest frame has none left; `.failure` when its directory could
    ///   not be opened again (its remaining subdirectories are then dropped).
    mutating func nextPending() -> (entry: PendingDirectory, parent: Result<DirectoryHandle, ReopenFailure>)? {
        guard let entry = top.pending.popLast() else { return nil }
        let depth = frames.count - 1
        let parent = handle(at: depth)
        if case .failure = parent { top.pending = [] }
        // Its last subdirectory taken, a frame needs its descriptor only as a checkpoint.
        if top.pending.isEmpty, depth > 0, !isCheckpoint(depth) { top.handle = nil }
        return (entry, parent)
    }

    /// Why a directory could not be opened again from its ancestor.
    enum ReopenFailure: Error {
        case failed(Errno)
        /// Another directory now stands at its path.
        case replaced
    }

    private mutating func handle(at depth: Int) -> Result<DirectoryHandle, ReopenFailure> {
        if let handle = frames[depth].handle { return .success(handle) }
        // The root always has its handle, so an open ancestor exists.
        guard var start = frames[..<depth].lastIndex(where: { $0.handle != nil }), var current = frames[start].handle
        else { return .failure(.replaced) }
        while start < depth {
            start += 1
            let frame = frames[start]
            switch DirectoryHandle.open(frame.name, in: current, followLink: frame.followLink) {
            case let .failure(error): return .failure(.failed(error))
            case let .success(opened):
                guard opened.identity == frame.identity else { return .failure(.replaced) }
                current = opened
            }
        }
        frames[depth].handle = current
        return .success(current)
    }

    private func isCheckpoint(_ depth: Int) -> Bool { depth % stride == 0 }

    /// Drops the handle of the frame that has just left the window unless it is a checkpoint,
    /// and doubles the stride (dropping every other checkpoint) when there are too many.
    private mutating func keepHandlesBounded() {
        let edge = frames.count - 1 - Self.window
        guard edge > 0 else { return }
        if !isCheckpoint(edge) { frames[edge].handle = nil }
        guard edge / stride > Self.window else { return }
        stride *= 2
        for depth in 1...edge where !isCheckpoint(depth) { frames[depth].handle = nil }
    }
}
