import BinaryFormats
import Foundation
import Testing

@testable import Readiness

/// Reads every committed PE/ELF fixture, builds its facts and rates it on the default target,
/// then compares with the verdict that windows-on-arm.md §0 gives for what the independent
/// tools (pefile, LIEF, dnfile, readelf) recorded in `Tests/Fixtures/expected.json`.
@Suite struct FixtureVerdictTests {
    /// What the independent tools recorded for one fixture (the fields the oracle needs).
    struct Record: Decodable, Sendable, CustomTestStringConvertible {
        struct CLR: Decodable, Sendable { var flags: Int }
        struct LIEF: Decodable, Sendable { var isArm64EC: Bool?; var isArm64X: Bool? }
        var path = ""
        var format: String
        var machine: Int?
        var subsystem: Int?
        var isDLL: Bool?
        var pefileIsDriver: Bool?
        var manifestSupportedArchitectures: String?
        var clr: CLR?
        var lief: LIEF?
        var testDescription: String { path }

        enum CodingKeys: String, CodingKey {
            case format, machine, subsystem, isDLL, pefileIsDriver, manifestSupportedArchitectures, clr, lief
        }
    }

    static let records: [Record] = {
        let url = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/expected.json")
        guard let data = try? Data(contentsOf: url),
            let all = try? JSONDecoder().decode([String: Record].self, from: data)
        else { return [] }
        return all.keys.sorted().compactMap { key in
            guard var record = all[key], record.format == "PE" || record.format == "ELF" else { return nil }
            record.path = key
            return record
        }
    }()

    /// windows-on-arm.md §0 / §6.2 applied to the independent tools' fields.
    static func oracle(_ r: Record) -> (Verdict, Execution?) {
        let machine = r.machine ?? -1
        if r.format == "ELF" {
            switch machine {
            case 183: return (.native, .arm64)
            case 40: return (.blocked, .arm32)
            // EM_QDSP6 (glibc elf.h): a Hexagon DSP/NPU library, loaded over FastRPC by a
            // CPU-side stub, not CPU code (quic/fastrpc README).
            case 164: return (.native, .other)
            default: return (.blocked, nil)
            }
        }
        if let flags = r.clr?.flags, flags & 1 != 0 {
            if machine == 0x8664 { return (.emulated, .x64) }
            if flags & 2 != 0 { return (.emulated, .x86) }
            if r.isDLL == true { return (.native, .neutral) }
            if let archs = r.manifestSupportedArchitectures, archs.split(separator: " ").contains("arm64") {
                return (.native, .arm64)
            }
            return (.emulated, .x64)
        }
        if r.pefileIsDriver == true { return machine == 0xAA64 ? (.native, .arm64) : (.blocked, nil) }
        if let subsystem = r.subsystem, (10...13).contains(subsystem), machine != 0xAA64 { return (.blocked, nil) }
        if r.lief?.isArm64X == true { return (.native, .arm64x) }
        if r.lief?.isArm64EC == true { return (.native, .arm64ec) }
        switch machine {
        case 0xAA64: return (.native, .arm64)
        case 0x8664: return (.emulated, .x64)
        case 0x14C: return (.emulated, .x86)
        default: return (.blocked, nil)
        }
    }

    @Test func fixturesArePresent() {
        #expect(Self.records.count >= 30)
    }

    @Test(arguments: records)
    func verdictMatchesDecisionTable(record: Record) throws {
        let path = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/\(record.path)").path
        guard case .image(let image) = BinaryReader.read(path: path) else {
            Issue.record("\(record.path) did not read as a binary")
            return
        }
        let result = Evaluator.evaluate(
            facts: FactsBuilder.facts(for: image), rules: try RuleSet.load(), target: try TargetProfile.load())
        let (verdict, execution) = Self.oracle(record)
        #expect(result.verdict == verdict, "\(record.path): \(result.findings.map(\.rule))")
        if let execution { #expect(result.execution == execution, "\(record.path)") }
    }
}
