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
            for entry in AArch64Encodings.entries
            where high & entry.mask & 0xFF00_0000 == entry.value & entry.mask & 0xFF00_0000 {
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
    /// Words on each side of a set-up instruction in which its extension's instructions must
    /// stand, and how many of them, for the set-up to confirm the extension.
    ///
    /// SVE: three within 16 words. One WHILE* (a 12-bit pattern) turns up every few thousand
    /// words of literal pools and other data decoded as code; three SVE words next to it
    /// almost never do (about 1 in 10⁸ words at the 0.3% SVE hit rate measured on data in
    /// Microsoft's Arm64X msvcp140_2.dll). MTE: one more MTE instruction within 8 words
    /// (glibc's `__libc_mtag_new_tag` is GMI, IRG, RET).
    private static let sveNeighbourhood = (words: 16, needed: 3)
    private static let mteNeighbourhood = (words: 8, needed: 1)
    private let sveID = AArch64Encodings.names.firstIndex(of: .sve) ?? -1
    private let sve2ID = AArch64Encodings.names.firstIndex(of: .sve2) ?? -1
    private let smeID = AArch64Encodings.names.firstIndex(of: .sme) ?? -1
    private let mteID = AArch64Encodings.names.firstIndex(of: .mte) ?? -1

    /// A set-up instruction waiting for its extension's instructions after it.
    private struct Pending {
        var wordsLeft: Int
        var needed: Int
    }

    private var pendingSVE: Pending?
    private var pendingMTE: Pending?
    /// Word indices (within the current range) of the latest SVE and MTE instructions.
    private var recentSVE = RecentIndices()
    private var recentMTE = RecentIndices()

    /// The last three word indices recorded, most recent first (`Int.min` while unset).
    private struct RecentIndices {
        var indices = (Int.min, Int.min, Int.min)

        mutating func record(_ index: Int) { indices = (index, indices.0, indices.1) }

        /// How many of the last `limit` (at most three) lie within `words` before `index`.
        func count(within words: Int, before index: Int, limit: Int) -> Int {
            [indices.0, indices.1, indices.2].prefix(limit).filter { $0 != Int.min && index - $0 <= words }.count
        }
    }

    /// Counts the instructions that confirm an extension is really used. Encodings from the
    /// Arm ARM: PTRUE/PTRUES `0x2518E000` (mask `0xFF3EFC10`), PFALSE `0x2518E400`, WHILE*
    /// (SVE integer compare scalar count and limit) `0x25200000` (mask `0xFF20E000`), SETFFR
    /// `0x252C9000`, LDR (predicate) `0x85800000` (mask `0xFFC0E010`); SMSTART/SMSTOP as MSR
    /// (immediate) to SVCR `0xD503407F` with CRm 2–7, MSR SVCR, Xt `0xD51B4240`; IRG
    /// `0x9AC01000` (mask `0xFFE0FC00`). SVE and MTE set-ups count only beside instructions of
    /// their extension (`sveNeighbourhood`, `mteNeighbourhood`); the SMSTART/SMSTOP patterns
    /// are exact enough alone.
    private mutating func corroborate(_ word: UInt32, ext: Int?, at index: Int) {
        let isSVE = ext == sveID || ext == sve2ID
        let isMTE = ext == mteID
        if pendingSVE != nil, Self.advance(&pendingSVE, counts: isSVE) { svePredicateSetups &+= 1 }
        if pendingMTE != nil, Self.advance(&pendingMTE, counts: isMTE) { mteTagGenerations &+= 1 }
        guard isSVE || isMTE || ext == smeID else { return }
        if word & 0xFF3E_FC10 == 0x2518_E000 || word & 0xFFFF_FFF0 == 0x2518_E400
            || word & 0xFF20_E000 == 0x2520_0000 || word == 0x252C_9000 || word & 0xFFC0_E010 == 0x8580_0000
        {
            if pendingSVE == nil, let pending = Self.pending(Self.sveNeighbourhood, recent: recentSVE, at: index) {
                pendingSVE = pending
            } else if pendingSVE == nil {
                svePredicateSetups &+= 1
            }
        } else if (word & 0xFFFF_F0FF == 0xD503_407F && (2...7).contains((word >> 8) & 0xF))
            || word & 0xFFFF_FFE0 == 0xD51B_4240
        {
            smeModeSwitches &+= 1
        } else if word & 0xFFE0_FC00 == 0x9AC0_1000 {
            if pendingMTE == nil, let pending = Self.pending(Self.mteNeighbourhood, recent: recentMTE, at: index) {
                pendingMTE = pending
            } else if pendingMTE == nil {
                mteTagGenerations &+= 1
            }
        }
        if isSVE { recentSVE.record(index) }
        if isMTE { recentMTE.record(index) }
    }

    /// What a set-up at `index` still waits for, given its extension's instructions just
    /// before it; nil when those already confirm it.
    private static func pending(_ neighbourhood: (words: Int, needed: Int), recent: RecentIndices, at index: Int)
        -> Pending?
    {
        let before = recent.count(within: neighbourhood.words, before: index, limit: neighbourhood.needed)
        let needed = neighbourhood.needed - before
        return needed > 0 ? Pending(wordsLeft: neighbourhood.words, needed: needed) : nil
    }

    /// Moves a pending set-up one word on. - Returns: true when it is confirmed.
    private static func advance(_ pending: inout Pending?, counts: Bool) -> Bool {
        guard var current = pending else { return false }
        if counts { current.needed -= 1 }
        current.wordsLeft -= 1
        if current.needed <= 0 {
            pending = nil
            return true
        }
        pending = current.wordsLeft > 0 ? current : nil
        return false
    }

    /// Extensions found but not confirmed by the instructions any real use needs.
    var unconfirmedExtensions: Set<ISAExtension> {
        var names: Set<ISAExtension> = []
        if svePredicateSetups == 0 { names.formUnion([.sve, .sve2]) }
        if smeModeSwitches == 0 { names.insert(.sme) }
        if mteTagGenerations == 0 { names.insert(.mte) }
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
            architecture: .arm64, names: AArch64Encodings.names, examplesPerExtension: examplesPerExtension)
    }

    /// Classifies every whole 4-byte word of `bytes`; a trailing partial word is ignored.
    ///
    /// Words are read little-endian even for big-endian (aarch64_be) images: A64 instruction
    /// fetches are always little-endian, whatever the data endianness.
    mutating func scan(_ bytes: UnsafeRawBufferPointer, address: UInt64, inFunction: Bool) {
        // Ranges are not contiguous: a set-up in one is not confirmed by words of another.
        pendingSVE = nil
        pendingMTE = nil
        recentSVE = RecentIndices()
        recentMTE = RecentIndices()
        let words = bytes.count / 4
        var index = 0
        while index < words {
            let word = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self))
            let ext = classifier.classify(word)
            if let ext {
                tally.record(ext, address: address &+ UInt64(index &* 4), inFunction: inFunction)
            } else if word & 0xFFFF_FC00 == 0xD538_0400 {
                idRegisterReads &+= 1
            }
            if ext == sveID || ext == sve2ID || ext == smeID || ext == mteID || pendingSVE != nil || pendingMTE != nil {
                corroborate(word, ext: ext, at: index)
            }
            index &+= 1
        }
    }
}
