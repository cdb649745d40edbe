import Foundation

/// Fixed-size result storage written by worker threads, each to its own slot.
final class OutcomeSlots: @unchecked Sendable {
    private var slots: [FileOutcome?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ outcome: FileOutcome) {
        lock.lock()
        slots[index] = outcome
        lock.unlock()
    }

    var values: [FileOutcome] { slots.map { $0 ?? .notBinary } }
}
