/// Reads a file beside a walked package: the external cabinets an MSI's Media table names
/// (`data1.cab` next to `setup.msi`). Only for walked files: a package unpacked from another
/// has no directory.
struct SiblingFiles {
    /// The file's bytes, or a sentence saying why they cannot be read.
    let read: (_ name: String, _ limit: UInt64) -> Result<[UInt8], SiblingError>

    struct SiblingError: Error, CustomStringConvertible {
        var description: String
    }
}
