import Foundation
import Readiness
import Yams

extension ScanConfiguration {
    private static let keys = [
        "version", "target", "fail-on", "fail-on-unknown", "rules", "disable", "exclude",
        "follow-symlinks", "archives", "isa", "cache", "max-file-size", "suppressions",
    ]
    private static let suppressionKeys = ["rule", "binary", "reason", "expires"]

    /// Reads and strictly checks a configuration file.
    ///
    /// - Throws: `ReadinessError.invalid` naming `file:line` for unknown keys, bad values, an
    ///   unsupported `version`, or a suppression without a reason; `.unreadable` when the file
    ///   cannot be read.
    package static func load(path: String) throws(ReadinessError) -> ScanConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: "cannot read the configuration file")
        }
        return try parse(text, file: path)
    }

    package static func parse(_ text: String, file: String) throws(ReadinessError) -> ScanConfiguration {
        let yaml = YAMLReader(file: file)
        let root = try yaml.root(of: text)
        let entries = try yaml.entries(root, allowed: keys, required: ["version"], what: "configuration")
        var config = ScanConfiguration(file: file)
        if let (_, node) = entries["version"] {
            let version = try yaml.text(node, key: "version")
            guard Int(version) == supportedVersion else {
                throw yaml.error(
                    node,
                    "unsupported configuration version \(version) (this armready reads version \(supportedVersion))")
            }
        }
        if let (_, node) = entries["target"] { config.target = try yaml.nonEmptyText(node, key: "target") }
        if let (_, node) = entries["fail-on"] {
            let value = try yaml.text(node, key: "fail-on")
            guard let verdict = Verdict(rawValue: value), verdict != .native, verdict != .unknown else {
                throw yaml.error(node, "'fail-on' must be one of emulated, at-risk, blocked (found '\(value)')")
            }
            config.failOn = verdict
        }
        if let (_, node) = entries["fail-on-unknown"] { config.failOnUnknown = try bool(node, "fail-on-unknown", yaml) }
        if let (_, node) = entries["follow-symlinks"] {
            config.followSymlinks = try bool(node, "follow-symlinks", yaml)
        }
        if let (_, node) = entries["isa"] { config.isa = try bool(node, "isa", yaml) }
        if let (_, node) = entries["archives"] { config.archives = try bool(node, "archives", yaml) }
        let base = (file as NSString).deletingLastPathComponent
        if let (_, node) = entries["rules"] {
            config.rules = try strings(node, "rules", yaml).map {
                $0.hasPrefix("/") || base.isEmpty ? $0 : base + "/" + $0
            }
        }
        if let (_, node) = entries["max-file-size"] {
            let text = try yaml.text(node, key: "max-file-size")
            guard let bytes = Int(text), bytes > 0 else {
                throw yaml.error(node, "'max-file-size' must be a positive number of bytes (found '\(text)')")
            }
            config.maxFileSize = bytes
        }
        if let (_, node) = entries["cache"] {
            let folder = try yaml.nonEmptyText(node, key: "cache")
            config.cache = folder.hasPrefix("/") || base.isEmpty ? folder : base + "/" + folder
        }
        if let (_, node) = entries["disable"] { config.disable = try strings(node, "disable", yaml) }
        if let (_, node) = entries["exclude"] { config.exclude = try strings(node, "exclude", yaml) }
        if let (_, node) = entries["suppressions"] {
            for item in try yaml.items(node, key: "suppressions") {
                config.suppressions.append(try suppression(item, yaml))
            }
        }
        return config
    }

    private static func suppression(_ node: Node, _ yaml: YAMLReader) throws(ReadinessError) -> Suppression {
        let entries = try yaml.entries(
            node, allowed: suppressionKeys, required: ["rule", "binary", "reason"], what: "suppression")
        var expires: String?
        if let (_, expiryNode) = entries["expires"] {
            let value = try yaml.text(expiryNode, key: "expires")
            guard isDate(value) else {
                throw yaml.error(expiryNode, "'expires' must be a date written YYYY-MM-DD (found '\(value)')")
            }
            expires = value
        }
        guard let rule = entries["rule"], let binary = entries["binary"], let reason = entries["reason"] else {
            throw yaml.error(node, "suppression needs rule, binary and reason")
        }
        return Suppression(
            rule: try yaml.nonEmptyText(rule.value, key: "rule"),
            binary: try yaml.nonEmptyText(binary.value, key: "binary"),
            reason: try yaml.nonEmptyText(reason.value, key: "reason"), expires: expires, line: yaml.line(node))
    }

    private static func bool(_ node: Node, _ key: String, _ yaml: YAMLReader) throws(ReadinessError) -> Bool {
        switch try yaml.text(node, key: key) {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let other: throw yaml.error(node, "'\(key)' must be true or false (found '\(other)')")
        }
    }

    private static func strings(_ node: Node, _ key: String, _ yaml: YAMLReader) throws(ReadinessError) -> [String] {
        var result: [String] = []
        for item in try yaml.items(node, key: key) { result.append(try yaml.nonEmptyText(item, key: key)) }
        return result
    }

    /// `YYYY-MM-DD` with digits in the right places and a plausible month and day.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}

extension ScanConfiguration {
    /// `explicit` (`--config FILE`), else `armready.yml` in the first scanned directory, else
    /// the defaults.
    package static func find(explicit: String?, firstPath: String?) throws(ReadinessError) -> ScanConfiguration {
        if let explicit { return try load(path: explicit) }
        guard let firstPath else { return ScanConfiguration() }
        let candidate = (firstPath as NSString).appendingPathComponent(fileName)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: firstPath, isDirectory: &isDirectory), isDirectory.boolValue,
            FileManager.default.fileExists(atPath: candidate)
        else { return ScanConfiguration() }
        return try load(path: candidate)
    }
}
