/// What the relocations, symbols and initializer arrays say about where code is entered and
/// which GOT slots hold imported addresses.
struct ELFCodeEntries: Sendable, Equatable {
    /// Sorted by address, one per (address, kind).
    var roots: [CodeRoot] = []
    /// Sorted by address, without repeated (address, name) pairs.
    var importSlots: [ImportSlot] = []
    /// `R_*_IRELATIVE` relocations in all `SHT_REL`/`SHT_RELA` sections.
    var irelativeCount = 0
}

extension ELFContext {
    /// The entry point, exports, IFUNC resolvers and initializers, the import slots, and the
    /// IRELATIVE count, from one pass over the relocation sections.
    ///
    /// A relocatable object (`ET_REL`) has section-relative symbol values and relocations no
    /// loader applies, so only executables and shared objects get roots and slots (the
    /// IRELATIVE count covers every file, as before). A section libelf cannot translate is
    /// skipped; a symbol index past its table or an unreadable name drops that slot.
    func codeEntries(_ tables: ELFSymbolTables, dynamic: ELFDynamicInfo) -> ELFCodeEntries {
        var entries = ELFCodeEntries()
        let loaded = header.type == ELFConstant.etExec || header.type == ELFConstant.etDyn
        var roots: [CodeRoot] = []
        if loaded, header.entry != 0 { roots.append(CodeRoot(address: header.entry, kind: .entry)) }
        for table in loaded ? [tables.symtab, tables.dynsym].compactMap({ $0 }) : [] {
            let exports = table.section == tables.dynsym?.section
            for symbol in table.symbols where symbol.sectionIndex != ELFConstant.shnUndef && symbol.value != 0 {
                if symbol.type == ELFConstant.sttGNUIFunc {
                    roots.append(CodeRoot(address: symbol.value, kind: .ifuncResolver, name: table.name(symbol)))
                } else if exports, symbol.type == ELFConstant.sttFunc, symbol.binding != ELFConstant.stbLocal {
                    roots.append(CodeRoot(address: symbol.value, kind: .export, name: table.name(symbol)))
                }
            }
        }
        let arrays = loaded ? initializerArrays() : []
        var relocatedSlots: [UInt64: UInt64] = [:]
        let types = ELFRelocationTypes(machine: header.machine)
        var slots: [ImportSlot] = []
        var extraTables: [Int: ELFSymbolTable] = [:]
        for section in sections where section.type == ELFConstant.shtRela || section.type == ELFConstant.shtRel {
            guard let types, section.fileSize > 0,
                (try? requireInFile(offset: section.offset, size: section.fileSize, "relocations")) != nil,
                let relocations = try? handle.relocations(
                    section: section.index, withAddends: section.type == ELFConstant.shtRela,
                    limit: ReadLimits.maxELFRelocations)
            else { continue }
            entries.irelativeCount += relocations.lazy.filter { $0.type == types.irelative }.count
            guard loaded else { continue }
            let table = symbolTable(linkedFrom: section, tables, cache: &extraTables)
            for relocation in relocations {
                switch relocation.type {
                case types.jumpSlot, types.globalData:
                    guard relocation.symbolIndex > 0, let table, relocation.symbolIndex < table.symbols.count,
                        let name = table.name(table.symbols[relocation.symbolIndex]), !name.isEmpty
                    else { continue }
                    let symbol = table.symbols[relocation.symbolIndex]
                    let defined =
                        symbol.sectionIndex != ELFConstant.shnUndef && symbol.value != 0
                        && symbol.type == ELFConstant.sttFunc
                    slots.append(
                        ImportSlot(address: relocation.offset, name: name, definition: defined ? symbol.value : nil))
                case types.irelative:
                    let resolver =
                        section.type == ELFConstant.shtRela
                        ? UInt64(bitPattern: relocation.addend) : word(atAddress: relocation.offset)
                    if let resolver, resolver != 0 { roots.append(CodeRoot(address: resolver, kind: .ifuncResolver)) }
                case types.relative where section.type == ELFConstant.shtRela:
                    if arrays.contains(where: { $0.contains(relocation.offset) }) {
                        relocatedSlots[relocation.offset] = UInt64(bitPattern: relocation.addend)
                    }
                default:
                    break
                }
            }
        }
        if loaded {
            for address in dynamic.initializers { roots.append(CodeRoot(address: address, kind: .initializer)) }
            roots += initializerRoots(arrays, relocated: relocatedSlots)
        }
        let thumb = header.machine == ELFConstant.emARM
        entries.roots = CodeRoot.unique(
            roots.map { root in
                var root = root
                // On 32-bit Arm the low bit of a code address marks Thumb code.
                if thumb { root.address &= ~1 }
                return root
            })
        entries.importSlots = ImportSlot.unique(slots)
        return entries
    }

    /// The address ranges of `.init_array`, `.fini_array` and `.preinit_array` (by type).
    private func initializerArrays() -> [Range<UInt64>] {
        sections.compactMap { section in
            guard
                [ELFConstant.shtInitArray, ELFConstant.shtFiniArray, ELFConstant.shtPreinitArray].contains(
                    section.type)
            else { return nil }
            let (end, overflow) = section.address.addingReportingOverflow(section.size)
            return overflow || section.size == 0 ? nil : section.address..<end
        }
    }

    /// Each initializer array slot's function: the addend of the `R_*_RELATIVE` relocation
    /// that fills it (a PIE's slots hold zero in the file), else the value in the file. Zero
    /// and all-ones (the old `.ctors` end markers) are not functions.
    private func initializerRoots(_ arrays: [Range<UInt64>], relocated: [UInt64: UInt64]) -> [CodeRoot] {
        let width = UInt64(check.is64Bit ? 8 : 4)
        let allOnes: UInt64 = check.is64Bit ? .max : UInt64(UInt32.max)
        var roots: [CodeRoot] = []
        for range in arrays {
            let count = Int(min((range.upperBound - range.lowerBound) / width, UInt64(ReadLimits.maxELFInitializers)))
            for index in 0..<count {
                let slot = range.lowerBound + UInt64(index) * width
                guard let value = relocated[slot] ?? word(atAddress: slot), value != 0, value != allOnes else {
                    continue
                }
                roots.append(CodeRoot(address: value, kind: .initializer))
            }
        }
        return roots
    }

    /// The pointer-sized value the file holds at virtual `address`, nil when no file data backs it.
    private func word(atAddress address: UInt64) -> UInt64? {
        guard let offset = fileOffset(ofAddress: address), let start = Int(exactly: offset) else { return nil }
        return try? reader.unsigned(at: start, width: check.is64Bit ? 8 : 4, "pointer")
    }

    /// The symbol table a relocation section's `sh_link` names: the loaded `.dynsym` or
    /// `.symtab`, else that section loaded once; nil when the link is not a symbol table.
    private func symbolTable(
        linkedFrom section: ELFRawSection, _ tables: ELFSymbolTables, cache: inout [Int: ELFSymbolTable]
    ) -> ELFSymbolTable? {
        let link = Int(section.link)
        if let dynsym = tables.dynsym, dynsym.section == link { return dynsym }
        if let symtab = tables.symtab, symtab.section == link { return symtab }
        if let cached = cache[link] { return cached }
        guard link > 0, link < sections.count, link != section.index,
            sections[link].type == ELFConstant.shtDynsym || sections[link].type == ELFConstant.shtSymtab,
            let table = load(sections[link])
        else { return nil }
        cache[link] = table
        return table
    }
}
