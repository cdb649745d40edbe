/// How much of one extension the code uses, and where (one entry of `ISAProfile.findings`).
package struct ISAExtensionUse: Sendable, Equatable {
    /// `x86` (x86 and x64 code) or `arm64`.
    package var architecture: ISAExtension.Architecture
    package var name: ISAExtension
    /// Reported only: the encoding runs as a NOP or as an older instruction on CPUs without it.
    package var hint: Bool
    /// Reported only: the binary lacks the instructions any real use of the extension needs
    /// (see `ISAProfile.arm64Unconfirmed`).
    package var unconfirmed: Bool = false
    package var count: Int
    /// Instructions found inside function ranges from the binary's own table.
    package var inFunctions: Int
    /// Instructions found by the linear sweep of code outside those ranges.
    package var inLinearSweep: Int
    /// Up to `ISAOptions.examplesPerExtension` locations per standing: flow-found code first.
    package var examples: [ISAExample]
    /// Of `inFunctions` (code found by following control flow), how many instructions are
    /// reached from a root without a feature check, only behind one, or from no root at all.
    /// All zero when the flow analysis did not run for this architecture.
    package var required = 0
    package var dispatched = 0
    package var unknown = 0

    package init(
        architecture: ISAExtension.Architecture, name: ISAExtension, hint: Bool, count: Int, inFunctions: Int,
        inLinearSweep: Int, examples: [ISAExample]
    ) {
        self.architecture = architecture
        self.name = name
        self.hint = hint
        self.count = count
        self.inFunctions = inFunctions
        self.inLinearSweep = inLinearSweep
        self.examples = examples
    }

    /// Whether the use counts as a requirement, and if not, why.
    package enum Standing: Sendable, Equatable {
        case required, hint, unconfirmed
    }

    /// A hint wins over unconfirmed: hint space is never a requirement in the first place.
    package var standing: Standing {
        hint ? .hint : unconfirmed ? .unconfirmed : .required
    }
}

extension ISAExtensionUse: Codable {
    enum CodingKeys: String, CodingKey {
        case architecture, name, hint, unconfirmed, count, inFunctions, inLinearSweep, examples
        case required, dispatched, unknown
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            architecture: try c.decode(ISAExtension.Architecture.self, forKey: .architecture),
            name: try c.decode(ISAExtension.self, forKey: .name), hint: try c.decode(Bool.self, forKey: .hint),
            count: try c.decode(Int.self, forKey: .count), inFunctions: try c.decode(Int.self, forKey: .inFunctions),
            inLinearSweep: try c.decode(Int.self, forKey: .inLinearSweep),
            examples: try c.decode([ISAExample].self, forKey: .examples))
        unconfirmed = try c.decodeIfPresent(Bool.self, forKey: .unconfirmed) ?? false
        required = try c.decodeIfPresent(Int.self, forKey: .required) ?? 0
        dispatched = try c.decodeIfPresent(Int.self, forKey: .dispatched) ?? 0
        unknown = try c.decodeIfPresent(Int.self, forKey: .unknown) ?? 0
    }
}
