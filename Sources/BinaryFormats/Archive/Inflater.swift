internal import CZlib

/// Raw-deflate decompression (ZIP method 8) through zlib: the one file that touches zlib.
enum Inflater {}

extension Inflater {
    /// Inflates `compressed` in 1 MiB steps, handing each step to `sink`, and checks that the
    /// stream gives exactly `expected` bytes.
    /// - Parameter stopAfter: stop once this many bytes were produced, without checking the
    ///   rest of the stream (a prefix is enough to sniff a format).
    /// - Returns: the CRC-32 of the bytes produced.
    /// - Throws: `BinaryFormatError.invalid` with zlib's message, or when the size differs.
    @discardableResult
    static func inflate(
        _ compressed: UnsafeRawBufferPointer, expected: UInt64, stopAfter: UInt64? = nil, work: InflateWork? = nil,
        sink: (UnsafeRawBufferPointer) throws(BinaryFormatError) -> Void
    ) throws(BinaryFormatError) -> UInt32 {
        work?.startStream()
        var stream = z_stream()
        // windowBits -15: raw deflate, no zlib header, as ZIP stores it.
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .invalid("zlib inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        guard let input = compressed.baseAddress else { throw .invalid("deflate stream is empty") }
        stream.next_in = UnsafeMutablePointer(mutating: input.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(min(compressed.count, Int(UInt32.max)))
        var produced: UInt64 = 0
        defer { work?.record(inflated: produced, consumed: UInt64(stream.total_in)) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        guard let base = chunk.baseAddress else { throw .invalid("cannot allocate an inflate buffer") }
        var crc: uLong = CZlib.crc32(0, nil, 0)
        while true {
            stream.next_out = base.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(chunk.count)
            let status = zlib_inflate(&stream)
            let got = chunk.count - Int(stream.avail_out)
            if got > 0 {
                produced += UInt64(got)
                guard produced <= expected else {
                    throw .invalid("deflate data gives more than the \(expected) bytes the entry says")
                }
                crc = CZlib.crc32(crc, base.assumingMemoryBound(to: Bytef.self), uInt(got))
                try sink(UnsafeRawBufferPointer(start: base, count: got))
                if let stopAfter, produced >= stopAfter { return UInt32(truncatingIfNeeded: crc) }
            }
            if status == Z_STREAM_END { break }
            guard status == Z_OK, got > 0 || stream.avail_in > 0 else {
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw .invalid("deflate data is corrupt (zlib: \(message))")
            }
        }
        guard produced == expected else {
            throw .invalid("deflate data gives \(produced) bytes, the entry says \(expected)")
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// The first `length` bytes `compressed` inflates to, reading at most `inputBudget` of its
    /// bytes: a sniff costs a few hundred bytes of input and `length` of output, however large
    /// the entry, and no checksum (the CRC-32 covers the whole entry, checked when it is read).
    /// - Returns: fewer than `length` bytes only when the stream ends first.
    /// - Throws: `BinaryFormatError.invalid` when the stream is corrupt, ends short of or runs
    ///   past `expected` bytes, or gives fewer than `length` bytes within the budget.
    static func prefix(
        _ compressed: UnsafeRawBufferPointer, length: Int, expected: UInt64, inputBudget: Int, work: InflateWork? = nil
    ) throws(BinaryFormatError) -> [UInt8] {
        guard length > 0 else { return [] }
        work?.startStream()
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .invalid("zlib inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        guard let input = compressed.baseAddress else { throw .invalid("deflate stream is empty") }
        let available = min(compressed.count, inputBudget)
        stream.next_in = UnsafeMutablePointer(mutating: input.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(available)
        var bytes = [UInt8](repeating: 0, count: length)
        let (status, produced) = bytes.withUnsafeMutableBytes { out -> (Int32, Int) in
            guard let base = out.baseAddress else { return (Z_BUF_ERROR, 0) }
            stream.next_out = base.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(out.count)
            var status = Z_OK
            // zlib may return before the buffer is full (block boundaries): call until it
            // stops making progress.
            while status == Z_OK, stream.avail_out > 0 {
                let before = (stream.avail_in, stream.avail_out)
                status = zlib_inflate(&stream)
                if (stream.avail_in, stream.avail_out) == before { break }
            }
            return (status, out.count - Int(stream.avail_out))
        }
        work?.record(inflated: UInt64(produced), consumed: UInt64(stream.total_in))
        guard UInt64(produced) <= expected else {
            throw .invalid("deflate data gives more than the \(expected) bytes the entry says")
        }
        if status == Z_STREAM_END {
            guard UInt64(produced) == expected else {
                throw .invalid("deflate data gives \(produced) bytes, the entry says \(expected)")
            }
            return Array(bytes.prefix(produced))
        }
        if produced == length { return bytes }
        guard status == Z_OK || status == Z_BUF_ERROR else {
            let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
            throw .invalid("deflate data is corrupt (zlib: \(message))")
        }
        guard available == compressed.count else {
            throw .invalid(
                "deflate data gives \(produced) of its first \(length) bytes in the first \(inputBudget) compressed bytes"
            )
        }
        throw .invalid("deflate data ends after \(produced) bytes, the entry says \(expected)")
    }

    /// The CRC-32 a ZIP entry records for its uncompressed bytes (zlib `crc32`).
    static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress else { return 0 }
        var crc: uLong = CZlib.crc32(0, nil, 0)
        var offset = 0
        while offset < bytes.count {
            let chunk = min(bytes.count - offset, Int(UInt32.max))
            crc = CZlib.crc32(crc, (base + offset).assumingMemoryBound(to: Bytef.self), uInt(chunk))
            offset += chunk
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}

/// `inflate(_:_:)` under a name that does not clash with the Swift function above.
private func zlib_inflate(_ stream: UnsafeMutablePointer<z_stream>) -> Int32 {
    CZlib.inflate(stream, Z_NO_FLUSH)
}
