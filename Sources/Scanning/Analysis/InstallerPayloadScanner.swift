import BinaryFormats
import Readiness

/// Rates what an installer stub carries (R26: the payload, not the stub) where a reader for it
/// exists: a ZIP (zip self-extractors, Squirrel's resource, Velopack's appended nupkg), a
/// cabinet (cabinet self-extractors), a 7z archive (7-Zip self-extractors) and WiX Burn's
/// attached containers (cabinets holding the chained MSIs). NSIS, Inno Setup and InstallShield
/// payloads are not opened: the stub says so in `installer.payload_examined` and its
/// application's verdict is `unknown`.
struct InstallerPayloadScanner {
    let packages: PackageScanner

    /// Whether the scan opens this engine's payload.
    static func examines(_ engine: InstallerEngine) -> Bool {
        switch engine.name {
        case .zipSFX, .squirrel, .velopack, .cabSFX, .sevenZipSFX: engine.payload.map { opens($0.format) } ?? false
        case .wixBurn: engine.containers.dropFirst().contains { opens($0.format) && !$0.detached }
        case .nsis, .innoSetup, .installShield: false
        }
    }

    private static func opens(_ format: InstallerEngine.Payload.Format) -> Bool {
        format == .zip || format == .cab || format == .msi || format == .sevenZip
    }

    /// How to get at a payload the scan does not open.
    static func extractionHint(_ engine: InstallerEngine) -> String {
        switch engine.name {
        case .innoSetup: "`innoextract --list` lists it and `innoextract -d out setup.exe` extracts it"
        case .installShield: "run the installer with `/a` (administrative install) or `/extract_all` to extract it"
        default: "`7z x setup.exe -oout` extracts it"
        }
    }

    /// - Parameter depth: the level of the installer's payload: 1 for a walked installer.
    func scan(
        _ engine: InstallerEngine, bytes: UnsafeRawBufferPointer, displayPath: String, lossy: Bool, depth: Int = 1
    ) -> FileOutcome {
        let context = PackageContext(kind: "installer", name: displayPath)
        var outcomes: [FileOutcome] = []
        let manifest = engine.name == .wixBurn ? Self.burnManifest(engine, bytes: bytes, displayPath: displayPath) : nil
        if let failure = manifest?.failure { outcomes.append(.diagnostic(failure)) }
        // Burn: the UX container (the bundle's manifest and UI) is skipped; the attached ones
        // hold the chained packages.
        let ranges = engine.name == .wixBurn ? Array(engine.containers.dropFirst()) : engine.payload.map { [$0] } ?? []
        for (index, payload) in ranges.enumerated() where Self.opens(payload.format) {
            let name = engine.name == .wixBurn ? displayPath + "!/container\(index + 1)" : displayPath
            guard !payload.detached else {
                outcomes.append(
                    .diagnostic(
                        ScanDiagnostic(
                            path: name, kind: .notOpened,
                            message:
                                "the bundle's container \(index + 1) is detached (a file beside the bundle): it is not rated"
                        )))
                continue
            }
            guard payload.offset >= 0, payload.offset < bytes.count else { continue }
            let end = payload.length.map { min(bytes.count, payload.offset &+ max(0, $0)) } ?? bytes.count
            let slice = UnsafeRawBufferPointer(rebasing: bytes[payload.offset..<end])
            switch payload.format {
            case .cab where engine.name == .wixBurn:
                // Members are named by the payload paths the manifest gives them; a package whose
                // InstallCondition is false on Arm64 is not rated.
                let members = manifest?.manifest?.members(ofAttached: index + 1) ?? [:]
                outcomes.append(
                    CabinetScanner(packages: packages).scan(
                        slice, displayPath: name, lossy: lossy, depth: depth, context: context,
                        memberPath: { file in
                            let path = members[file.name]?.payload.filePath.map {
                                String($0.map { $0 == "\\" ? "/" : $0 })
                            }
                            return name + "!/" + (path ?? CabinetScanner.memberName(file))
                        },
                        skip: { file in members[file.name]?.package.flatMap(BurnChainCheck.exclusion) }))
            case .cab:
                outcomes.append(
                    CabinetScanner(packages: packages).scan(
                        slice, displayPath: displayPath, lossy: lossy, depth: depth, context: context,
                        memberPath: { displayPath + "!/" + CabinetScanner.memberName($0) }))
            case .sevenZip:
                outcomes.append(
                    SevenZipScanner(packages: packages).scan(
                        slice, displayPath: displayPath, lossy: lossy, depth: depth, context: context))
            case .zip:
                outcomes.append(
                    ArchiveScanner(packages: packages).scan(
                        slice, displayPath: displayPath, lossy: lossy, release: nil, depth: depth)
                )
            default:
                continue
            }
        }
        return .several(outcomes)
    }

    /// The bundle's manifest, member `0` of its UX container (the first in the `.wixburn`
    /// section), or a diagnostic saying why it could not be read.
    private static func burnManifest(_ engine: InstallerEngine, bytes: UnsafeRawBufferPointer, displayPath: String)
        -> (manifest: BurnManifest?, failure: ScanDiagnostic?)
    {
        func failed(_ why: String) -> (BurnManifest?, ScanDiagnostic?) {
            (
                nil,
                ScanDiagnostic(
                    path: displayPath, kind: .notOpened,
                    message:
                        "the bundle's manifest was not read (\(why)): every attached package is rated, whatever its InstallCondition"
                )
            )
        }
        guard let ux = engine.containers.first, !ux.detached, ux.format == .cab, ux.offset >= 0, ux.offset < bytes.count
        else { return failed("there is no UX container in the file") }
        let end = ux.length.map { min(bytes.count, ux.offset &+ max(0, $0)) } ?? bytes.count
        do {
            let cabinet = try CabinetArchive(UnsafeRawBufferPointer(rebasing: bytes[ux.offset..<end]))
            guard let member = cabinet.files.first(where: { $0.name == "0" }) else {
                return failed("the UX container has no member 0")
            }
            return (BurnManifest(try cabinet.contents(of: member, limit: BurnManifest.maxBytes)), nil)
        } catch {
            return failed("\(error)")
        }
    }
}
