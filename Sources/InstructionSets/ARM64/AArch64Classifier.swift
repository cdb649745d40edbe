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
    /// Counts the instructions that confirm an extension is really used. Encodings from the
    /// Arm ARM: PTRUE/PTRUES `0x2518E000` (mask `0xFF3EFC10`), PFALSE `0x2518E400`, WHILE*
    /// (SVE integer compare scalar count and limit) `0x25200000` (mask `0xFF20E000`), SETFFR
    /// `0x252C9000`, LDR (predicate) `0x85800000` (mask `0xFFC0E010`); SMSTART/SMSTOP as MSR
    /// (immediate) to SVCR `0xD503407F` with CRm 2–7, MSR SVCR, Xt `0xD51B4240`; IRG
    /// `0x9AC01000` (mask `0xFFE0FC00`).
    private mutating func countCorroboration(_ word: UInt32) {
        if word & 0xFF3E_FC10 == 0x2518_E000 || word & 0xFFFF_FFF0 == 0x2518_E400
            || word & 0xFF20_E000 == 0x2520_0000 || word == 0x252C_9000 || word & 0xFFC0_E010 == 0x8580_0000
        {
            svePredicateSetups &+= 1
        } else if (word & 0xFFFF_F0FF == 0xD503_407F && (2...7).contains((word >> 8) & 0xF))
            || word & 0xFFFF_FFE0 == 0xD51B_4240
        {
            smeModeSwitches &+= 1
        } else if word & 0xFFE0_FC00 == 0x9AC0_1000 {
            mteTagGenerations &+= 1
        }
    }

    /// Extensions found but not confirmed by the instructions any real use needs.
    var unconfirmedExtensions: Set<String> {
        var names: Set<String> = []
        if svePredicateSetups == 0 { names.formUnion(["sve", "sve2"]) }
        if smeModeSwitches == 0 { names.insert("sme") }
        if mteTagGenerations == 0 { names.insert("mte") }
        return names
    }

    private let classifier = AArch64Classifier.shared
    private(set) var tally: ISATally
    /// `MRS Xt, ID_AA64*_EL1` reads (op0 3, op1 0, CRn 0, CRm 4–7).
    private(set) var idRegisterReads = 0
    /// Instructions that real SVE code cannot do without: predicate set-up (PTRUE/PTRUES,
    /// PFALSE, WHILE*, SETFFR, LDR of a predicate register).
    private(set) var svePredicateSetups = 0
    /// SMSTART/SMSTOP (MSR to SVCR, immediate or register form): SME code runs only after one.
    private(set) var smeModeSwitches = 0
    /// IRG: code that uses memory tags has to generate them.
    private(set) var mteTagGenerations = 0

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
                countCorroboration(word)
            } else if word & 0xFFFF_FC00 == 0xD538_0400 {
                idRegisterReads &+= 1
            }
            index &+= 1
        }
    }
}
