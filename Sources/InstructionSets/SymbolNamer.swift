import BinaryFormats

/// Names example addresses after the function that contains them.
///
/// An address gets a name only when it lies inside one of the binary's function ranges and a
/// symbol (an export, a function symbol) starts that function; otherwise it stays unnamed
/// rather than borrowing the name of whatever symbol happens to come before it (PE images
/// export a few names, and the nearest one can be megabytes away). Without any function table
/// the nearest preceding symbol is used, within `fallbackDistance` bytes.
///
/// Built once per analysis and asked only for the few example addresses, so sorting is the
/// only real cost.
struct SymbolNamer {
    static let fallbackDistance: UInt64 = 4096

    private let symbols: [CodeSymbol]
    private let functions: [FunctionRange]
    private let namesByStart: [UInt64: String]

    init(symbols: [CodeSymbol], functions: [FunctionRange] = []) {
        self.symbols = symbols.prefix(ReadLimits.maxSymbols).sorted { $0.address < $1.address }
        self.functions = functions.sorted { $0.start < $1.start }
        var names: [UInt64: String] = [:]
        for symbol in self.symbols where names[symbol.address] == nil { names[symbol.address] = symbol.name }
        namesByStart = names
    }

    func name(at address: UInt64) -> String? {
        guard !functions.isEmpty else {
            guard let symbol = last(in: symbols, atOrBefore: address, \.address),
                address - symbol.address < Self.fallbackDistance
            else { return nil }
            return symbol.name
        }
        guard let function = last(in: functions, atOrBefore: address, \.start),
            address - function.start < function.size
        else { return nil }
        return namesByStart[function.start]
    }

    /// The last element whose key is not above `address` (the array is sorted by that key).
    private func last<T>(in items: [T], atOrBefore address: UInt64, _ key: KeyPath<T, UInt64>) -> T? {
        var low = 0
        var high = items.count
        while low < high {
            let mid = (low + high) / 2
            if items[mid][keyPath: key] <= address { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? items[low - 1] : nil
    }
}
