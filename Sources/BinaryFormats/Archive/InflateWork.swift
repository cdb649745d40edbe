/// Counts the deflate work one `ZipArchive` has done, so a test can show that a hostile
/// package costs a bounded amount of work without timing it.
package final class InflateWork {
    /// Uncompressed bytes zlib produced (prefixes and whole entries).
    package private(set) var bytesInflated: UInt64 = 0
    /// Compressed bytes zlib consumed.
    package private(set) var bytesConsumed: UInt64 = 0
    /// Deflate streams started.
    package private(set) var streams = 0

    package init() {}

    func record(inflated: UInt64, consumed: UInt64) {
        bytesInflated += inflated
        bytesConsumed += consumed
    }

    func startStream() { streams += 1 }
}
