/// Limits and knobs for one analysis.
package struct ISAOptions: Sendable, Equatable {
    /// Decode at most this many bytes per file; the profile says when the cap was reached.
    package var maxDecodedBytes: Int
    /// Example locations kept per extension.
    package var examplesPerExtension: Int
    /// Cores one large image's functions may be decoded on (`FlowDecoding.parallelThreshold`).
    package var workers: Int
    /// Follow control flow (required/dispatched per function); off: the linear sweep alone.
    package var followControlFlow: Bool

    package init(
        maxDecodedBytes: Int = 256 << 20, examplesPerExtension: Int = 3, workers: Int = 1,
        followControlFlow: Bool = true
    ) {
        self.maxDecodedBytes = max(0, maxDecodedBytes)
        self.examplesPerExtension = max(0, examplesPerExtension)
        self.workers = max(1, workers)
        self.followControlFlow = followControlFlow
    }
}
