/// Decoded bytes a 7z folder's coders hand on, pulled a buffer at a time.
protocol SevenZipSource: AnyObject {
    /// Fills `buffer` with the next bytes; 0 only at the end (or for an empty buffer).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(BinaryFormatError) -> Int
}

/// 7-Zip's BCJ2 x86 branch converter, decoded as 7-Zip's Bcj2Dec (the version 9.20 layout,
/// which 7-Zip's encoder still writes): the main stream holds the code with each CALL (E8),
/// JMP (E9) and Jcc (0F 8x) opcode kept, a range-coded bit per opcode says whether its 4-byte
/// absolute target follows in the call (E8) or jump stream (big-endian), and the decoder turns
/// that target back into the relative displacement.
final class SevenZipBCJ2Stream: SevenZipSource {
    private let main: BufferedSource
    private let call: BufferedSource
    private let jump: BufferedSource
    private let rangeCoded: BufferedSource
    let size: UInt64
    private(set) var produced: UInt64 = 0
    private var probabilities = [UInt16](repeating: 1 << 10, count: 258)
    private var range: UInt32 = 0xFFFF_FFFF
    private var code: UInt32 = 0
    private var previous: UInt8 = 0
    private var pending: [UInt8] = []
    private var started = false

    init(main: SevenZipSource, call: SevenZipSource, jump: SevenZipSource, rangeCoded: SevenZipSource, size: UInt64) {
        self.main = BufferedSource(main)
        self.call = BufferedSource(call)
        self.jump = BufferedSource(jump)
        self.rangeCoded = BufferedSource(rangeCoded)
        self.size = size
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(BinaryFormatError) -> Int {
        if !started {
            for _ in 0..<5 { code = code << 8 | UInt32(try rangeByte()) }
            started = true
        }
        let want = Int(min(UInt64(buffer.count), size - produced))
        var count = 0
        while count < want {
            if !pending.isEmpty {
                buffer[count] = pending.removeFirst()
                count += 1
                produced += 1
                continue
            }
            guard let byte = try main.byte() else {
                throw .invalid("the 7z BCJ2 main stream ends after \(produced) of its folder's \(size) bytes")
            }
            buffer[count] = byte
            count += 1
            produced += 1
            let isBranch = byte & 0xFE == 0xE8 || (previous == 0x0F && byte & 0xF0 == 0x80)
            // As Bcj2Dec: an opcode in the last byte of the output reads no bit.
            guard isBranch, produced < size else {
                previous = byte
                continue
            }
            let index = byte == 0xE8 ? Int(previous) : byte == 0xE9 ? 256 : 257
            guard try bit(index) else {
                previous = byte
                continue
            }
            let source = byte == 0xE8 ? call : jump
            var target: UInt32 = 0
            for _ in 0..<4 {
                guard let next = try source.byte() else {
                    throw .invalid("the 7z BCJ2 \(byte == 0xE8 ? "call" : "jump") stream ends early")
                }
                target = target << 8 | UInt32(next)
            }
            let displacement = target &- (UInt32(truncatingIfNeeded: produced) &+ 4)
            pending = (0..<4).map { UInt8(truncatingIfNeeded: displacement >> (8 * UInt32($0))) }
            previous = pending[3]
        }
        return count
    }

    /// One bit of the range coder (LZMA's: 11-bit probabilities, shift 5, 24-bit top).
    private func bit(_ index: Int) throws(BinaryFormatError) -> Bool {
        let probability = UInt32(probabilities[index])
        let bound = (range >> 11) &* probability
        let result: Bool
        if code < bound {
            range = bound
            probabilities[index] = UInt16(probability + ((2048 - probability) >> 5))
            result = false
        } else {
            range &-= bound
            code &-= bound
            probabilities[index] = UInt16(probability - (probability >> 5))
            result = true
        }
        if range < 1 << 24 {
            range <<= 8
            code = code << 8 | UInt32(try rangeByte())
        }
        return result
    }

    private func rangeByte() throws(BinaryFormatError) -> UInt8 {
        guard let byte = try rangeCoded.byte() else { throw .invalid("the 7z BCJ2 range-coded stream ends early") }
        return byte
    }
}

/// A source read a byte at a time through a 64 KiB buffer.
final class BufferedSource {
    private let source: SevenZipSource
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
    private var filled = 0
    private var position = 0
    private var ended = false

    init(_ source: SevenZipSource) { self.source = source }
    deinit { buffer.deallocate() }

    /// The next byte; nil at the end.
    func byte() throws(BinaryFormatError) -> UInt8? {
        if position == filled {
            guard !ended else { return nil }
            filled = try source.read(into: buffer)
            position = 0
            if filled == 0 {
                ended = true
                return nil
            }
        }
        defer { position += 1 }
        return buffer[position]
    }
}
