import BinaryFormats

/// Names example addresses after the nearest symbol at or before them.
///
/// Built once per analysis and asked only for the few example addresses, so sorting the symbols
/// is the only real cost.
struct SymbolNamer {
    private let symbols: [CodeSymbol]

    init(symbols: [CodeSymbol]) {
        self.symbols = symbols.prefix(ReadLimits.maxSymbols).sorted { $0.address < $1.address }
    }

    /// The symbol whose address is the greatest one not above `address`, if any.
    func name(at address: UInt64) -> String? {
        var low = 0
        var high = symbols.count
        while low < high {
            let mid = (low + high) / 2
            if symbols[mid].address <= address { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? symbols[low - 1].name : nil
    }
}
