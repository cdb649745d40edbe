import BinaryFormats
import Readiness

/// Rates the binaries in a 7z archive (a `.7z` file, a 7-Zip self-extractor's payload),
/// read by `SevenZipArchive` (its own header parser, liblzma for the blocks), entry by entry in
/// archive order. A block that cannot be decoded fails its own entries, each with the reason.
///
/// Each entry's first bytes decide, as for ZIP: PE, ELF and packages are read whole (in memory
/// up to `ZipArchive.inMemoryLimit`, into an unlinked temporary file above it), the rest is
/// passed over. Passing over an entry of a solid block still decodes it, so every entry's
/// stated size counts as work, read or not: the archive stops (with a diagnostic) once that
/// would pass `ReadLimits.maxCompressionRatio` times its compressed bytes or the scan's
/// `PackageBudget`, which bounds a 7z bomb's cost by its own size.
struct SevenZipScanner {
    let packages: PackageScanner

    func scan(
        _ bytes: UnsafeRawBufferPointer, displayPath: String, lossy: Bool, depth: Int, context: PackageContext
    ) -> FileOutcome {
        let archive: SevenZipArchive
        do {
            archive = try SevenZipArchive(bytes)
        } catch {
            return .diagnostic(
                ScanDiagnostic(path: displayPath, kind: .unreadable, message: "cannot read the 7z archive: \(error)"))
        }
        let ratioCap = UInt64(bytes.count).multipliedReportingOverflow(by: UInt64(ReadLimits.maxCompressionRatio))
        let workCap = min(
            ratioCap.overflow ? .max : ratioCap.partialValue, PackageBudget.maxTotalBytes - packages.budget.bytesSpent)
        var work: UInt64 = 0
        var outcomes: [FileOutcome] = []
        var seen = Set<String>()
        do {
            while let entry = try archive.next() {
                guard entry.size <= workCap - work else {
                    outcomes.append(
                        .diagnostic(
                            ScanDiagnostic(
                                path: displayPath, kind: .overBudget,
                                message:
                                    "read up to entry \(entry.index + 1) (\(entry.name)) only: decoding it would take the archive's output past \(workCap) bytes "
                                    + "(\(ReadLimits.maxCompressionRatio) to one of its \(bytes.count) bytes, or the scan's budget of bytes unpacked from one file); the entries from there on are not rated"
                            )))
                    break
                }
                work += entry.size
                let path = displayPath + "!/" + Self.memberName(entry)
                guard packages.budget.takeMembers(1) else {
                    outcomes.append(
                        .diagnostic(
                            ScanDiagnostic(
                                path: displayPath, kind: .overBudget,
                                message:
                                    "read up to entry \(entry.index + 1) only: the scan's budget of \(PackageBudget.maxMembers) package members listed from one file is spent"
                            )))
                    break
                }
                guard seen.insert(entry.name).inserted else {
                    outcomes.append(
                        .diagnostic(
                            ScanDiagnostic(
                                path: path, kind: .unreadable,
                                message: "the archive names this entry more than once; only the first is rated")))
                    continue
                }
                outcomes.append(rate(entry, of: archive, path: path, lossy: lossy, depth: depth, context: context))
            }
        } catch {
            outcomes.append(
                .diagnostic(
                    ScanDiagnostic(
                        path: displayPath, kind: .unreadable,
                        message:
                            "the 7z archive could not be read to its end: \(error); the entries from there on are not rated"
                    )))
        }
        return .several(outcomes)
    }

    private func rate(
        _ entry: SevenZipArchive.Entry, of archive: SevenZipArchive, path: String, lossy: Bool, depth: Int,
        context: PackageContext
    ) -> FileOutcome {
        var head: [UInt8]?
        func first() throws(BinaryFormatError) -> [UInt8] {
            if let head { return head }
            let bytes = try archive.read(upTo: FormatSniffer.prefixLength)
            head = bytes
            return bytes
        }
        return packages.rateMember(
            path: path, size: entry.size, depth: depth, context: context, lossy: lossy,
            prefix: first,
            contents: { () throws(BinaryFormatError) in
                guard entry.size <= UInt64(ReadLimits.maxArchiveEntryBytes) else {
                    throw .invalid(
                        "7z entry '\(entry.name)' is \(entry.size) bytes, more than the limit of \(ReadLimits.maxArchiveEntryBytes)"
                    )
                }
                let start = try first()
                // SevenZipArchive stops at the stated size; the bound holds whatever it hands over.
                var count = start.count
                func counted(_ chunk: UnsafeRawBufferPointer) throws(BinaryFormatError) {
                    count += chunk.count
                    guard count <= entry.size else {
                        throw .invalid("7z entry '\(entry.name)' decodes to more than its \(entry.size) bytes")
                    }
                }
                let bytes: PackageMemberBytes
                if entry.size > ZipArchive.inMemoryLimit {
                    let file = try TemporaryFile()
                    try start.withUnsafeBytes { buffer in
                        Result { () throws(BinaryFormatError) in try file.write(buffer) }
                    }
                    .get()
                    try archive.readRest { chunk throws(BinaryFormatError) in
                        try counted(chunk)
                        try file.write(chunk)
                    }
                    bytes = .file(try file.mapped())
                } else {
                    var all = start
                    all.reserveCapacity(Int(entry.size))
                    try archive.readRest { chunk throws(BinaryFormatError) in
                        try counted(chunk)
                        all.append(contentsOf: chunk)
                    }
                    bytes = .memory(all)
                }
                guard count == entry.size else {
                    throw .invalid("7z entry '\(entry.name)' decoded to \(count) of its \(entry.size) bytes")
                }
                return bytes
            })
    }

    /// A member's name as a report path, with `/` between folders.
    static func memberName(_ entry: SevenZipArchive.Entry) -> String {
        String(entry.name.map { $0 == "\\" ? "/" : $0 })
    }
}
