import BinaryFormats

/// One binary as the application stage sees it: where it is, the facts its rules saw, what it
/// imports, and its assessment — on its own at first, final once `ApplicationAssessor` has
/// rated it in its application.
package struct AssessedBinary: Sendable {
    /// The report path (`/`-separated, relative to the scan root; `pkg.whl!/x.pyd` in a package).
    package var path: String
    /// The facts its rules saw, with `file.*` and without `target.*`; empty when the binary
    /// could not be read.
    package var facts: Facts
    /// PE imports (lower-case DLL names) in the order the image lists them.
    package var imports: [String]
    package var assessment: Assessment
    /// The id of the application it belongs to; set by `ApplicationAssessor`.
    package var application: String = "."
    /// The `app.*` facts of its application (`app.name`, `app.executables`,
    /// `app.nuget_arm64_asset`); set by `ApplicationAssessor`.
    package var applicationFacts = Facts()
    /// The executables of its application that import it, with the execution of their process
    /// (the `app.host` it was rated with); set by `ApplicationAssessor`.
    package var loadedBy: [(host: String, execution: Execution)] = []
    /// The package it was found in, when it was (its `package.*` facts are in `facts`).
    package var package: PackageContext?

    package init(path: String, facts: Facts, imports: [String], assessment: Assessment) {
        self.path = path
        self.facts = facts
        self.imports = imports
        self.assessment = assessment
    }

    /// An executable starts a process of its own: a PE executable, or a .NET assembly that
    /// is not a DLL.
    package var isExecutable: Bool {
        switch facts[.kind] {
        case .string(BinaryKind.executable.rawValue)?: true
        case .string(BinaryKind.dotnet.rawValue)?: facts[.peDll] == .bool(false)
        default: false
        }
    }
}
