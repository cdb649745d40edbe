/// An MSI database read in pure Swift from its compound file: Summary Information, the string
/// pool, `_Tables`/`_Columns`, and the File, Component, Directory, Media, Binary, CustomAction,
/// LaunchCondition and Property tables. A damaged table becomes a sentence in `warnings` and the
/// rest is still read; a damaged container or string pool throws. The file's bytes must outlive
/// the value (`CompoundFile` does not copy them).
package struct MSIDatabase {
    package var template: String?
    package var title: String?
    package var subject: String?
    package var author: String?
    package var pageCount: Int?
    package var wordCount: Int?
    package var files: [MSIFile] = []
    package var media: [MSIMedia] = []
    package var binaries: [MSIBinary] = []
    package var customActions: [MSICustomAction] = []
    package var launchConditions: [MSILaunchCondition] = []
    package var properties: [String: String] = [:]
    package var warnings: [String] = []
    /// Decoded names of the streams that are not tables (`product.cab`, `Binary.X`, `\u{5}SummaryInformation`).
    package var streamNames: [String] = []
    private let container: CompoundFile
    private var entries: [String: CompoundFile.Entry] = [:]

    /// Table cells decoded across all tables, and Property rows kept.
    package static let maxCells = 1_000_000
    package static let maxProperties = 10_000
    package static let maxDirectoryDepth = 64
    /// Metadata streams (string pool, string data, _Tables, _Columns, one table) read at most this much.
    package static let maxTableBytes = 64 << 20

    /// "x64" from "x64;1033", split on ','.
    package var platforms: [String] {
        guard let template, let platforms = template.split(separator: ";", omittingEmptySubsequences: false).first
        else { return [] }
        return platforms.split(separator: ",").map { String($0) }
    }

    /// The language ids after ';'.
    package var languages: [Int] {
        guard let template, let semicolon = template.firstIndex(of: ";") else { return [] }
        return template[template.index(after: semicolon)...].split(separator: ",").compactMap { Int($0) }
    }

    package init(_ bytes: UnsafeRawBufferPointer) throws(BinaryFormatError) {
        container = try CompoundFile(bytes)
        for entry in container.streams where entry.path.isEmpty {
            let name = MSIStreamName.decode(entry.name)
            entries[name] = entry
            if !name.hasPrefix("!") { streamNames.append(name) }
        }
        streamNames.sort()
        guard let poolEntry = entries["!_StringPool"], let dataEntry = entries["!_StringData"] else {
            throw .invalid("the compound file is not an MSI database (no _StringPool/_StringData streams)")
        }
        let pool = try MSIStringPool(
            pool: try container.read(poolEntry, limit: Self.maxTableBytes),
            data: try container.read(dataEntry, limit: Self.maxTableBytes))
        if let summary = entries["\u{5}SummaryInformation"] {
            do {
                let info = try MSISummaryInformation(try container.read(summary, limit: 1 << 20))
                (template, title, subject, author) = (info.template, info.title, info.subject, info.author)
                (pageCount, wordCount) = (info.pageCount, info.wordCount)
            } catch {
                warnings.append("summary information: \(error)")
            }
        } else {
            warnings.append("the MSI has no summary information stream")
        }
        var budget = Self.maxCells
        let schema = try Self.schema(container: container, entries: entries, pool: pool, budget: &budget)
        func load(_ name: String) -> [MSIRecord] {
            guard let columns = schema[name], let entry = entries["!" + name] else { return [] }
            do {
                let data = try container.read(entry, limit: Self.maxTableBytes)
                return try MSITable(name: name, columns: columns, data: data, pool: pool, cellBudget: &budget).records()
            } catch {
                warnings.append("table \(name): \(error)")
                return []
            }
        }
        let directories = load("Directory")
        let components = load("Component")
        media = load("Media").compactMap { row in
            guard let disk = row.int("DiskId"), let last = row.int("LastSequence") else { return nil }
            return MSIMedia(diskId: disk, lastSequence: last, cabinet: row.string("Cabinet"))
        }.sorted { $0.lastSequence < $1.lastSequence }
        binaries = load("Binary").compactMap { row in
            guard let name = row.string("Name") else { return nil }
            return MSIBinary(name: name, streamName: row.streamName(tableName: "Binary"))
        }
        customActions = load("CustomAction").compactMap { row in
            guard let action = row.string("Action"), let type = row.int("Type") else { return nil }
            return MSICustomAction(
                action: action, type: type, source: row.string("Source"), target: row.string("Target"))
        }
        launchConditions = load("LaunchCondition").compactMap { row in
            guard let condition = row.string("Condition") else { return nil }
            return MSILaunchCondition(condition: condition, description: row.string("Description"))
        }
        let propertyRows = load("Property")
        if propertyRows.count > Self.maxProperties {
            warnings.append(
                "the Property table has \(propertyRows.count) rows; the first \(Self.maxProperties) are kept")
        }
        for row in propertyRows.prefix(Self.maxProperties) {
            if let key = row.string("Property") { properties[key] = row.string("Value") ?? "" }
        }
        var resolver = MSIDirectoryResolver(directories)
        var componentsByKey: [String: MSIRecord] = [:]
        for row in components { if let key = row.string("Component") { componentsByKey[key] = row } }
        for row in load("File") {
            guard let key = row.string("File"), let componentKey = row.string("Component_") else { continue }
            let component = componentsByKey[componentKey]
            let directory = component?.string("Directory_") ?? ""
            let name = MSIDirectoryResolver.longName(row.string("FileName") ?? "")
            let folder = resolver.path(of: directory)
            let sequence = row.int("Sequence") ?? 0
            files.append(
                MSIFile(
                    key: key, component: componentKey, fileName: name, size: row.int("FileSize") ?? 0,
                    sequence: sequence, attributes: row.int("Attributes") ?? 0, directory: directory,
                    installPath: folder.isEmpty ? name : folder + "/" + name,
                    component64Bit: (component?.int("Attributes") ?? 0) & 0x100 != 0,
                    cabinet: media.first { $0.lastSequence >= sequence }?.cabinet))
        }
        warnings += resolver.warnings
    }

    /// The size the directory gives the stream with this decoded name; nil when there is none.
    package func streamSize(named name: String) -> Int? { entries[name]?.size }

    /// At most `limit` bytes of the stream with this decoded name (`product.cab`, `Binary.X`).
    package func stream(named name: String, limit: Int) throws(BinaryFormatError) -> [UInt8] {
        guard let entry = entries[name] else { throw .invalid("the MSI has no stream named \(name)") }
        return try container.read(entry, limit: limit)
    }

    /// Column lists per table from `_Tables` and `_Columns` (whose own layouts are fixed).
    private static func schema(
        container: CompoundFile, entries: [String: CompoundFile.Entry], pool: MSIStringPool, budget: inout Int
    ) throws(BinaryFormatError) -> [String: [MSITable.Column]] {
        guard let entry = entries["!_Columns"] else { throw .invalid("the MSI has no _Columns table") }
        let meta: [MSITable.Column] = [
            .init(name: "Table", type: 0x2D40), .init(name: "Number", type: 0x2502),
            .init(name: "Name", type: 0x0D40), .init(name: "Type", type: 0x0502),
        ]
        let table = try MSITable(
            name: "_Columns", columns: meta, data: try container.read(entry, limit: maxTableBytes), pool: pool,
            cellBudget: &budget)
        var numbered: [String: [(Int, MSITable.Column)]] = [:]
        for row in table.records() {
            guard let name = row.string("Table"), let column = row.string("Name"), let number = row.int("Number"),
                let type = row.int("Type")
            else { continue }
            numbered[name, default: []].append((number, .init(name: column, type: type & 0xFFFF)))
        }
        return numbered.mapValues { $0.sorted { $0.0 < $1.0 }.map(\.1) }
    }
}
