/// Why a file could not be read, written for the person reading the report.
///
/// Every case carries the structure and byte offset involved, so a malformed file gets a
/// precise per-file reason and the scan goes on.
package enum BinaryFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A read of `length` bytes at `offset` would pass the end of the file.
    case truncated(what: String, offset: Int, length: Int, fileSize: Int)
    /// A header field points outside the file.
    case pointsPastEnd(field: String, value: UInt64, fileSize: Int)
    /// A NUL-terminated string ran past its limit or the end of the file.
    case unterminatedString(what: String, offset: Int)
    /// A count in a header is larger than armready accepts.
    case countTooLarge(what: String, count: Int, limit: Int)
    /// A structure's contents break the format's rules.
    case invalid(String)
    /// The file is not a regular file (FIFO, device, socket, directory).
    case notRegularFile
    /// A system call failed.
    case io(call: String, message: String)
    /// libelf refused the file.
    case libelf(call: String, message: String)
    /// The file shrank or was rewritten while it was read, on two attempts.
    case changedWhileRead

    package var description: String {
        switch self {
        case let .truncated(what, offset, length, fileSize):
            if offset >= fileSize {
                return "\(what) at \(hex(offset)) lies past the end of the file (size \(hex(fileSize)))"
            }
            return "\(what) at \(hex(offset)) needs \(length) bytes but the file ends at \(hex(fileSize))"
        case let .pointsPastEnd(field, value, fileSize):
            return "\(field) points past end of file (\(hex(value)) > \(hex(fileSize)))"
        case let .unterminatedString(what, offset):
            return "\(what) at \(hex(offset)) is not NUL-terminated"
        case let .countTooLarge(what, count, limit):
            return "\(what) count \(count) exceeds the limit of \(limit)"
        case let .invalid(text):
            return text
        case .notRegularFile:
            return "not a regular file"
        case let .io(call, message):
            return "\(call) failed: \(message)"
        case let .libelf(call, message):
            return "libelf \(call) failed: \(message)"
        case .changedWhileRead:
            return "the file changed while it was read (twice); read it again once it is stable"
        }
    }
}

/// `0x`-prefixed lower-case hexadecimal, the form used in every diagnostic.
package func hex<T: BinaryInteger>(_ value: T) -> String {
    "0x" + String(value, radix: 16)
}
