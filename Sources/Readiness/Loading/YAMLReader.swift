import Foundation
import Yams

/// Strict access to one YAML file's node tree, with every error naming `file:line`.
///
/// Rule and profile files are read through Yams' `Node` API (not `Codable`) because only the
/// nodes carry `Mark`s, and the loader must say on which line an unknown key or a bad value is.
package struct YAMLReader {
    /// The path shown in errors (`Rules/foo.yaml` for built-ins).
    package let file: String

    package init(file: String) {
        self.file = file
    }

    /// Parses `text` into its single document's root node.
    ///
    /// - Throws: `ReadinessError.invalid` at the line Yams reports for a syntax error or a
    ///   duplicated key, or at line 1 for an empty file.
    package func root(of text: String) throws(ReadinessError) -> Node {
        let parsed: Node?
        do {
            // The basic resolver: values are read from their text (`scalar.string`), never from
            // YAML type guessing, and the default resolver's regular expressions cost more
            // than the rest of loading the built-in rules. UTF-8 is named because Yams's default
            // encoding reads the whole process environment on every parse.
            parsed = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw syntaxError(error)
        } catch {
            throw .invalid(file: file, line: 1, message: "invalid YAML: \(error)")
        }
        guard let parsed else { throw .invalid(file: file, line: 1, message: "the file is empty") }
        return parsed
    }

    /// The 1-based line a node starts on (1 when Yams gives none).
    package func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    /// An error at a node's line.
    package func error(_ node: Node, _ message: String) -> ReadinessError {
        .invalid(file: file, line: line(node), message: message)
    }

    /// The mapping's entries as (key, key node, value node), rejecting keys outside `allowed`
    /// and reporting the first missing `required` key.
    package func entries(
        _ node: Node, allowed: [String], required: [String] = [], what: String
    ) throws(ReadinessError) -> [String: (key: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            throw error(node, "\(what) must be a mapping")
        }
        var result: [String: (key: Node, value: Node)] = [:]
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                throw error(keyNode, "\(what) keys must be plain names")
            }
            let key = scalar.string
            guard allowed.contains(key) else {
                throw error(
                    keyNode, "unknown key '\(key)' in \(what) (expected one of: \(allowed.joined(separator: ", ")))")
            }
            result[key] = (keyNode, valueNode)
        }
        for key in required where result[key] == nil {
            throw error(node, "\(what) is missing the required key '\(key)'")
        }
        return result
    }

    /// A scalar's text; sequences and mappings are errors naming `key`.
    package func text(_ node: Node, key: String) throws(ReadinessError) -> String {
        guard case .scalar(let scalar) = node else { throw error(node, "'\(key)' must be a single value") }
        return scalar.string
    }

    /// A non-empty scalar's text.
    package func nonEmptyText(_ node: Node, key: String) throws(ReadinessError) -> String {
        let value = try text(node, key: key).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw error(node, "'\(key)' must not be empty") }
        return value
    }

    /// A sequence's items; a scalar or mapping is an error naming `key`.
    package func items(_ node: Node, key: String) throws(ReadinessError) -> [Node] {
        guard case .sequence(let sequence) = node else { throw error(node, "'\(key)' must be a list") }
        return Array(sequence)
    }

    /// A value of the given fact type, read from the scalar's text (not Yams' tag guessing,
    /// so `0x8664` is hex, `010` is ten, and only `true`/`false` are booleans).
    package func value(_ node: Node, type: FactType, key: String) throws(ReadinessError) -> FactValue {
        if type == .list {
            var strings: [String] = []
            for item in try items(node, key: key) { strings.append(try text(item, key: key)) }
            return .list(strings)
        }
        let raw = try text(node, key: key).trimmingCharacters(in: .whitespaces)
        switch type {
        case .string:
            return .string(raw)
        case .bool:
            if raw == "true" { return .bool(true) }
            if raw == "false" { return .bool(false) }
            throw error(node, "'\(key)' must be true or false, not '\(raw)'")
        case .int:
            guard let number = Self.integer(raw) else { throw error(node, "'\(key)' must be an integer, not '\(raw)'") }
            return .int(number)
        case .double, .list:
            if let number = Self.integer(raw) { return .double(Double(number)) }
            guard let number = Double(raw), number.isFinite else {
                throw error(node, "'\(key)' must be a number, not '\(raw)'")
            }
            return .double(number)
        }
    }

    /// Parses a decimal or `0x` hexadecimal integer, with an optional minus sign.
    static func integer(_ text: String) -> Int? {
        var digits = Substring(text)
        let negative = digits.hasPrefix("-")
        if negative { digits = digits.dropFirst() }
        let magnitude: Int?
        if digits.lowercased().hasPrefix("0x") {
            magnitude = Int(digits.dropFirst(2), radix: 16)
        } else {
            magnitude = Int(digits, radix: 10)
        }
        guard let magnitude else { return nil }
        return negative ? -magnitude : magnitude
    }

    private func syntaxError(_ error: YamlError) -> ReadinessError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return .invalid(file: file, line: mark.line, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .invalid(
                file: file, line: context.mark.line,
                message: "duplicate key '\(duplicates.joined(separator: "', '"))'")
        default:
            return .invalid(file: file, line: 1, message: "invalid YAML: \(error)")
        }
    }
}
