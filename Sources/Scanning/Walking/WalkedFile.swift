/// A regular file the walk found, with the path to open it and the path to report it by.
struct WalkedFile: Sendable {
    /// The path to open: the root as given, then the raw directory entry names.
    let openPath: [UInt8]
    /// `/`-separated path relative to the root (see `ScanReport.roots`), UTF-8 with
    /// replacement characters where the name was not valid UTF-8.
    let displayPath: String
    let displayIsLossy: Bool
    let size: Int
}
