/// What the symbol tables say about code: sized functions, ifuncs and imports.
struct ELFSymbolSummary: Sendable, Equatable {
    /// `STT_FUNC` symbols with a size, defined in the file (before deduplication).
    var functionCount = 0
    /// Whether the functions came from `.symtab` (complete) rather than `.dynsym` (exports only).
    var fromSymtab = false
    /// Distinct function ranges, sorted by start.
    var functions: [FunctionRange] = []
    /// Function names with addresses, sorted by address, capped at `ReadLimits.maxSymbols`.
    var named: [CodeSymbol] = []
    var ifuncs: [String] = []
    var imports: [String] = []
}

extension ELFContext {
    /// Reads `.symtab` (else `.dynsym`) for functions, both for ifuncs, `.dynsym` for imports.
    /// A table libelf cannot translate is skipped, leaving the summary partial.
    func symbols() -> ELFSymbolSummary {
        let symtab = sections.first { $0.type == ELFConstant.shtSymtab }
        let dynsym = sections.first { $0.type == ELFConstant.shtDynsym }
        let staticSymbols = symtab.flatMap(load)
        let dynamicSymbols = dynsym.flatMap(load)
        var summary = ELFSymbolSummary()
        var ranges = Set<FunctionRange>()
        var named = Set<String>()
        let thumb = header.machine == ELFConstant.emARM
        summary.fromSymtab = staticSymbols != nil
        for (symbol, name) in staticSymbols ?? dynamicSymbols ?? [] {
            guard symbol.type == ELFConstant.sttFunc, symbol.size > 0, symbol.sectionIndex != ELFConstant.shnUndef else { continue }
            summary.functionCount += 1
            // On 32-bit Arm the low bit marks Thumb code, not the address.
            let start = thumb ? symbol.value & ~1 : symbol.value
            ranges.insert(FunctionRange(start: start, size: symbol.size))
            if !name.isEmpty, summary.named.count < ReadLimits.maxSymbols, named.insert("\(start):\(name)").inserted {
                summary.named.append(CodeSymbol(address: start, name: name))
            }
        }
        summary.functions = ranges.sorted { ($0.start, $0.size) < ($1.start, $1.size) }
        summary.named.sort { ($0.address, $0.name) < ($1.address, $1.name) }
        var ifuncs = Set<String>()
        for (symbol, name) in (staticSymbols ?? []) + (dynamicSymbols ?? [])
        where symbol.type == ELFConstant.sttGNUIFunc && symbol.sectionIndex != ELFConstant.shnUndef && !name.isEmpty {
            if ifuncs.count < ReadLimits.maxELFListedSymbols { ifuncs.insert(name) }
        }
        summary.ifuncs = ifuncs.sorted()
        var imports = Set<String>()
        for (symbol, name) in (dynamicSymbols ?? []).dropFirst()
        where symbol.sectionIndex == ELFConstant.shnUndef && symbol.binding != ELFConstant.stbLocal && !name.isEmpty {
            if imports.count < ReadLimits.maxELFListedSymbols, imports.insert(name).inserted { summary.imports.append(name) }
        }
        return summary
    }

    /// The symbols of `section` with their names; nil when the table lies outside the file or
    /// libelf rejects it.
    private func load(_ section: ELFRawSection) -> [(ELFRawSymbol, String)]? {
        guard section.fileSize > 0, (try? requireInFile(offset: section.offset, size: section.fileSize, "symbol table")) != nil,
            let symbols = try? handle.symbols(section: section.index, limit: ReadLimits.maxSymbols)
        else { return nil }
        let strings = stringTable(linkedFrom: section)
        return symbols.map { ($0, strings?.string(at: UInt64($0.nameOffset)) ?? "") }
    }

    /// The number of `R_*_IRELATIVE` relocations in all `SHT_REL`/`SHT_RELA` sections.
    func irelativeCount() -> Int {
        guard let irelative = ELFConstant.irelativeType(machine: header.machine) else { return 0 }
        var count = 0
        for section in sections where section.type == ELFConstant.shtRela || section.type == ELFConstant.shtRel {
            guard section.fileSize > 0, (try? requireInFile(offset: section.offset, size: section.fileSize, "relocations")) != nil,
                let types = try? handle.relocationTypes(
                    section: section.index, withAddends: section.type == ELFConstant.shtRela, limit: ReadLimits.maxELFRelocations)
            else { continue }
            count += types.lazy.filter { $0 == irelative }.count
        }
        return count
    }
}
