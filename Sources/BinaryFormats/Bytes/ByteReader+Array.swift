extension Array where Element == UInt8 {
    /// Runs `body` with a `ByteReader` over the array's bytes, keeping the typed error
    /// (`withUnsafeBytes` alone rethrows `any Error`). The reader must not escape `body`.
    package func withByteReader<T>(
        _ body: (ByteReader) throws(BinaryFormatError) -> T
    ) throws(BinaryFormatError) -> T {
        let result: Result<T, BinaryFormatError> = withUnsafeBytes { raw in
            do throws(BinaryFormatError) {
                return .success(try body(ByteReader(raw)))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
