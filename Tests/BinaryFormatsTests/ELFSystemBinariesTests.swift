import Foundation
import Testing

@testable import BinaryFormats

/// Every ELF file in /usr/bin and /usr/lib/x86_64-linux-gnu (regular files, not symlinks),
/// read by armready and by binutils `readelf -h -l -S -d -n -W`, must agree on class, machine,
/// type, interpreter, DT_NEEDED, DT_SONAME, DT_RUNPATH/DT_RPATH, the build id, the GNU properties
/// and the executable sections (name, address, file offset, size).
@Suite("ELF system binaries vs readelf", .serialized)
struct ELFSystemBinariesTests {
    static let roots = ["/usr/bin", "/usr/lib/x86_64-linux-gnu"]
    /// Keeps the run well under a minute on a slow machine; the selection is the sorted prefix.
    static let maxFiles = 3000
    static let batchSize = 200

    /// readelf's `Machine:` names (binutils `get_machine_name`) → `e_machine` (glibc elf.h).
    static let readelfMachines: [String: Int] = [
        "Advanced Micro Devices X86-64": 62, "Intel 80386": 3, "AArch64": 183, "ARM": 40, "RISC-V": 243,
        "PowerPC64": 21, "PowerPC": 20, "IBM S/390": 22, "MIPS R3000": 8, "LoongArch": 258, "Linux BPF": 247,
        "AMD GPU": 224, "NVIDIA CUDA architecture": 190,
    ]

    /// What readelf says about one file.
    struct Facts {
        var elfClass = ""
        var machine = ""
        var type = ""
        /// readelf's reading of an `ET_DYN`: "Position-Independent Executable" or "Shared object".
        var positionIndependentExecutable = false
        var interpreter: String?
        var needed: [String] = []
        var soname: String?
        var runpath: String?
        var rpath: String?
        /// `SHF_EXECINSTR` sections: name, address, offset, size (0 for `NOBITS`).
        var executable: [CodeSection] = []
        var buildID: String?
        /// readelf's property texts (`x86 ISA needed: x86-64-baseline`).
        var properties: [String] = []
    }

    /// Regular ELF files under `roots`, sorted, capped at `maxFiles`.
    static func elfFiles() -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for root in roots {
            guard let walker = manager.enumerator(atPath: root) else { continue }
            while let relative = walker.nextObject() as? String {
                let path = root + "/" + relative
                guard let attributes = try? manager.attributesOfItem(atPath: path),
                    attributes[.type] as? FileAttributeType == .typeRegular,
                    let handle = FileHandle(forReadingAtPath: path)
                else { continue }
                let magic = (try? handle.read(upToCount: 4)) ?? Data()
                try? handle.close()
                if magic == Data([0x7F, 0x45, 0x4C, 0x46]) { files.append(path) }
            }
        }
        return Array(files.sorted().prefix(maxFiles))
    }

    /// Runs readelf over `paths` in one process and splits its output at each `File:` line.
    static func readelf(_ paths: [String]) throws -> [String: Facts] {
        let output = try runTool("/usr/bin/readelf", ["-h", "-l", "-S", "-d", "-n", "-W"] + paths)
        var result: [String: Facts] = [:]
        var current: String?
        var facts = Facts()
        func value(_ line: Substring) -> String {
            guard let colon = line.firstIndex(of: ":") else { return "" }
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        func bracketed(_ line: Substring) -> String? {
            guard let open = line.lastIndex(of: "["), let close = line.lastIndex(of: "]"), open < close else {
                return nil
            }
            return String(line[line.index(after: open)..<close])
        }
        var inProperties = false
        for line in output.split(separator: "\n", omittingEmptySubsequences: true) {
            if inProperties, line.hasPrefix("\t") {
                facts.properties.append(line.trimmingCharacters(in: .whitespaces))
                continue
            }
            inProperties = false
            if let range = line.range(of: "Properties: ") {
                facts.properties.append(String(line[range.upperBound...]))
                inProperties = true
            } else if let range = line.range(of: "Build ID: ") {
                facts.buildID = String(line[range.upperBound...])
            } else if line.hasPrefix("File: ") {
                if let current { result[current] = facts }
                current = String(line.dropFirst(6))
                facts = Facts()
            } else if line.hasPrefix("  Class:") {
                facts.elfClass = value(line)
            } else if line.hasPrefix("  Machine:") {
                facts.machine = value(line)
            } else if line.hasPrefix("  Type:") {
                facts.type = String(value(line).prefix { $0 != " " })
                facts.positionIndependentExecutable = line.contains("Position-Independent Executable")
            } else if line.contains("[Requesting program interpreter: ") {
                facts.interpreter = bracketed(line).map {
                    String($0.dropFirst("Requesting program interpreter: ".count))
                }
            } else if line.contains("(NEEDED)") {
                if let name = bracketed(line) { facts.needed.append(name) }
            } else if line.contains("(RUNPATH)") {
                facts.runpath = bracketed(line)
            } else if line.contains("(RPATH)") {
                facts.rpath = bracketed(line)
            } else if line.hasPrefix("  ["), let close = line.firstIndex(of: "]"), !line.contains("Nr]") {
                // [Nr] Name Type Address Off Size ES Flg Lk Inf Al; Flg is blank when no flag is set.
                let fields = line[line.index(after: close)...].split(separator: " ")
                if fields.count == 10, fields[6].contains("X"),
                    let address = UInt64(fields[2], radix: 16), let offset = Int(fields[3], radix: 16),
                    let size = Int(fields[4], radix: 16)
                {
                    let inFile = fields[1] == "NOBITS" ? 0 : size
                    facts.executable.append(
                        CodeSection(
                            name: String(fields[0]), address: address, fileOffset: inFile == 0 ? 0 : offset,
                            fileSize: inFile))
                }
            } else if line.contains("(SONAME)") {
                facts.soname = bracketed(line)
            }
        }
        if let current { result[current] = facts }
        return result
    }

    @Test(
        "class, machine, type, interpreter, DT_NEEDED, DT_SONAME, run paths, build id, GNU properties and executable sections agree with readelf",
        .timeLimit(.minutes(10)))
    func agreeWithReadelf() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let files = Self.elfFiles()
        try #require(files.count > 100)
        var mismatches: [String] = []
        var readelfTime = Duration.zero
        var armreadyTime = Duration.zero
        for batchStart in stride(from: 0, to: files.count, by: Self.batchSize) {
            let batch = Array(files[batchStart..<min(batchStart + Self.batchSize, files.count)])
            let readelfStart = clock.now
            let expected = try Self.readelf(batch)
            readelfTime += clock.now - readelfStart
            for path in batch {
                guard let facts = expected[path] else {
                    mismatches.append("\(path): readelf printed nothing")
                    continue
                }
                let readStart = clock.now
                let result = BinaryReader.read(path: path)
                armreadyTime += clock.now - readStart
                guard case .image(let image) = result, let elf = image.elf else {
                    mismatches.append("\(path): \(result)")
                    continue
                }
                var problems: [String] = []
                if elf.elfClass != facts.elfClass { problems.append("class \(elf.elfClass) vs \(facts.elfClass)") }
                if Self.readelfMachines[facts.machine].map(UInt32.init) != image.machine {
                    problems.append("machine \(image.machine) vs \(facts.machine)")
                }
                if elf.type != facts.type { problems.append("type \(elf.type) vs \(facts.type)") }
                // readelf calls an ET_DYN a PIE only with DF_1_PIE; armready also counts PT_INTERP
                // without DT_SONAME (PIEs from linkers that do not set the flag).
                if facts.type == "DYN" {
                    let executable =
                        facts.positionIndependentExecutable || (facts.interpreter != nil && facts.soname == nil)
                    if (image.kind == .executable) != executable {
                        problems.append("kind \(image.kind) vs readelf PIE \(facts.positionIndependentExecutable)")
                    }
                }
                if elf.interpreter != facts.interpreter {
                    problems.append(
                        "interpreter \(String(describing: elf.interpreter)) vs \(String(describing: facts.interpreter))"
                    )
                }
                if elf.needed != facts.needed { problems.append("needed \(elf.needed) vs \(facts.needed)") }
                if elf.soname != facts.soname {
                    problems.append("soname \(String(describing: elf.soname)) vs \(String(describing: facts.soname))")
                }
                let runpath =
                    (facts.runpath ?? facts.rpath).map {
                        $0.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                    } ?? []
                if elf.runpath != runpath { problems.append("runpath \(elf.runpath) vs \(runpath)") }
                if image.code.sections != facts.executable {
                    problems.append("executable sections \(image.code.sections) vs \(facts.executable)")
                }
                if elf.executableSections != facts.executable.map(\.name) {
                    problems.append("executable section names")
                }
                if elf.buildID != facts.buildID {
                    problems.append(
                        "build id \(String(describing: elf.buildID)) vs \(String(describing: facts.buildID))")
                }
                let properties = ELFFixtureTests.properties(facts.properties)
                let mine: [String: [String]] = [
                    "x86 ISA needed": elf.x86ISANeeded, "x86 ISA used": elf.x86ISAUsed, "x86 feature": elf.x86Features,
                    "x86 feature used": elf.x86Features2Used, "AArch64 feature": elf.aarch64Features,
                ].filter { !$0.value.isEmpty }
                if mine != properties { problems.append("properties \(mine) vs \(properties)") }
                if !problems.isEmpty { mismatches.append("\(path): " + problems.joined(separator: "; ")) }
            }
        }
        let total = clock.now - started
        print(
            "ELF system binaries: \(files.count) files, total \(total), readelf \(readelfTime), armready \(armreadyTime)"
        )
        #expect(
            mismatches.isEmpty,
            Comment(rawValue: "\(mismatches.count) mismatches:\n" + mismatches.prefix(20).joined(separator: "\n")))
    }

    @Test("a stripped system binary's .eh_frame FDEs match readelf --debug-dump=frames")
    func strippedSystemBinaryEHFrame() throws {
        let path = "/usr/bin/ls"
        guard FileManager.default.fileExists(atPath: path) else { return }
        let image = try readELFFile(path)
        #expect(image.code.functionSource == .ehFrame)
        let expected = try readelfFDERanges(path)
        #expect(expected.count > 100)
        #expect(image.code.functions == expected)
    }

    @Test("readelf reads the hand-built test image as the malformed-input tests assume")
    func handBuiltImageAgreesWithReadelf() throws {
        for bigEndian in [false, true] {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "armready-elf-\(bigEndian ? "be" : "le")-\(getpid())")
            try Data(ELFImageBuilder.minimal(bigEndian: bigEndian, machine: bigEndian ? 21 : 62).bytes).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let text = try runTool("/usr/bin/readelf", ["-h", "-l", "-n", "-S", "-d", "-W", url.path])
            #expect(text.contains("[Requesting program interpreter: \(ELFImageBuilder.interpreter)]"))
            #expect(text.contains("Build ID: deadbeef00112233"))
            #expect(text.contains("Shared library: [\(ELFImageBuilder.needed)]"))
            #expect(text.contains("Library soname: [\(ELFImageBuilder.soname)]"))
            #expect(text.contains("Type:                              DYN"))
            #expect(!text.contains("Warning") && !text.contains("Error"))
            let image = try readELF(ELFImageBuilder.minimal(bigEndian: bigEndian, machine: bigEndian ? 21 : 62).bytes)
                .get()
            #expect(image.code.functions == (try readelfFDERanges(url.path)))
        }
    }
}
