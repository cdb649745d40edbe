/// A Python wheel's platform tags (PEP 427 file names, PEP 425 compressed tag sets, the
/// `Tag:` lines of `*.dist-info/WHEEL`) and the architectures they declare. pip installs a
/// wheel only into an interpreter whose platform matches one of its tags, so a `win_arm64`
/// wheel is only ever loaded by an Arm64 CPython (windows-on-arm.md §10, [S39]).
package enum WheelTags {
    /// The platform tags of a wheel file name (`name-1.0-cp312-cp312-win_arm64.whl`), or nil
    /// when the name is not a wheel's.
    package static func platforms(fileName: String) -> [String]? {
        var name = Substring(fileName)
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        guard name.lowercased().hasSuffix(".whl") else { return nil }
        let parts = name.dropLast(4).split(separator: "-", omittingEmptySubsequences: false)
        // name-version[-build]-python-abi-platform
        guard parts.count == 5 || parts.count == 6, let last = parts.last, !last.isEmpty else { return nil }
        return last.split(separator: ".").map { $0.lowercased() }
    }

    /// The platform tags of a WHEEL metadata file's `Tag:` lines (`Tag: cp312-cp312-win_arm64`).
    package static func platforms(wheelMetadata text: String) -> [String] {
        var result: [String] = []
        for line in text.split(whereSeparator: \.isNewline).prefix(4096) {
            guard line.lowercased().hasPrefix("tag:") else { continue }
            let parts =
                line.dropFirst(4).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).first?
                .split(separator: "-") ?? []
            guard parts.count == 3 else { continue }
            result.append(contentsOf: parts[2].split(separator: ".").map { $0.lowercased() })
        }
        return result
    }

    /// The architecture a platform tag names: arm64, x64, x86, arm, or neutral for `any`;
    /// nil for a tag that names none armready knows (`ppc64le`, `s390x` give theirs as written).
    package static func architecture(ofPlatform tag: String) -> String? {
        switch tag {
        case "any": return "neutral"
        case "win_arm64": return "arm64"
        case "win_amd64": return "x64"
        case "win32": return "x86"
        case "win_arm32": return "arm"
        default: break
        }
        if tag.hasSuffix("universal2") { return nil }
        let suffixes: [(String, String)] = [
            ("_x86_64", "x64"), ("_amd64", "x64"), ("_aarch64", "arm64"), ("_arm64", "arm64"), ("_i686", "x86"),
            ("_i386", "x86"), ("_armv7l", "arm"), ("_armv6l", "arm"),
        ]
        for (suffix, architecture) in suffixes where tag.hasSuffix(suffix) { return architecture }
        return nil
    }

    /// The architectures a set of platform tags declares, sorted, each once (`universal2` is
    /// both arm64 and x64).
    package static func architectures(ofPlatforms tags: [String]) -> [String] {
        var result = Set<String>()
        for tag in tags {
            if tag.hasSuffix("universal2") {
                result.formUnion(["arm64", "x64"])
            } else if let architecture = architecture(ofPlatform: tag) {
                result.insert(architecture)
            }
        }
        return result.sorted()
    }
}
