import Foundation
import InstructionSets
import Readiness
import Testing

@testable import Scanning

/// IL-only .NET assemblies hold IL and metadata in `.text`, not machine code (ECMA-335
/// §II.25): a scan with the instruction-set profile must find no x86 extensions in them and
/// fire no x86 ISA rule (issue 11, where Mono's mscorlib.dll showed 3DNow!, VMX, AVX2 and
/// thousands of x87 instructions and was rated at-risk).
@Suite("IL-only .NET code profile")
struct DotNetCodeProfileTests {
    /// The mcs fixtures; dnfile gives every one of them COR20 flags with ILONLY (0x1) set
    /// (Tests/Fixtures/expected.json).
    static let fixtures = [
        "anycpu.exe", "x86.exe", "x64.exe", "anycpu32bitpreferred.exe", "anycpu_lib.dll", "anycpu_arm64_manifest.exe",
    ]

    /// Mono assemblies from Debian 12 (`apt-get download libmono-corlib4.5-dll
    /// libmono-system-windows-forms4.0-cil`, `dpkg-deb -x` into /tmp/monodeb/root); dnfile
    /// 0.18 reads COR20 Flags 0x1 (ILONLY) in both. Skipped when absent.
    static let monoAssemblies = [
        "/tmp/monodeb/root/usr/lib/mono/4.5/mscorlib.dll",
        "/tmp/monodeb/root/usr/lib/mono/gac/System.Windows.Forms/4.0.0.0__b77a5c561934e089/System.Windows.Forms.dll",
    ]

    static let x86Rules: Set<String> = [
        "x86-isa-not-emulated", "x86-avx512-dispatched", "x86-avx512-required", "x64-isa-not-emulated",
        "x64-avx-emulated", "x87-extended-precision", "x86-helper-probes-cpu",
    ]

    private func profiledScan(_ root: URL) throws -> ScanReport {
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        let options = ScanOptions(
            roots: [root.path], rules: rules, target: try TargetProfile.load(), isa: ISAOptions(),
            today: "2026-01-01", toolVersion: "test")
        return try Scanner.scan(options)
    }

    private func expectNoX86Profile(_ binary: BinaryResult) {
        let isa = binary.isa
        #expect(isa?.x86.isEmpty ?? true, "\(binary.path): \(isa?.x86 ?? [:])")
        #expect(isa?.x86Hints.isEmpty ?? true, "\(binary.path)")
        // The only bytes decoded are the entry stub: `jmp [_CorExeMain]` is 6 bytes.
        #expect((isa?.bytesDecoded ?? 0) <= 16, "\(binary.path): \(isa?.bytesDecoded ?? 0) bytes")
        let fired = Set(binary.findings.map(\.rule))
        #expect(fired.isDisjoint(with: Self.x86Rules), "\(binary.path): \(fired)")
    }

    @Test func theMcsFixturesHaveNoX86Profile() throws {
        let root = try FixtureTree.make(Dictionary(uniqueKeysWithValues: Self.fixtures.map { ($0, "dotnet/\($0)") }))
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try profiledScan(root)
        #expect(report.binaries.count == Self.fixtures.count)
        for binary in report.binaries { expectNoX86Profile(binary) }
    }

    @Test(arguments: monoAssemblies)
    func monoAssembliesHaveNoX86Profile(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("armready-mono-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let copy = root.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: path), to: copy)
        let report = try profiledScan(root)
        let binary = try #require(report.binaries.first)
        expectNoX86Profile(binary)
        // An AnyCPU IL-only library (machine I386, flags 0x1): native in the host's process.
        #expect(binary.findings.map(\.rule) == ["dotnet-anycpu-library"])
    }
}
