#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why bytes could not be written: the system's sentence for `errno`.
struct WriteError: Error, Equatable, CustomStringConvertible {
    let description: String

    static func fromErrno() -> WriteError {
        WriteError(description: String(cString: strerror(errno)))
    }
}
