import BinaryFormats
import Foundation
import InstructionSets
import Readiness
import Testing
@testable import Scanning

/// The whole per-file pipeline — read, instruction-set profile, installer engine, facts, rules — over damaged
/// copies of every PE and ELF fixture and of the installer fixtures (engine stubs and their
/// overlays, MSI and CAB files; InstallerScanTests+Hostile takes those through `Scanner.scan`)
/// — hybrid code maps, function tables and section tables pointing anywhere: each copy gives
/// an image or a reason, never a trap or a hang.
/// 400 damaged copies per fixture by default; `ARMREADY_FUZZ_ROUNDS=6000` for a longer run.
@Suite("Hostile input through the whole pipeline")
struct HostileInputPipelineTests {
    static let fixtures = SampleTreeVerdictTests.repository.appendingPathComponent("Tests/Fixtures")
    static let names: [String] = ["pe", "elf", "dotnet", "isa", "corkami", "installers"].flatMap { folder in
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(folder).path)) ?? [])
            .filter {
                !$0.hasSuffix(".json") && !$0.hasSuffix(".py") && !$0.hasSuffix(".nsi") && !$0.hasSuffix(".sh")
                    && !$0.hasSuffix(".md")
                    && !$0.hasSuffix(".lib")
            }
            .map { "\(folder)/\($0)" }
    }.sorted()

    @Test func theFixturesAreThere() {
        #expect(Self.names.count >= 40)
    }

    @Test(arguments: names)
    func damagedCopiesNeverTrap(name: String) throws {
        let url = Self.fixtures.appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return
        }
        let original = [UInt8](try Data(contentsOf: url))
        guard original.count > 64 else { return }
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        let target = try TargetProfile.load()
        var generator = SplitMix64(seed: name.utf8.reduce(UInt64(0xA11)) { $0 &* 31 &+ UInt64($1) })
        for round in 0..<(Int(ProcessInfo.processInfo.environment["ARMREADY_FUZZ_ROUNDS"] ?? "") ?? 400) {
            var bytes = original
            // Damage headers more often than code: that is where offsets and counts live.
            let region = round % 3 == 0 ? bytes.count : min(bytes.count, 0x400)
            for _ in 0..<Int(generator.next() % 8 + 1) {
                bytes[Int(generator.next() % UInt64(region))] = UInt8(truncatingIfNeeded: generator.next())
            }
            if round % 10 == 9 { bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count)))) }
            bytes.withUnsafeBytes { raw in
                guard case let .image(image) = BinaryReader.read(bytes: raw) else { return }
                let profile = ISAAnalyzer.profile(
                    image: image, bytes: raw, options: ISAOptions(maxDecodedBytes: 1 << 20))
                // The scan runs the installer detector on every PE (a 268-byte PE once trapped in it).
                _ = InstallerEngineDetector.detect(image: image, bytes: raw)
                let facts = FactsBuilder.facts(for: image, profile: profile)
                _ = Evaluator.evaluate(facts: facts, rules: rules, target: target)
            }
        }
    }
}

/// SplitMix64, so damage repeats exactly from run to run.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
