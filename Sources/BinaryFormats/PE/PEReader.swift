package enum PEReader {
    package static func read(_ bytes: UnsafeRawBufferPointer) throws(BinaryFormatError) -> BinaryImage {
        throw .invalid("PE reading is not implemented yet")
    }
}
