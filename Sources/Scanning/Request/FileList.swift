import Foundation

/// The paths a `--files-from` list names (`find -print0`, `git ls-files -z`, or one per line),
/// kept as raw bytes so names that are not UTF-8 still open.
package enum FileList {
    /// Reads the list from the file `source`, or from standard input for `-`.
    /// - Throws: `.unreadableFile` when the list cannot be read.
    package static func read(_ source: String, nullSeparated: Bool) throws(ScanError) -> [[UInt8]] {
        let data: Data
        if source == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: source))
            } catch {
                throw .unreadableFile(
                    path: source, reason: "cannot read the --files-from list (\(error.localizedDescription))")
            }
        }
        return parse(Array(data), nullSeparated: nullSeparated)
    }

    /// Splits a list at NUL bytes or at newlines (then dropping one carriage return before
    /// each, as a list written on Windows has), leaving out empty entries.
    package static func parse(_ bytes: [UInt8], nullSeparated: Bool) -> [[UInt8]] {
        let separator = nullSeparated ? UInt8(0) : UInt8(ascii: "\n")
        return bytes.split(separator: separator, omittingEmptySubsequences: true).compactMap { entry in
            var path = Array(entry)
            if !nullSeparated, path.last == UInt8(ascii: "\r") { path.removeLast() }
            return path.isEmpty ? nil : path
        }
    }
}
