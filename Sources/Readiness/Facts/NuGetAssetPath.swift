/// Where a file sits in NuGet's runtime-specific asset layout: `…/runtimes/<rid>/native/<file>`
/// or `…/runtimes/<rid>/lib/<tfm>/<file>` (windows-on-arm.md §10, [S31]). The layout is the
/// same inside a `.nupkg` (`pkg.nupkg!/runtimes/…`) and in a framework-dependent publish folder.
package struct NuGetAssetPath: Sendable, Equatable {
    /// The runtime identifier folder, lower-case (`win-x64`, `win10-arm64`, `linux-x64`).
    package var rid: String
    /// The path with the RID folder taken out, lower-case: the same asset for another RID has
    /// the same key.
    package var assetKey: String

    /// nil when the path is not under a `runtimes/<rid>/native/` or `runtimes/<rid>/lib/` folder.
    package init?(_ path: String) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { $0.lowercased() }
        guard
            let runtimes = segments.indices.last(where: { index in
                segments[index] == "runtimes" && index + 3 < segments.count
                    && ["native", "lib"].contains(segments[index + 2]) && !segments[index + 1].isEmpty
            })
        else { return nil }
        rid = segments[runtimes + 1]
        assetKey = (segments[...runtimes] + segments[(runtimes + 2)...]).joined(separator: "/")
    }

    /// A Windows on Arm64 RID: `win-arm64` or a versioned one such as `win10-arm64`.
    package var isWindowsArm64: Bool {
        guard rid.hasPrefix("win"), rid.hasSuffix("-arm64") else { return false }
        let version = rid.dropFirst(3).dropLast("-arm64".count)
        return version.allSatisfy { $0.isNumber || $0 == "." }
    }
}
