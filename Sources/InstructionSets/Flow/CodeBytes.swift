import BinaryFormats

/// The image's executable bytes by address, for decoders that follow control flow: a branch
/// target is looked up here, never trusted to lie in the file.
struct CodeBytes {
    struct Extent {
        var start: UInt64
        var end: UInt64
        var fileOffset: Int
    }

    /// Executable sections clipped to the file, sorted by address, not overlapping.
    let extents: [Extent]
    let bytes: UnsafeRawBufferPointer

    init(sections: [CodeSection], bytes: UnsafeRawBufferPointer) {
        var extents: [Extent] = []
        for section in sections.prefix(ReadLimits.maxCodeSections) {
            guard section.fileOffset >= 0, section.fileSize > 0, section.fileOffset < bytes.count else { continue }
            let available = min(section.fileSize, bytes.count - section.fileOffset)
            let (end, overflow) = section.address.addingReportingOverflow(UInt64(available))
            guard !overflow else { continue }
            extents.append(Extent(start: section.address, end: end, fileOffset: section.fileOffset))
        }
        extents.sort { $0.start < $1.start }
        var result: [Extent] = []
        for var extent in extents {
            if let previous = result.last, extent.start < previous.end {
                let skip = previous.end - extent.start
                guard skip < extent.end - extent.start else { continue }
                extent.start += skip
                extent.fileOffset += Int(skip)
            }
            result.append(extent)
        }
        self.extents = result
        self.bytes = bytes
    }

    /// The index of the extent holding `address`.
    func extentIndex(of address: UInt64) -> Int? {
        var low = 0
        var high = extents.count
        while low < high {
            let mid = (low + high) / 2
            if extents[mid].start <= address { low = mid + 1 } else { high = mid }
        }
        guard low > 0, address < extents[low - 1].end else { return nil }
        return low - 1
    }

    func contains(_ address: UInt64) -> Bool { extentIndex(of: address) != nil }

    /// The end of the section that holds `address` (nil outside every section).
    func sectionEnd(of address: UInt64) -> UInt64? { extentIndex(of: address).map { extents[$0].end } }

    /// The bytes from `address` to `min(limit, end of its section)`; nil outside every section.
    func bytes(from address: UInt64, limit: UInt64) -> UnsafeRawBufferPointer? {
        guard let index = extentIndex(of: address) else { return nil }
        let extent = extents[index]
        let end = min(limit, extent.end)
        guard end > address else { return nil }
        let offset = extent.fileOffset + Int(address - extent.start)
        let length = Int(end - address)
        guard offset >= 0, offset <= bytes.count, length <= bytes.count - offset else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
    }

    /// The file bytes from the lowest to the highest address of `ranges`, one range per
    /// section they touch.
    func fileRanges(spanning ranges: [Range<UInt64>]) -> [Range<Int>] {
        guard let low = ranges.map(\.lowerBound).min(), let high = ranges.map(\.upperBound).max() else { return [] }
        return extents.compactMap { extent in
            let start = max(low, extent.start)
            let end = min(high, extent.end)
            guard start < end else { return nil }
            let offset = extent.fileOffset + Int(start - extent.start)
            return offset..<(offset + Int(end - start))
        }
    }
}
