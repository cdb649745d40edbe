/// Classifies AArch64 instruction words by extension, in pure Swift over the fixed 32-bit
/// encodings of `AArch64Encodings`.
///
/// The table is split into 256 buckets by the word's top byte once per process, so a word is
/// compared only against the few entries that can match it.
struct AArch64Classifier: Sendable {
    static let shared = AArch64Classifier()

    private let masks: [UInt32]
    private let values: [UInt32]
    private let exts: [UInt8]
    /// Entries for top byte `b` are `bucketStart[b]..<bucketStart[b + 1]`.
    private let bucketStart: [Int]

    private init() {
        var masks: [UInt32] = []
        var values: [UInt32] = []
        var exts: [UInt8] = []
        var starts: [Int] = [0]
        for top in UInt32(0)..<256 {
            let high = top << 24
            for entry in AArch64Encodings.entries where high & entry.mask & 0xFF00_0000 == entry.value & entry.mask & 0xFF00_0000 {
                masks.append(entry.mask)
                values.append(entry.value)
                exts.append(entry.ext)
            }
            starts.append(masks.count)
        }
        self.masks = masks
        self.values = values
        self.exts = exts
        self.bucketStart = starts
    }

    /// The extension id of `word`, or nil for a base-architecture (or unallocated) encoding.
    @inline(__always)
    func classify(_ word: UInt32) -> Int? {
        let top = Int(word >> 24)
        var index = bucketStart[top]
        let end = bucketStart[top + 1]
        while index < end {
            if word & masks[index] == values[index] {
                let ext = exts[index]
                return ext == AArch64Encodings.base ? nil : Int(ext)
            }
            index += 1
        }
        return nil
    }
}

/// Scans AArch64 code word by word and counts extensions.
struct AArch64Scanner {
    private let classifier = AArch64Classifier.shared
    private(set) var tally: ISATally
    /// `MRS Xt, ID_AA64*_EL1` reads (op0 3, op1 0, CRn 0, CRm 4–7).
    private(set) var idRegisterReads = 0

    init(examplesPerExtension: Int) {
        tally = ISATally(
            names: AArch64Encodings.names,
            hints: AArch64Encodings.names.map { AArch64Encodings.hintNames.contains($0) },
            examplesPerExtension: examplesPerExtension)
    }

    /// Classifies every whole 4-byte word of `bytes`; a trailing partial word is ignored.
    ///
    /// Words are read little-endian even for big-endian (aarch64_be) images: A64 instruction
    /// fetches are always little-endian, whatever the data endianness.
    mutating func scan(_ bytes: UnsafeRawBufferPointer, address: UInt64, inFunction: Bool) {
        let words = bytes.count / 4
        var index = 0
        while index < words {
            let word = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self))
            if let ext = classifier.classify(word) {
                tally.record(ext, address: address &+ UInt64(index &* 4), inFunction: inFunction)
            } else if word & 0xFFFF_FC00 == 0xD538_0400 {
                idRegisterReads &+= 1
            }
            index &+= 1
        }
    }
}
