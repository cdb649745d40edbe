/// The start tags of an XML document and their attributes, without an XML parser (FoundationXML
/// would add libxml2 to the release's run-time dependencies): enough for package manifests,
/// whose values armready reads are attributes. Comments, processing instructions, CDATA and
/// doctype sections are skipped; names lose their namespace prefix; the five predefined
/// entities and character references are decoded. Work is bounded by the text's length and
/// `maxTags`.
package enum XMLTagScanner {
    package struct Tag: Sendable, Equatable {
        /// The local name (`Identity` for `<m:Identity ...>`).
        package var name: String
        package var attributes: [String: String]
    }

    package static let maxTags = 100_000

    /// UTF-16 (either byte order, by its BOM) or UTF-8 text.
    package static func text(_ bytes: [UInt8]) -> String {
        if bytes.count >= 2, bytes[0] == 0xFF || bytes[0] == 0xFE, bytes[1] == 0xFE || bytes[1] == 0xFF,
            bytes[0] != bytes[1]
        {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = 2
            while index + 1 < bytes.count {
                let (a, b) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
                units.append(little ? a | b << 8 : a << 8 | b)
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    package static func tags(in text: String) -> [Tag] {
        let chars = Array(text.unicodeScalars)
        var tags: [Tag] = []
        var index = 0
        while index < chars.count, tags.count < maxTags {
            guard chars[index] == "<" else {
                index += 1
                continue
            }
            if starts(chars, at: index, "<!--") {
                index = end(of: "-->", in: chars, from: index + 4)
            } else if starts(chars, at: index, "<![CDATA[") {
                index = end(of: "]]>", in: chars, from: index + 9)
            } else if starts(chars, at: index, "<?") {
                index = end(of: "?>", in: chars, from: index + 2)
            } else if starts(chars, at: index, "<!") || starts(chars, at: index, "</") {
                index = end(of: ">", in: chars, from: index + 2)
            } else {
                let (tag, next) = startTag(chars, from: index + 1)
                if let tag { tags.append(tag) }
                index = next
            }
        }
        return tags
    }

    private static func startTag(_ chars: [Unicode.Scalar], from start: Int) -> (Tag?, Int) {
        var index = start
        let name = token(chars, &index)
        guard !name.isEmpty else { return (nil, index) }
        var attributes: [String: String] = [:]
        while index < chars.count {
            skipSpace(chars, &index)
            guard index < chars.count else { break }
            if chars[index] == ">" { return (Tag(name: local(name), attributes: attributes), index + 1) }
            if chars[index] == "/" {
                index += 1
                continue
            }
            let attribute = token(chars, &index)
            guard !attribute.isEmpty else { return (Tag(name: local(name), attributes: attributes), index + 1) }
            skipSpace(chars, &index)
            guard index < chars.count, chars[index] == "=" else { continue }
            index += 1
            skipSpace(chars, &index)
            guard index < chars.count, chars[index] == "\"" || chars[index] == "'" else { continue }
            let quote = chars[index]
            index += 1
            var value = String.UnicodeScalarView()
            while index < chars.count, chars[index] != quote {
                value.append(chars[index])
                index += 1
            }
            index += 1
            attributes[local(attribute)] = decodeEntities(String(value))
        }
        return (Tag(name: local(name), attributes: attributes), index)
    }

    private static func token(_ chars: [Unicode.Scalar], _ index: inout Int) -> String {
        var result = String.UnicodeScalarView()
        while index < chars.count {
            let c = chars[index]
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "=" || c == ">" || c == "/" || c == "<" {
                break
            }
            result.append(c)
            index += 1
        }
        return String(result)
    }

    private static func skipSpace(_ chars: [Unicode.Scalar], _ index: inout Int) {
        while index < chars.count,
            chars[index] == " " || chars[index] == "\t" || chars[index] == "\n"
                || chars[index] == "\r"
        {
            index += 1
        }
    }

    private static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    private static func starts(_ chars: [Unicode.Scalar], at index: Int, _ prefix: String) -> Bool {
        var offset = index
        for scalar in prefix.unicodeScalars {
            guard offset < chars.count, chars[offset] == scalar else { return false }
            offset += 1
        }
        return true
    }

    /// The index just after the next `terminator`, or the end of the text.
    private static func end(of terminator: String, in chars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < chars.count {
            if starts(chars, at: index, terminator) { return index + terminator.unicodeScalars.count }
            index += 1
        }
        return chars.count
    }

    private static func decodeEntities(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var result = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semicolon = rest[amp...].prefix(12).firstIndex(of: ";") else {
                result += rest[amp...]
                return result
            }
            let entity = rest[rest.index(after: amp)..<semicolon]
            switch entity {
            case "amp": result += "&"
            case "lt": result += "<"
            case "gt": result += ">"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let number: UInt32? =
                    entity.hasPrefix("#x")
                    ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let number, let scalar = Unicode.Scalar(number) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += rest[amp...semicolon]
                }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }
}
