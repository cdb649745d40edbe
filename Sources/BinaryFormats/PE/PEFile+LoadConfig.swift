/// The parts of the load config armready reads: its size, the CHPE metadata (ARM64EC, ARM64X
/// and x86 CHPE code maps) and whether the dynamic value relocation table carries ARM64X
/// fixups.
///
/// Offsets are those of IMAGE_LOAD_CONFIG_DIRECTORY32/64 in LLVM's `COFF.h` and in the lld
/// CHPE tests (windows-on-arm.md §2.2): CHPEMetadataPointer at 0x7C / 0xC8,
/// DynamicValueRelocTable (VA) at 0x78 / 0xC0, DynamicValueRelocTableOffset and Section at
/// 0x88/0x8C / 0xE0/0xE4. A field is read only when the structure's own Size covers it.
struct LoadConfigFacts {
    var size: UInt32
    var chpeMetadataPointer: UInt64 = 0
    var hybrid: HybridMetadata?
    var hasARM64XRelocations = false
}

extension PEFile {
    func loadConfig() throws(BinaryFormatError) -> LoadConfigFacts? {
        guard let directory = directory(.loadConfig) else { return nil }
        let at = try requireOffset(rva: directory.rva, "load config")
        let declared = try reader.u32(at: at, "load config Size")
        // Trust the structure's own Size, but never past the file.
        let size = Int(declared)
        var facts = LoadConfigFacts(size: declared)
        func field(_ offset: Int, _ width: Int) -> UInt64? {
            guard offset + width <= size else { return nil }
            return try? reader.unsigned(at: at + offset, width: width, "load config field")
        }
        let width = isPE32Plus ? 8 : 4
        facts.chpeMetadataPointer = field(isPE32Plus ? 0xC8 : 0x7C, width) ?? 0
        if facts.chpeMetadataPointer != 0, let rva = rva(virtualAddress: facts.chpeMetadataPointer) {
            facts.hybrid = hybridMetadata(rva: rva)
        }
        let dvrtOffset = field(isPE32Plus ? 0xE0 : 0x88, 4) ?? 0
        let dvrtSection = field(isPE32Plus ? 0xE4 : 0x8C, 2) ?? 0
        let dvrtVA = field(isPE32Plus ? 0xC0 : 0x78, width) ?? 0
        var tableOffset: Int?
        if dvrtSection != 0, Int(dvrtSection) <= sections.count {
            tableOffset = rawStart(sections[Int(dvrtSection) - 1]) + Int(dvrtOffset)
        } else if dvrtVA != 0, let rva = rva(virtualAddress: dvrtVA) {
            tableOffset = offset(rva: rva)
        }
        if let tableOffset {
            facts.hasARM64XRelocations = dynamicRelocationSymbols(at: tableOffset).contains(6)
        }
        return facts
    }

    /// The code map of IMAGE_ARM64EC_METADATA (Version, CodeMap, CodeMapCount, ...) or of
    /// IMAGE_CHPE_METADATA_X86 (Version, CHPECodeAddressRangeOffset, Count, ...); both start
    /// with the same three fields. Entry: {StartOffset, Length}; for ARM64EC the low two bits
    /// of StartOffset give the type (0 ARM64, 1 ARM64EC, 2 X64), for x86 CHPE bit 0 marks
    /// native code (systeminformer `ntimage.h`).
    private func hybridMetadata(rva: UInt32) -> HybridMetadata? {
        let kind: HybridMetadata.Kind
        switch machine {
        case .amd64: kind = .arm64ec
        case .arm64: kind = .arm64x
        case .i386: kind = .x86CHPE
        default: return nil
        }
        guard let at = offset(rva: rva),
            let version = try? reader.u32(at: at),
            let mapRVA = try? reader.u32(at: at + 4),
            let count = try? reader.u32(at: at + 8)
        else { return HybridMetadata(kind: kind, version: 0, codeMap: []) }
        var ranges: [ArchitectureRange] = []
        if let map = offset(rva: mapRVA) {
            for index in 0..<min(Int(count), ReadLimits.maxCodeMapEntries) {
                guard let start = try? reader.u32(at: map + index * 8),
                    let length = try? reader.u32(at: map + index * 8 + 4)
                else { break }
                let type: HybridCodeType
                if kind == .x86CHPE {
                    type = start & 1 == 1 ? .chpe : .x86
                } else {
                    switch start & 3 {
                    case 0: type = .arm64
                    case 1: type = .arm64ec
                    default: type = .x64
                    }
                }
                let mask: UInt32 = kind == .x86CHPE ? ~1 : ~3
                ranges.append(ArchitectureRange(start: UInt64(start & mask), size: UInt64(length), architecture: type))
            }
        }
        return HybridMetadata(kind: kind, version: version, codeMap: ranges)
    }

    /// The `Symbol` of every entry in a dynamic value relocation table
    /// (IMAGE_DYNAMIC_RELOCATION_TABLE: Version, Size; version 1 entries are {Symbol (pointer
    /// width), BaseRelocSize} followed by that many bytes; version 2 entries start with
    /// HeaderSize and FixupInfoSize, then a 64-bit Symbol). Symbol 6 is
    /// IMAGE_DYNAMIC_RELOCATION_ARM64X.
    func dynamicRelocationSymbols(at tableOffset: Int) -> [UInt64] {
        guard let version = try? reader.u32(at: tableOffset),
            let size = try? reader.u32(at: tableOffset + 4)
        else { return [] }
        var symbols: [UInt64] = []
        var cursor = tableOffset + 8
        let end = min(reader.count, tableOffset + 8 + Int(size))
        let symbolWidth = isPE32Plus ? 8 : 4
        while cursor < end, symbols.count < ReadLimits.maxCodeMapEntries {
            if version == 1 {
                guard let symbol = try? reader.unsigned(at: cursor, width: symbolWidth, "dynamic relocation symbol"),
                    let blockSize = try? reader.u32(at: cursor + symbolWidth)
                else { break }
                symbols.append(symbol)
                cursor += symbolWidth + 4 + Int(blockSize)
            } else if version == 2 {
                guard let headerSize = try? reader.u32(at: cursor),
                    let fixupSize = try? reader.u32(at: cursor + 4),
                    let symbol = try? reader.u64(at: cursor + 8),
                    headerSize >= 16
                else { break }
                symbols.append(symbol)
                cursor += Int(headerSize) + Int(fixupSize)
            } else {
                break
            }
        }
        return symbols
    }
}
