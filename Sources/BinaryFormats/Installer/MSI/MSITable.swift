/// One decoded MSI table. Storage (Wine/msitools table.c): column-major, so cell (i, j) is at
/// (sum of earlier column widths × rowCount) + i × width_j, with rowCount = size / rowSize.
/// Strings are 2- or 3-byte pool references, binary columns 2 bytes (the data is the stream
/// `Table.key`), integers are 2 bytes stored + 0x8000 or 4 bytes stored XOR 0x80000000; a
/// stored 0 is NULL.
struct MSITable: Sendable {
    enum Value: Sendable, Equatable {
        case null
        case int(Int)
        case string(String)
        /// A binary column: the data is in a stream named by the table and the row's keys.
        case stream
    }

    struct Column: Sendable {
        var name: String
        var type: Int
        var isString: Bool { type & 0x0800 != 0 && !isBinary }
        var isBinary: Bool { type & ~0x1000 & ~0x2000 == 0x0900 }
        var isKey: Bool { type & 0x2000 != 0 }
        func width(referenceWidth: Int) -> Int {
            if isBinary { return 2 }
            if type & 0x0800 != 0 { return referenceWidth }
            return type & 0xFF <= 2 ? 2 : 4
        }
    }

    let columns: [Column]
    let rows: [[Value]]

    init(
        name: String, columns: [Column], data: [UInt8], pool: MSIStringPool, cellBudget: inout Int
    ) throws(BinaryFormatError) {
        self.columns = columns
        let widths = columns.map { $0.width(referenceWidth: pool.referenceWidth) }
        let rowSize = widths.reduce(0, +)
        guard rowSize > 0 else { throw .invalid("table \(name) has no columns") }
        guard data.count % rowSize == 0 else {
            throw .invalid("table \(name) is \(data.count) bytes, not a whole number of \(rowSize)-byte rows")
        }
        let rowCount = data.count / rowSize
        let cells = rowCount * columns.count
        guard cells <= cellBudget else {
            throw .countTooLarge(what: "MSI table cell (table \(name))", count: cells, limit: cellBudget)
        }
        cellBudget -= cells
        var rows = [[Value]](repeating: [], count: rowCount)
        var base = 0
        for (column, width) in zip(columns, widths) {
            for row in 0..<rowCount {
                let at = base + row * width
                var raw = 0
                for k in 0..<width { raw |= Int(data[at + k]) << (8 * k) }
                let value: Value
                if raw == 0 {
                    value = .null
                } else if column.isBinary {
                    value = .stream
                } else if column.type & 0x0800 != 0 {
                    guard let text = pool.string(raw) else {
                        throw .invalid(
                            "table \(name) column \(column.name) row \(row + 1): string id \(raw) is not in the pool")
                    }
                    value = .string(text)
                } else if width == 2 {
                    value = .int(raw - 0x8000)
                } else {
                    value = .int(Int(Int32(bitPattern: UInt32(truncatingIfNeeded: raw) ^ 0x8000_0000)))
                }
                rows[row].append(value)
            }
            base += width * rowCount
        }
        self.rows = rows
    }

    func index(of column: String) -> Int? { columns.firstIndex { $0.name == column } }

    /// Rows as column-name lookups.
    func records() -> [MSIRecord] { rows.map { MSIRecord(table: self, values: $0) } }
}

struct MSIRecord {
    let table: MSITable
    let values: [MSITable.Value]

    func string(_ column: String) -> String? {
        guard let index = table.index(of: column), case .string(let text) = values[index] else { return nil }
        return text
    }

    func int(_ column: String) -> Int? {
        guard let index = table.index(of: column), case .int(let value) = values[index] else { return nil }
        return value
    }

    /// The stream name of the row's binary data: the table name and the key values, joined by `.`.
    func streamName(tableName: String) -> String {
        var parts = [tableName]
        for (column, value) in zip(table.columns, values) where column.isKey {
            switch value {
            case .string(let text): parts.append(text)
            case .int(let number): parts.append(String(number))
            default: break
            }
        }
        return parts.joined(separator: ".")
    }
}
