/// Reads the strings of a VS_VERSIONINFO resource.
///
/// Every node has the same shape (Microsoft "VS_VERSIONINFO", "StringFileInfo", "StringTable",
/// "String" structures): wLength, wValueLength, wType, a NUL-terminated UTF-16 key, padding to
/// 4 bytes, the value (wValueLength bytes, or UTF-16 units when wType is 1), padding, then
/// children up to wLength. Nodes are walked with a depth limit and only forward progress.
enum VersionInfoParser {
    static func parse(_ reader: ByteReader) -> VersionInfo? {
        var strings: [String: String] = [:]
        walk(reader, start: 0, end: reader.count, depth: 0, into: &strings)
        guard !strings.isEmpty else { return nil }
        return VersionInfo(
            productName: strings["ProductName"], companyName: strings["CompanyName"],
            fileVersion: strings["FileVersion"], productVersion: strings["ProductVersion"],
            fileDescription: strings["FileDescription"], originalFilename: strings["OriginalFilename"])
    }

    private static func walk(
        _ reader: ByteReader, start: Int, end: Int, depth: Int, into strings: inout [String: String]
    ) {
        guard depth < 4 else { return }
        var cursor = start
        while cursor + 6 <= end {
            guard let length = try? reader.u16(at: cursor), length >= 6,
                let valueLength = try? reader.u16(at: cursor + 2),
                let type = try? reader.u16(at: cursor + 4)
            else { return }
            let nodeEnd = min(end, cursor + Int(length))
            var keyEnd = cursor + 6
            while keyEnd + 1 < nodeEnd, (try? reader.u16(at: keyEnd)) ?? 0 != 0 { keyEnd += 2 }
            let key = (try? reader.utf16String(at: cursor + 6, units: (keyEnd - cursor - 6) / 2, "version key")) ?? ""
            let valueStart = align4(keyEnd + 2)
            let valueBytes = type == 1 ? Int(valueLength) * 2 : Int(valueLength)
            if depth == 3 {
                let units = max(0, min(valueBytes, nodeEnd - valueStart) / 2)
                if let value = try? reader.utf16String(at: valueStart, units: units, "version value") {
                    strings[key] = String(value.prefix { $0 != "\0" })
                }
            }
            // VS_VERSION_INFO → StringFileInfo → StringTable → String; VarFileInfo is skipped.
            let descend = depth == 0 || (depth == 1 && key == "StringFileInfo") || depth == 2
            let childrenStart = align4(valueStart + valueBytes)
            if descend, childrenStart < nodeEnd {
                walk(reader, start: childrenStart, end: nodeEnd, depth: depth + 1, into: &strings)
            }
            let next = align4(cursor + Int(length))
            guard next > cursor else { return }
            cursor = next
        }
    }

    private static func align4(_ value: Int) -> Int { (value + 3) & ~3 }
}
