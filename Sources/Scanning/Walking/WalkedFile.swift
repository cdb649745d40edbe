/// A regular file the walk found: the directory to open it from, its name there, and the path
/// to report it by.
struct WalkedFile: Sendable {
    /// The open directory the file is in; holding it keeps the descriptor open until the file
    /// has been analysed.
    let directory: DirectoryHandle
    /// The raw directory entry name, opened relative to `directory`, so the file's full path may
    /// exceed `PATH_MAX` and need not be UTF-8. For a root that is a file, the root as given,
    /// relative to the working directory.
    let name: [UInt8]
    /// The entry is a symbolic link the walk followed (or a root given on the command line):
    /// opened without `O_NOFOLLOW`.
    let followLink: Bool
    /// `/`-separated path relative to the root (see `ScanReport.roots`), UTF-8 with
    /// replacement characters where a name was not valid UTF-8.
    let displayPath: String
    let displayIsLossy: Bool
    /// The file's place in the walk (0, 1, 2... across all roots), which breaks ties when
    /// results that arrive in any order are sorted.
    let ordinal: Int
}
