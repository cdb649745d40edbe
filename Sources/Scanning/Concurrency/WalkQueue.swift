import Foundation

/// The bounded hand-off from the walking thread to the analysing threads: the walk waits when
/// `capacity` files are queued, so memory and the directory descriptors queued files hold
/// stay bounded however many files the tree has.
final class WalkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var ring: [WalkedFile?]
    private var head = 0
    private var count = 0
    private var closed = false

    init(capacity: Int) {
        ring = Array(repeating: nil, count: max(1, capacity))
    }

    /// Queues `file`, waiting while the queue is full.
    func push(_ file: WalkedFile) {
        condition.lock()
        defer { condition.unlock() }
        while count == ring.count { condition.wait() }
        ring[(head + count) % ring.count] = file
        count += 1
        condition.broadcast()
    }

    /// No file will be pushed any more; `pop` returns nil once the queue is empty.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next file, waiting while the queue is empty and still open.
    /// - Returns: nil when the queue is closed and empty.
    func pop() -> WalkedFile? {
        condition.lock()
        defer { condition.unlock() }
        while count == 0 && !closed { condition.wait() }
        guard count > 0 else { return nil }
        let file = ring[head]
        ring[head] = nil
        head = (head + 1) % ring.count
        count -= 1
        condition.broadcast()
        return file
    }
}
