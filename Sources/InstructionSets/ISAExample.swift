/// Where an instruction was found.
package struct ISAExample: Sendable, Equatable, Codable {
    /// The instruction's address in the image's own address space (PE RVA, ELF virtual address).
    package var address: UInt64
    /// The nearest symbol at or before the address, when the binary names one.
    package var function: String?

    package init(address: UInt64, function: String?) {
        self.address = address
        self.function = function
    }

    enum CodingKeys: String, CodingKey {
        case address, function
    }

    package func encode(to encoder: any Encoder) throws {
        // `function` is written as null, not dropped: the JSON contract names it.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(address, forKey: .address)
        try container.encode(function, forKey: .function)
    }
}
