import Readiness

extension ApplicationResult {
    /// The heading of the application in the table and JUnit reports: its name, and its
    /// directory when that says more.
    var title: String {
        id == name || id == "." || id.isEmpty ? name : "\(name) [\(id)]"
    }
}
