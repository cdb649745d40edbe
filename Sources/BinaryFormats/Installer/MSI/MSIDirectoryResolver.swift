/// Install paths from the Directory table (Microsoft's Directory table and DefaultDir docs):
/// parents are followed up to TARGETDIR; DefaultDir is `target[:source]`, each half
/// `short|long`, and the long target name is used; `.` adds no level; a standard folder (or any
/// child of TARGETDIR whose DefaultDir is `.`) is a symbolic root named by its key.
struct MSIDirectoryResolver {
    private var rows: [String: (parent: String?, defaultDir: String)] = [:]
    private var cache: [String: String] = [:]
    private(set) var warnings: [String] = []

    static let standardFolders: Set<String> = [
        "AdminToolsFolder", "AppDataFolder", "CommonAppDataFolder", "CommonFiles64Folder", "CommonFilesFolder",
        "DesktopFolder", "FavoritesFolder", "FontsFolder", "LocalAppDataFolder", "MyPicturesFolder",
        "NetHoodFolder", "PersonalFolder", "PrintHoodFolder", "ProgramFiles64Folder", "ProgramFilesFolder",
        "ProgramMenuFolder", "RecentFolder", "SendToFolder", "StartMenuFolder", "StartupFolder", "System16Folder",
        "System64Folder", "SystemFolder", "TempFolder", "TemplateFolder", "WindowsFolder", "WindowsVolume",
    ]

    init(_ records: [MSIRecord]) {
        self.init(
            entries: records.compactMap { row in
                row.string("Directory").map { ($0, row.string("Directory_Parent"), row.string("DefaultDir") ?? ".") }
            })
    }

    /// (Directory, Directory_Parent, DefaultDir) rows.
    init(entries: [(String, String?, String)]) {
        for (key, parent, defaultDir) in entries { rows[key] = (parent, defaultDir) }
    }

    /// `long` from `short|long`.
    static func longName(_ name: String) -> String {
        guard let bar = name.lastIndex(of: "|") else { return name }
        return String(name[name.index(after: bar)...])
    }

    mutating func path(of directory: String) -> String {
        if let known = cache[directory] { return known }
        var parts: [String] = []
        var key: String? = directory
        var seen = Set<String>()
        while let current = key, let row = rows[current] {
            guard seen.insert(current).inserted else {
                warnings.append(
                    "directory \(directory): the Directory_Parent chain loops at \(current); path truncated")
                break
            }
            guard parts.count < MSIDatabase.maxDirectoryDepth else {
                warnings.append(
                    "directory \(directory) is deeper than \(MSIDatabase.maxDirectoryDepth) levels; path truncated")
                break
            }
            guard current != "TARGETDIR", let parent = row.parent, parent != current else { break }
            let target = Self.longName(String(row.defaultDir.split(separator: ":", maxSplits: 1).first ?? "."))
            if Self.standardFolders.contains(current) || (parent == "TARGETDIR" && target == ".") {
                parts.append(current)
                break
            }
            if target != "." && !target.isEmpty { parts.append(target) }
            key = parent
        }
        let path = parts.reversed().joined(separator: "/")
        cache[directory] = path
        return path
    }
}
