import Foundation
import Readiness
import Testing

@testable import Scanning

/// A Hexagon DSP library (readelf: Machine QUALCOMM DSP6 Processor, LIEF machine 164 in
/// Tests/Fixtures/expected.json) beside Arm64 CPU binaries: it runs on the DSP/NPU, loaded by
/// its FastRPC stub, so it must neither be blocked nor make the application blocked.
@Suite("Accelerator payloads in applications")
struct AcceleratorPayloadScanTests {
    static let payload = "elf/libFixtureV68Skel.so"

    @Test func aHexagonSkelBesideItsArm64StubIsNative() throws {
        let root = try FixtureTree.make([
            "App/arm64_app.exe": "pe/arm64_app.exe", "App/FixtureV68Stub.dll": "pe/arm64_lib.dll",
            "App/libFixtureV68Skel.so": Self.payload,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try FixtureTree.scan(root)
        let skel = try #require(report.binaries.first { $0.path == "App/libFixtureV68Skel.so" })
        let rules = skel.findings.map(\.rule)
        #expect(skel.verdict == .native)
        #expect(rules.contains("elf-hexagon-accelerator-payload"))
        #expect(!rules.contains("elf-other-machine-blocked"))
        // The stub is named after the skel (FastRPC): the message names it.
        let host = try #require(skel.findings.first { $0.rule == "elf-hexagon-host-library" })
        #expect(host.message.contains("FixtureV68Stub.dll"))
        #expect(report.applications.count == 1)
        #expect(report.applications.first?.verdict == .native)
    }

    @Test func aHexagonSkelWithoutAStubIsNotBlockedEither() throws {
        let root = try FixtureTree.make([
            "App/arm64_app.exe": "pe/arm64_app.exe", "App/dsp/libFixtureV68Skel.so": Self.payload,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try FixtureTree.scan(root)
        let skel = try #require(report.binaries.first { $0.path == "App/dsp/libFixtureV68Skel.so" })
        #expect(skel.verdict == .native)
        #expect(skel.findings.map(\.rule) == ["elf-hexagon-accelerator-payload"])
        #expect(report.applications.allSatisfy { $0.verdict != .blocked })
    }

    @Test func stubNamesFollowTheSkelName() {
        #expect(AcceleratorHost.stubStem(payloadName: "libQnnHtpV73Skel.so") == "qnnhtpv73stub")
        #expect(AcceleratorHost.stem("QnnHtpV73Stub.dll") == "qnnhtpv73stub")
        #expect(AcceleratorHost.stem("libQnnHtpV73Stub.so") == "qnnhtpv73stub")
        #expect(AcceleratorHost.stubStem(payloadName: "libcalculator_skel.so") == "calculator_stub")
        #expect(AcceleratorHost.stubStem(payloadName: "libQnnHtpV73.so") == nil)
        #expect(AcceleratorHost.stubStem(payloadName: "skel.so") == nil)
    }
}
