import Dispatch
import Foundation

/// Walks and analyses at once: the calling thread walks and hands each regular file through a
/// bounded `WalkQueue` to the analysing threads, which keep only binaries and diagnostics
/// (`OutcomeCollector`). Memory and open descriptors so stay bounded by the queue and the
/// binaries found, not by the files walked, and analysis starts with the first file found.
enum ScanPipeline {
    /// Files queued between the walk and the analysers at most: enough to keep every thread
    /// busy, few enough that the directory descriptors they hold stay far below
    /// `RLIMIT_NOFILE`'s usual soft limit of 1024.
    static let queueCapacity = 128
    /// Analysing threads get the stack a main thread gets, as `concurrentPerform` workers did.
    static let threadStackSize = 8 << 20

    /// What the walk contributes: a function that walks every root, calling `found` with each
    /// regular file and `entering` with each directory.
    typealias Walk = (_ found: (WalkedFile) -> Void, _ entering: (String) -> Void) -> Int

    /// Runs `walk` on the calling thread while `workers` threads analyse what it finds.
    /// - Returns: the collected outcomes, and the number of regular files the walk found.
    static func run(workers: Int, analyzer: BinaryAnalyzer, progress: ScanProgress?, walk: Walk) -> (
        outcomes: OutcomeCollector, filesFound: Int
    ) {
        let queue = WalkQueue(capacity: queueCapacity)
        let collector = OutcomeCollector()
        let tally = ProgressTally()
        let finished = DispatchGroup()
        for _ in 0..<max(1, workers) {
            finished.enter()
            let thread = Thread {
                while let file = queue.pop() {
                    collector.add(analyzer.analyze(file), ordinal: file.ordinal)
                    if let progress { progress(tally.analysed(file.displayPath)) }
                }
                finished.leave()
            }
            thread.stackSize = threadStackSize
            thread.start()
        }
        let filesFound = walk(
            { file in
                if let progress { progress(tally.walked(file.displayPath, found: file.ordinal + 1)) }
                queue.push(file)
            },
            { directory in
                if let progress { progress(tally.walked(directory, found: nil)) }
            })
        queue.close()
        if let progress { progress(tally.walkFinished(found: filesFound)) }
        finished.wait()
        return (collector, filesFound)
    }
}
