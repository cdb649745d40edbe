/// The facts about a PE the engine detectors share: its sections, its overlay and the
/// resources they look up, read once from the PE headers.
struct InstallerLayout {
    let reader: ByteReader
    let sections: [PESection]
    let file: PEFile?
    let resourceBase: Int?
    /// The certificate table (the security directory's "RVA" is a file offset), when it lies in
    /// the file.
    let certificate: Range<Int>?
    /// From the end of the last section's raw data to the end of the file, without a
    /// certificate table at the end; nil when the sections reach the end.
    let overlay: Range<Int>?

    init(image: BinaryImage, bytes: UnsafeRawBufferPointer) {
        reader = ByteReader(bytes)
        sections = image.pe?.sections ?? []
        var file: PEFile?
        if let lfanew = try? reader.u32(at: 0x3C) {
            file = try? PEFile(reader: reader, peOffset: Int(lfanew))
        }
        self.file = file
        resourceBase = (try? file?.resourceRoot()) ?? nil
        var certificate: Range<Int>?
        if let entry = file?.directory(.security), entry.size > 0,
            reader.contains(offset: Int(entry.rva), length: Int(entry.size))
        {
            certificate = Int(entry.rva)..<(Int(entry.rva) + Int(entry.size))
        }
        self.certificate = certificate
        overlay = Self.overlay(sections: sections, file: file, count: bytes.count, certificate: certificate)
    }

    private static func overlay(sections: [PESection], file: PEFile?, count: Int, certificate: Range<Int>?)
        -> Range<Int>?
    {
        var end = min(Int(file?.sizeOfHeaders ?? 0), count)
        for section in sections where section.sizeOfRawData > 0 {
            end = max(end, Int(section.pointerToRawData) + Int(section.sizeOfRawData))
        }
        var last = count
        if let certificate, certificate.upperBound == count, certificate.lowerBound >= end {
            last = certificate.lowerBound
        }
        return end < last ? end..<last : nil
    }

    /// The data of the first resource of `type` / `id` (any language), nil when absent or damaged.
    func resource(type: PEFile.ResourceKey, id: UInt32) -> ResourceData? {
        guard let file, let resourceBase else { return nil }
        return try? file.resource(type: type, id: id, base: resourceBase)
    }
}
