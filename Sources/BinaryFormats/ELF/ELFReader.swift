/// Reads ELF files through libelf. (Being written: see the ELF helper's work.)
package enum ELFReader {
    package static func read(_ bytes: UnsafeRawBufferPointer) throws(BinaryFormatError) -> BinaryImage {
        throw .invalid("ELF reading is not implemented yet")
    }
}
