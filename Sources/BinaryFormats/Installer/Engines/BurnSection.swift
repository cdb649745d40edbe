/// WiX Burn: the `.wixburn` section (installers.md §3, wix `section.cpp` BURN_SECTION_HEADER).
enum BurnSection {
    static let magic: UInt32 = 0x00F1_4300
    static let maxContainers = 64

    static func detect(_ layout: InstallerLayout) -> InstallerEngine? {
        guard let section = layout.sections.first(where: { $0.name == ".wixburn" }) else { return nil }
        var engine = InstallerEngine(name: .wixBurn)
        let reader = layout.reader
        let start = Int(section.pointerToRawData)
        let size = Int(section.sizeOfRawData)
        guard (try? reader.u32(at: start)) == magic, size >= 52 else {
            engine.notes.append(
                "the .wixburn section does not start with the magic 0x00f14300 or is shorter than 52 bytes")
            return engine
        }
        func field(_ at: Int) -> UInt32 { (try? reader.u32(at: start + at)) ?? 0 }
        engine.version = String(field(4))
        if let guid = try? reader.slice(at: start + 8, length: 16, "bundle GUID") {
            engine.notes.append("bundle id \(Self.guid(guid))")
        }
        let stubSize = Int(field(24))
        let signatureOffset = Int(field(32))
        let signatureSize = Int(field(36))
        if field(40) != 1 { engine.notes.append("container format \(field(40)) is not 1 (CAB)") }
        let declared = Int(field(44))
        let fitting = (min(size, reader.count - start) - 48) / 4
        var count = min(declared, fitting)
        if count > maxContainers {
            count = maxContainers
        }
        if count < declared {
            engine.notes.append(
                "the section declares \(declared) containers; \(count) were read (at most \(maxContainers), bounded by SizeOfRawData)"
            )
        }
        guard count > 0 else { return engine }
        let sizes = (0..<count).map { Int(field(48 + 4 * $0)) }
        var offsets = [stubSize]
        // The attached containers follow the engine: the original signature's end, else the
        // current certificate table's end, else the stub and the UX container.
        var next: Int
        if signatureOffset != 0 {
            next = signatureOffset &+ signatureSize
        } else if let certificate = layout.certificate {
            next = certificate.upperBound
        } else {
            next = stubSize &+ sizes[0]
        }
        for index in 1..<count {
            offsets.append(next)
            next = next &+ sizes[index]
        }
        engine.containers = zip(offsets, sizes).map { offset, length in
            let end = offset.addingReportingOverflow(length)
            return InstallerEngine.Payload(
                offset: offset, length: length, format: .cab, detached: end.overflow || end.partialValue > reader.count)
        }
        engine.payload = engine.containers.first
        return engine
    }

    /// The registry form of a GUID stored as Data1 u32, Data2 u16, Data3 u16 (little-endian), Data4.
    static func guid(_ bytes: UnsafeRawBufferPointer) -> String {
        func hexes(_ order: [Int]) -> String {
            order.map { index in
                let text = String(bytes[index], radix: 16, uppercase: true)
                return text.count == 1 ? "0" + text : text
            }.joined()
        }
        return [hexes([3, 2, 1, 0]), hexes([5, 4]), hexes([7, 6]), hexes([8, 9]), hexes(Array(10..<16))]
            .joined(separator: "-")
    }
}
