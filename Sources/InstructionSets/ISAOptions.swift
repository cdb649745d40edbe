/// Limits and knobs for one analysis.
package struct ISAOptions: Sendable, Equatable {
    /// Decode at most this many bytes per file; the profile says when the cap was reached.
    package var maxDecodedBytes: Int
    /// Example locations kept per extension.
    package var examplesPerExtension: Int

    package init(maxDecodedBytes: Int = 256 << 20, examplesPerExtension: Int = 3) {
        self.maxDecodedBytes = max(0, maxDecodedBytes)
        self.examplesPerExtension = max(0, examplesPerExtension)
    }
}
