import BinaryFormats
import Readiness

/// Rates the binaries in a cabinet (a `.cab` file, an MSI's embedded or external cabinet, a
/// Burn container, a cabinet self-extractor), decompressed by libmspack through
/// `CabinetArchive`, folder by folder, within the scan's `PackageBudget`.
struct CabinetScanner {
    let packages: PackageScanner

    /// - Parameter memberPath: the report path of a member (an MSI names its files by their
    ///   install path); by default `displayPath!/member`.
    func scan(
        _ bytes: UnsafeRawBufferPointer, displayPath: String, lossy: Bool, depth: Int, context: PackageContext,
        memberPath: ((CabinetArchive.File) -> String)? = nil, skip: ((CabinetArchive.File) -> String?)? = nil
    ) -> FileOutcome {
        let cabinet: CabinetArchive
        do {
            cabinet = try CabinetArchive(bytes)
        } catch {
            return .diagnostic(
                ScanDiagnostic(path: displayPath, kind: .unreadable, message: "cannot read the cabinet: \(error)"))
        }
        var outcomes: [FileOutcome] = cabinet.warnings.map {
            .diagnostic(ScanDiagnostic(path: displayPath, kind: .inconsistentArchive, message: $0))
        }
        if cabinet.spansCabinets {
            outcomes.append(
                .diagnostic(
                    ScanDiagnostic(
                        path: displayPath, kind: .notOpened,
                        message:
                            "the cabinet is part of a set (it continues in another cabinet): members that span cabinets are not rated"
                    )))
        }
        guard packages.budget.takeMembers(cabinet.files.count) else {
            outcomes.append(
                .diagnostic(
                    ScanDiagnostic(
                        path: displayPath, kind: .overBudget,
                        message:
                            "not opened: its \(cabinet.files.count) members would exceed the scan's budget of \(PackageBudget.maxMembers) package members listed from one file"
                    )))
            return .several(outcomes)
        }
        let remaining = PackageBudget.maxTotalBytes - packages.budget.bytesSpent
        cabinet.forEachFile(limit: Int(clamping: remaining)) { file, contents in
            let path = memberPath?(file) ?? displayPath + "!/" + Self.memberName(file)
            if file.continuedFromPrevious || file.continuedToNext { return }
            if let why = skip?(file) {
                outcomes.append(.diagnostic(ScanDiagnostic(path: path, kind: .notOpened, message: "not rated: " + why)))
                return
            }
            outcomes.append(
                packages.rateMember(
                    path: path, size: UInt64(file.size), depth: depth, context: context, lossy: lossy,
                    prefix: { () throws(BinaryFormatError) in
                        Array(try contents.get().prefix(FormatSniffer.prefixLength))
                    },
                    contents: { () throws(BinaryFormatError) in .memory(try contents.get()) }))
        }
        return .several(outcomes)
    }

    /// A member's name as a report path: cabinets separate folders with `\` (`amd64\x.dll`, as
    /// cabarc, makecab and gcab write them; 7-Zip lists `amd64/x.dll`), report paths with `/`.
    static func memberName(_ file: CabinetArchive.File) -> String {
        String(file.name.map { $0 == "\\" ? "/" : $0 })
    }
}
