/// Decides a file's container format from its first bytes, without reading the rest.
package enum FormatSniffer {
    /// How many leading bytes `sniff` needs at most.
    package static let prefixLength = 4

    /// The format the magic bytes announce; `.notBinary` when none matches.
    package static func sniff(_ prefix: UnsafeRawBufferPointer) -> BinaryFormat {
        if prefix.count >= 4, prefix[0] == 0x7F, prefix[1] == 0x45, prefix[2] == 0x4C, prefix[3] == 0x46 {
            return .elf
        }
        // "MZ" (and the rare "ZM" some DOS linkers wrote); whether a PE header follows is the
        // PE reader's question.
        if prefix.count >= 2, (prefix[0] == 0x4D && prefix[1] == 0x5A) || (prefix[0] == 0x5A && prefix[1] == 0x4D) {
            return .pe
        }
        return .notBinary
    }
}
