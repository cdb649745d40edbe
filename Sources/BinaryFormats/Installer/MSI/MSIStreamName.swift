/// MSI's packed stream names (Wine/msitools table.c): characters `0-9A-Za-z._` map to 0–63; a
/// pair becomes U+3800 + a + (b << 6), a lone one U+4800 + a, and tables carry the prefix U+4840
/// (decoded here as `!`, as msiinfo's `_Tables` names show them without it).
package enum MSIStreamName {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._")

    /// The decoded name; a table stream decodes to `!` + the table name.
    package static func decode(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value >= 0x3800, value < 0x4800 {
                let code = Int(value - 0x3800)
                out.append(alphabet[code & 63])
                out.append(alphabet[code >> 6])
            } else if value >= 0x4800, value < 0x4840 {
                out.append(alphabet[Int(value - 0x4800)])
            } else if value == 0x4840 {
                out.append("!")
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
