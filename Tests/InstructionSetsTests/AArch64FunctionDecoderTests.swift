import BinaryFormats
import Foundation
import Testing

@testable import InstructionSets

/// `AArch64FunctionDecoder` over `Tests/Fixtures/isa/flow-arm64/flow.s`, linked by its
/// `build.sh`. Expected blocks, edges, calls and guards are written from the assembly source;
/// addresses come from llvm-nm and branch targets from llvm-objdump (both in `flow.json`).
@Suite("AArch64 function decoder")
struct AArch64FunctionDecoderTests {
    struct Fixture: Decodable {
        struct Symbol: Decodable {
            var address: UInt64
            var size: UInt64
        }

        var textAddress: UInt64
        var text: String
        var symbols: [String: Symbol]
        var branchTargets: [String: UInt64]
    }

    static let fixture: Fixture? = {
        let url = ISAFixtures.directory.appendingPathComponent("flow-arm64/flow.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(Fixture.self, from: data)
    }()

    static let text: [UInt8] = {
        guard let hex = fixture?.text.utf8 else { return [] }
        let digits = hex.compactMap { UInt8(String(UnicodeScalar($0)), radix: 16) }
        return stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }()

    static func address(_ name: String) -> UInt64 { fixture?.symbols[name]?.address ?? 0 }

    /// Decodes `[start, limit)` of `bytes` placed at `base`, the section cut to `sectionSize`.
    static func decode(_ bytes: [UInt8], base: UInt64, sectionSize: Int? = nil, start: UInt64, limit: UInt64)
        -> FunctionSummary
    {
        bytes.withUnsafeBytes { raw in
            let section = CodeSection(name: ".text", address: base, fileOffset: 0, fileSize: sectionSize ?? raw.count)
            let code = CodeBytes(sections: [section], bytes: raw)
            var decoder = AArch64FunctionDecoder()
            return decoder.decode(start: start, limit: limit, code: code)
        }
    }

    /// The fixture function `name`, over its symbol's size.
    static func decode(_ name: String) -> FunctionSummary {
        let symbol = fixture?.symbols[name]
        let start = symbol?.address ?? 0
        return decode(text, base: fixture?.textAddress ?? 0, start: start, limit: start + (symbol?.size ?? 0))
    }

    static let names: [UInt64: String] = {
        var names: [UInt64: String] = [:]
        for (name, symbol) in fixture?.symbols ?? [:] { names[symbol.address] = name }
        return names
    }()

    static func name(_ address: UInt64) -> String { names[address] ?? String(address, radix: 16) }

    /// Blocks by label and edges as "from -> to" (plus " present <guard>").
    static func shape(_ summary: FunctionSummary) -> (blocks: [String], edges: Set<String>) {
        var edges: Set<String> = []
        for block in summary.blocks {
            for edge in block.successors {
                let target = Int(edge.block) < summary.blocks.count ? name(summary.blocks[Int(edge.block)].start) : "?"
                edges.insert("\(name(block.start)) -> \(target)" + (edge.presentOf.map { " present \($0)" } ?? ""))
            }
        }
        return (summary.blocks.map { name($0.start) }, edges)
    }

    /// Whole function decoded, nothing missing.
    static func expectComplete(_ summary: FunctionSummary, _ name: String) {
        let size = fixture?.symbols[name]?.size ?? 0
        #expect(!summary.incomplete, "\(name)")
        #expect(summary.instructions == Int(size / 4), "\(name)")
        #expect(summary.bytes == Int(size), "\(name)")
    }

    @Test("the fixture is there")
    func loaded() {
        #expect(Self.text.count == 0x16C)
        #expect(Self.fixture?.symbols.count ?? 0 > 40)
    }

    @Test("every direct branch target matches llvm-objdump")
    func branchTargets() throws {
        let fixture = try #require(Self.fixture)
        var decoded: [String: UInt64] = [:]
        for offset in stride(from: 0, to: Self.text.count - 3, by: 4) {
            let word =
                UInt32(Self.text[offset]) | UInt32(Self.text[offset + 1]) << 8
                | UInt32(Self.text[offset + 2]) << 16 | UInt32(Self.text[offset + 3]) << 24
            let pc = fixture.textAddress + UInt64(offset)
            switch AArch64Branch.decode(word, at: pc) {
            case .jump(let target), .call(let target), .conditional(let target, _): decoded[String(pc)] = target
            default: break
            }
        }
        #expect(decoded == fixture.branchTargets)
    }

    @Test("IPFP guard: cbz w0 after bl to the import thunk, the fall-through is the present side")
    func ipfp() {
        let summary = Self.decode("ipfp_check")
        Self.expectComplete(summary, "ipfp_check")
        let shape = Self.shape(summary)
        #expect(shape.blocks == ["ipfp_check", "ipfp_present", "ipfp_fallback"])
        #expect(shape.edges == ["ipfp_check -> ipfp_fallback", "ipfp_check -> ipfp_present present 0"])
        #expect(
            summary.guards == [
                GuardCandidate(
                    block: 0, address: Self.address("ipfp_check") + 12, source: .callResult(Self.address("ipfp_thunk")),
                    constant: nil, isSelect: false)
            ])
        #expect(
            summary.calls == [
                CallSite(
                    block: 0, address: Self.address("ipfp_check") + 8, target: .direct(Self.address("ipfp_thunk")),
                    isTailJump: false),
                CallSite(
                    block: 1, address: Self.address("ipfp_present") + 4, target: .direct(Self.address("sve_kernel")),
                    isTailJump: true),
                CallSite(
                    block: 2, address: Self.address("ipfp_fallback") + 4,
                    target: .direct(Self.address("scalar_kernel")), isTailJump: true),
            ])
        #expect(summary.thunkSlot == nil && summary.jumpThunkTarget == nil)
    }

    @Test("import thunks (adrp/ldr/br x16 and x17) and a jump thunk")
    func thunks() {
        let ipfp = Self.decode("ipfp_thunk")
        #expect(ipfp.thunkSlot == Self.address("__imp_IsProcessorFeaturePresent"))
        #expect(
            ipfp.calls == [
                CallSite(
                    block: 0, address: Self.address("ipfp_thunk") + 8,
                    target: .slot(Self.address("__imp_IsProcessorFeaturePresent")), isTailJump: true)
            ])
        #expect(Self.decode("getauxval_thunk").thunkSlot == Self.address("getauxval_slot"))
        let jump = Self.decode("jump_thunk")
        #expect(jump.jumpThunkTarget == Self.address("sve_kernel"))
        #expect(jump.thunkSlot == nil)
        #expect(Self.decode("scalar_kernel").jumpThunkTarget == nil)
        #expect(Self.decode("slot_call").thunkSlot == nil)
    }

    @Test("getauxval(AT_HWCAP) then tbnz w0, #22: the taken side is present")
    func hwcap() {
        let summary = Self.decode("hwcap_check")
        Self.expectComplete(summary, "hwcap_check")
        let shape = Self.shape(summary)
        #expect(shape.blocks == ["hwcap_check", "hwcap_scalar", "hwcap_sve"])
        #expect(shape.edges == ["hwcap_check -> hwcap_sve present 0", "hwcap_check -> hwcap_scalar"])
        #expect(summary.guards.map(\.source) == [.callResult(Self.address("getauxval_thunk"))])
        #expect(summary.guards.map(\.constant) == [1 << 22])
    }

    @Test("tbnz out of the function is a conditional tail call; the fall-through stays")
    func conditionalTailCall() {
        let summary = Self.decode("hwcap_tail")
        Self.expectComplete(summary, "hwcap_tail")
        let shape = Self.shape(summary)
        #expect(shape.blocks == ["hwcap_tail", "hwcap_tail_scalar"])
        #expect(shape.edges == ["hwcap_tail -> hwcap_tail_scalar"])
        #expect(
            summary.calls.contains(
                CallSite(
                    block: 0, address: Self.address("hwcap_tail") + 8, target: .direct(Self.address("sve_kernel")),
                    isTailJump: true)))
        #expect(summary.guards.map(\.constant) == [1 << 22])
    }

    @Test("__aarch64_cpu_features load, tst #bit30, b.ne")
    func cpuFeatures() {
        let summary = Self.decode("features_check")
        Self.expectComplete(summary, "features_check")
        #expect(
            Self.shape(summary).edges == [
                "features_check -> features_sve present 0", "features_check -> features_scalar",
            ])
        #expect(
            summary.guards == [
                GuardCandidate(
                    block: 0, address: Self.address("features_check") + 12,
                    source: .global(Self.address("__aarch64_cpu_features"), viaSlot: nil), constant: 0x4000_0000,
                    isSelect: false)
            ])
    }

    @Test("__builtin_cpu_supports through a GOT-style slot: mvn, tst, cset is a select")
    func cpuFeaturesThroughSlot() {
        let summary = Self.decode("features_got")
        Self.expectComplete(summary, "features_got")
        let slot = Self.address("got_cpu_features")
        #expect(
            summary.guards == [
                GuardCandidate(
                    block: 0, address: Self.address("features_got") + 20, source: .global(slot, viaSlot: slot),
                    constant: 0x4000_0000, isSelect: true)
            ])
        #expect(summary.blocks.count == 1 && summary.blocks[0].successors.isEmpty)
    }

    @Test("csel resolver: both adrp+add code addresses are taken, the csel is a select guard")
    func resolver() {
        let summary = Self.decode("resolver")
        Self.expectComplete(summary, "resolver")
        let start = Self.address("resolver")
        #expect(
            summary.addressesTaken == [
                AddressTaken(block: 0, address: start + 12, target: Self.address("sve_kernel")),
                AddressTaken(block: 0, address: start + 20, target: Self.address("scalar_kernel")),
            ])
        #expect(
            summary.guards == [
                GuardCandidate(
                    block: 0, address: start + 28,
                    source: .global(Self.address("__aarch64_cpu_features"), viaSlot: nil),
                    constant: 0x4000_0000, isSelect: true)
            ])
    }

    @Test("MRS ID_AA64PFR0_EL1, ubfx of the SVE field, cbnz")
    func idRegister() {
        let summary = Self.decode("mrs_probe")
        Self.expectComplete(summary, "mrs_probe")
        #expect(summary.idRegisterReads == 1)
        #expect(Self.shape(summary).edges == ["mrs_probe -> mrs_sve present 0", "mrs_probe -> mrs_scalar"])
        #expect(summary.guards.map(\.source) == [.probe(xgetbv: false)])
        #expect(summary.guards.map(\.constant) == [0xF << 32])
    }

    @Test("a call result stored to a global, a blr through an import slot")
    func storesAndSlotCalls() {
        let store = Self.decode("store_cache")
        #expect(
            store.stores == [
                GlobalStore(
                    block: 0, address: Self.address("store_cache") + 12, global: Self.address("hwcap_cache"),
                    value: .callResult(Self.address("getauxval_thunk")))
            ])
        let call = Self.decode("slot_call")
        Self.expectComplete(call, "slot_call")
        let slot = Self.address("__imp_IsProcessorFeaturePresent")
        #expect(
            call.calls.first
                == CallSite(block: 0, address: Self.address("slot_call") + 12, target: .slot(slot), isTailJump: false))
        #expect(call.guards.map(\.source) == [.slotCallResult(slot)])
        #expect(Self.shape(call).edges == ["slot_call -> slot_sve present 0", "slot_call -> slot_scalar"])
    }

    @Test("cmp with a level then b.lo: the fall-through is the present side")
    func level() {
        let summary = Self.decode("level_check")
        Self.expectComplete(summary, "level_check")
        #expect(Self.shape(summary).edges == ["level_check -> level_low", "level_check -> level_high present 0"])
        #expect(summary.guards.map(\.source) == [.global(Self.address("isa_level"), viaSlot: nil)])
        #expect(summary.guards.map(\.constant) == [3])
    }

    @Test("a switch of compares and branches, no guards on an untracked argument")
    func switchWithoutTable() {
        let summary = Self.decode("switch_fn")
        Self.expectComplete(summary, "switch_fn")
        let shape = Self.shape(summary)
        #expect(
            shape.blocks == [
                "switch_fn", "switch_above", "switch_low", "switch_one", "switch_zero", "switch_two", "switch_default",
            ])
        #expect(
            shape.edges == [
                "switch_fn -> switch_two", "switch_fn -> switch_above", "switch_above -> switch_default",
                "switch_above -> switch_low", "switch_low -> switch_zero", "switch_low -> switch_one",
            ])
        #expect(summary.guards.isEmpty && summary.calls.isEmpty)
    }

    @Test("SVE instructions are counted per block")
    func sveUses() {
        let summary = Self.decode("sve_kernel")
        Self.expectComplete(summary, "sve_kernel")
        let shape = Self.shape(summary)
        #expect(shape.blocks == ["sve_kernel", "sve_loop", "sve_done"])
        #expect(shape.edges == ["sve_kernel -> sve_loop", "sve_loop -> sve_loop", "sve_loop -> sve_done"])
        let uses = summary.uses.map {
            "\($0.block) \(AArch64Encodings.names[Int($0.extensionID)].rawValue) \($0.count) \(Self.name($0.firstAddress))"
        }
        #expect(uses == ["0 sve 1 sve_kernel", "1 sve 4 sve_loop"])
    }

    @Test("truncated code: a partial word or a section cut short ends the function as incomplete")
    func truncated() {
        let start = Self.address("ipfp_check")
        let base = Self.fixture?.textAddress ?? 0
        let cut = Self.decode(Self.text, base: base, sectionSize: 10, start: start, limit: start + 32)
        #expect(cut.incomplete && cut.instructions == 2)
        let partial = Self.decode(Self.text, base: base, start: start, limit: start + 10)
        #expect(partial.incomplete && partial.instructions == 2)
        #expect(Self.decode(Self.text, base: base, start: start + 2, limit: start + 32).incomplete)
        #expect(Self.decode(Self.text, base: base, start: start, limit: start).blocks.isEmpty)
        #expect(Self.decode(Self.text, base: base, start: base - 64, limit: base).incomplete)
    }

    @Test("random words never trap and every index stays in range")
    func randomWords() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            // SplitMix64: a fixed seed, so a failure reproduces.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let base: UInt64 = 0x10_0000
        for round in 0..<64 {
            var bytes = [UInt8](repeating: 0, count: 4096 + round)
            for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: next()) }
            let start = base + (next() % 1024) * 4
            let limit = round % 4 == 0 ? UInt64.max : start + next() % 8192
            let summary = Self.decode(bytes, base: base, start: start, limit: limit)
            Self.expectValid(summary, maxWords: bytes.count / 4)
        }
    }

    static func expectValid(_ summary: FunctionSummary, maxWords: Int) {
        let blocks = summary.blocks.count
        #expect(summary.instructions <= maxWords)
        #expect(summary.blocks.first.map { $0.start == summary.start } ?? true)
        for block in summary.blocks {
            #expect(block.start < block.end)
            for edge in block.successors {
                #expect(edge.block >= 0 && Int(edge.block) < blocks)
                #expect(edge.presentOf.map { $0 >= 0 && Int($0) < summary.guards.count } ?? true)
            }
        }
        #expect(summary.calls.allSatisfy { $0.block >= 0 && Int($0.block) < blocks })
        #expect(summary.guards.allSatisfy { $0.block >= 0 && Int($0.block) < blocks })
        #expect(summary.uses.allSatisfy { $0.block >= 0 && Int($0.block) < blocks && $0.count > 0 })
        #expect(summary.stores.allSatisfy { $0.block >= 0 && Int($0.block) < blocks })
        #expect(summary.addressesTaken.allSatisfy { $0.block >= 0 && Int($0.block) < blocks })
        #expect(summary.uses.allSatisfy { Int($0.extensionID) < AArch64Encodings.names.count })
    }
}
