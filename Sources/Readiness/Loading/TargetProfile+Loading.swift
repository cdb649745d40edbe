extension TargetProfile {
    /// The built-in profiles, from the embedded `Rules/targets/*.yaml`, sorted by name.
    ///
    /// - Throws: `ReadinessError` if an embedded profile is broken (a test pins that they load).
    package static func builtIn(_ files: [EmbeddedFile] = EmbeddedRules.files) throws(ReadinessError) -> [TargetProfile]
    {
        try parse(files.filter { $0.folder == "Rules/targets" && $0.isYAML })
    }

    /// Finds a profile by name among the built-ins and each user rule folder's `targets/`.
    ///
    /// A user profile with a built-in's name replaces it; later folders win over earlier ones.
    /// - Parameters:
    ///   - name: the profile name; nil for `defaultName`.
    ///   - userDirectories: the `--rules` folders.
    /// - Throws: `ReadinessError.unknownTarget` listing the names available, or a load error.
    package static func load(name: String? = nil, userDirectories: [String] = []) throws(ReadinessError)
        -> TargetProfile
    {
        let wanted = name ?? defaultName
        let available = try all(userDirectories: userDirectories)
        guard let profile = available.first(where: { $0.name == wanted }) else {
            throw .unknownTarget(name: wanted, available: available.map(\.name))
        }
        return profile
    }

    /// Every profile: the built-ins, replaced or joined by those in each user folder's
    /// `targets/` (later folders win), sorted by name.
    package static func all(userDirectories: [String] = []) throws(ReadinessError) -> [TargetProfile] {
        var byName: [String: TargetProfile] = [:]
        for profile in try builtIn() { byName[profile.name] = profile }
        for directory in userDirectories {
            let folder = directory.hasSuffix("/") ? directory + "targets" : directory + "/targets"
            for profile in try parse(try RuleFolder.yamlFiles(in: folder, optional: true)) {
                byName[profile.name] = profile
            }
        }
        return byName.values.sorted { $0.name < $1.name }
    }

    private static func parse(_ files: [EmbeddedFile]) throws(ReadinessError) -> [TargetProfile] {
        var result: [TargetProfile] = []
        for file in files {
            let parser = TargetProfileParser(reader: YAMLReader(file: file.path), expectedName: file.stem)
            result.append(try parser.parse(file.contents))
        }
        return result.sorted { $0.name < $1.name }
    }
}
