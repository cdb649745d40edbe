import BinaryFormats
import Readiness

/// Rates what an MSI installs: every PE/ELF in its cabinets under its install path
/// (`setup.msi!/ProgramFiles64Folder/Contoso/app.exe`), and the custom-action binaries of its
/// `Binary` table (`setup.msi!/Binary/CustomActions`), which run inside msiexec. All carry the
/// package's Template as `msi.*` facts (R25). The database is read by `MSIDatabase` (a bounded
/// Swift reader; msiinfo is its test oracle), its cabinets by `CabinetArchive`.
struct MSIScanner {
    let packages: PackageScanner

    func scan(
        _ bytes: UnsafeRawBufferPointer, displayPath: String, lossy: Bool, depth: Int, siblings: SiblingFiles?
    ) -> FileOutcome {
        let database: MSIDatabase
        do {
            database = try MSIDatabase(bytes)
        } catch {
            return .diagnostic(
                ScanDiagnostic(path: displayPath, kind: .unreadable, message: "cannot read the MSI: \(error)"))
        }
        let context = Self.context(database, displayPath: displayPath)
        var outcomes: [FileOutcome] = database.warnings.map {
            .diagnostic(ScanDiagnostic(path: displayPath, kind: .inconsistentArchive, message: $0))
        }
        // File keys name the members of the cabinets.
        let pathByKey = Self.reportPaths(database.files, in: displayPath)
        let sharing = database.files.filter { pathByKey[$0.key] != Self.reportPath(of: $0, in: displayPath) }
        if !sharing.isEmpty {
            let paths = Set(sharing.map { Self.reportPath(of: $0, in: displayPath) })
            outcomes.append(
                .diagnostic(
                    ScanDiagnostic(
                        path: displayPath, kind: .inconsistentArchive,
                        message:
                            "\(sharing.count) File rows install to \(paths.count == 1 ? "one path" : "\(paths.count) paths") (variants that component conditions choose between, e.g. \(paths.sorted()[0].dropFirst(displayPath.count + 2))): each is named by its File key, as `path [Key]`"
                    )))
        }
        var cabinets: [String] = []
        for medium in database.media {
            if let cabinet = medium.cabinet, !cabinet.isEmpty, !cabinets.contains(cabinet) { cabinets.append(cabinet) }
        }
        for cabinet in cabinets {
            let memberPath: (CabinetArchive.File) -> String = {
                pathByKey[$0.name] ?? displayPath + "!/" + CabinetScanner.memberName($0)
            }
            let contents: [UInt8]
            let remaining = PackageBudget.maxTotalBytes - packages.budget.bytesSpent
            if cabinet.hasPrefix("#") {
                do {
                    contents = try database.stream(named: String(cabinet.dropFirst()), limit: Int(clamping: remaining))
                } catch {
                    outcomes.append(
                        .diagnostic(
                            ScanDiagnostic(
                                path: displayPath, kind: .unreadable,
                                message: "cannot read the embedded cabinet \(cabinet): \(error)")))
                    continue
                }
            } else {
                guard let siblings else {
                    outcomes.append(notBeside(cabinet, displayPath, why: "the MSI was unpacked from another package"))
                    continue
                }
                switch siblings.read(cabinet, remaining) {
                case let .success(bytes): contents = bytes
                case let .failure(error):
                    outcomes.append(notBeside(cabinet, displayPath, why: error.description))
                    continue
                }
            }
            outcomes.append(
                contents.withUnsafeBytes { raw in
                    CabinetScanner(packages: packages).scan(
                        raw, displayPath: displayPath + "!/" + cabinet, lossy: lossy, depth: depth, context: context,
                        memberPath: memberPath)
                })
        }
        if cabinets.isEmpty, !database.files.isEmpty {
            outcomes.append(
                .diagnostic(
                    ScanDiagnostic(
                        path: displayPath, kind: .notOpened,
                        message:
                            "the MSI lists \(database.files.count) files but no cabinet: they are installed from an uncompressed source layout beside it and are not rated here; scan that folder"
                    )))
        }
        for binary in database.binaries {
            let path = displayPath + "!/Binary/" + binary.name
            outcomes.append(
                packages.rateMember(
                    path: path, size: UInt64(max(0, database.streamSize(named: binary.streamName) ?? 0)), depth: depth,
                    context: context, lossy: lossy,
                    prefix: { () throws(BinaryFormatError) in
                        try database.stream(named: binary.streamName, limit: FormatSniffer.prefixLength)
                    },
                    contents: { () throws(BinaryFormatError) in
                        let remaining = PackageBudget.maxTotalBytes - packages.budget.bytesSpent
                        return .memory(
                            try database.stream(
                                named: binary.streamName,
                                limit: min(Int(clamping: remaining), ReadLimits.maxArchiveEntryBytes)))
                    }))
        }
        return .several(outcomes)
    }

    /// Each File key's report path; rows that share one install path (condition-selected
    /// variants, only one of which is installed) get ` [FileKey]` appended, so every binary
    /// keeps a path of its own.
    static func reportPaths(_ files: [MSIFile], in displayPath: String) -> [String: String] {
        var count: [String: Int] = [:]
        for file in files { count[reportPath(of: file, in: displayPath), default: 0] += 1 }
        var paths: [String: String] = [:]
        for file in files {
            let path = reportPath(of: file, in: displayPath)
            paths[file.key] = count[path, default: 0] > 1 ? "\(path) [\(file.key)]" : path
        }
        return paths
    }

    /// `setup.msi!/<install path>`. A File row whose long name is empty (`APP~1.EXE|`, or a
    /// damaged string pool) would give a path ending in `/`, a folder's: it is named by its File
    /// key instead, the name of its cabinet member.
    static func reportPath(of file: MSIFile, in displayPath: String) -> String {
        guard file.fileName.isEmpty else { return displayPath + "!/" + file.installPath }
        let folder = file.installPath.hasSuffix("/") ? String(file.installPath.dropLast()) : file.installPath
        return displayPath + "!/" + (folder.isEmpty ? file.key : folder + "/" + file.key)
    }

    /// The Template's platform decides where the package installs (R25): `Intel` when it
    /// names none.
    static func context(_ database: MSIDatabase, displayPath: String) -> PackageContext {
        let platforms = database.platforms.filter { !$0.isEmpty }
        let platform = platforms.isEmpty ? "Intel" : platforms.joined(separator: ",")
        let declared = (platforms.isEmpty ? ["Intel"] : platforms).compactMap(Self.architecture)
        return PackageContext(
            kind: "msi", name: displayPath, declaredArchitectures: Array(Set(declared)).sorted(),
            msiTemplate: database.template, msiPlatform: platform,
            msiLaunchConditions: database.launchConditions.map(\.condition),
            msiLaunchConditionExcludingArm64: MSILaunchCheck.excludingArm64(
                database.launchConditions, platform: platform))
    }

    /// Template platform names (Template Summary property, [S10]) as architectures.
    static func architecture(_ platform: String) -> String? {
        switch platform.lowercased() {
        case "intel": "x86"
        case "x64", "amd64": "x64"
        case "arm64": "arm64"
        case "intel64": "ia64"
        case "arm": "arm"
        default: nil
        }
    }

    private func notBeside(_ cabinet: String, _ displayPath: String, why: String) -> FileOutcome {
        .diagnostic(
            ScanDiagnostic(
                path: displayPath, kind: .notOpened,
                message: "the files in the external cabinet \(cabinet) are not rated: \(why)"))
    }
}
