/// Interns the strings of the HTML report's data blob, so a message, remediation or import name
/// that a thousand binaries share is written once.
///
/// A 20,000-binary scan repeats the same rule titles, remediations and DLL names on almost every
/// binary; writing each once and referring to it by index keeps the page under its size budget
/// (DESIGN.md §6, the HTML report issue: about 15 MB). Indices are given in first-use order, and
/// the payload builder walks the report in a fixed order, so the output is deterministic.
struct HTMLStringTable {
    private(set) var strings: [String] = []
    private var indices: [String: Int] = [:]

    /// The index of `string`, adding it on first use.
    mutating func id(_ string: String) -> Int {
        if let index = indices[string] { return index }
        let index = strings.count
        strings.append(string)
        indices[string] = index
        return index
    }

    /// The index of `string`, or nil when it is nil.
    mutating func id(_ string: String?) -> Int? {
        string.map { id($0) }
    }

    /// The indices of every string in `list`, in order.
    mutating func ids(_ list: [String]) -> [Int] {
        list.map { id($0) }
    }
}
