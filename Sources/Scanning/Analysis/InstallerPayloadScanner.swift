import BinaryFormats
import Readiness

/// Rates what an installer stub carries (R26: the payload, not the stub) where a reader for it
/// exists: a ZIP (zip self-extractors, Squirrel's resource, Velopack's appended nupkg), a
/// cabinet (cabinet self-extractors) and WiX Burn's attached containers (cabinets holding the
/// chained MSIs). NSIS, Inno Setup, InstallShield and 7-Zip payloads are not opened: the stub
/// says so in `installer.payload_examined` and its application's verdict is `unknown`.
struct InstallerPayloadScanner {
    let packages: PackageScanner

    /// Whether the scan opens this engine's payload.
    static func examines(_ engine: InstallerEngine) -> Bool {
        switch engine.name {
        case .zipSFX, .squirrel, .velopack, .cabSFX: engine.payload.map { opens($0.format) } ?? false
        case .wixBurn: engine.containers.dropFirst().contains { opens($0.format) && !$0.detached }
        case .nsis, .innoSetup, .installShield, .sevenZipSFX: false
        }
    }

    private static func opens(_ format: InstallerEngine.Payload.Format) -> Bool {
        format == .zip || format == .cab || format == .msi
    }

    /// How to get at a payload the scan does not open.
    static func extractionHint(_ engine: InstallerEngine) -> String {
        switch engine.name {
        case .innoSetup: "`innoextract --list` lists it and `innoextract -d out setup.exe` extracts it"
        case .installShield: "run the installer with `/a` (administrative install) or `/extract_all` to extract it"
        default: "`7z x setup.exe -oout` extracts it"
        }
    }

    func scan(_ engine: InstallerEngine, bytes: UnsafeRawBufferPointer, displayPath: String, lossy: Bool)
        -> FileOutcome
    {
        let context = PackageContext(kind: "installer", name: displayPath)
        var outcomes: [FileOutcome] = []
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
            case .cab:
                outcomes.append(
                    CabinetScanner(packages: packages).scan(
                        slice, displayPath: engine.name == .wixBurn ? name : displayPath, lossy: lossy, depth: 1,
                        context: context,
                        memberPath: engine.name == .wixBurn
                            ? nil : { displayPath + "!/" + CabinetScanner.memberName($0) }))
            case .zip:
                outcomes.append(
                    ArchiveScanner(packages: packages).scan(slice, displayPath: displayPath, lossy: lossy, release: nil)
                )
            default:
                continue
            }
        }
        return .several(outcomes)
    }
}
