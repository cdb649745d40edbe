/// File paths kept as raw bytes, so names that are not UTF-8 can still be opened.
extension Array where Element == UInt8 {
    /// Calls `body` with a NUL-terminated C string of these bytes.
    func withCPath<T>(_ body: (UnsafePointer<CChar>) -> T) -> T {
        (self + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                // A non-empty buffer always has a base address; fall back to "" defensively.
                guard let base = chars.baseAddress else { return "".withCString(body) }
                return body(base)
            }
        }
    }
}
