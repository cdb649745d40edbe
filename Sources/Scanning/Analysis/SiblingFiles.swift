import BinaryFormats

/// Reads a file beside a walked package: the external cabinets an MSI's Media table names
/// (`data1.cab` next to `setup.msi`), and the MSIs beside a cabinet. Only for walked files: a
/// package unpacked from another has no directory.
struct SiblingFiles {
    /// The file's bytes, or a sentence saying why they cannot be read.
    let read: (_ name: String, _ limit: UInt64) -> Result<[UInt8], SiblingError>
    /// The names of the other files in the directory (UTF-8 ones only).
    let names: () -> [String]

    struct SiblingError: Error, CustomStringConvertible {
        var description: String
    }

    /// MSIs beside a cabinet read to find one that names it, and the largest read.
    static let maxMSIsChecked = 16
    static let maxMSIBytes: UInt64 = 256 << 20

    /// The MSI beside the walked cabinet `cabinet` whose Media table names it as an external
    /// cabinet: that MSI rates the cabinet's files under their install paths.
    func msi(naming cabinet: String) -> String? {
        let candidates = names().filter { name in
            name != cabinet && PackageScanner.msiExtensions.contains(ArchiveScanner.lastExtension(name) ?? "")
        }
        for name in candidates.sorted().prefix(Self.maxMSIsChecked) {
            guard case let .success(bytes) = read(name, Self.maxMSIBytes) else { continue }
            let cabinets = bytes.withUnsafeBytes { raw in
                (try? MSIDatabase(raw))?.media.compactMap(\.cabinet) ?? []
            }
            if cabinets.contains(cabinet) { return name }
        }
        return nil
    }
}
