/// Bounded searches for a byte pattern in a scanned file.
enum ByteSearch {
    /// The first offset in `range` (clamped to the buffer) where `pattern` starts and fits.
    static func firstIndex(of pattern: [UInt8], in bytes: UnsafeRawBufferPointer, range: Range<Int>) -> Int? {
        guard let first = pattern.first else { return nil }
        let lower = max(range.lowerBound, 0)
        let upper = min(range.upperBound, bytes.count - pattern.count + 1)
        guard lower < upper else { return nil }
        var index = lower
        while index < upper {
            if bytes[index] == first, matches(pattern, in: bytes, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// The last offset in `range` where `pattern` starts and fits.
    static func lastIndex(of pattern: [UInt8], in bytes: UnsafeRawBufferPointer, range: Range<Int>) -> Int? {
        let lower = max(range.lowerBound, 0)
        var index = min(range.upperBound, bytes.count - pattern.count + 1) - 1
        while index >= lower {
            if matches(pattern, in: bytes, at: index) { return index }
            index -= 1
        }
        return nil
    }

    /// Whether `pattern` lies at `offset` (false when it would pass the end).
    static func matches(_ pattern: [UInt8], in bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard offset >= 0, offset <= bytes.count - pattern.count else { return false }
        for (index, byte) in pattern.enumerated() where bytes[offset + index] != byte { return false }
        return true
    }
}
