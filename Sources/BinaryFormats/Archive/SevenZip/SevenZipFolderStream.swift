import CLZMA

/// The decoded output of one 7z folder, pulled a buffer at a time: liblzma's raw decoder runs
/// the folder's coder chain (a branch or delta filter or two in front of LZMA or LZMA2, as
/// 7-Zip writes them), and a Copy folder is its packed bytes. Output stops at the folder's
/// stated size; the dictionary is never larger than that size (7-Zip's own decoder does the
/// same), so a header that claims a 4 GB dictionary for a small folder costs what the folder does.
final class SevenZipFolderStream: SevenZipSource {
    /// What a chain of one-in, one-out coders becomes: liblzma filters, output side first.
    enum Step {
        case copy
        case lzma(properties: [UInt8], outputSize: UInt64)
        case lzma2(properties: [UInt8], outputSize: UInt64)
        case branch(filter: UInt64, properties: [UInt8])
        case delta(properties: [UInt8])
    }

    private var stream = armready_lzma_stream_init()
    private let packed: UnsafeRawBufferPointer
    private let copies: Bool
    private var copied = 0
    private(set) var produced: UInt64 = 0
    let size: UInt64
    /// Options liblzma reads while it sets the chain up, held until the stream ends.
    private var options: [UnsafeMutableRawPointer] = []
    private var started = false
    /// liblzma reported the end of the stream; no call may follow.
    private var finished = false
    /// Stored data behind a branch or delta filter (7-Zip's -mx0 puts BCJ in front of Copy):
    /// liblzma's filters need LZMA or LZMA2 behind them, so the packed bytes are handed over as
    /// LZMA2 chunks of stored data (control byte 1 or 2, big-endian size - 1, at most 64 KiB;
    /// 0 ends the stream), without a copy.
    private var wrapsStored = false
    private var storedHanded = 0
    private var chunkData = 0
    private var inputDone = false
    private let chunkHeader = UnsafeMutableRawBufferPointer.allocate(byteCount: 3, alignment: 1)

    /// - Parameters:
    ///   - steps: the chain, output side first (from `SevenZipCoders.chain`).
    ///   - packed: the folder's packed stream, whole.
    ///   - size: the folder's stated output size.
    init(steps: [Step], packed: UnsafeRawBufferPointer, size: UInt64) throws(BinaryFormatError) {
        self.packed = packed
        self.size = size
        var coding = steps.filter { if case .copy = $0 { false } else { true } }
        copies = coding.isEmpty
        if copies { return }
        switch coding.last {
        case .branch, .delta:
            wrapsStored = true
            coding.append(.lzma2(properties: [18], outputSize: size))
        default:
            break
        }
        guard coding.count <= Int(LZMA_FILTERS_MAX) else {
            throw .invalid("the 7z folder chains \(coding.count) coders; at most \(LZMA_FILTERS_MAX) are read")
        }
        var filters: [lzma_filter] = []
        for (index, step) in coding.enumerated() {
            let last = index == coding.count - 1
            switch step {
            case .copy:
                continue
            case let .lzma(properties, outputSize):
                guard last else { throw .invalid("the 7z folder puts LZMA in front of another coder") }
                filters.append(
                    lzma_filter(id: 0x4000_0000_0000_0002, options: try lzmaOptions(properties, size: outputSize)))
            case let .lzma2(properties, outputSize):
                guard last else { throw .invalid("the 7z folder puts LZMA2 in front of another coder") }
                filters.append(lzma_filter(id: 0x21, options: try lzma2Options(properties, size: outputSize)))
            case let .branch(filter, properties):
                guard !last else {
                    throw .invalid("the 7z folder ends in a branch filter without LZMA or LZMA2 behind it")
                }
                let option = UnsafeMutablePointer<lzma_options_bcj>.allocate(capacity: 1)
                var offset: UInt32 = 0
                if properties.count == 4 {
                    for (shift, byte) in properties.enumerated() { offset |= UInt32(byte) << (8 * UInt32(shift)) }
                }
                option.initialize(to: lzma_options_bcj(start_offset: offset))
                options.append(UnsafeMutableRawPointer(option))
                filters.append(lzma_filter(id: filter, options: UnsafeMutableRawPointer(option)))
            case let .delta(properties):
                guard !last else {
                    throw .invalid("the 7z folder ends in a delta filter without LZMA or LZMA2 behind it")
                }
                let option = UnsafeMutablePointer<lzma_options_delta>.allocate(capacity: 1)
                option.initialize(to: lzma_options_delta())
                option.pointee.type = LZMA_DELTA_TYPE_BYTE
                option.pointee.dist = UInt32(properties.first ?? 0) + 1
                options.append(UnsafeMutableRawPointer(option))
                filters.append(lzma_filter(id: 0x03, options: UnsafeMutableRawPointer(option)))
            }
        }
        filters.append(lzma_filter(id: UInt64.max, options: nil))
        let status = lzma_raw_decoder(&stream, filters)
        guard status == LZMA_OK else {
            throw .invalid("liblzma cannot set up the 7z folder's coders (\(Self.describe(status)))")
        }
        started = true
        if !wrapsStored {
            stream.next_in = packed.baseAddress?.assumingMemoryBound(to: UInt8.self)
            stream.avail_in = packed.count
            inputDone = true
        }
    }

    deinit {
        if started { lzma_end(&stream) }
        for option in options { option.deallocate() }
        chunkHeader.deallocate()
    }

    /// Hands liblzma the next piece of the stored data's LZMA2 wrapping.
    private func feedStored() {
        if chunkData > 0 {
            stream.next_in = packed.baseAddress.map { ($0 + storedHanded).assumingMemoryBound(to: UInt8.self) }
            stream.avail_in = chunkData
            storedHanded += chunkData
            chunkData = 0
            return
        }
        let count = min(1 << 16, packed.count - storedHanded)
        if count == 0 {
            chunkHeader[0] = 0
            stream.avail_in = 1
            inputDone = true
        } else {
            chunkHeader[0] = storedHanded == 0 ? 1 : 2
            chunkHeader[1] = UInt8((count - 1) >> 8)
            chunkHeader[2] = UInt8((count - 1) & 0xFF)
            stream.avail_in = 3
            chunkData = count
        }
        stream.next_in = UnsafePointer(chunkHeader.baseAddress?.assumingMemoryBound(to: UInt8.self))
    }

    /// Fills `buffer` with the next output bytes, at most what is left of the stated size; the
    /// count, 0 at the end.
    /// - Throws: when the data is damaged or ends before the stated size.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(BinaryFormatError) -> Int {
        let want = Int(min(UInt64(buffer.count), size - produced))
        guard want > 0, let base = buffer.baseAddress else { return 0 }
        if copies {
            let count = min(want, packed.count - copied)
            guard count > 0 else { throw ended() }
            if let source = packed.baseAddress { base.copyMemory(from: source + copied, byteCount: count) }
            copied += count
            produced += UInt64(count)
            return count
        }
        guard !finished else { throw ended() }
        stream.next_out = base.assumingMemoryBound(to: UInt8.self)
        stream.avail_out = want
        var idle = 0
        while stream.avail_out == want {
            if wrapsStored, stream.avail_in == 0, !inputDone { feedStored() }
            let before = stream.avail_in
            let status = lzma_code(&stream, inputDone ? LZMA_FINISH : LZMA_RUN)
            if status == LZMA_STREAM_END {
                finished = true
                break
            }
            guard status == LZMA_OK else {
                throw status == LZMA_BUF_ERROR
                    ? ended() : .invalid("the 7z folder's data is damaged (liblzma: \(Self.describe(status)))")
            }
            idle = stream.avail_in == before && stream.avail_out == want ? idle + 1 : 0
            guard idle < 4 else { throw ended() }
        }
        let count = want - stream.avail_out
        guard count > 0 else { throw ended() }
        produced += UInt64(count)
        return count
    }

    private func ended() -> BinaryFormatError {
        .invalid("the 7z folder's data ends after \(produced) of its \(size) bytes")
    }

    /// Dictionaries above this are refused, after being cut to the output size.
    static let maxDictionary: UInt32 = 128 << 20

    private static func dictionary(_ claimed: UInt32, size: UInt64) throws(BinaryFormatError) -> UInt32 {
        let needed = UInt32(clamping: max(size, 4096))
        let dictionary = min(claimed, needed)
        guard dictionary <= maxDictionary else {
            throw .invalid(
                "the 7z folder needs a dictionary of \(dictionary) bytes, more than the limit of \(maxDictionary)")
        }
        return max(dictionary, 4096)
    }

    /// LZMA's 5 property bytes: (pb × 5 + lp) × 9 + lc, then the dictionary size.
    private func lzmaOptions(_ properties: [UInt8], size: UInt64) throws(BinaryFormatError) -> UnsafeMutableRawPointer {
        guard properties.count == 5, properties[0] < 9 * 5 * 5 else {
            throw .invalid("the 7z folder's LZMA properties are damaged")
        }
        var claimed: UInt32 = 0
        for index in 1..<5 { claimed |= UInt32(properties[index]) << (8 * UInt32(index - 1)) }
        let option = newLZMAOptions()
        let byte = UInt32(properties[0])
        option.pointee.lc = byte % 9
        option.pointee.lp = (byte / 9) % 5
        option.pointee.pb = byte / 45
        option.pointee.dict_size = try Self.dictionary(claimed, size: size)
        // LZMA1EXT with the size known: 7-Zip writes LZMA without an end marker (allowed if present).
        option.pointee.ext_flags = 1  // LZMA_LZMA1EXT_ALLOW_EOPM
        option.pointee.ext_size_low = UInt32(truncatingIfNeeded: size)
        option.pointee.ext_size_high = UInt32(truncatingIfNeeded: size >> 32)
        return UnsafeMutableRawPointer(option)
    }

    /// LZMA2's one property byte: the dictionary size, 40 meaning 4 GiB - 1.
    private func lzma2Options(_ properties: [UInt8], size: UInt64) throws(BinaryFormatError) -> UnsafeMutableRawPointer
    {
        guard properties.count == 1, properties[0] <= 40 else {
            throw .invalid("the 7z folder's LZMA2 properties are damaged")
        }
        let bits = UInt32(properties[0])
        let claimed = bits == 40 ? UInt32.max : (2 | (bits & 1)) << (bits / 2 + 11)
        let option = newLZMAOptions()
        option.pointee.dict_size = try Self.dictionary(claimed, size: size)
        return UnsafeMutableRawPointer(option)
    }

    private func newLZMAOptions() -> UnsafeMutablePointer<lzma_options_lzma> {
        let option = UnsafeMutablePointer<lzma_options_lzma>.allocate(capacity: 1)
        option.initialize(to: lzma_options_lzma())
        _ = lzma_lzma_preset(option, 6)
        options.append(UnsafeMutableRawPointer(option))
        return option
    }

    private static func describe(_ status: lzma_ret) -> String {
        switch status {
        case LZMA_MEM_ERROR: "out of memory"
        case LZMA_OPTIONS_ERROR: "unsupported options"
        case LZMA_DATA_ERROR: "corrupt data"
        case LZMA_FORMAT_ERROR: "unknown format"
        case LZMA_PROG_ERROR: "invalid arguments"
        default: "status \(status.rawValue)"
        }
    }
}
