/// Where a .NET image keeps things that are not machine code, and where a ReadyToRun image's
/// native code is, so the instruction-set profile never decodes IL or metadata as x86 or
/// Arm64 instructions (issue 11: Mono's IL-only mscorlib.dll profiled as 3DNow!, VMX and x87).
extension PEFile {
    /// The data the CLI header (ECMA-335 §II.25.3.3) points at, none of it machine code: the
    /// header itself, MetaData (8), Resources (24), StrongNameSignature (32), CodeManagerTable
    /// (40), VTableFixups (48), ExportAddressTableJumps (56) and ManagedNativeHeader (64).
    /// Empty ranges and fields past the file are left out.
    func clrDataRanges() -> [FunctionRange] {
        guard let directory = directory(.clr), let at = offset(rva: directory.rva),
            reader.contains(offset: at, length: 72)
        else { return [] }
        var ranges = [FunctionRange(start: UInt64(directory.rva), size: UInt64(max(directory.size, 72)))]
        for field in [8, 24, 32, 40, 48, 56, 64] {
            guard let rva = try? reader.u32(at: at + field), let size = try? reader.u32(at: at + field + 4),
                rva != 0, size != 0
            else { continue }
            ranges.append(FunctionRange(start: UInt64(rva), size: UInt64(size)))
        }
        return ranges
    }

    /// The native code of a ReadyToRun image: the RUNTIME_FUNCTION table the READYTORUN header
    /// names as its RuntimeFunctions section (type 102; dotnet/runtime `readytorun.h`), in the
    /// layout of the code's machine. Nil when the header or the section cannot be read.
    func readyToRunFunctions(armLayout: Bool) -> [FunctionRange]? {
        guard let directory = directory(.clr), let at = offset(rva: directory.rva),
            let nativeRVA = try? reader.u32(at: at + 64), nativeRVA != 0,
            let header = offset(rva: nativeRVA), (try? reader.u32(at: header)) == 0x0052_5452,
            let declared = try? reader.u32(at: header + 12)
        else { return nil }
        // READYTORUN_HEADER: Signature, Major/MinorVersion, Flags, NumberOfSections, then
        // {Type, RVA, Size} per section. Real images have a few dozen sections.
        for index in 0..<Int(min(declared, 256)) {
            let entry = header + 16 + index * 12
            guard let type = try? reader.u32(at: entry), let rva = try? reader.u32(at: entry + 4),
                let size = try? reader.u32(at: entry + 8)
            else { return nil }
            guard type == 102 else { continue }
            guard let start = offset(rva: rva) else { return nil }
            var notes: [String] = []
            return runtimeFunctions(at: start, size: size, armLayout: armLayout, notes: &notes)
        }
        return nil
    }

    /// The IL method bodies of the image: every MethodDef row (ECMA-335 §II.22.26) with an RVA
    /// and code type IL, measured by its tiny or fat header, code and extra data sections
    /// (§II.25.4). Empty when the metadata cannot be read; at most `limit` bodies.
    func ilMethodBodies(limit: Int = ReadLimits.maxFunctions) -> [FunctionRange] {
        guard let table = methodDefTable() else { return [] }
        var bodies: [FunctionRange] = []
        for row in 0..<min(table.rows, limit) {
            let at = table.offset + row * table.rowSize
            guard let rva = try? reader.u32(at: at), rva != 0, let implFlags = try? reader.u16(at: at + 4),
                implFlags & 0x3 == 0, let size = ilBodySize(rva: rva)
            else { continue }
            bodies.append(FunctionRange(start: UInt64(rva), size: UInt64(size)))
        }
        return bodies
    }

    /// The MethodDef table's file offset, row count and row size, from the `#~` stream of the
    /// metadata root (§II.24.2.1, §II.24.2.6). Row sizes of the tables before it (Module,
    /// TypeRef, TypeDef, FieldPtr, Field, MethodPtr) follow from the heap-size flags and the
    /// row counts.
    private func methodDefTable() -> (offset: Int, rows: Int, rowSize: Int)? {
        guard let directory = directory(.clr), let header = offset(rva: directory.rva),
            let metadataRVA = try? reader.u32(at: header + 8), let root = offset(rva: metadataRVA),
            (try? reader.u32(at: root)) == 0x424A_5342, let versionLength = try? reader.u32(at: root + 12),
            versionLength <= 255
        else { return nil }
        let streamsAt = root + 16 + Int((versionLength + 3) & ~3)
        guard let streamCount = try? reader.u16(at: streamsAt + 2) else { return nil }
        var cursor = streamsAt + 4
        var tables: Int?
        for _ in 0..<min(Int(streamCount), 16) {
            guard let streamOffset = try? reader.u32(at: cursor),
                let name = try? reader.cString(at: cursor + 8, maxLength: 32, "metadata stream name")
            else { return nil }
            if name == "#~" { tables = root + Int(streamOffset) }
            cursor += 8 + (name.utf8.count + 4) & ~3
        }
        guard let tables, let heapSizes = try? reader.u8(at: tables + 6),
            let validLow = try? reader.u32(at: tables + 8), let validHigh = try? reader.u32(at: tables + 12)
        else { return nil }
        let valid = UInt64(validHigh) << 32 | UInt64(validLow)
        var rows = [Int](repeating: 0, count: 64)
        var at = tables + 24
        for table in 0..<64 where valid & (1 << UInt64(table)) != 0 {
            guard let count = try? reader.u32(at: at) else { return nil }
            rows[table] = Int(count)
            at += 4
        }
        if heapSizes & 0x40 != 0 { at += 4 }
        let string = heapSizes & 1 != 0 ? 4 : 2
        let guid = heapSizes & 2 != 0 ? 4 : 2
        let blob = heapSizes & 4 != 0 ? 4 : 2
        func index(_ table: Int) -> Int { rows[table] < 0x1_0000 ? 2 : 4 }
        func coded(_ tables: [Int], bits: Int) -> Int {
            (tables.map { rows[$0] }.max() ?? 0) < 1 << (16 - bits) ? 2 : 4
        }
        let resolutionScope = coded([0x00, 0x1A, 0x23, 0x01], bits: 2)
        let typeDefOrRef = coded([0x02, 0x01, 0x1B], bits: 2)
        let sizes = [
            2 + string + 3 * guid,  // Module
            resolutionScope + 2 * string,  // TypeRef
            4 + 2 * string + typeDefOrRef + index(0x04) + index(0x06),  // TypeDef
            index(0x04),  // FieldPtr
            2 + string + blob,  // Field
            index(0x06),  // MethodPtr
        ]
        for table in 0..<6 {
            let (bytes, overflow) = rows[table].multipliedReportingOverflow(by: sizes[table])
            guard !overflow, bytes <= reader.count else { return nil }
            at += bytes
        }
        let rowSize = 8 + string + blob + index(0x08)
        guard rows[6] > 0, at < reader.count else { return nil }
        return (at, min(rows[6], (reader.count - at) / rowSize), rowSize)
    }

    /// The size of the method body at `rva`: a tiny header (one byte, code size in its top six
    /// bits) or a fat one (header size in dwords in the top four bits of its flags, code size
    /// at 4), then, with MoreSects, the 4-aligned extra data sections (small: one-byte size,
    /// fat: three-byte size), chained by their MoreSects bit.
    private func ilBodySize(rva: UInt32) -> Int? {
        guard let start = offset(rva: rva), let first = try? reader.u8(at: start) else { return nil }
        switch first & 0x3 {
        case 0x2: return 1 + Int(first >> 2)
        case 0x3:
            guard let flags = try? reader.u16(at: start), let codeSize = try? reader.u32(at: start + 4),
                codeSize <= UInt32(reader.count)
            else { return nil }
            var end = start + Int(flags >> 12) * 4 + Int(codeSize)
            var more = flags & 0x8 != 0
            var sections = 0
            while more, sections < 64 {
                end = (end + 3) & ~3
                guard let kind = try? reader.u8(at: end) else { break }
                let size: Int
                if kind & 0x40 != 0 {
                    guard let word = try? reader.u32(at: end) else { break }
                    size = Int(word >> 8)
                } else {
                    guard let small = try? reader.u8(at: end + 1) else { break }
                    size = Int(small)
                }
                guard size > 0 else { break }
                end += size
                more = kind & 0x80 != 0
                sections += 1
            }
            return end - start
        default: return nil
        }
    }
}
