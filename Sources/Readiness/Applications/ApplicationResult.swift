/// An application: a directory with its executables and the libraries beside and below it,
/// and the verdict they earn together.
package struct ApplicationResult: Sendable, Equatable, Codable {
    /// The application directory relative to the scan root (`.` for the root itself).
    package var id: String
    /// The directory's name, for display.
    package var name: String
    package var verdict: Verdict
    package var executables: [String]
    package var binaries: [String]
    /// Why the application got its verdict: the binaries and load problems that decided it,
    /// worst first.
    package var reasons: [ApplicationReason]

    package init(
        id: String, name: String, verdict: Verdict, executables: [String], binaries: [String],
        reasons: [ApplicationReason]
    ) {
        self.id = id
        self.name = name
        self.verdict = verdict
        self.executables = executables
        self.binaries = binaries
        self.reasons = reasons
    }
}
