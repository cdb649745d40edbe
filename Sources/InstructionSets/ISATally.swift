/// Per-extension counters for one architecture, held in fixed arrays indexed by extension id so
/// that counting an instruction never allocates.
struct ISATally {
    let architecture: ISAExtension.Architecture
    /// Extensions, indexed by id.
    let names: [ISAExtension]
    /// Whether each extension is hint space (reported, not required).
    let hints: [Bool]
    let examplesPerExtension: Int
    private(set) var inFunctions: [Int]
    private(set) var inSweep: [Int]
    /// `examplesPerExtension` slots per extension.
    private var exampleAddresses: [UInt64]
    private var exampleCounts: [Int]

    init(architecture: ISAExtension.Architecture, names: [ISAExtension], examplesPerExtension: Int) {
        self.architecture = architecture
        self.names = names
        self.hints = names.map { $0.isHint(on: architecture) }
        self.examplesPerExtension = examplesPerExtension
        inFunctions = Array(repeating: 0, count: names.count)
        inSweep = Array(repeating: 0, count: names.count)
        exampleAddresses = Array(repeating: 0, count: names.count * examplesPerExtension)
        exampleCounts = Array(repeating: 0, count: names.count)
    }

    /// Counts one instruction of extension `id` at `address`.
    @inline(__always)
    mutating func record(_ id: Int, address: UInt64, inFunction: Bool) {
        if inFunction { inFunctions[id] &+= 1 } else { inSweep[id] &+= 1 }
        let seen = exampleCounts[id]
        if seen < examplesPerExtension {
            exampleAddresses[id * examplesPerExtension + seen] = address
            exampleCounts[id] = seen + 1
        }
    }

    /// The findings with a non-zero count, sorted by name; `name(for:)` names example addresses.
    func findings(name: (UInt64) -> String?) -> [ISAExtensionUse] {
        var result: [ISAExtensionUse] = []
        for id in names.indices where inFunctions[id] + inSweep[id] > 0 {
            let examples = (0..<exampleCounts[id]).map { slot in
                let address = exampleAddresses[id * examplesPerExtension + slot]
                return ISAExample(address: address, function: name(address))
            }
            result.append(
                ISAExtensionUse(
                    architecture: architecture, name: names[id], hint: hints[id],
                    count: inFunctions[id] + inSweep[id], inFunctions: inFunctions[id],
                    inLinearSweep: inSweep[id], examples: examples))
        }
        return result.sorted { $0.name < $1.name }
    }
}
