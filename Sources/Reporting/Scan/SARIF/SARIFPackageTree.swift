/// The package → payload tree as SARIF logical locations (§3.33): one `package` location per
/// package or installer a reported binary lies in (`dist/setup.exe`, then
/// `dist/setup.exe!/container1`, then `…!/x64/Contoso.msi`), each the parent of what it holds,
/// and one `module` location per binary inside a package (an installer that is both has its
/// findings on the `package`). The top-level package is named by its file name, its
/// `fullyQualifiedName` is its path in the checkout with the entries. Results point at their binary's
/// entry by index beside the physical location (which names the file on disk), so a viewer
/// can show which package and nested package a finding comes from. Binaries on disk get none.
struct SARIFPackageTree {
    private(set) var locations: [SARIFLogicalLocation] = []
    private var indexByName: [String: Int] = [:]

    /// The logical location of a binary (adding it and its packages), or nil for one that is
    /// not inside a package. Names come from its SARIF location, so none is absolute: the file's
    /// URI path under `%SRCROOT%`, or `ROOTn:path` for a root outside the checkout.
    mutating func reference(for location: SARIFArtifactLocator.Location) -> SARIFLogicalLocationReference? {
        guard let entry = location.archiveEntry else { return nil }
        let file =
            location.outsideRoot == nil ? location.path : location.baseID + ":" + location.path
        let segments = [file] + entry.components(separatedBy: "!/")
        var parent: Int?
        var qualified = ""
        for (position, segment) in segments.enumerated() {
            qualified = position == 0 ? segment : qualified + "!/" + segment
            let kind = position == segments.count - 1 ? "module" : "package"
            let name = position == 0 ? String(segment.split(separator: "/").last ?? Substring(segment)) : segment
            parent = add(name: name, qualified: qualified, kind: kind, parent: parent)
        }
        guard let parent else { return nil }
        return SARIFLogicalLocationReference(index: parent, fullyQualifiedName: qualified)
    }

    private mutating func add(name: String, qualified: String, kind: String, parent: Int?) -> Int {
        if let found = indexByName[qualified] {
            // An installer reported as a binary and then found to hold others is a package.
            if kind == "package" { locations[found].kind = kind }
            return found
        }
        let index = locations.count
        locations.append(
            SARIFLogicalLocation(
                name: name, fullyQualifiedName: qualified, kind: kind, parentIndex: parent, index: index))
        indexByName[qualified] = index
        return index
    }
}
