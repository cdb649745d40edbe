/// A command's text on standard output, written straight to descriptor 1 and checked: `print`
/// buffers and drops write errors, so `armready rules list > /dev/full` would exit 0.
enum StandardOutput {
    /// Writes `text` as it is.
    /// - Throws: `OutputError` naming standard output and the system's reason.
    static func write(_ text: String) throws(OutputError) {
        do {
            try FileDescriptorWriter.write(text, to: 1)
        } catch {
            throw OutputError(what: nil, destination: .standardOutput, reason: error)
        }
    }

    /// Writes each line followed by a newline, in one write.
    static func write(lines: [String]) throws(OutputError) {
        try write(lines.map { $0 + "\n" }.joined())
    }
}
