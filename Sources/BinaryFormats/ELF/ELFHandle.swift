internal import CLibELF

/// The one place armready talks to libelf: it owns the `Elf *` handle over a file's bytes and
/// hands out plain Swift values, so no C type leaks past this file (style.md §6).
///
/// libelf translates byte order and normalises ELF32 to the GElf (64-bit) shapes. Everything
/// it returns still comes from the file: callers cap counts and bounds-check offsets. Each
/// failing call becomes `BinaryFormatError.libelf` naming the call and `elf_errmsg`'s text.
final class ELFHandle {
    private let elf: OpaquePointer

    /// Opens `bytes` with `elf_memory`; the bytes must outlive the handle.
    ///
    /// libelf's prototype takes a mutable pointer, but it only reads through it and converts
    /// foreign byte order into its own buffers (a test checks the bytes are unchanged after a
    /// big-endian read). `MappedFile` maps copy-on-write, so even a write could not reach the file.
    ///
    /// - Throws: `.libelf` when libelf is unusable, rejects the image, or it is not `ELF_K_ELF`.
    init(bytes: UnsafeRawBufferPointer) throws(BinaryFormatError) {
        guard ELFHandle.libraryReady else {
            throw .libelf(call: "elf_version", message: ELFHandle.lastError())
        }
        guard let base = bytes.baseAddress,
            let handle = elf_memory(
                UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: CChar.self)), bytes.count)
        else { throw .libelf(call: "elf_memory", message: ELFHandle.lastError()) }
        guard elf_kind(handle) == ELF_K_ELF else {
            elf_end(handle)
            throw .libelf(call: "elf_kind", message: "not an ELF object")
        }
        elf = handle
    }

    deinit { elf_end(elf) }

    /// `elf_version(EV_CURRENT)`, called once per process (a lazily initialised global).
    private static let libraryReady: Bool = elf_version(UInt32(EV_CURRENT)) != UInt32(EV_NONE)

    /// `elf_errmsg(elf_errno())`: the text of libelf's last error on this thread.
    private static func lastError() -> String {
        guard let text = elf_errmsg(elf_errno()) else { return "unknown libelf error" }
        return String(cString: text)
    }

    /// The header, through `gelf_getehdr`.
    func header() throws(BinaryFormatError) -> ELFRawHeader {
        var ehdr = GElf_Ehdr()
        guard gelf_getehdr(elf, &ehdr) != nil else { throw .libelf(call: "gelf_getehdr", message: Self.lastError()) }
        return ELFRawHeader(
            type: ehdr.e_type, machine: ehdr.e_machine, entry: ehdr.e_entry, flags: ehdr.e_flags,
            osABI: ehdr.e_ident.7, abiVersion: ehdr.e_ident.8)
    }

    /// The number of program headers (`elf_getphdrnum`, which resolves `PN_XNUM`).
    func programHeaderCount() throws(BinaryFormatError) -> Int {
        var count = 0
        guard elf_getphdrnum(elf, &count) == 0 else { throw .libelf(call: "elf_getphdrnum", message: Self.lastError()) }
        return count
    }

    /// The number of sections (`elf_getshdrnum`, which resolves a zero `e_shnum`).
    func sectionCount() throws(BinaryFormatError) -> Int {
        var count = 0
        guard elf_getshdrnum(elf, &count) == 0 else { throw .libelf(call: "elf_getshdrnum", message: Self.lastError()) }
        return count
    }

    /// Program header `index`, through `gelf_getphdr`.
    func segment(_ index: Int) throws(BinaryFormatError) -> ELFRawSegment {
        var phdr = GElf_Phdr()
        guard let ordinal = Int32(exactly: index), gelf_getphdr(elf, ordinal, &phdr) != nil else {
            throw .libelf(call: "gelf_getphdr", message: Self.lastError())
        }
        return ELFRawSegment(
            type: phdr.p_type, flags: phdr.p_flags, offset: phdr.p_offset, address: phdr.p_vaddr,
            fileSize: phdr.p_filesz, memorySize: phdr.p_memsz, alignment: phdr.p_align)
    }

    /// Section header `index`, through `elf_getscn` and `gelf_getshdr`.
    func section(_ index: Int) throws(BinaryFormatError) -> ELFRawSection {
        guard let scn = elf_getscn(elf, index) else { throw .libelf(call: "elf_getscn", message: Self.lastError()) }
        var shdr = GElf_Shdr()
        guard gelf_getshdr(scn, &shdr) != nil else { throw .libelf(call: "gelf_getshdr", message: Self.lastError()) }
        return ELFRawSection(
            index: index, nameOffset: shdr.sh_name, type: shdr.sh_type, flags: shdr.sh_flags,
            address: shdr.sh_addr, offset: shdr.sh_offset, size: shdr.sh_size, link: shdr.sh_link,
            info: shdr.sh_info, alignment: shdr.sh_addralign, entrySize: shdr.sh_entsize)
    }

    /// The translated data of section `index` (`elf_getdata`) and its element count for `kind`.
    private func data(_ index: Int, kind: Elf_Type) throws(BinaryFormatError) -> (UnsafeMutablePointer<Elf_Data>, Int)?
    {
        guard let scn = elf_getscn(elf, index) else { throw .libelf(call: "elf_getscn", message: Self.lastError()) }
        guard let data = elf_getdata(scn, nil) else {
            throw .libelf(call: "elf_getdata", message: Self.lastError())
        }
        let width = gelf_fsize(elf, kind, 1, UInt32(EV_CURRENT))
        guard width > 0 else { return nil }
        return (data, data.pointee.d_size / width)
    }

    /// Up to `limit` symbols of a `SHT_SYMTAB`/`SHT_DYNSYM` section, through `gelf_getsym`.
    func symbols(section index: Int, limit: Int) throws(BinaryFormatError) -> [ELFRawSymbol] {
        guard let (data, count) = try self.data(index, kind: ELF_T_SYM) else { return [] }
        var result: [ELFRawSymbol] = []
        result.reserveCapacity(min(count, limit))
        var sym = GElf_Sym()
        for ordinal in 0..<min(count, limit) {
            guard gelf_getsym(data, Int32(truncatingIfNeeded: ordinal), &sym) != nil else {
                throw .libelf(call: "gelf_getsym", message: Self.lastError())
            }
            result.append(
                ELFRawSymbol(
                    nameOffset: sym.st_name, value: sym.st_value, size: sym.st_size,
                    type: sym.st_info & 0xF, binding: sym.st_info >> 4, sectionIndex: sym.st_shndx))
        }
        return result
    }

    /// Up to `limit` entries of a `SHT_DYNAMIC` section, through `gelf_getdyn`; stops at `DT_NULL`.
    func dynamicEntries(section index: Int, limit: Int) throws(BinaryFormatError) -> [ELFRawDynamic] {
        guard let (data, count) = try self.data(index, kind: ELF_T_DYN) else { return [] }
        var result: [ELFRawDynamic] = []
        var dyn = GElf_Dyn()
        for ordinal in 0..<min(count, limit) {
            guard gelf_getdyn(data, Int32(truncatingIfNeeded: ordinal), &dyn) != nil else {
                throw .libelf(call: "gelf_getdyn", message: Self.lastError())
            }
            if dyn.d_tag == Int64(DT_NULL) { break }
            result.append(ELFRawDynamic(tag: dyn.d_tag, value: dyn.d_un.d_val))
        }
        return result
    }

    /// Up to `limit` entries of a `SHT_REL` or `SHT_RELA` section, through `gelf_getrel`/
    /// `gelf_getrela` (addend 0 for `SHT_REL`).
    func relocations(section index: Int, withAddends: Bool, limit: Int) throws(BinaryFormatError)
        -> [ELFRawRelocation]
    {
        guard let (data, count) = try self.data(index, kind: withAddends ? ELF_T_RELA : ELF_T_REL) else { return [] }
        var result: [ELFRawRelocation] = []
        result.reserveCapacity(min(count, limit))
        var rel = GElf_Rel()
        var rela = GElf_Rela()
        for ordinal in 0..<min(count, limit) {
            if withAddends {
                guard gelf_getrela(data, Int32(truncatingIfNeeded: ordinal), &rela) != nil else {
                    throw .libelf(call: "gelf_getrela", message: Self.lastError())
                }
                result.append(ELFRawRelocation(offset: rela.r_offset, info: rela.r_info, addend: rela.r_addend))
            } else {
                guard gelf_getrel(data, Int32(truncatingIfNeeded: ordinal), &rel) != nil else {
                    throw .libelf(call: "gelf_getrel", message: Self.lastError())
                }
                result.append(ELFRawRelocation(offset: rel.r_offset, info: rel.r_info, addend: 0))
            }
        }
        return result
    }
}
