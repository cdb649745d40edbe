#!/usr/bin/env python3
"""Independent recursive-descent reference for the per-function ISA analysis (issue 11).

Usage: scripts/flow-oracle.py FILE... [--json OUT] [--force] [--max-code-mb N]

For each PE or ELF file (parsed with LIEF; x86 16/32/64 and AArch64 code):

* Roots: entry point, exports / dynamic and static FUNC symbols, PE .pdata RUNTIME_FUNCTION
  begins (x64: 12-byte records; ARM64: 8-byte records, packed or .xdata), ELF .eh_frame FDE
  pc_begin (parsed here: LIEF does not expose FDEs). Only roots inside executable sections count.
* Descent (capstone, no detail mode, targets read from op_str): follow direct jmp/jcc/call/loop
  and b/bl/b.cond/cbz/cbnz/tbz/tbnz within executable sections; fall through after calls
  (including to noreturn functions, as a plain descent does); stop at ret/iret, ud2/ud1/int3/hlt,
  indirect jmp (jmp reg/mem; br/braa...), udf/brk/hlt, and at an undecodable position.
* Linear sweep of every executable section: x86 with iced-x86 (an invalid position consumes the
  bytes iced reports, at least one); AArch64 one word at a time with capstone (an undecodable word
  is skipped).
* Classification:
  - x86: iced-x86 `Instruction.cpuid_features()` names, on the same bytes at the same address
    (descent addresses the sweep did not reach are decoded one by one). Extra keys: `VEX`, `EVEX`
    (encoding kind), `x87` (any FPU* CPUID feature) and `x87_outside_function_ranges` (sweep-only
    x87 instructions outside every .pdata / FDE range: data or uncovered code between functions).
  - AArch64 (no llvm-objdump): capstone detail-mode instruction groups (SVE, SVE2, SME, NEON,
    CRC, LSE, AES, SHA2, ...), plus operand and mnemonic rules because groups are incomplete:
    `sme` = a SME* group, a za/zt0 operand, or smstart/smstop/rdsvl/addsvl/addspl; `sve` = a SVE*
    group, a z<n>/p<n> register operand, or a scalar-only SVE mnemonic (rdvl, addvl, addpl,
    cnt[bhwd], inc/dec[bhwd], sq/uq inc/dec[bhwd], setffr, ptrue...). Also `enc_sve`/`enc_sme`:
    the raw encoding classes (bits[28:25]=0010; bit31=1 and bits[28:25]=0000), decoded or not;
    `sve_sme_outside_function_ranges`: sweep-only SVE/SME outside every .pdata/FDE range.
* Per extension: count_in_descent, count_sweep_only (sweep instructions whose address descent
  did not reach). Per function range (pdata / FDE): share with >= 1 VEX/EVEX instruction (range
  decoded linearly with iced-x86), the measure in cpu-dispatch.md §2.

Files with more than --max-code-mb (default 50) MB of executable bytes get only the sweep and the
function VEX share unless --force (--vex-only: just the share). Output: JSON {path: result}.
"""
import argparse
import bisect
import json
import re
import struct
import sys
import time

import capstone
import lief

try:
    import iced_x86
except ImportError:  # AArch64 files still work
    iced_x86 = None

X86_STOP = {"ret", "retf", "retn", "iret", "iretd", "iretq", "ud2", "ud1", "ud0", "int3", "hlt"}
X86_CALLS = {"call"}
X86_JCC = re.compile(r"^(j(?!mp)[a-z]+|loop[a-z]*|jrcxz|jecxz|jcxz)$")
A64_STOP = {"ret", "retaa", "retab", "br", "braa", "brab", "braaz", "brabz", "udf", "brk", "hlt", "eret", "eretaa",
            "eretab"}
A64_COND = re.compile(r"^(b\.[a-z]+|bc\.[a-z]+|cbz|cbnz|tbz|tbnz)$")
HEX_TARGET = re.compile(r"#?(0x[0-9a-f]+|\d+)$")
SVE_REG = re.compile(r"(?<![\w.])[zp]\d{1,2}(?![\w])")
SME_REG = re.compile(r"(?<![\w])(za\d*[hv]?(\.[bhsdq])?|zt0)(?![\w])")
SME_MNEMONICS = {"smstart", "smstop", "rdsvl", "addsvl", "addspl", "zero"}
SVE_SCALAR = re.compile(r"^(rdvl|addvl|addpl|cnt[bhwd]|(inc|dec)[bhwd]|[su]q(inc|dec)[bhwd]|setffr|ptrue|ptrues"
                        r"|cterm(eq|ne)|whilel[eto]|whileh[is])$")
A64_GROUP_NAMES = None


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--json", dest="out")
    ap.add_argument("--force", action="store_true", help="descend even into files above --max-code-mb")
    ap.add_argument("--max-code-mb", type=float, default=50.0)
    ap.add_argument("--vex-only", action="store_true", help="only the per-function VEX share (fast, x86)")
    return ap.parse_args()


class Image:
    """Executable sections (va, bytes), architecture, roots and function ranges of one file."""

    def __init__(self, path):
        self.path = path
        self.data = open(path, "rb").read()
        self.arch = None
        self.sections = []  # (va, bytes)
        self.roots = {}  # va -> source
        self.functions = []  # (begin, end)
        self.note = None
        binary = lief.parse(path)
        if isinstance(binary, lief.PE.Binary):
            self._pe(binary)
        elif isinstance(binary, lief.ELF.Binary):
            self._elf(binary)
        else:
            self.note = "not PE or ELF"

    def in_code(self, va):
        for base, code in self.sections:
            if base <= va < base + len(code):
                return True
        return False

    def add_root(self, va, source):
        if va and self.in_code(va) and va not in self.roots:
            self.roots[va] = source

    def _pe(self, b):
        machine = b.header.machine
        M = lief.PE.Header.MACHINE_TYPES
        self.arch = {M.AMD64: "x64", M.I386: "x86", M.ARM64: "arm64"}.get(machine)
        if self.arch is None:
            self.note = f"PE machine {machine} not classified"
            return
        base = b.optional_header.imagebase
        self.base = base
        for s in b.sections:
            if s.has_characteristic(lief.PE.Section.CHARACTERISTICS.MEM_EXECUTE) or \
                    s.has_characteristic(lief.PE.Section.CHARACTERISTICS.CNT_CODE):
                size = min(s.sizeof_raw_data, s.virtual_size or s.sizeof_raw_data)
                self.sections.append((base + s.virtual_address, self.data[s.offset:s.offset + size]))
        if b.has_configuration is not None:
            pass
        clr = b.data_directory(lief.PE.DataDirectory.TYPES.CLR_RUNTIME_HEADER)
        if clr is not None and clr.size:
            self.note = "has a CLR header (managed code; native code, if any, is still decoded)"
        ep = b.optional_header.addressof_entrypoint
        if ep:
            self.add_root(base + ep, "entry")
        if b.has_exports:
            for e in b.get_export().entries:
                if e.address:
                    self.add_root(base + e.address, "export")
        for sym in b.symbols:  # COFF symbol table, rare in images
            try:
                if sym.complex_type == lief.PE.Symbol.COMPLEX_TYPE.FUNCTION and sym.section is not None:
                    self.add_root(base + sym.section.virtual_address + sym.value, "symbol")
            except Exception:
                pass
        d = b.data_directory(lief.PE.DataDirectory.TYPES.EXCEPTION_TABLE)
        if d is not None and d.size:
            raw = bytes(b.get_content_from_virtual_address(d.rva, d.size))
            if self.arch == "x64":
                for i in range(0, len(raw) - 11, 12):
                    begin, end, _ = struct.unpack_from("<III", raw, i)
                    if begin and end > begin:
                        self.functions.append((base + begin, base + end))
                        self.add_root(base + begin, "pdata")
            elif self.arch == "arm64":
                for i in range(0, len(raw) - 7, 8):
                    begin, info = struct.unpack_from("<II", raw, i)
                    if not begin:
                        continue
                    if info & 3:  # packed: FunctionLength in 4-byte units at bits 2..12
                        length = ((info >> 2) & 0x7FF) * 4
                    else:  # .xdata: first word bits 0..17 = function length / 4
                        x = bytes(b.get_content_from_virtual_address(info, 4))
                        length = (struct.unpack("<I", x)[0] & 0x3FFFF) * 4 if len(x) == 4 else 0
                    self.functions.append((base + begin, base + begin + length))
                    self.add_root(base + begin, "pdata")

    def _elf(self, b):
        A = lief.ELF.ARCH
        machine = b.header.machine_type
        self.arch = {A.X86_64: "x64", A.I386: "x86", A.AARCH64: "arm64"}.get(machine)
        if self.arch is None:
            self.note = f"ELF machine {int(machine)} not classified"
            return
        self.base = 0
        for s in b.sections:
            if s.has(lief.ELF.Section.FLAGS.EXECINSTR) and s.type != lief.ELF.Section.TYPE.NOBITS:
                self.sections.append((s.virtual_address, self.data[s.offset:s.offset + s.size]))
        self.add_root(b.entrypoint, "entry")
        for sym in list(b.symbols):
            if sym.type in (lief.ELF.Symbol.TYPE.FUNC, lief.ELF.Symbol.TYPE.GNU_IFUNC) and sym.value:
                self.add_root(sym.value, "symbol")
        eh = b.get_section(".eh_frame")
        if eh is not None:
            self._eh_frame(eh.virtual_address, self.data[eh.offset:eh.offset + eh.size])

    def _eh_frame(self, va, raw):
        """FDE pc_begin/pc_range, for the usual pointer encodings (absptr, pcrel/datarel sdata4/udata4/8)."""
        cie_enc = {}
        pos = 0
        ptr = 8 if self.arch in ("x64", "arm64") else 4
        while pos + 8 <= len(raw):
            length = struct.unpack_from("<I", raw, pos)[0]
            if length == 0:
                break
            hdr = 4
            if length == 0xFFFFFFFF:
                length = struct.unpack_from("<Q", raw, pos + 4)[0]
                hdr = 12
            start = pos + hdr
            end = start + length
            if end > len(raw):
                break
            cie_id = struct.unpack_from("<I", raw, start)[0]
            if cie_id == 0:
                cie_enc[pos] = self._cie_encoding(raw[start + 4:end], ptr)
            else:
                cie_pos = start - cie_id
                enc = cie_enc.get(cie_pos, 0)
                p = start + 4
                begin, n = self._read_ptr(raw, p, enc, va + p, ptr)
                rng, _ = self._read_ptr(raw, p + n, enc & 0x0F, 0, ptr)
                if begin is not None and rng:
                    self.functions.append((begin, begin + rng))
                    self.add_root(begin, "fde")
            pos = end

    @staticmethod
    def _uleb(raw, p):
        v = shift = 0
        while p < len(raw):
            c = raw[p]
            p += 1
            v |= (c & 0x7F) << shift
            shift += 7
            if not c & 0x80:
                break
        return v, p

    def _cie_encoding(self, body, ptr):
        try:
            version = body[0]
            p = 1
            aug_end = body.index(0, p)
            aug = body[p:aug_end].decode("latin-1")
            p = aug_end + 1
            _, p = self._uleb(body, p)  # code align
            _, p = self._uleb(body, p)  # data align (sleb, length is all we need)
            if version == 1:
                p += 1
            else:
                _, p = self._uleb(body, p)
            if not aug.startswith("z"):
                return 0
            _, p = self._uleb(body, p)
            for ch in aug[1:]:
                if ch == "R":
                    return body[p]
                if ch == "P":
                    enc = body[p]
                    p += 1 + {0x00: ptr, 0x03: 4, 0x04: 8, 0x0B: 4, 0x0C: 8, 0x02: 2, 0x0A: 2}.get(enc & 0x0F, ptr)
                elif ch == "L":
                    p += 1
            return 0
        except (IndexError, ValueError):
            return 0

    @staticmethod
    def _read_ptr(raw, p, enc, here, ptr):
        fmt = enc & 0x0F
        size, code = {0x00: (ptr, "<Q" if ptr == 8 else "<I"), 0x03: (4, "<I"), 0x04: (8, "<Q"), 0x0B: (4, "<i"),
                      0x0C: (8, "<q"), 0x02: (2, "<H"), 0x0A: (2, "<h")}.get(fmt, (None, None))
        if size is None or p + size > len(raw):
            return None, 0
        v = struct.unpack_from(code, raw, p)[0]
        if enc & 0x70 == 0x10:
            v += here
        return v & 0xFFFFFFFFFFFFFFFF, size


def section_of(img, va):
    for base, code in img.sections:
        if base <= va < base + len(code):
            return base, code
    return None, None


def descend(img):
    """Addresses of every instruction reached from the roots (capstone, direct edges only)."""
    if img.arch == "arm64":
        md = capstone.Cs(capstone.CS_ARCH_ARM64, capstone.CS_MODE_ARM)
    else:
        md = capstone.Cs(capstone.CS_ARCH_X86, capstone.CS_MODE_64 if img.arch == "x64" else capstone.CS_MODE_32)
    reached = set()
    work = list(img.roots)
    arm = img.arch == "arm64"
    while work:
        start = work.pop()
        if start in reached:
            continue
        base, code = section_of(img, start)
        if base is None or (arm and start & 3):
            continue
        view = memoryview(code)
        offset = start - base
        while offset < len(code):
            addr = base + offset
            if addr in reached:
                break
            insn = next(md.disasm_lite(view[offset:offset + 16], addr, 1), None)
            if insn is None:
                break  # undecodable: stop this path
            _, size, mnem, ops = insn
            reached.add(addr)
            offset += size
            if arm:
                if mnem in A64_STOP:
                    break
                if mnem == "b" or mnem == "bl" or A64_COND.match(mnem):
                    m = HEX_TARGET.search(ops)
                    if m:
                        work.append(int(m.group(1), 0))
                    if mnem == "b":
                        break
            else:
                if mnem in X86_STOP:
                    break
                if mnem == "jmp" or mnem in X86_CALLS or X86_JCC.match(mnem):
                    m = re.fullmatch(r"0x[0-9a-f]+", ops)
                    if m:
                        work.append(int(ops, 16))
                    if mnem == "jmp":
                        break
    return reached


def merged_ranges(img):
    """Sorted, merged function ranges and their starts, for outside-every-function tests."""
    merged = []
    for b, e in sorted(set(img.functions)):
        if merged and b <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([b, e])
    return merged, [m[0] for m in merged]


def outside(merged, starts, addr):
    i = bisect.bisect_right(starts, addr) - 1
    return i < 0 or addr >= merged[i][1]


def feature_names():
    return {v: k for k, v in vars(iced_x86.CpuidFeature).items() if isinstance(v, int) and not k.startswith("_")}


def x86_features(instr, names, cache):
    feats = instr.cpuid_features()
    key = (instr.code, instr.encoding)
    got = cache.get(key)
    if got is None:
        got = [names.get(f, str(f)) for f in feats]
        if any(n.startswith("FPU") for n in got):
            got.append("x87")
        if instr.encoding == iced_x86.EncodingKind.VEX:
            got.append("VEX")
        elif instr.encoding == iced_x86.EncodingKind.EVEX:
            got.append("EVEX")
        got = tuple(got)
        cache[key] = got
    return got


def classify_x86(img, reached):
    bitness = 64 if img.arch == "x64" else 32
    names = feature_names()
    cache = {}
    sweep = {}
    count_desc, count_only = {}, {}
    invalid = iced_x86.Code.INVALID
    # To count sweep-only x87 that lies outside every .pdata/FDE range.
    merged, starts = merged_ranges(img)
    x87_outside = 0
    for base, code in img.sections:
        dec = iced_x86.Decoder(bitness, code, ip=base)
        for instr in dec:
            if instr.code == invalid:
                continue
            addr = instr.ip
            feats = x86_features(instr, names, cache)
            target = count_desc if addr in reached else count_only
            sweep[addr] = feats
            for f in feats:
                target[f] = target.get(f, 0) + 1
            if target is count_only and "x87" in feats and outside(merged, starts, addr):
                x87_outside += 1
    # Descent instructions the sweep did not land on (desynchronised by data): decode them here.
    off_sweep = 0
    for addr in reached:
        if addr in sweep:
            continue
        off_sweep += 1
        base, code = section_of(img, addr)
        dec = iced_x86.Decoder(bitness, code[addr - base:addr - base + 15], ip=addr)
        instr = dec.decode()
        if instr.code == invalid:
            continue
        for f in x86_features(instr, names, cache):
            count_desc[f] = count_desc.get(f, 0) + 1
    count_only["x87_outside_function_ranges"] = x87_outside
    return count_desc, count_only, len(sweep), off_sweep


def a64_ext(insn, groups_cache):
    mnem, ops = insn.mnemonic, insn.op_str
    names = []
    for g in insn.groups:
        n = groups_cache.get(g)
        if n is None:
            n = (insn.group_name(g) or str(g)).lower()
            groups_cache[g] = n
        if n not in ("jump", "call", "ret", "return", "branch_relative", "int", "privilege"):
            names.append(n)
    s = set(names)
    if any(n.startswith("sme") for n in s) or SME_REG.search(ops) or mnem in SME_MNEMONICS and mnem != "zero" \
            or (mnem == "zero" and "za" in ops):
        s.add("sme")
    elif any(n.startswith("sve") for n in s) or SVE_REG.search(ops) or SVE_SCALAR.match(mnem):
        s.add("sve")
    if not s:
        s.add("base")
    return s


def classify_a64(img, reached):
    md = capstone.Cs(capstone.CS_ARCH_ARM64, capstone.CS_MODE_ARM)
    md.detail = True
    md.skipdata = True
    gcache = {}
    merged, starts = merged_ranges(img)
    count_desc, count_only = {}, {}
    swept = 0
    for base, code in img.sections:
        n = len(code) & ~3
        words = struct.unpack_from(f"<{n // 4}I", code, 0)
        for i, w in enumerate(words):
            addr = base + 4 * i
            target = count_desc if addr in reached else count_only
            hi = (w >> 25) & 0xF
            if hi == 0b0010:
                target["enc_sve"] = target.get("enc_sve", 0) + 1
            elif hi == 0 and w >> 31:
                target["enc_sme"] = target.get("enc_sme", 0) + 1
        # SKIPDATA: an undecodable word comes back as a 4-byte ".byte" pseudo-instruction (id 0).
        for insn in md.disasm(code[:n], base):
            if insn.id == 0:
                continue
            swept += 1
            addr = insn.address
            target = count_desc if addr in reached else count_only
            exts = a64_ext(insn, gcache)
            for e in exts:
                target[e] = target.get(e, 0) + 1
            if target is count_only and ("sve" in exts or "sme" in exts) and outside(merged, starts, addr):
                target["sve_sme_outside_function_ranges"] = target.get("sve_sme_outside_function_ranges", 0) + 1
    return count_desc, count_only, swept, 0


def vex_share(img):
    """Share of function ranges holding >= 1 VEX/EVEX instruction (iced-x86 linear decode of the range)."""
    if img.arch not in ("x64", "x86") or not img.functions:
        return None
    bitness = 64 if img.arch == "x64" else 32
    vex, evex, total = 0, 0, 0
    VEX, EVEX = iced_x86.EncodingKind.VEX, iced_x86.EncodingKind.EVEX
    for begin, end in sorted(set(img.functions)):
        base, code = section_of(img, begin)
        if base is None:
            continue
        total += 1
        has_v = has_e = False
        for instr in iced_x86.Decoder(bitness, code[begin - base:min(end, base + len(code)) - base], ip=begin):
            e = instr.encoding
            if e == VEX:
                has_v = True
            elif e == EVEX:
                has_e = True
                has_v = True
        vex += has_v
        evex += has_e
    return {"functions": total, "with_vex_or_evex": vex, "with_evex": evex,
            "share_vex": round(vex / total, 4) if total else None}


def analyse(path, force, max_code_mb, vex_only=False):
    t0 = time.perf_counter()
    img = Image(path)
    code_bytes = sum(len(c) for _, c in img.sections)
    out = {"arch": img.arch, "code_bytes": code_bytes, "note": img.note, "roots": len(img.roots),
           "root_sources": {}, "function_ranges": len(set(img.functions))}
    for src in img.roots.values():
        out["root_sources"][src] = out["root_sources"].get(src, 0) + 1
    if img.arch is None or not img.sections:
        out["seconds"] = round(time.perf_counter() - t0, 2)
        return out
    if vex_only:
        out["vex_function_share"] = vex_share(img)
        out["seconds"] = round(time.perf_counter() - t0, 2)
        return out
    big = code_bytes > max_code_mb * 1e6 and not force
    reached = set() if big else descend(img)
    if big:
        out["note"] = (out["note"] or "") + f" descent skipped: {code_bytes / 1e6:.1f} MB of code (use --force)"
    if img.arch == "arm64":
        desc, only, swept, off = classify_a64(img, reached)
    else:
        desc, only, swept, off = classify_x86(img, reached)
        out["vex_function_share"] = vex_share(img)
    out["instructions_descent"] = len(reached)
    out["instructions_sweep"] = swept
    out["descent_not_on_sweep"] = off
    exts = sorted(set(desc) | set(only))
    out["extensions"] = {e: {"count_in_descent": desc.get(e, 0), "count_sweep_only": only.get(e, 0)} for e in exts}
    if img.arch != "arm64":
        out["x87"] = out["extensions"].get("x87", {"count_in_descent": 0, "count_sweep_only": 0})
    out["seconds"] = round(time.perf_counter() - t0, 2)
    return out


def main():
    args = parse_args()
    results = {}
    for path in args.files:
        try:
            results[path] = analyse(path, args.force, args.max_code_mb, args.vex_only)
        except Exception as exc:  # a hostile or odd file must not stop the run
            results[path] = {"error": f"{type(exc).__name__}: {exc}"}
        print(f"{path}: {results[path].get('seconds', '-')} s", file=sys.stderr)
    text = json.dumps(results, indent=1, sort_keys=True)
    if args.out:
        open(args.out, "w").write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
