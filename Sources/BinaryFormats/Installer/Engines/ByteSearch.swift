#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bounded searches for a byte pattern in a scanned file. The overlay and engine detectors search
/// megabytes per signature, so the forward scan for the first byte is libc's vectorised
/// `memchr` and the rest of the pattern is one `memcmp`.
enum ByteSearch {
    /// The first offset in `range` (clamped to the buffer) where `pattern` starts and fits.
    static func firstIndex(of pattern: [UInt8], in bytes: UnsafeRawBufferPointer, range: Range<Int>) -> Int? {
        guard let first = pattern.first, let base = bytes.baseAddress else { return nil }
        let lower = max(range.lowerBound, 0)
        let upper = min(range.upperBound, bytes.count - pattern.count + 1)
        var index = lower
        while index < upper {
            guard let hit = memchr(base + index, Int32(first), upper - index) else { return nil }
            let offset = base.distance(to: UnsafeRawPointer(hit))
            if matches(pattern, in: bytes, at: offset) { return offset }
            index = offset + 1
        }
        return nil
    }

    /// The last offset in `range` where `pattern` starts and fits (callers search small windows,
    /// such as the 64 KiB before a ZIP's end; Glibc's module does not export `memrchr`).
    static func lastIndex(of pattern: [UInt8], in bytes: UnsafeRawBufferPointer, range: Range<Int>) -> Int? {
        guard let first = pattern.first else { return nil }
        let lower = max(range.lowerBound, 0)
        var index = min(range.upperBound, bytes.count - pattern.count + 1) - 1
        while index >= lower {
            if bytes[index] == first, matches(pattern, in: bytes, at: index) { return index }
            index -= 1
        }
        return nil
    }

    /// Whether `pattern` lies at `offset` (false when it would pass the end).
    static func matches(_ pattern: [UInt8], in bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard offset >= 0, offset <= bytes.count - pattern.count else { return false }
        guard !pattern.isEmpty, let base = bytes.baseAddress else { return true }
        return pattern.withUnsafeBytes { wanted in
            guard let wantedBase = wanted.baseAddress else { return true }
            return memcmp(base + offset, wantedBase, pattern.count) == 0
        }
    }
}
