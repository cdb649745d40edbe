/// Reads ELF files through libelf into a `BinaryImage`.
///
/// The header and both header tables are checked through `ByteReader` first (`ELFHeaderCheck`),
/// then libelf (`ELFHandle`) translates headers, symbols, dynamic entries and relocations.
/// Strings, notes, `PT_INTERP` and `.eh_frame` are read from the raw bytes with bounds checks.
/// Structural damage (headers, tables, `PT_INTERP`, `.dynamic`) is an error with a precise
/// sentence; damage in optional content (symbols, notes, `.eh_frame`) leaves that part empty.
package enum ELFReader {
    /// Reads the ELF image in `bytes`, which must stay valid for the call.
    ///
    /// - Throws: `BinaryFormatError` naming the structure and offset that could not be read.
    package static func read(_ bytes: UnsafeRawBufferPointer, options: ReadOptions = .full) throws(BinaryFormatError)
        -> BinaryImage
    {
        let check = try ELFHeaderCheck(bytes)
        let handle = try ELFHandle(bytes: bytes)
        let context = try ELFContext(bytes: bytes, check: check, handle: handle)
        return try context.image(codeDetails: options.codeDetails)
    }
}
