import BinaryFormats

/// A package member's bytes, unpacked: in memory, or in an unlinked mapped temporary file for
/// large ones (`ZipArchive.inMemoryLimit`).
enum PackageMemberBytes {
    case memory([UInt8])
    case file(MappedFile)

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch self {
        case let .memory(bytes): bytes.withUnsafeBytes(body)
        case let .file(file): withExtendedLifetime(file) { body(file.bytes) }
        }
    }

    var release: ((Range<Int>) -> Void)? {
        if case let .file(file) = self { return file.releasePages }
        return nil
    }

    func sha256() -> String {
        switch self {
        case let .memory(bytes): bytes.withUnsafeBytes { Digest.sha256($0) }
        case let .file(file): Digest.sha256(file)
        }
    }
}
