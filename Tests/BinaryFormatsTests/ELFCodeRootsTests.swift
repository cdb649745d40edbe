import Foundation
import Testing

@testable import BinaryFormats

/// The ELF code roots and import slots against readelf (`ReadelfCodeRoots`): the fixtures
/// built for them (Tests/Fixtures/roots/*_roots.elf: IFUNC, IRELATIVE in RELA and REL,
/// constructors and destructors through R_*_RELATIVE, DT_INIT/DT_FINI, PLT and GOT imports
/// on x86-64, i386 and AArch64), the other ELF fixtures, and some system binaries.
@Suite("ELF code roots and import slots against readelf", .serialized)
struct ELFCodeRootsTests {
    static let builtFixtures = ["roots/x86_64_roots.elf", "roots/i386_roots.elf", "roots/aarch64_roots.elf"]

    static var fixtures: [String] {
        let elf = ((try? FileManager.default.contentsOfDirectory(atPath: FixturePaths.path("elf"))) ?? []).map {
            "elf/" + $0
        }
        let isa = ((try? FileManager.default.contentsOfDirectory(atPath: FixturePaths.path("isa"))) ?? []).filter {
            $0.hasSuffix(".elf")
        }.map { "isa/" + $0 }
        return (builtFixtures + elf + isa + ["flow/x64-datamod.so", "flow/x64-ifunc.so"]).sorted()
    }

    /// Compares armready's roots and slots of `path` with readelf's; the problems found.
    static func compare(_ path: String) throws -> [String] {
        let image = try readELFFile(path)
        let expected = try ReadelfCodeRoots(path: path)
        var problems: [String] = []
        let roots = image.code.roots
        if roots != CodeRoot.unique(roots) { problems.append("roots not sorted and unique") }
        for kind in [CodeRoot.Kind.entry, .export, .ifuncResolver, .initializer, .tlsCallback] {
            let mine = roots.filter { $0.kind == kind }
            let theirs = expected.roots[kind] ?? [:]
            if mine.map(\.address) != theirs.keys.sorted() {
                problems.append(
                    "\(kind): \(mine.map { hex($0.address) }) vs readelf \(theirs.keys.sorted().map { hex($0) })")
                continue
            }
            for root in mine {
                let names = theirs[root.address] ?? []
                // A named root carries one of readelf's names there; an unnamed one has none to carry.
                if let name = root.name, !names.contains(name) {
                    problems.append("\(kind) \(hex(root.address)) \(name)")
                }
                if root.name == nil, !names.isEmpty { problems.append("\(kind) \(hex(root.address)) lost its name") }
            }
        }
        let slots = expected.slots.sorted { ($0.address, $0.name) < ($1.address, $1.name) }
        if image.code.importSlots != slots {
            problems.append("import slots: \(image.code.importSlots.count) vs readelf \(slots.count)")
        }
        return problems
    }

    /// flow/x64-datamod.so calls its own exported add_avx2_tail through the PLT: readelf -rW
    /// shows the JUMP_SLOT against it with Symbol's Value 0x14b0, and -sW the defined FUNC.
    @Test func slotAgainstTheFilesOwnFunctionCarriesItsDefinition() throws {
        let image = try readELFFile(FixturePaths.path("flow/x64-datamod.so"))
        let slots = image.code.importSlots.filter { $0.definition != nil }
        #expect(slots.map(\.name) == ["add_avx2_tail"])
        #expect(slots.first?.definition == 0x14b0)
        #expect(try Self.compare(FixturePaths.path("flow/x64-datamod.so")).isEmpty)
    }

    @Test(arguments: fixtures)
    func fixture(path: String) throws {
        let problems = try Self.compare(FixturePaths.path(path))
        #expect(problems.isEmpty, Comment(rawValue: problems.joined(separator: "\n")))
    }

    @Test("the built fixtures hold every kind of root and both kinds of slot")
    func builtFixturesCoverEveryKind() throws {
        for path in Self.builtFixtures {
            let expected = try ReadelfCodeRoots(path: FixturePaths.path(path))
            // entry; exported_twice, add's dynsym copy is IFUNC, _init, _fini, _start; resolve_add
            // (symbol and IRELATIVE); constructor, destructor, DT_INIT, DT_FINI.
            #expect(expected.roots[.entry]?.count == 1, "\(path)")
            #expect(expected.roots[.export]?.count == 4, "\(path)")
            #expect(expected.roots[.ifuncResolver]?.count == 1, "\(path)")
            #expect(expected.roots[.initializer]?.count == 4, "\(path)")
            #expect(
                Set(expected.slots.map(\.name)) == ["imported_function", "imported_data", "imported_address_taken"],
                "\(path)")
            let image = try readELFFile(FixturePaths.path(path))
            #expect(image.code.roots.first { $0.kind == .ifuncResolver }?.name == "add", "\(path)")
        }
    }

    @Test("/usr/bin/ls and libc.so.6 (IFUNCs, IRELATIVE) agree with readelf")
    func systemBinaries() throws {
        for path in ["/usr/bin/ls", "/lib/x86_64-linux-gnu/libc.so.6"]
        where FileManager.default.fileExists(atPath: path) {
            let problems = try Self.compare(path)
            #expect(problems.isEmpty, Comment(rawValue: "\(path):\n" + problems.prefix(10).joined(separator: "\n")))
            if path.hasSuffix("libc.so.6") {
                let image = try readELFFile(path)
                #expect(image.code.roots.filter { $0.kind == .ifuncResolver }.count > 20)
                #expect(image.code.importSlots.count > 10)
            }
        }
    }

    /// A bounded sample of system libraries and programs: the sorted first few of each folder.
    @Test("a sample of system ELF files agrees with readelf", .timeLimit(.minutes(10)))
    func systemSample() throws {
        var paths: [String] = []
        for (folder, count) in [("/usr/lib/x86_64-linux-gnu", 80), ("/usr/bin", 40)] {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            var taken = 0
            for name in names where taken < count {
                let path = folder + "/" + name
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                    attributes[.type] as? FileAttributeType == .typeRegular,
                    let handle = FileHandle(forReadingAtPath: path)
                else { continue }
                let magic = (try? handle.read(upToCount: 4)) ?? Data()
                try? handle.close()
                guard magic == Data([0x7F, 0x45, 0x4C, 0x46]) else { continue }
                paths.append(path)
                taken += 1
            }
        }
        var failures: [String] = []
        for path in paths {
            let problems = try Self.compare(path)
            if !problems.isEmpty { failures.append("\(path): " + problems.prefix(3).joined(separator: "; ")) }
        }
        print("ELF code roots: \(paths.count) system files compared with readelf")
        #expect(failures.isEmpty, Comment(rawValue: failures.prefix(10).joined(separator: "\n")))
    }

    @Test("header-level triage reads no roots or slots")
    func triageSkipsThem() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: FixturePaths.path("roots/x86_64_roots.elf"))))
        let image = try bytes.withUnsafeBytes { buffer in try ELFReader.read(buffer, options: .headers) }
        #expect(image.code.roots.isEmpty)
        #expect(image.code.importSlots.isEmpty)
    }
}
