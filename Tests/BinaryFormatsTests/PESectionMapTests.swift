import Testing
@testable import BinaryFormats

/// `PESectionMap` answers what a walk of the section table in order answers (the first
/// section whose virtual range holds the RVA), for any table: overlapping, unsorted, empty or
/// zero-sized sections included.
@Suite("PE section map")
struct PESectionMapTests {
    /// The definition: the first section in table order whose range contains the RVA.
    private func linear(_ sections: [PESection], _ rva: UInt32) -> Int? {
        sections.firstIndex { $0.virtualRange.contains(UInt64(rva)) }
    }

    private func section(_ address: UInt32, virtualSize: UInt32, raw: UInt32 = 0x200) -> PESection {
        PESection(
            name: "", virtualAddress: address, virtualSize: virtualSize, pointerToRawData: 0, sizeOfRawData: raw,
            characteristics: 0)
    }

    @Test func firstSectionInTableOrderWinsAnOverlap() {
        let sections = [section(0x2000, virtualSize: 0x1000), section(0x1000, virtualSize: 0x3000)]
        let map = PESectionMap(sections)
        #expect(map.section(containing: 0x1800) == 1)
        #expect(map.section(containing: 0x2800) == 0)
        #expect(map.section(containing: 0x3800) == 1)
        #expect(map.section(containing: 0x4000) == nil)
        #expect(map.section(containing: 0xFFF) == nil)
    }

    @Test func virtualSizeZeroUsesTheRawSize() {
        let map = PESectionMap([section(0x1000, virtualSize: 0, raw: 0x10)])
        #expect(map.section(containing: 0x100F) == 0)
        #expect(map.section(containing: 0x1010) == nil)
    }

    @Test func emptyTable() {
        #expect(PESectionMap([]).section(containing: 0) == nil)
    }

    /// Seeded random tables of up to 64 sections, overlapping on purpose, 200 probes each.
    @Test func agreesWithTheLinearWalk() {
        var generator = SplitMix64(seed: 0x5EC7)
        for _ in 0..<500 {
            let sections = (0..<Int(generator.next() % 64)).map { _ in
                section(
                    UInt32(truncatingIfNeeded: generator.next() % 0x10000),
                    virtualSize: UInt32(truncatingIfNeeded: generator.next() % 0x3000),
                    raw: UInt32(truncatingIfNeeded: generator.next() % 0x800))
            }
            let map = PESectionMap(sections)
            for _ in 0..<200 {
                let rva = UInt32(truncatingIfNeeded: generator.next() % 0x14000)
                #expect(map.section(containing: rva) == linear(sections, rva))
            }
        }
    }

    /// Ranges reaching 2^32 (VirtualAddress near the top plus a large size) stay exact.
    @Test func rangesPastFourGigabytes() {
        let map = PESectionMap([section(0xFFFF_F000, virtualSize: 0xFFFF_FFFF)])
        #expect(map.section(containing: 0xFFFF_FFFF) == 0)
        #expect(map.section(containing: 0xFFFF_EFFF) == nil)
    }
}
