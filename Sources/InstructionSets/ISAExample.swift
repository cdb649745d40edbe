import BinaryFormats

/// Where an instruction was found.
package struct ISAExample: Sendable, Equatable, Codable {
    /// The instruction's address in the image's own address space (PE RVA, ELF virtual address).
    package var address: UInt64
    /// The nearest symbol at or before the address, when the binary names one (`null` in JSON
    /// otherwise: the contract names the key).
    @Nullable package var function: String?

    package init(address: UInt64, function: String?) {
        self.address = address
        self.function = function
    }
}
