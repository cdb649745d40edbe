import BinaryFormats
import Crypto

/// SHA-256 of a file's bytes, lower-case hex: the binary's identity in reports, suppressions
/// and baselines.
enum Digest {
    /// Hashes the whole file with `pread` in 1 MiB steps rather than through the mapping: one
    /// sequential pass is faster that way and keeps none of the file resident. Falls back to
    /// the mapping if a read fails.
    static func sha256(_ file: MappedFile) -> String {
        var hasher = SHA256()
        let complete = file.forEachChunk { hasher.update(bufferPointer: $0) }
        return complete ? hex(hasher.finalize()) : sha256(file.bytes)
    }

    static func sha256(_ bytes: UnsafeRawBufferPointer) -> String {
        hex(SHA256.hash(data: bytes))
    }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var text = ""
        text.reserveCapacity(64)
        for byte in digest {
            text += byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }
        return text
    }
}
