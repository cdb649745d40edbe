/// Standard error as a `TextOutputStream`, for diagnostics. A write that fails here is dropped:
/// there is nowhere left to say so, and the exit status already tells.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        try? FileDescriptorWriter.write(string, to: 2)
    }
}

/// Prints one line on standard error.
func printError(_ message: String) {
    var standardError = StandardError()
    print(message, to: &standardError)
}
