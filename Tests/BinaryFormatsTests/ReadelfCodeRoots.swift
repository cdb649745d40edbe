import Foundation

@testable import BinaryFormats

/// The code roots and import slots of one ELF file as binutils readelf prints them
/// (`-h -S -d -r -s -W`, then `-x` of the initializer arrays and of the sections holding
/// `SHT_REL` IRELATIVE slots), following the rules `CodeLayout.roots` documents.
struct ReadelfCodeRoots {
    /// Addresses per root kind, with every name readelf gives at that address.
    var roots: [CodeRoot.Kind: [UInt64: Set<String>]] = [:]
    /// JUMP_SLOT and GLOB_DAT relocations: offset and unversioned symbol name.
    var slots: Set<ImportSlot> = []

    private struct Section {
        var name: String
        var type: String
        var address: UInt64
        var size: UInt64
    }

    private struct Relocation {
        var offset: UInt64
        var type: String
        var symbol: String?
        /// readelf's "Symbol's Value" column.
        var symbolValue: UInt64 = 0
        /// nil for `SHT_REL`.
        var addend: UInt64?
    }

    private struct Symbol {
        var value: UInt64
        var type: String
        var bind: String
        var defined: Bool
        var name: String
        var dynamic: Bool
    }

    static let machines: Set<String> = ["Advanced Micro Devices X86-64", "Intel 80386", "AArch64", "ARM"]

    init(path: String) throws {
        let text = try runTool("/usr/bin/readelf", ["-h", "-S", "-d", "-r", "-s", "-W", path])
        var type = ""
        var machine = ""
        var entry: UInt64 = 0
        var is64 = true
        var sections: [Section] = []
        var relocations: [Relocation] = []
        var symbols: [Symbol] = []
        var dynamicInit: [UInt64] = []
        var withAddends = false
        var table = ""
        var mode = ""
        for rawLine in text.split(separator: "\n") {
            // readelf names STT_GNU_IFUNC (10) "IFUNC" only when EI_OSABI is GNU or FreeBSD, and
            // "<OS specific>: 10" under SYSV, where the glibc loader resolves it all the same.
            let line = rawLine.replacingOccurrences(of: "<OS specific>: 10", with: "IFUNC")
            let tokens = line.split(separator: " ").map(String.init)
            if line.hasPrefix("ELF Header:") || line.hasPrefix("Section Headers:") || line.hasPrefix("Dynamic section")
                || line.hasPrefix("Program Headers:")
            {
                mode = String(line.prefix(3))
                continue
            }
            if line.hasPrefix("Relocation section '") {
                mode = "rel"
                continue
            }
            if line.hasPrefix("Symbol table '") {
                mode = "sym"
                table = line.contains("'.dynsym'") ? "dynsym" : "symtab"
                continue
            }
            switch mode {
            case "ELF":
                let value =
                    line.split(separator: ":", maxSplits: 1).last.map {
                        $0.trimmingCharacters(in: .whitespaces)
                    } ?? ""
                if line.hasPrefix("  Type:") { type = String(value.prefix { $0 != " " }) }
                if line.hasPrefix("  Machine:") { machine = value }
                if line.hasPrefix("  Class:") { is64 = value == "ELF64" }
                if line.hasPrefix("  Entry point address:") { entry = UInt64(value.dropFirst(2), radix: 16) ?? 0 }
            case "Sec":
                guard let close = line.firstIndex(of: "]"), line.hasPrefix("  [") else { continue }
                let fields = line[line.index(after: close)...].split(separator: " ").map(String.init)
                if fields.count >= 5, let address = UInt64(fields[2], radix: 16),
                    let size = UInt64(fields[4], radix: 16)
                {
                    sections.append(Section(name: fields[0], type: fields[1], address: address, size: size))
                }
            case "Dyn":
                if line.contains("(INIT)") || line.contains("(FINI)"), let last = tokens.last,
                    let value = UInt64(last.dropFirst(2), radix: 16), value != 0
                {
                    dynamicInit.append(value)
                }
            case "rel":
                if tokens.first == "Offset" {
                    withAddends = line.contains("Addend")
                    continue
                }
                guard tokens.count >= 3, tokens[2].hasPrefix("R_"), let offset = UInt64(tokens[0], radix: 16) else {
                    continue
                }
                var relocation = Relocation(offset: offset, type: tokens[2])
                if tokens.count >= 5 {
                    relocation.symbol = String(tokens[4].prefix { $0 != "@" })
                    relocation.symbolValue = UInt64(tokens[3], radix: 16) ?? 0
                    if withAddends, tokens.count >= 7 {
                        let magnitude = UInt64(tokens[6], radix: 16) ?? 0
                        relocation.addend = tokens[5] == "-" ? 0 &- magnitude : magnitude
                    }
                } else if withAddends, tokens.count == 4 {
                    relocation.addend = UInt64(tokens[3], radix: 16)
                }
                if withAddends, relocation.addend == nil { relocation.addend = 0 }
                relocations.append(relocation)
            case "sym":
                // Num: Value Size Type Bind Vis [st_other flags] Ndx Name
                let fields = tokens.enumerated().filter {
                    $0.offset < 6 || !($0.element.hasPrefix("[") || $0.element.hasSuffix("]"))
                }
                .map(\.element)
                guard fields.count >= 7, fields[0].hasSuffix(":"), let value = UInt64(fields[1], radix: 16) else {
                    continue
                }
                symbols.append(
                    Symbol(
                        value: value, type: fields[3], bind: fields[4], defined: fields[6] != "UND",
                        name: fields.count > 7 ? String(fields[7].prefix { $0 != "@" }) : "", dynamic: table == "dynsym"
                    ))
            default:
                break
            }
        }
        guard type == "EXEC" || type == "DYN" else { return }
        let thumb = machine == "ARM"
        func add(_ kind: CodeRoot.Kind, _ address: UInt64, _ name: String? = nil) {
            let masked = thumb ? address & ~1 : address
            roots[kind, default: [:]][masked, default: []].formUnion(name.map { [$0] } ?? [])
        }
        if entry != 0 { add(.entry, entry) }
        for symbol in symbols where symbol.defined && symbol.value != 0 {
            if symbol.type == "IFUNC" { add(.ifuncResolver, symbol.value, symbol.name) }
            if symbol.dynamic, symbol.type == "FUNC", symbol.bind != "LOCAL" { add(.export, symbol.value, symbol.name) }
        }
        for value in dynamicInit { add(.initializer, value) }
        guard Self.machines.contains(machine) else { return }
        let arrays = sections.filter { ["INIT_ARRAY", "FINI_ARRAY", "PREINIT_ARRAY"].contains($0.type) && $0.size > 0 }
        let irelativeREL = relocations.filter { $0.type.hasSuffix("_IRELATIVE") && $0.addend == nil }
        let holders = sections.filter { section in
            section.type != "NOBITS"
                && irelativeREL.contains { $0.offset >= section.address && $0.offset < section.address + section.size }
        }
        let bytes = try Self.hexDump(path: path, sections: (arrays + holders).map(\.name))
        let width = UInt64(is64 ? 8 : 4)
        func word(_ address: UInt64) -> UInt64? {
            var value: UInt64 = 0
            for index in (0..<width).reversed() {
                guard let byte = bytes[address + index] else { return nil }
                value = value << 8 | UInt64(byte)
            }
            return value
        }
        var relative: [UInt64: UInt64] = [:]
        // A slot against a function the file defines itself: the relocation's symbol value is
        // that of a defined FUNC of `.dynsym` with its name (Ndx not UND).
        var defined: Set<String> = []
        for symbol in symbols where symbol.dynamic && symbol.defined && symbol.value != 0 && symbol.type == "FUNC" {
            defined.insert("\(symbol.name)@\(symbol.value)")
        }
        for relocation in relocations {
            if relocation.type.hasSuffix("_JUMP_SLOT") || relocation.type.hasSuffix("_GLOB_DAT"),
                let name = relocation.symbol, !name.isEmpty
            {
                let value = relocation.symbolValue
                let definition = value != 0 && defined.contains("\(name)@\(value)") ? value : nil
                slots.insert(ImportSlot(address: relocation.offset, name: name, definition: definition))
            } else if relocation.type.hasSuffix("_IRELATIVE") {
                if let resolver = relocation.addend ?? word(relocation.offset), resolver != 0 {
                    add(.ifuncResolver, resolver)
                }
            } else if relocation.type.hasSuffix("_RELATIVE"), let addend = relocation.addend {
                relative[relocation.offset] = addend
            }
        }
        let allOnes: UInt64 = is64 ? .max : UInt64(UInt32.max)
        for array in arrays {
            for slot in stride(from: array.address, to: array.address + array.size, by: Int(width)) {
                if let value = relative[slot] ?? word(slot), value != 0, value != allOnes { add(.initializer, value) }
            }
        }
    }

    /// The bytes of `sections` by address, from `readelf -x`.
    private static func hexDump(path: String, sections: [String]) throws -> [UInt64: UInt8] {
        guard !sections.isEmpty else { return [:] }
        let text = try runTool("/usr/bin/readelf", sections.flatMap { ["-x", $0] } + [path])
        var bytes: [UInt64: UInt8] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("  0x") {
            // "  0xADDRESS " then 16 bytes as 4 groups of 8 hex digits, then the ASCII column.
            let parts = line.dropFirst(4)
            guard let space = parts.firstIndex(of: " "), let address = UInt64(parts[..<space], radix: 16) else {
                continue
            }
            let hex = parts[parts.index(after: space)...].prefix(35).filter { $0 != " " }
            var index = hex.startIndex
            var offset: UInt64 = 0
            while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex),
                let byte = UInt8(hex[index..<next], radix: 16)
            {
                bytes[address + offset] = byte
                offset += 1
                index = next
            }
        }
        return bytes
    }
}
