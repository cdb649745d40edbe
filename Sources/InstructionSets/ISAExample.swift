import BinaryFormats

/// Where an instruction was found, and (when the flow analysis ran) how it is reached.
package struct ISAExample: Sendable, Equatable, Codable {
    /// The instruction's address in the image's own address space (PE RVA, ELF virtual address).
    package var address: UInt64
    /// The function that holds it: the nearest symbol, or `sub_<hex>` for a function the flow
    /// analysis found without a name (`null` in JSON when neither: the contract names the key).
    @Nullable package var function: String?
    /// `required`, `dispatched` or `unknown`; absent for code only the linear sweep found.
    package var standing: FlowStanding?
    /// For required code: the root (entry point, export) that reaches it without a feature check.
    package var reachedFrom: String?
    /// For dispatched code: the feature check that admits it.
    package var check: ISACheck?

    package init(
        address: UInt64, function: String?, standing: FlowStanding? = nil, reachedFrom: String? = nil,
        check: ISACheck? = nil
    ) {
        self.address = address
        self.function = function
        self.standing = standing
        self.reachedFrom = reachedFrom
        self.check = check
    }
}

/// A feature check the flow analysis found: a branch (or select) on probed CPU features.
package struct ISACheck: Sendable, Equatable, Codable {
    package var address: UInt64
    package var function: String?
    /// What the condition reads: `CPUID`, `XGETBV`, `IsProcessorFeaturePresent`, `__isa_available`,
    /// `cache 0x1400a2f0` (a global a probing function stores), `probe sub_1000` (its result).
    package var tests: String
    /// The mask or level compared, when constant.
    package var constant: UInt64?

    package init(address: UInt64, function: String?, tests: String, constant: UInt64? = nil) {
        self.address = address
        self.function = function
        self.tests = tests
        self.constant = constant
    }
}
