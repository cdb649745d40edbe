import Crypto

/// SHA-256 of a file's bytes, lower-case hex: the binary's identity in reports, suppressions
/// and baselines.
enum Digest {
    static func sha256(_ bytes: UnsafeRawBufferPointer) -> String {
        let digest = SHA256.hash(data: bytes)
        var text = ""
        text.reserveCapacity(64)
        for byte in digest {
            text += byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }
        return text
    }
}
