/// The work a PE's name tables may cost, in names and in bytes of names, scaled to the file.
///
/// Names are reached through RVAs that a hostile file can point at the same bytes again and
/// again (descriptors that repeat one thunk table, export name pointers that share a 4 KB
/// string), so counts alone allowed work quadratic in the file's size. A real file stores each
/// name it imports or exports once, with a thunk or pointer of its own, so it never comes near.
struct NameBudget {
    let fileSize: Int
    let names: Int
    let bytes: Int
    private(set) var namesLeft: Int
    private(set) var bytesLeft: Int

    init(fileSize: Int) {
        self.fileSize = fileSize
        names = ReadLimits.maxImportedFunctions(fileSize: fileSize)
        bytes = ReadLimits.maxNameBytes(fileSize: fileSize)
        namesLeft = names
        bytesLeft = bytes
    }

    /// Names that may still be read, at most `limit`; 0 once the bytes are spent.
    func namesAllowed(limit: Int) -> Int { bytesLeft > 0 ? min(limit, max(namesLeft, 0)) : 0 }

    /// Counts one function name; false when its bytes (and its NUL) overran what was left.
    mutating func spend(_ name: String) -> Bool {
        namesLeft -= 1
        return spendBytes(of: name)
    }

    /// Counts the bytes of a string that is not a function name (a DLL name, a forwarder).
    mutating func spendBytes(of string: String) -> Bool {
        bytesLeft -= string.utf8.count + 1
        return bytesLeft >= 0
    }

    /// Counts one name that cost no string read (an ordinal).
    mutating func spendName() { namesLeft -= 1 }

    /// "1024 names or 65536 bytes of names in all (for 2048 bytes of file)".
    var limits: String { "\(names) names or \(bytes) bytes of names in all (for \(fileSize) bytes of file)" }
    var byteLimit: String { "\(bytes) bytes of names in all (for \(fileSize) bytes of file)" }
}
