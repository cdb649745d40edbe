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

/// A symbol table with the string table its `sh_link` names.
struct ELFSymbolTable {
    /// The section's index.
    var section: Int
    var symbols: [ELFRawSymbol]
    var strings: ELFStringTable?

    func name(_ symbol: ELFRawSymbol) -> String? { strings?.string(at: UInt64(symbol.nameOffset)) }
}

/// The file's first `SHT_SYMTAB` and `SHT_DYNSYM` tables, loaded once for the symbol summary
/// and the code roots.
struct ELFSymbolTables {
    var symtab: ELFSymbolTable?
    var dynsym: ELFSymbolTable?
}

extension ELFContext {
    /// Loads the first `.symtab` and `.dynsym`; a table libelf cannot translate is nil.
    func symbolTables() -> ELFSymbolTables {
        ELFSymbolTables(
            symtab: sections.first { $0.type == ELFConstant.shtSymtab }.flatMap(load),
            dynsym: sections.first { $0.type == ELFConstant.shtDynsym }.flatMap(load))
    }

    /// Reads `.symtab` (else `.dynsym`) for functions, both for ifuncs, `.dynsym` for imports.
    ///
    /// A table libelf cannot translate is skipped, leaving the summary partial. Names are read
    /// only for the symbols kept, since large binaries carry hundreds of thousands of others.
    func symbols(_ tables: ELFSymbolTables) -> ELFSymbolSummary {
        let symtab = tables.symtab
        let dynsym = tables.dynsym
        var summary = ELFSymbolSummary()
        summary.fromSymtab = symtab != nil
        let thumb = header.machine == ELFConstant.emARM
        if let table = symtab ?? dynsym {
            var ranges: [FunctionRange] = []
            for symbol in table.symbols
            where symbol.type == ELFConstant.sttFunc && symbol.size > 0 && symbol.sectionIndex != ELFConstant.shnUndef {
                summary.functionCount += 1
                // On 32-bit Arm the low bit marks Thumb code, not the address.
                let start = thumb ? symbol.value & ~1 : symbol.value
                ranges.append(FunctionRange(start: start, size: symbol.size))
                if summary.named.count < ReadLimits.maxSymbols, let name = table.name(symbol), !name.isEmpty {
                    summary.named.append(CodeSymbol(address: start, name: name))
                }
            }
            summary.functions = Self.sortedUnique(ranges) { ($0.start, $0.size) < ($1.start, $1.size) }
            summary.named = Self.sortedByAddress(summary.named)
        }
        var ifuncs = Set<String>()
        for table in [symtab, dynsym].compactMap({ $0 }) {
            for symbol in table.symbols
            where symbol.type == ELFConstant.sttGNUIFunc && symbol.sectionIndex != ELFConstant.shnUndef
                && ifuncs.count < ReadLimits.maxELFListedSymbols
            {
                if let name = table.name(symbol), !name.isEmpty { ifuncs.insert(name) }
            }
        }
        summary.ifuncs = ifuncs.sorted()
        var imports = Set<String>()
        for symbol in (dynsym?.symbols ?? []).dropFirst()
        where symbol.sectionIndex == ELFConstant.shnUndef && symbol.binding != ELFConstant.stbLocal
            && imports.count < ReadLimits.maxELFListedSymbols
        {
            if let name = dynsym?.name(symbol), !name.isEmpty, imports.insert(name).inserted {
                summary.imports.append(name)
            }
        }
        return summary
    }

    /// `values` sorted by `less`, with equal neighbours removed.
    private static func sortedUnique<T: Equatable>(_ values: [T], by less: (T, T) -> Bool) -> [T] {
        var result: [T] = []
        result.reserveCapacity(values.count)
        for value in values.sorted(by: less) where result.last != value { result.append(value) }
        return result
    }

    /// `symbols` sorted by address, then name, without repeated (address, name) pairs.
    ///
    /// Sorts plain (address, index) keys: sorting the structs would retain and release their
    /// strings at every move, which dominated the read of a binary with 250,000 symbols.
    private static func sortedByAddress(_ symbols: [CodeSymbol]) -> [CodeSymbol] {
        let keys = symbols.indices.map { (address: symbols[$0].address, index: $0) }.sorted { $0 < $1 }
        var result: [CodeSymbol] = []
        result.reserveCapacity(symbols.count)
        var run: [CodeSymbol] = []
        func flush() {
            run.sort { $0.name < $1.name }
            for symbol in run where result.last != symbol { result.append(symbol) }
            run.removeAll(keepingCapacity: true)
        }
        for key in keys {
            if let last = run.last, last.address != key.address { flush() }
            run.append(symbols[key.index])
        }
        flush()
        return result
    }

    /// The symbols of `section` and its string table; nil when the table lies outside the file
    /// or libelf rejects it.
    func load(_ section: ELFRawSection) -> ELFSymbolTable? {
        guard section.fileSize > 0,
            (try? requireInFile(offset: section.offset, size: section.fileSize, "symbol table")) != nil,
            let symbols = try? handle.symbols(section: section.index, limit: ReadLimits.maxSymbols)
        else { return nil }
        return ELFSymbolTable(section: section.index, symbols: symbols, strings: stringTable(linkedFrom: section))
    }
}
