/// Reads a decoded 7z header (`kHeader`, or the `kEncodedHeader` streams that pack one), from
/// 7-Zip's 7zFormat.txt. Nothing is trusted: every count is checked against the bytes left
/// (each counted item takes at least a bit or a byte) and `ReadLimits` before anything is
/// allocated, so memory follows the header's size, not its claims.
struct SevenZipHeaderParser {
    enum Property: UInt8 {
        case end = 0x00, header, archiveProperties, additionalStreams, mainStreams, files, packInfo
        case unpackInfo, substreamsInfo, size, crc, folder, codersUnpackSize, unpackStreams
        case emptyStream, emptyFile, anti, name, creationTime, accessTime, writeTime, attributes
        case comment, encodedHeader, startPosition, dummy
    }

    /// Coders in one folder, streams of one coder: 7-Zip itself allows 64 and 64.
    static let maxCoders = 64
    static let maxCoderStreams = 64

    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    // MARK: primitives

    mutating func byte() throws(BinaryFormatError) -> UInt8 {
        guard offset < bytes.count else { throw Self.damaged("ends early, at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// 7z's NUMBER: the first byte's leading 1 bits count the little-endian bytes that follow,
    /// and its remaining bits are the value's top.
    mutating func number() throws(BinaryFormatError) -> UInt64 {
        let first = try byte()
        var mask: UInt8 = 0x80
        var value: UInt64 = 0
        for index in 0..<8 {
            if first & mask == 0 {
                return value | (UInt64(first & (mask &- 1)) << (8 * UInt64(index)))
            }
            value |= UInt64(try byte()) << (8 * UInt64(index))
            mask >>= 1
        }
        return value
    }

    /// A NUMBER used as a count of items that each take at least `bitsEach` bits of what is left.
    mutating func count(_ what: String, limit: Int, bitsEach: Int = 8) throws(BinaryFormatError) -> Int {
        let value = try number()
        let room = UInt64(remaining) * 8 / UInt64(max(bitsEach, 1))
        guard value <= UInt64(limit) else {
            throw .countTooLarge(what: "7z \(what)", count: Int(clamping: value), limit: limit)
        }
        guard value <= room else {
            throw Self.damaged("claims \(value) \(what) in its last \(remaining) bytes")
        }
        return Int(value)
    }

    mutating func skip(_ count: UInt64) throws(BinaryFormatError) {
        guard count <= UInt64(remaining) else { throw Self.damaged("a field of \(count) bytes runs past its end") }
        offset += Int(count)
    }

    mutating func bytes(_ count: Int) throws(BinaryFormatError) -> [UInt8] {
        guard count <= remaining else { throw Self.damaged("a field of \(count) bytes runs past its end") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func u32() throws(BinaryFormatError) -> UInt32 {
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(try byte()) << (8 * UInt32(index)) }
        return value
    }

    mutating func u64() throws(BinaryFormatError) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(try byte()) << (8 * UInt64(index)) }
        return value
    }

    mutating func property() throws(BinaryFormatError) -> Property {
        let raw = try byte()
        guard let property = Property(rawValue: raw) else { throw Self.damaged("has unknown property \(raw)") }
        return property
    }

    mutating func expect(_ wanted: Property) throws(BinaryFormatError) {
        let got = try property()
        guard got == wanted else { throw Self.damaged("has property \(got) where \(wanted) belongs") }
    }

    /// `count` bits, most significant first in each byte.
    mutating func bits(_ count: Int) throws(BinaryFormatError) -> [Bool] {
        guard count <= remaining * 8 else { throw Self.damaged("a bit field of \(count) runs past its end") }
        var result: [Bool] = []
        result.reserveCapacity(count)
        var current: UInt8 = 0
        for index in 0..<count {
            if index % 8 == 0 { current = try byte() }
            result.append(current & (0x80 >> UInt8(index % 8)) != 0)
        }
        return result
    }

    /// An "all defined" byte, then a bit field unless it is set.
    mutating func definedBits(_ count: Int) throws(BinaryFormatError) -> [Bool] {
        try byte() != 0 ? [Bool](repeating: true, count: count) : try bits(count)
    }

    /// Digests: which items have one, then a CRC32 each; only their bytes are checked here.
    mutating func skipDigests(_ count: Int) throws(BinaryFormatError) {
        let defined = try definedBits(count).filter { $0 }.count
        try skip(UInt64(defined) * 4)
    }

    static func damaged(_ what: String) -> BinaryFormatError { .invalid("the 7z header \(what)") }

    // MARK: structures

    /// kHeader's body (after its property byte).
    mutating func header() throws(BinaryFormatError) -> SevenZipHeader {
        var header = SevenZipHeader()
        var next = try property()
        if next == .archiveProperties {
            while try byte() != 0 { try skip(try number()) }
            next = try property()
        }
        if next == .additionalStreams {
            _ = try streams()
            next = try property()
        }
        if next == .mainStreams {
            header.streams = try streams()
            next = try property()
        }
        if next == .files {
            header.files = try files(header.streams)
            next = try property()
        }
        guard next == .end else { throw Self.damaged("has property \(next) where the end belongs") }
        return header
    }

    /// StreamsInfo: PackInfo, CodersInfo, SubStreamsInfo, each optional, then kEnd.
    mutating func streams() throws(BinaryFormatError) -> SevenZipHeader.Streams {
        var streams = SevenZipHeader.Streams()
        var next = try property()
        if next == .packInfo {
            streams.packPosition = try number()
            let count = try count("packed streams", limit: ReadLimits.maxArchiveEntries)
            next = try property()
            if next == .size {
                streams.packSizes = try (0..<count).map { _ throws(BinaryFormatError) in try number() }
                next = try property()
            } else {
                throw Self.damaged("gives no sizes for its \(count) packed streams")
            }
            if next == .crc {
                try skipDigests(count)
                next = try property()
            }
            guard next == .end else { throw Self.damaged("has property \(next) in its pack info") }
            next = try property()
        }
        if next == .unpackInfo {
            streams.folders = try folders(packedStreams: streams.packSizes.count)
            next = try property()
        }
        var sizesGiven = false
        if next == .substreamsInfo {
            next = try property()
            if next == .unpackStreams {
                var total = 0
                for index in streams.folders.indices {
                    let count = try count(
                        "files in folder \(index)", limit: ReadLimits.maxArchiveEntries - total, bitsEach: 0)
                    streams.folders[index].substreams = count
                    total += count
                }
                next = try property()
            }
            if next == .size {
                for folder in streams.folders where folder.substreams > 0 {
                    var sum: UInt64 = 0
                    for _ in 1..<folder.substreams {
                        let size = try number()
                        guard size <= folder.unpackSize - sum else {
                            throw Self.damaged(
                                "gives its files more bytes than their folder unpacks (\(folder.unpackSize))")
                        }
                        sum += size
                        streams.substreamSizes.append(size)
                    }
                    streams.substreamSizes.append(folder.unpackSize - sum)
                }
                sizesGiven = true
                next = try property()
            }
            if next == .crc {
                // 7-Zip lists a CRC for every file but the single file of a folder that has one.
                let unknown = streams.folders.reduce(0) { $0 + ($1.substreams == 1 && $1.hasCRC ? 0 : $1.substreams) }
                try skipDigests(unknown)
                next = try property()
            }
            guard next == .end else { throw Self.damaged("has property \(next) in its substreams info") }
            next = try property()
        }
        if !sizesGiven {
            for folder in streams.folders {
                guard folder.substreams <= 1 else {
                    throw Self.damaged("gives no sizes for the \(folder.substreams) files of a folder")
                }
                if folder.substreams == 1 { streams.substreamSizes.append(folder.unpackSize) }
            }
        }
        guard next == .end else { throw Self.damaged("has property \(next) in its streams info") }
        return streams
    }

    /// CodersInfo: kFolder, the folders, kCodersUnpackSize, their output sizes, optional CRCs.
    mutating func folders(packedStreams: Int) throws(BinaryFormatError) -> [SevenZipHeader.Folder] {
        try expect(.folder)
        let count = try count("folders", limit: ReadLimits.maxArchiveEntries, bitsEach: 16)
        guard try byte() == 0 else {
            throw Self.damaged("keeps its folders in another stream (External), which 7-Zip never writes")
        }
        var folders: [SevenZipHeader.Folder] = []
        var nextPacked = 0
        for _ in 0..<count {
            var folder = try folder()
            folder.firstPackedStream = nextPacked
            nextPacked += folder.packedInputs.count
            guard nextPacked <= packedStreams else {
                throw Self.damaged("has folders that use \(nextPacked) packed streams of \(packedStreams)")
            }
            folders.append(folder)
        }
        try expect(.codersUnpackSize)
        for index in folders.indices {
            let outputs = folders[index].coders.reduce(0) { $0 + $1.outStreams }
            folders[index].outputSizes = try (0..<outputs).map { _ throws(BinaryFormatError) in try number() }
        }
        var next = try property()
        if next == .crc {
            let defined = try definedBits(count)
            for index in folders.indices where defined[index] { folders[index].hasCRC = true }
            try skip(UInt64(defined.filter { $0 }.count) * 4)
            next = try property()
        }
        guard next == .end else { throw Self.damaged("has property \(next) in its coders info") }
        return folders
    }

    mutating func folder() throws(BinaryFormatError) -> SevenZipHeader.Folder {
        let coderCount = try count("coders", limit: Self.maxCoders, bitsEach: 8)
        guard coderCount > 0 else { throw Self.damaged("has a folder without coders") }
        var coders: [SevenZipHeader.Coder] = []
        for _ in 0..<coderCount {
            let flags = try byte()
            guard flags & 0x80 == 0 else {
                throw Self.damaged("uses alternative coder methods, which 7-Zip never writes")
            }
            let method = try bytes(Int(flags & 0x0F))
            var (inputs, outputs) = (1, 1)
            if flags & 0x10 != 0 {
                inputs = try count("coder inputs", limit: Self.maxCoderStreams, bitsEach: 0)
                outputs = try count("coder outputs", limit: Self.maxCoderStreams, bitsEach: 0)
            }
            var properties: [UInt8] = []
            if flags & 0x20 != 0 { properties = try bytes(count("coder property bytes", limit: 1 << 16, bitsEach: 8)) }
            coders.append(
                SevenZipHeader.Coder(method: method, inStreams: inputs, outStreams: outputs, properties: properties))
        }
        let inputs = coders.reduce(0) { $0 + $1.inStreams }
        let outputs = coders.reduce(0) { $0 + $1.outStreams }
        guard outputs > 0, inputs >= outputs - 1 else {
            throw Self.damaged("has a folder whose coders cannot be bound")
        }
        var pairs: [SevenZipHeader.BindPair] = []
        for _ in 0..<(outputs - 1) {
            let input = try number()
            let output = try number()
            guard input < UInt64(inputs), output < UInt64(outputs) else {
                throw Self.damaged("binds a stream its folder does not have")
            }
            pairs.append(SevenZipHeader.BindPair(input: Int(input), output: Int(output)))
        }
        let packedCount = inputs - pairs.count
        var packed: [Int] = []
        if packedCount == 1 {
            let bound = Set(pairs.map(\.input))
            packed = (0..<inputs).filter { !bound.contains($0) }
        } else {
            for _ in 0..<packedCount {
                let index = try number()
                guard index < UInt64(inputs) else { throw Self.damaged("packs a stream its folder does not have") }
                packed.append(Int(index))
            }
        }
        guard packedCount >= 1, packed.count == packedCount else {
            throw Self.damaged("has a folder whose packed inputs do not add up")
        }
        return SevenZipHeader.Folder(coders: coders, bindPairs: pairs, packedInputs: packed)
    }

    /// FilesInfo: the count, then properties by id; names, empty streams, empty files and
    /// attributes are kept, the rest passed over.
    mutating func files(_ streams: SevenZipHeader.Streams) throws(BinaryFormatError) -> [SevenZipHeader.File] {
        let count = try count("files", limit: ReadLimits.maxArchiveEntries, bitsEach: 1)
        var emptyStream = [Bool](repeating: false, count: count)
        var emptyFile: [Bool] = []
        var names: [String] = []
        var directoryAttribute = [Bool](repeating: false, count: count)
        while true {
            let type = try byte()
            if type == 0 { break }
            let size = try number()
            guard size <= UInt64(remaining) else {
                throw Self.damaged("has a file property of \(size) bytes past its end")
            }
            var field = SevenZipHeaderParser(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(size)]))
            offset += Int(size)
            switch Property(rawValue: type) {
            case .emptyStream:
                emptyStream = try field.bits(count)
            case .emptyFile:
                emptyFile = try field.bits(emptyStream.filter { $0 }.count)
            case .name:
                guard try field.byte() == 0 else { throw Self.damaged("keeps its file names in another stream") }
                names = try field.names(count)
            case .attributes:
                let defined = try field.definedBits(count)
                guard try field.byte() == 0 else { throw Self.damaged("keeps its attributes in another stream") }
                for index in 0..<count where defined[index] {
                    directoryAttribute[index] = try field.u32() & 0x10 != 0
                }
            default:
                break
            }
        }
        var files: [SevenZipHeader.File] = []
        files.reserveCapacity(count)
        var emptyIndex = 0
        for index in 0..<count {
            var isDirectory = directoryAttribute[index]
            if emptyStream[index] {
                // An empty stream is a folder unless kEmptyFile says it is an empty file.
                let isFile = emptyIndex < emptyFile.count && emptyFile[emptyIndex]
                isDirectory = isDirectory || !isFile
                emptyIndex += 1
            }
            let name = index < names.count && !names[index].isEmpty ? names[index] : "entry-\(index)"
            files.append(SevenZipHeader.File(name: name, hasData: !emptyStream[index], isDirectory: isDirectory))
        }
        let withData = files.filter(\.hasData).count
        guard withData == streams.substreamSizes.count else {
            throw Self.damaged("lists \(withData) files with data but its folders hold \(streams.substreamSizes.count)")
        }
        return files
    }

    /// `count` NUL-terminated UTF-16LE names, each at most `ReadLimits.maxStringLength` units.
    mutating func names(_ count: Int) throws(BinaryFormatError) -> [String] {
        var names: [String] = []
        names.reserveCapacity(min(count, remaining / 2))
        for index in 0..<count {
            var units: [UInt16] = []
            while true {
                guard remaining >= 2 else { throw Self.damaged("ends inside the name of file \(index)") }
                let unit = UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
                offset += 2
                if unit == 0 { break }
                guard units.count < ReadLimits.maxStringLength else {
                    throw Self.damaged("names file \(index) with more than \(ReadLimits.maxStringLength) characters")
                }
                units.append(unit)
            }
            names.append(String(decoding: units, as: UTF16.self))
        }
        return names
    }
}
