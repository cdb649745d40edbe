/// How this scan compares with a baseline file.
package struct BaselineComparison: Sendable, Equatable, Codable {
    package var file: String
    package var new: [String]
    package var worse: [String]
    package var improved: [String]
    /// Binaries in the baseline that this scan no longer found.
    package var removed: [String]

    package init(file: String, new: [String], worse: [String], improved: [String], removed: [String]) {
        self.file = file
        self.new = new
        self.worse = worse
        self.improved = improved
        self.removed = removed
    }
}
