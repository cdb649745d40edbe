import Foundation
import Testing

@testable import BinaryFormats

/// Symbol-derived facts of a deterministic sample of system binaries against `readelf -s -r -W`:
/// sized function symbols, ifunc names, undefined dynamic imports and IRELATIVE relocations.
@Suite("ELF symbols vs readelf")
struct ELFSymbolTests {
    /// Every `stride`-th file of the sorted system list, plus libc (ifuncs and IRELATIVE).
    static let stride = 8

    struct Facts {
        var functions: [String: Int] = [:]
        var ifuncs = Set<String>()
        var imports = Set<String>()
        var irelative = 0
    }

    /// Parses `readelf -s -r -W` output for several files.
    static func readelf(_ paths: [String]) throws -> [String: Facts] {
        let output = try runTool("/usr/bin/readelf", ["-s", "-r", "-W"] + paths)
        var result: [String: Facts] = [:]
        var current = paths.count == 1 ? paths[0] : ""
        var table = ""
        for line in output.split(separator: "\n") {
            if line.hasPrefix("File: ") {
                current = String(line.dropFirst(6))
                continue
            }
            if line.hasPrefix("Symbol table '") {
                table = String(line.dropFirst(14).prefix { $0 != "'" })
                result[current, default: Facts()].functions[table] = 0
                continue
            }
            if line.contains("_IRELATIVE") { result[current, default: Facts()].irelative += 1 }
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 8, fields[0].hasSuffix(":"), !table.isEmpty else { continue }
            let size = fields[2].hasPrefix("0x") ? UInt64(fields[2].dropFirst(2), radix: 16) : UInt64(fields[2])
            let type = fields[3], bind = fields[4], index = fields[6]
            let name = String(fields[7].prefix { $0 != "@" })
            if type == "FUNC", let size, size > 0, index != "UND" {
                result[current, default: Facts()].functions[table, default: 0] += 1
            }
            if type == "IFUNC", index != "UND", !name.isEmpty { result[current, default: Facts()].ifuncs.insert(name) }
            if table == ".dynsym", index == "UND", bind != "LOCAL", !name.isEmpty {
                result[current, default: Facts()].imports.insert(name)
            }
        }
        return result
    }

    @Test("function counts, ifuncs, imports and IRELATIVE counts agree", .timeLimit(.minutes(10)))
    func agree() throws {
        let all = ELFSystemBinariesTests.elfFiles()
        var sample = all.enumerated().filter { $0.offset % Self.stride == 0 }.map(\.element)
        let libc = "/usr/lib/x86_64-linux-gnu/libc.so.6"
        if all.contains(libc), !sample.contains(libc) { sample.append(libc) }
        try #require(sample.count > 20)
        var mismatches: [String] = []
        var checked = (files: 0, ifuncs: 0, irelative: 0)
        for start in Swift.stride(from: 0, to: sample.count, by: 40) {
            let batch = Array(sample[start..<min(start + 40, sample.count)])
            let expected = try Self.readelf(batch)
            for path in batch {
                let facts = expected[path] ?? Facts()
                let elf = try #require(try readELFFile(path).elf)
                checked.files += 1
                checked.ifuncs += facts.ifuncs.count
                checked.irelative += facts.irelative
                var problems: [String] = []
                let count = facts.functions[".symtab"] ?? facts.functions[".dynsym"] ?? 0
                if elf.functionSymbolCount != count {
                    problems.append("functions \(elf.functionSymbolCount) vs \(count)")
                }
                if Set(elf.ifuncSymbols) != facts.ifuncs {
                    problems.append("ifuncs \(elf.ifuncSymbols.count) vs \(facts.ifuncs.count)")
                }
                if Set(elf.importedSymbols) != facts.imports {
                    problems.append("imports \(elf.importedSymbols.count) vs \(facts.imports.count)")
                }
                if elf.irelativeRelocationCount != facts.irelative {
                    problems.append("IRELATIVE \(elf.irelativeRelocationCount) vs \(facts.irelative)")
                }
                if !problems.isEmpty { mismatches.append("\(path): " + problems.joined(separator: "; ")) }
            }
        }
        print(
            "ELF symbols: \(checked.files) files, \(checked.ifuncs) ifunc names, \(checked.irelative) IRELATIVE relocations compared"
        )
        #expect(checked.ifuncs > 0 && checked.irelative > 0)
        #expect(
            mismatches.isEmpty,
            Comment(rawValue: "\(mismatches.count) mismatches:\n" + mismatches.prefix(20).joined(separator: "\n")))
    }
}
