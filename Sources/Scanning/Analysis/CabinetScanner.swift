import BinaryFormats
import Readiness

/// Rates the binaries in a cabinet (a `.cab` file, an MSI's embedded or external cabinet, a
/// Burn container, a cabinet self-extractor), decompressed by libmspack through
/// `CabinetArchive`, folder by folder, within the scan's `PackageBudget`. Members are
/// streamed: only PE, ELF and package members are kept (in memory up to
/// `ZipArchive.inMemoryLimit`, in an unlinked temporary file above it).
struct CabinetScanner {
    let packages: PackageScanner

    /// - Parameter memberPath: the report path of a member (an MSI names its files by their
    ///   install path); by default `displayPath!/member`.
    func scan(
        _ bytes: UnsafeRawBufferPointer, displayPath: String, lossy: Bool, depth: Int, context: PackageContext,
        memberPath: ((CabinetArchive.File) -> String)? = nil, skip: ((CabinetArchive.File) -> String?)? = nil
    ) -> FileOutcome {
        do {
            // In place: a walked cabinet is as large as its file, and the scan holds its mapping.
            return try CabinetArchive.borrowing(bytes) { cabinet in
                scan(
                    cabinet, displayPath: displayPath, lossy: lossy, depth: depth, context: context,
                    memberPath: memberPath, skip: skip)
            }
        } catch {
            return .diagnostic(
                ScanDiagnostic(path: displayPath, kind: .unreadable, message: "cannot read the cabinet: \(error)"))
        }
    }

    private func scan(
        _ cabinet: CabinetArchive, displayPath: String, lossy: Bool, depth: Int, context: PackageContext,
        memberPath: ((CabinetArchive.File) -> String)?, skip: ((CabinetArchive.File) -> String?)?
    ) -> FileOutcome {
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
        let path = { (file: CabinetArchive.File) in memberPath?(file) ?? displayPath + "!/" + Self.memberName(file) }
        // Only what rateMember reads whole is kept, and large members go to a temporary file.
        let keep = { (file: CabinetArchive.File, prefix: [UInt8]) -> CabinetArchive.Keep in
            guard !file.continuedFromPrevious, !file.continuedToNext, skip?(file) == nil,
                PackageScanner.readsWhole(prefix: prefix, path: path(file))
            else { return .discard }
            return UInt64(file.size) > ZipArchive.inMemoryLimit ? .temporaryFile : .memory
        }
        cabinet.forEachFile(limit: Int(clamping: remaining), keep: keep) { file, contents in
            let path = path(file)
            if file.continuedFromPrevious || file.continuedToNext { return }
            if let why = skip?(file) {
                outcomes.append(.diagnostic(ScanDiagnostic(path: path, kind: .notOpened, message: "not rated: " + why)))
                return
            }
            outcomes.append(
                packages.rateMember(
                    path: path, size: UInt64(file.size), depth: depth, context: context, lossy: lossy,
                    prefix: { () throws(BinaryFormatError) in
                        switch try contents.get() {
                        case let .memory(bytes): Array(bytes.prefix(FormatSniffer.prefixLength))
                        case let .file(mapped): Array(mapped.bytes.prefix(FormatSniffer.prefixLength))
                        case let .discarded(prefix): prefix
                        }
                    },
                    contents: { () throws(BinaryFormatError) in
                        switch try contents.get() {
                        case let .memory(bytes): .memory(bytes)
                        case let .file(mapped): .file(mapped)
                        case .discarded: throw .invalid("cabinet member '\(file.name)' was not kept")
                        }
                    }))
        }
        return .several(outcomes)
    }

    /// A member's name as a report path: cabinets separate folders with `\` (`amd64\x.dll`, as
    /// cabarc, makecab and gcab write them; 7-Zip lists `amd64/x.dll`), report paths with `/`.
    static func memberName(_ file: CabinetArchive.File) -> String {
        String(file.name.map { $0 == "\\" ? "/" : $0 })
    }
}
