import Crypto
import Foundation
import Readiness
import Testing
@testable import BinaryFormats
@testable import Scanning

/// `armready scan` of the installer fixtures (Tests/Fixtures/installers) end to end: which
/// payload binaries are rated under which paths, and how the application is rated. Expected
/// paths come from msiinfo/msiextract (msi-expected.json), gcab (cab-expected.json) and pefile,
/// 7zz and python zipfile (engine-expected.json), never from armready.
@Suite("Scanning installers")
struct InstallerScanTests {
    static let folder = SampleTreeVerdictTests.repository.appendingPathComponent("Tests/Fixtures/installers")

    struct MSIFile: Decodable {
        let key: String
        let installPath: String
        let pe: Bool?
    }

    struct MSIBinary: Decodable {
        let name: String
        let pe: Bool
    }

    struct MSI: Decodable {
        let template: String
        let files: [MSIFile]
        let binaries: [MSIBinary]
        let media: [Media]
        let launchConditions: [LaunchCondition]

        struct Media: Decodable {
            let cabinet: String?
        }

        struct LaunchCondition: Decodable {
            let condition: String
        }
    }

    struct CABMember: Decodable {
        let name: String
        let sha256: String
    }

    struct CAB: Decodable {
        let files: [CABMember]?
        let cabinet: String?
    }

    static func decode<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func scan(_ roots: [URL]) throws -> ScanReport {
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        return try Scanner.scan(
            ScanOptions(
                roots: roots.map(\.path), rules: rules, target: try TargetProfile.load(), isa: nil, today: "2026-01-01",
                toolVersion: "test"))
    }

    static func scanFixture(_ name: String) throws -> ScanReport {
        try scan([folder.appendingPathComponent(name)])
    }

    /// A new private directory holding `files`; removed by the caller.
    static func temporary(_ files: [String: [UInt8]]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "armready-installers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: root.appendingPathComponent(name)) }
        return root
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// MZ, and the PE signature where e_lfanew points (what pefile checks first).
    static func isPE(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 0x40, bytes[0] == 0x4D, bytes[1] == 0x5A else { return false }
        let offset = (0..<4).reduce(0) { $0 | Int(bytes[0x3C + $1]) << (8 * $1) }
        return offset >= 0 && offset + 4 <= bytes.count && Array(bytes[offset..<offset + 4]) == [0x50, 0x45, 0, 0]
    }

    /// SHA-256 of every PE fixture in Tests/Fixtures/pe: gcab packed those, so a member with one
    /// of these digests is a PE.
    static let peDigests: Set<String> = {
        let pe = folder.deletingLastPathComponent().appendingPathComponent("pe")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: pe.path)) ?? []
        return Set(
            names.compactMap { name in
                guard let data = try? Data(contentsOf: pe.appendingPathComponent(name)) else { return nil }
                let bytes = [UInt8](data)
                return isPE(bytes) ? sha256(bytes) : nil
            })
    }()

    static let msiNames: [String] = {
        let all = (try? decode("msi-expected.json", as: [String: MSI].self)) ?? [:]
        return all.keys.filter { $0 != "msi-external-cab.msi" && $0 != "msi-duplicate-paths.msi" }.sorted()
    }()

    /// Install paths, with ` [FileKey]` after a path that several File rows share.
    static func expectedPaths(_ name: String, _ msi: MSI) -> Set<String> {
        let sharing = Dictionary(grouping: msi.files, by: \.installPath).filter { $0.value.count > 1 }
        return Set(
            msi.files.filter { $0.pe == true }.map {
                "\(name)!/\($0.installPath)" + (sharing[$0.installPath] != nil ? " [\($0.key)]" : "")
            }
        )
        .union(msi.binaries.filter(\.pe).map { "\(name)!/Binary/\($0.name)" })
    }

    @Test func theMSIFixturesAreListed() {
        #expect(Self.msiNames.count >= 6)
    }

    // MARK: MSI

    @Test(arguments: msiNames)
    func everyPEPayloadOfAnMSIIsRatedUnderItsInstallPath(name: String) throws {
        let msi = try #require(try Self.decode("msi-expected.json", as: [String: MSI].self)[name])
        let report = try Self.scanFixture(name)
        #expect(Set(report.binaries.map(\.path)) == Self.expectedPaths(name, msi))
        #expect(report.binaries.count == Self.expectedPaths(name, msi).count)
        for binary in report.binaries {
            #expect(binary.application == "\(name)!", "\(binary.path)")
            #expect(binary.packagedIn?.msiTemplate == msi.template, "\(binary.path)")
            #expect(binary.packagedIn?.name == name, "\(binary.path)")
        }
        #expect(report.applications.map(\.id) == ["\(name)!"])
        #expect(report.diagnostics.isEmpty)
    }

    @Test func anArm64MSIPayloadIsNativeAndAnX64OneEmulated() throws {
        let arm = try Self.scanFixture("msi-arm64.msi")
        #expect(!arm.binaries.isEmpty)
        #expect(arm.binaries.allSatisfy { $0.verdict == .native })
        #expect(arm.applications.map(\.verdict) == [.native])
        let x64 = try Self.scanFixture("msi-x64.msi")
        #expect(!x64.binaries.isEmpty)
        #expect(x64.binaries.allSatisfy { $0.verdict == .emulated })
        #expect(x64.applications.map(\.verdict) == [.emulated])
    }

    /// The issue's key case: an Arm64 MSI whose Arm64 executable imports a DLL the MSI ships as
    /// x64 (pefile: contoso-arm64.exe is 0xAA64 and imports contoso-core.dll, which is 0x8664).
    @Test func anArm64MSIWhoseExecutableImportsAnX64DLLIsBlocked() throws {
        let name = "msi-arm64-x64dll.msi"
        let report = try Self.scanFixture(name)
        let dll = try #require(
            report.binaries.first { $0.path == "\(name)!/ProgramFiles64Folder/Contoso/contoso-core.dll" })
        #expect(dll.machineName == "AMD64")
        #expect(dll.verdict == .blocked)
        #expect(dll.findings.map(\.rule).contains("x64-plugin-arm64-host"), "\(dll.findings.map(\.rule))")
        let exe = try #require(
            report.binaries.first { $0.path == "\(name)!/ProgramFiles64Folder/Contoso/contoso-arm64.exe" })
        #expect(exe.machineName == "ARM64")
        let application = try #require(report.applications.first)
        #expect(report.applications.count == 1)
        #expect(application.id == "\(name)!")
        #expect(application.verdict == .blocked)
    }

    @Test func anIntel64TemplateBlocksEveryPayloadBinary() throws {
        let report = try Self.scanFixture("msi-intel64.msi")
        #expect(report.binaries.count == 2)
        for binary in report.binaries {
            #expect(binary.verdict == .blocked, "\(binary.path)")
            #expect(binary.findings.map(\.rule).contains("msi-template-not-installable"), "\(binary.path)")
            #expect(binary.packagedIn?.msiTemplate == "Intel64;1033")
        }
        #expect(report.applications.map(\.verdict) == [.blocked])
    }

    /// msiinfo shows two File rows (AppExe, ExportsDll) installed as INSTALLDIR/app.exe by
    /// components conditioned VersionNT64 / NOT VersionNT64: each keeps a path of its own.
    @Test func fileRowsThatShareAnInstallPathAreNamedByTheirKeys() throws {
        let name = "msi-duplicate-paths.msi"
        let msi = try #require(try Self.decode("msi-expected.json", as: [String: MSI].self)[name])
        #expect(Set(msi.files.map(\.installPath)).count == 1 && msi.files.count == 2)
        let report = try Self.scanFixture(name)
        #expect(Set(report.binaries.map(\.path)) == Self.expectedPaths(name, msi))
        #expect(report.binaries.map(\.path).contains("\(name)!/ProgramFiles64Folder/Contoso/app.exe [ExportsDll]"))
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.path == name && diagnostic.kind == .inconsistentArchive)
        #expect(diagnostic.message.hasPrefix("2 File rows install to one path"), "\(diagnostic.message)")
    }

    /// The fixture's LaunchCondition table (msiinfo's view, in msi-expected.json) has
    /// `WIX_NATIVE_MACHINE = 34404`, which WiX's QueryNativeMachine makes false on an Arm64 PC,
    /// and `VersionNT64`, which holds on every 64-bit Windows.
    @Test func aLaunchConditionForX64PCsOnlyBlocksTheMSI() throws {
        let name = "msi-x64-only.msi"
        let msi = try #require(try Self.decode("msi-expected.json", as: [String: MSI].self)[name])
        #expect(msi.launchConditions.map(\.condition) == ["WIX_NATIVE_MACHINE = 34404", "VersionNT64"])
        let report = try Self.scanFixture(name)
        #expect(report.binaries.count == 2)
        for binary in report.binaries {
            let finding = try #require(binary.findings.first { $0.rule == "msi-launch-condition-excludes-arm64" })
            #expect(binary.verdict == .blocked, "\(binary.path)")
            #expect(finding.message.contains(#"WIX_NATIVE_MACHINE = 34404 ("This package runs only on x64 PCs.")"#))
            #expect(!finding.message.contains("VersionNT64 ("))
        }
        #expect(report.applications.map(\.verdict) == [.blocked])
        // The same payload without the condition is emulated, not blocked.
        #expect(try Self.scanFixture("msi-x64.msi").applications.map(\.verdict) == [.emulated])
    }

    @Test func anExternalCabinetBesideTheMSIIsRead() throws {
        let name = "msi-external-cab.msi"
        let msi = try #require(try Self.decode("msi-expected.json", as: [String: MSI].self)[name])
        #expect(msi.media.map(\.cabinet) == ["data1.cab"])
        let root = try Self.temporary([name: try Self.bytes(name), "data1.cab": try Self.bytes("data1.cab")])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try Self.scan([root])
        let payload = report.binaries.filter { $0.path.hasPrefix("\(name)!/") }
        #expect(Set(payload.map(\.path)) == Self.expectedPaths(name, msi))
        #expect(payload.allSatisfy { $0.application == "\(name)!" && $0.packagedIn?.msiTemplate == "x64;1033" })
        #expect(!report.diagnostics.contains { $0.path.hasPrefix(name) })
        // The cabinet itself is not rated a second time, as a cabinet of its own.
        #expect(!report.binaries.contains { $0.path.hasPrefix("data1.cab") })
        let cabinet = try #require(report.diagnostics.first { $0.path == "data1.cab" })
        #expect(cabinet.message.contains("external cabinet of \(name)"), "\(cabinet.message)")
        // Nothing was left out: the summaries count it neither as skipped nor as scanned in part.
        #expect(cabinet.kind == .ratedElsewhere && !cabinet.isPartial && !cabinet.isSkipped)
        #expect(report.binaries.count == payload.count)
    }

    /// A cabinet beside an MSI that does not name it is rated on its own.
    @Test func aCabinetBesideAnUnrelatedMSIIsRatedOnItsOwn() throws {
        let root = try Self.temporary([
            "msi-x64.msi": try Self.bytes("msi-x64.msi"), "data1.cab": try Self.bytes("data1.cab"),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try Self.scan([root])
        #expect(report.binaries.contains { $0.path.hasPrefix("data1.cab!/") })
        #expect(!report.diagnostics.contains { $0.path == "data1.cab" })
    }

    @Test func anMSIWithoutItsExternalCabinetSaysWhichIsMissing() throws {
        let name = "msi-external-cab.msi"
        let root = try Self.temporary([name: try Self.bytes(name)])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try Self.scan([root])
        #expect(!report.binaries.contains { $0.path.hasPrefix("\(name)!/") })
        let diagnostic = try #require(report.diagnostics.first { $0.path.hasPrefix(name) })
        #expect(diagnostic.kind == .notOpened)
        #expect(diagnostic.message.contains("data1.cab"), "\(diagnostic.message)")
    }

    // MARK: CAB

    static let cabNames = ["cab-stored.cab", "cab-mszip.cab", "cab-many.cab", "cab-mszip-lzx-qtm.cab"]

    @Test(arguments: cabNames)
    func everyPEMemberOfACabinetIsRated(name: String) throws {
        let cab = try #require(try Self.decode("cab-expected.json", as: [String: CAB].self)[name])
        let expected = Set(
            (cab.files ?? []).filter { Self.peDigests.contains($0.sha256) }.map { "\(name)!/\($0.name)" })
        let report = try Self.scanFixture(name)
        #expect(Set(report.binaries.map(\.path)) == expected)
        #expect(report.binaries.count == expected.count)
        #expect(report.diagnostics.isEmpty)
    }

    @Test func theCabinetFixturesCarryPEs() throws {
        let all = try Self.decode("cab-expected.json", as: [String: CAB].self)
        #expect((all["cab-mszip.cab"]?.files ?? []).filter { Self.peDigests.contains($0.sha256) }.count == 3)
    }

    @Test func aCabinetThatIsPartOfASetIsNotOpened() throws {
        let report = try Self.scanFixture("cab-set-part1.cab")
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.kind == .notOpened)
        #expect(diagnostic.message.contains("part of a set"), "\(diagnostic.message)")
    }

    @Test func aCabinetSelfExtractorRatesItsStubAndItsMembers() throws {
        let all = try Self.decode("cab-expected.json", as: [String: CAB].self)
        let inner = try #require(all["cab-sfx.exe"]?.cabinet)
        let members = (all[inner]?.files ?? []).filter { Self.peDigests.contains($0.sha256) }
        #expect(!members.isEmpty)
        let report = try Self.scanFixture("cab-sfx.exe")
        #expect(Set(report.binaries.map(\.path)) == Set(["cab-sfx.exe"] + members.map { "cab-sfx.exe!/\($0.name)" }))
    }

    // MARK: Engines

    struct Engine: Decodable {
        let engine: String
        let version: String?
    }

    static let unexaminedEngines = [
        "engine-nsis-zlib.exe", "engine-nsis-lzma-solid.exe", "engine-inno.exe", "engine-installshield.exe",
    ]

    @Test(arguments: unexaminedEngines)
    func anUnexaminedPayloadLeavesItsStubsApplicationUnknown(name: String) throws {
        let engine = try #require(try Self.decode("engine-expected.json", as: [String: Engine].self)[name])
        let report = try Self.scanFixture(name)
        let stub = try #require(report.binaries.first { $0.path == name })
        let finding = try #require(stub.findings.first { $0.rule == "installer-payload-not-examined" })
        // The message quotes the installer.engine fact.
        #expect(finding.message.contains("is a \(engine.engine) installer"), "\(finding.message)")
        let application = try #require(report.applications.first { $0.binaries.contains(name) })
        #expect(application.binaries == [name])
        #expect(application.verdict == .unknown)
    }

    struct BurnChain: Decodable {
        let chain: [Package]
        let attachedMembers: [String]

        struct Package: Decodable {
            let id: String
            let condition: String
            let filePath: String
            let member: String
        }
    }

    /// burn-chain-build.py writes the chain (an unconditional-on-Arm64 x86 helper, an x64 MSI
    /// behind `NativeMachine = 34404`, an Arm64 MSI behind `NativeMachine = 43620`); gcab lists
    /// the attached members. On an Arm64 PC the x64 MSI is not installed, so it is not rated.
    @Test func aBurnChainIsRatedByThePackagesItInstallsOnArm64() throws {
        let name = "engine-burn-chain.exe"
        let want = try Self.decode("burn-chain-expected.json", as: BurnChain.self)
        #expect(want.attachedMembers == ["a0", "a1", "a2"])
        let arm64MSI = try #require(try Self.decode("msi-expected.json", as: [String: MSI].self)["msi-arm64.msi"])
        func path(_ id: String) throws -> String {
            let package = try #require(want.chain.first { $0.id == id })
            return "\(name)!/container1!/" + package.filePath.replacingOccurrences(of: "\\", with: "/")
        }
        let report = try Self.scanFixture(name)
        let expected = Self.expectedPaths(try path("ContosoArm64"), arm64MSI)
            .union([name, try path("Helper")])
        #expect(Set(report.binaries.map(\.path)) == expected)
        let skipped = try #require(report.diagnostics.first { $0.path == (try? path("ContosoX64")) })
        #expect(skipped.kind == .notOpened)
        #expect(skipped.message.contains(#"InstallCondition "NativeMachine = 34404""#), "\(skipped.message)")
        // The Arm64 MSI's payload is Arm64: what the bundle installs is as good as its x86 helper.
        #expect(report.applications.first { $0.id == "\(name)!" }?.verdict == .emulated)
    }

    /// What the appended payloads hold (python zipfile and gcab -l on the bytes at
    /// engine-expected.json's payloadOffset): the zip and cab self-extractors carry app.exe,
    /// x86_console.exe's bytes; Burn's attached container holds two text members ("0", "u0"),
    /// Squirrel's and Velopack's zips only text placeholders, so only their stubs are rated.
    @Test(arguments: [
        ("engine-zip-appended.exe", ["engine-zip-appended.exe", "engine-zip-appended.exe!/app.exe"]),
        ("engine-cab-appended.exe", ["engine-cab-appended.exe", "engine-cab-appended.exe!/app.exe"]),
        ("engine-burn.exe", ["engine-burn.exe"]),
        ("engine-squirrel.exe", ["engine-squirrel.exe"]),
        ("engine-velopack.exe", ["engine-velopack.exe"]),
    ])
    func anOpenedPayloadRatesItsBinaries(name: String, paths: [String]) throws {
        let report = try Self.scanFixture(name)
        #expect(report.binaries.map(\.path) == paths)
        #expect(report.binaries.allSatisfy { !$0.findings.map(\.rule).contains("installer-payload-not-examined") })
        if let payload = report.binaries.first(where: { $0.path.hasSuffix("!/app.exe") }) {
            #expect(payload.machineName == "I386")
        }
    }
}
