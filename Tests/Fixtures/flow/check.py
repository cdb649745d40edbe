#!/usr/bin/env python3
"""Independent sanity check of the flow fixtures against expected.json.

For every fixture it finds the functions and their ranges with LIEF/pefile (PE: the COFF
symbol table that /debug:symtab or GNU ld keeps, plus exports; ELF: .symtab sizes), decodes
each function with iced-x86 (x86/x64) or llvm-objdump (AArch64), and checks that:
  * each function expected.json names for an extension really contains that extension, and
    no other function does (the lists are exact);
  * each probe function holds the CPUID/XGETBV (and CPUID leaves) it is said to hold, and no
    other function does;
  * each guard function holds what its guard kind needs (a conditional branch or cmov, and for
    IsProcessorFeaturePresent the `mov w0,#46` argument);
  * for x64-avx2-whole.exe, the share of functions with VEX instructions matches.
It never runs armready. Usage: check.py [--summary]  (exit status 1 on any mismatch).
"""
import json
import os
import re
import subprocess
import sys

import lief
import pefile
from iced_x86 import Code, CpuidFeature, Decoder, DecoderOptions, EncodingKind, FlowControl, Mnemonic, OpKind, Register

HERE = os.path.dirname(os.path.abspath(__file__))
FEATURE_NAMES = {getattr(CpuidFeature, n): n for n in dir(CpuidFeature) if n.isupper()}
MNEMONIC_NAMES = {getattr(Mnemonic, n): n for n in dir(Mnemonic) if n[0].isupper()}
# Features every x86-64 (and -march=pentium4 i686) program may use; not extensions here.
BASELINE = {"INTEL8086", "INTEL186", "INTEL286", "INTEL386", "INTEL486", "X64", "PAUSE",
            "MULTIBYTENOP", "INTEL8086_ONLY", "INTEL386_ONLY", "INTEL286_ONLY", "TSC", "CX8",
            "FPU", "FPU287", "FPU387", "MMX", "SSE", "SSE2", "CMOV", "FXSR", "CPUID", "XSAVE"}


def toolchain_objdump():
    swift = subprocess.run(["sh", "-c", "readlink -f $(command -v swift)"], capture_output=True, text=True).stdout.strip()
    return os.environ.get("LLVM_OBJDUMP", os.path.join(os.path.dirname(swift), "llvm-objdump"))


# ---------------------------------------------------------------- function ranges

def pe_functions(path):
    """name -> (rva, end_rva) from COFF function symbols (LIEF) and exports (pefile).
    A function ends where its .pdata entry says (pefile), else where the next symbol starts,
    else at the end of its section's data."""
    pe = pefile.PE(path)
    sections = pe.sections
    binary = lief.parse(path)
    starts = {}
    for sym in binary.symbols:
        if not sym.is_function or sym.section_idx <= 0 or sym.section_idx > len(sections):
            continue
        sec = sections[sym.section_idx - 1]
        starts[sym.name] = sec.VirtualAddress + sym.value
    if hasattr(pe, "DIRECTORY_ENTRY_EXPORT"):
        for exp in pe.DIRECTORY_ENTRY_EXPORT.symbols:
            if exp.name:
                starts.setdefault(exp.name.decode(), exp.address)
    addresses = sorted(set(starts.values()))
    pdata_end = {}
    if hasattr(pe, "DIRECTORY_ENTRY_EXCEPTION") and pe.FILE_HEADER.Machine == 0x8664:
        for entry in pe.DIRECTORY_ENTRY_EXCEPTION:
            pdata_end.setdefault(entry.struct.BeginAddress, entry.struct.EndAddress)
    result = {}
    for name, rva in starts.items():
        sec = next(s for s in sections if s.VirtualAddress <= rva < s.VirtualAddress + s.Misc_VirtualSize)
        end = sec.VirtualAddress + min(sec.Misc_VirtualSize, sec.SizeOfRawData)
        later = [a for a in addresses if a > rva and a < end]
        result[name] = (rva, pdata_end.get(rva, later[0] if later else end))
    return pe, result


def pe_bytes(pe, rva, end):
    return pe.get_data(rva, end - rva)


def elf_functions(path):
    binary = lief.parse(path)
    result = {}
    for sym in binary.symtab_symbols:
        if sym.type in (lief.ELF.Symbol.TYPE.FUNC, lief.ELF.Symbol.TYPE.GNU_IFUNC) and sym.size:
            result[sym.name] = (sym.value, sym.value + sym.size)
    return binary, result


# ---------------------------------------------------------------- x86 decoding

def ext_name(feature):
    name = FEATURE_NAMES.get(feature, str(feature))
    return {"SSE4_1": "sse4.1", "SSE4_2": "sse4.2"}.get(name, name.lower().replace("avx512_", "avx512"))


def scan_x86(data, ip, bits):
    """Extensions (per iced-x86 CPUID features), probes, VEX/EVEX use and guard-like
    instructions (jcc, cmovcc, setcc) in one function's bytes."""
    out = {"ext": {}, "probes": set(), "vex": 0, "evex": 0, "jcc": 0, "cmov": 0, "invalid": 0,
           "refs": set(), "mem": set(), "leaves": set()}
    eax = None  # the constant last moved into EAX/RAX, to name each CPUID's leaf
    decoder = Decoder(bits, data, DecoderOptions.NONE, ip=ip)
    for instr in decoder:
        if instr.code == Code.INVALID:
            out["invalid"] += 1
            continue
        # Code and data addresses this function names: direct call/jmp targets, RIP-relative
        # or absolute memory operands (lea of a kernel, load/store of a global).
        if instr.flow_control in (FlowControl.CALL, FlowControl.UNCONDITIONAL_BRANCH, FlowControl.CONDITIONAL_BRANCH) \
                and instr.op0_kind in (OpKind.NEAR_BRANCH16, OpKind.NEAR_BRANCH32, OpKind.NEAR_BRANCH64):
            out["refs"].add(instr.near_branch_target)
        for i in range(instr.op_count):
            if instr.op_kind(i) == OpKind.MEMORY and instr.memory_base in (Register.RIP, Register.EIP, Register.NONE) \
                    and instr.memory_index == Register.NONE:
                out["mem"].add(instr.memory_displacement)
                if MNEMONIC_NAMES.get(instr.mnemonic) == "LEA":
                    out["refs"].add(instr.memory_displacement)
            if instr.op_kind(i) in (OpKind.IMMEDIATE32, OpKind.IMMEDIATE32TO64) and bits == 32:
                out["refs"].add(instr.immediate(i))
        mnemonic = MNEMONIC_NAMES.get(instr.mnemonic, "")
        if mnemonic == "MOV" and instr.op0_register in (Register.EAX, Register.RAX) \
                and instr.op1_kind in (OpKind.IMMEDIATE32, OpKind.IMMEDIATE32TO64):
            eax = instr.immediate(1)
        elif mnemonic == "XOR" and instr.op0_register == Register.EAX and instr.op1_register == Register.EAX:
            eax = 0
        if mnemonic in ("CPUID", "XGETBV"):
            out["probes"].add(mnemonic.lower())
            if mnemonic == "CPUID":
                out["leaves"].add(eax)
                eax = None
            continue
        if mnemonic == "INT3":  # padding between functions
            continue
        if instr.flow_control == FlowControl.CONDITIONAL_BRANCH:
            out["jcc"] += 1
        if mnemonic.startswith("CMOV") or mnemonic.startswith("SET"):
            out["cmov"] += 1
        if instr.encoding == EncodingKind.VEX:
            out["vex"] += 1
        elif instr.encoding == EncodingKind.EVEX:
            out["evex"] += 1
        if mnemonic == "TZCNT":  # runs as BSF on older CPUs: never a requirement
            continue
        for feature in instr.cpuid_features():
            if FEATURE_NAMES.get(feature) in BASELINE:
                continue
            e = ext_name(feature)
            out["ext"][e] = out["ext"].get(e, 0) + 1
    return out


# ---------------------------------------------------------------- AArch64 decoding

def scan_arm64(path, image_base, rva, end):
    """llvm-objdump over one function; SVE = a decoded word whose bits[28:25] are 0010
    (cpu-dispatch.md §4), NEON = an Advanced SIMD register operand (v.. with arrangement)."""
    out = {"ext": {}, "probes": set(), "jcc": 0, "cmov": 0, "invalid": 0, "imm46": 0, "calls": 0,
           "refs": set(), "mem": set()}
    cmd = [toolchain_objdump(), "-d", "--no-print-imm-hex", f"--start-address={image_base + rva:#x}",
           f"--stop-address={image_base + end:#x}", path]
    text = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    for line in text.splitlines():
        m = re.match(r"\s*[0-9a-f]+:\s+([0-9a-f]{8})\s+(\S+)\s*(.*)", line)
        if not m:
            continue
        word = int(m.group(1), 16)
        mnemonic, ops = m.group(2), m.group(3).split("//")[0].strip()
        if mnemonic == "<unknown>":
            out["invalid"] += 1
            continue
        if (word >> 25) & 0xF == 0b0010:
            out["ext"]["sve"] = out["ext"].get("sve", 0) + 1
        elif re.search(r"\bv\d+\.\d*[bhsd]\b", ops) or re.search(r"\bv\d+\.\d+[bhsd]\b", ops):
            out["ext"]["neon"] = out["ext"].get("neon", 0) + 1
        if mnemonic in ("cbz", "cbnz", "tbz", "tbnz") or mnemonic.startswith("b."):
            out["jcc"] += 1
        if mnemonic in ("csel", "cset", "csinc"):
            out["cmov"] += 1
        if mnemonic in ("bl", "blr"):
            out["calls"] += 1
        target = re.match(r"0x([0-9a-f]+)\b", ops.split(",")[-1].strip())
        if mnemonic in ("b", "bl", "adr") or (mnemonic.startswith("b.") or mnemonic in ("cbz", "cbnz")):
            if target:
                out["refs"].add(int(target.group(1), 16))
        if mnemonic == "mov" and re.match(r"w0, #46$", ops):
            out["imm46"] += 1
    return out


# ---------------------------------------------------------------- per fixture

def scan_fixture(name, fx):
    path = os.path.join(HERE, name)
    funcs = {}
    if fx["format"] == "elf":
        _, ranges = elf_functions(path)
        data = open(path, "rb").read()
        binary = lief.parse(path)
        for fn, (start, end) in ranges.items():
            funcs[fn] = scan_x86(bytes(binary.get_content_from_virtual_address(start, end - start)), start, 64)
            funcs[fn]["start"] = start
        return funcs
    pe, ranges = pe_functions(path)
    machine = pe.FILE_HEADER.Machine
    for fn, (rva, end) in ranges.items():
        start = pe.OPTIONAL_HEADER.ImageBase + rva
        if machine == 0xAA64:
            funcs[fn] = scan_arm64(path, pe.OPTIONAL_HEADER.ImageBase, rva, end)
        else:
            bits = 64 if machine == 0x8664 else 32
            funcs[fn] = scan_x86(pe_bytes(pe, rva, end), start, bits)
        funcs[fn]["start"] = start
    return funcs


def check_fixture(name, fx, funcs, problems, lines):
    path = os.path.join(HERE, name)
    if fx["format"] == "pe":
        machine = pefile.PE(path, fast_load=True).FILE_HEADER.Machine
    else:
        machine = lief.parse(path).header.machine_type.value
    if machine != fx["machine"]:
        problems.append(f"{name}: machine {machine:#x}, expected {fx['machine']:#x}")
    # Extensions: the named functions, exactly.
    for ext, claim in fx["extensions"].items():
        found = sorted(f for f, r in funcs.items() if r["ext"].get(ext))
        want = sorted(claim["functions"])
        if found != want:
            problems.append(f"{name}: {ext} in {found}, expected.json says {want}")
        count = sum(funcs[f]["ext"].get(ext, 0) for f in found)
        lines.append(f"  {ext:9} {claim['standing']:10} {count:4} instr in {', '.join(found) or '-'}")
    # Nothing else beyond the baseline (neon is the AArch64 baseline).
    seen = {e for r in funcs.values() for e in r["ext"]} - set(fx["extensions"]) - {"neon"}
    if seen:
        problems.append(f"{name}: unexpected extensions {sorted(seen)}")
    # Probes: exact set of functions holding CPUID/XGETBV.
    want_probes = {p["function"]: sorted(p["instructions"]) for p in fx.get("probes", [])}
    got_probes = {f: sorted(r["probes"]) for f, r in funcs.items() if r["probes"]}
    if want_probes != got_probes:
        problems.append(f"{name}: probes {got_probes}, expected.json says {want_probes}")
    for f, p in sorted(got_probes.items()):
        leaves = sorted(l for l in funcs[f].get("leaves", ()) if l is not None)
        lines.append(f"  probe     {'/'.join(p)} in {f}" + (f", CPUID leaves {leaves}" if leaves else ""))
    for p in fx.get("probes", []):
        r = funcs.get(p["function"])
        if r is not None and "cpuid_leaves" in p and r.get("leaves") != set(p["cpuid_leaves"]):
            problems.append(f"{name}: CPUID leaves in {p['function']} are {r.get('leaves')}, expected {p['cpuid_leaves']}")
    # Guards: the function named holds a conditional branch or cmov/csel; IPFP passes 46.
    reported = set()
    for ext, claim in fx["extensions"].items():
        guard = claim.get("guard")
        if not guard:
            continue
        guard_fns = guard["function"].split("|")
        for gf in guard_fns:
            g = funcs.get(gf)
            if g is None:
                problems.append(f"{name}: guard function {gf} not found")
                continue
            if not (g["jcc"] or g["cmov"]):
                problems.append(f"{name}: guard function {gf} has no jcc/cmov/csel")
            if guard["kind"] == "IsProcessorFeaturePresent" and not g.get("imm46"):
                problems.append(f"{name}: {gf} does not pass 46 to IsProcessorFeaturePresent")
            if (guard["kind"], gf) not in reported:
                reported.add((guard["kind"], gf))
                lines.append(f"  guard     {guard['kind']} in {gf} "
                             f"({g['jcc']} cond. branches, {g['cmov']} cmov/setcc/csel)")
        # A dispatched kernel is named (called, jumped to, or its address taken) only by the
        # guard functions: nothing else reaches it directly.
        for kf in claim["functions"]:
            k = funcs.get(kf)
            if k is None:
                continue
            by = sorted(f for f, r in funcs.items() if k["start"] in r["refs"] and f != kf)
            # Symbols at a guard's address are aliases of it (an IFUNC symbol is its resolver).
            allowed = {f for f, r in funcs.items() if any(funcs.get(g, {}).get("start") == r["start"] for g in guard_fns)}
            if not set(by) <= allowed:
                problems.append(f"{name}: {kf} is referenced by {by}, not only by the guard {guard_fns}")
            elif (kf, "refs") not in reported:
                reported.add((kf, "refs"))
                lines.append(f"  refs      {kf} named only by {', '.join(by)}")
    # Unconsumed start-up probes: no conditional branch in the probe, and no other function
    # touches the globals it stores to.
    for p in fx.get("probes", []):
        r = funcs.get(p["function"])
        if r is None or p.get("consumed", True):
            continue
        if r["jcc"]:
            problems.append(f"{name}: unconsumed probe {p['function']} has {r['jcc']} conditional branches")
        shared = {f: sorted(hex(a) for a in r["mem"] & o["mem"]) for f, o in funcs.items()
                  if f != p["function"] and r["mem"] & o["mem"]}
        if shared:
            problems.append(f"{name}: globals of {p['function']} also used by {shared}")
        else:
            lines.append(f"  unused    {len(r['mem'])} globals stored by {p['function']}: no other function touches them, no branch in it")
    share = fx.get("vex_function_share")
    if share:
        with_vex = sorted(f for f, r in funcs.items() if r.get("vex") or r.get("evex"))
        got = {"functions": len(funcs), "with_vex": len(with_vex)}
        if got["functions"] != share["functions"] or got["with_vex"] != share["with_vex"]:
            problems.append(f"{name}: VEX share {got}, expected.json says {share}")
        lines.append(f"  VEX/EVEX in {len(with_vex)} of {len(funcs)} functions "
                     f"({100.0 * len(with_vex) / len(funcs):.1f} %)")
    for f, r in funcs.items():
        if r["invalid"]:
            lines.append(f"  note: {r['invalid']} undecodable positions in {f}")


def check_exports(name, fx, problems, lines):
    path = os.path.join(HERE, name)
    if fx["format"] == "elf":
        binary = lief.parse(path)
        exported = sorted(s.name for s in binary.dynamic_symbols if s.name and s.value)
        ifuncs = {s.name for s in binary.symtab_symbols if s.type == lief.ELF.Symbol.TYPE.GNU_IFUNC}
        want = set(fx.get("ifunc_symbols", {}))
        if ifuncs != want:
            problems.append(f"{name}: STT_GNU_IFUNC symbols {sorted(ifuncs)}, expected {sorted(want)}")
        starts = {s.name: s.value for s in binary.symtab_symbols}
        for sym, info in fx.get("ifunc_symbols", {}).items():
            if starts.get(sym) != starts.get(info["resolver"]):
                problems.append(f"{name}: IFUNC {sym} does not point at {info['resolver']}")
        irel = [r for r in binary.dynamic_relocations if r.type == lief.ELF.Relocation.TYPE.X86_64_IRELATIVE]
        if want:
            lines.append(f"  elf       STT_GNU_IFUNC {', '.join(sorted(ifuncs))} (at their resolvers); {len(irel)} R_X86_64_IRELATIVE")
            if not irel:
                problems.append(f"{name}: no R_X86_64_IRELATIVE relocation")
        # PLT slots bound to the module's own functions (JUMP_SLOT against a defined symbol).
        own = sorted(r.symbol.name for r in binary.pltgot_relocations
                     if r.type == lief.ELF.Relocation.TYPE.X86_64_JUMP_SLOT and r.symbol and r.symbol.value)
        if "plt_to_own_symbols" in fx:
            lines.append(f"  elf       JUMP_SLOT to its own symbols: {', '.join(own)}")
            if own != sorted(fx["plt_to_own_symbols"]):
                problems.append(f"{name}: JUMP_SLOTs to own symbols {own}, expected {fx['plt_to_own_symbols']}")
        # Functions whose address is only in data: a RELATIVE addend, and no direct call or lea.
        for fn in fx.get("data_only_functions", []):
            addr = starts.get(fn)
            in_data = [r for r in binary.dynamic_relocations
                       if r.type == lief.ELF.Relocation.TYPE.X86_64_RELATIVE and r.addend == addr]
            text = binary.get_section(".text")
            code = bytes(text.content)
            refs = 0
            for instr in Decoder(64, code, ip=text.virtual_address):
                if instr.flow_control in (FlowControl.CALL, FlowControl.UNCONDITIONAL_BRANCH) \
                        and instr.op0_kind == OpKind.NEAR_BRANCH64 and instr.near_branch_target == addr:
                    refs += 1
                if instr.mnemonic == Mnemonic.LEA and instr.is_ip_rel_memory_operand \
                        and instr.ip_rel_memory_address == addr:
                    refs += 1
            lines.append(f"  elf       {fn}: {len(in_data)} R_X86_64_RELATIVE addends, {refs} code references")
            if not in_data or refs:
                problems.append(f"{name}: {fn} is not reached through data alone")
    else:
        pe = pefile.PE(path)
        exported = sorted(e.name.decode() for e in getattr(pe, "DIRECTORY_ENTRY_EXPORT", None).symbols) \
            if hasattr(pe, "DIRECTORY_ENTRY_EXPORT") else []
        if "entry" in fx:
            _, ranges = pe_functions(path)
            at_entry = [f for f, (rva, _) in ranges.items() if rva == pe.OPTIONAL_HEADER.AddressOfEntryPoint]
            if fx["entry"] not in at_entry:
                problems.append(f"{name}: entry point is {at_entry}, expected {fx['entry']}")
    if exported != sorted(fx.get("exports", [])):
        problems.append(f"{name}: exports {exported}, expected {fx.get('exports')}")


def main():
    expected = json.load(open(os.path.join(HERE, "expected.json")))
    problems, lines = [], []
    for name, fx in expected["fixtures"].items():
        funcs = scan_fixture(name, fx)
        lines.append(f"{name}: {len(funcs)} functions")
        check_fixture(name, fx, funcs, problems, lines)
        check_exports(name, fx, problems, lines)
    print("\n".join(lines))
    print(f"check.py: {len(expected['fixtures'])} fixtures, {len(problems)} problems")
    for p in problems:
        print("  PROBLEM " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
