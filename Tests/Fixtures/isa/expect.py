#!/usr/bin/env python3
"""Independent expectations for the ISA fixtures (and for real binaries).

For every executable section of each ELF (or, for x86/x64, PE) file given on the command line, decodes the bytes
with a decoder that shares no code with armready:
  * x86/x64: iced-x86 (PyPI), linear sweep, one byte skipped after an undecodable position;
    the extension names come from iced's per-instruction CPUID feature list.
  * AArch64: llvm-objdump -d mnemonics and operands, classified by the rules below.
Prints JSON: {file: {"arch", "sections": [{name, address, offset, size}], "x86"|"arm64": {ext: n},
"hints": {ext: n}, "cpuid": n, "xgetbv": n, "idRegisterReads": n}}.

Hint-space rules (the same *policy* as armready, applied to iced's mnemonics): ENDBR32/64 ->
endbr, TZCNT -> tzcnt, RDSSPD/Q -> rdssp, BND* (MPX) -> mpx, CLDEMOTE -> cldemote; CPUID and XGETBV are dispatch
evidence, not extensions. AArch64: PAC hint instructions (PACIASP...) -> pac, BTI -> bti.
"""
import json
import os
import re
import subprocess
import sys

import lief
from iced_x86 import Decoder, DecoderOptions, Mnemonic, CpuidFeature, Code

FEATURE_NAMES = {getattr(CpuidFeature, n): n for n in dir(CpuidFeature) if n.isupper()}
MNEMONIC_NAMES = {getattr(Mnemonic, n): n for n in dir(Mnemonic) if n.isupper() or n[0].isupper()}
BASE = {"INTEL8086", "INTEL186", "INTEL286", "INTEL386", "INTEL486", "X64", "CPUID", "PAUSE",
        "MULTIBYTENOP", "INTEL8086_ONLY", "INTEL386_ONLY", "INTEL286_ONLY", "TSC", "MSR", "SYSCALL", "SEP", "CX8", "RDPMC"}
RENAME = {"SSE4_1": "sse4.1", "SSE4_2": "sse4.2", "FPU": "x87", "FPU287": "x87", "FPU387": "x87",
          "CMPXCHG16B": "cx16", "CLFSH": "clflush", "FXSR": "fxsr", "D3NOW": "3dnow",
          "D3NOWEXT": "3dnowext"}


def x86_feature(name):
    if name in RENAME:
        return RENAME[name]
    return name.lower().replace("avx512_", "avx512")


def scan_x86(data, address, bits, out):
    pos = 0
    decoder = Decoder(bits, data, DecoderOptions.NONE)
    while pos < len(data):
        decoder.position = pos
        decoder.ip = address + pos
        instr = decoder.decode()
        if instr.code == Code.INVALID or instr.len == 0:
            out["failures"] += 1
            pos += 1
            continue
        pos += instr.len
        mnemonic = MNEMONIC_NAMES.get(instr.mnemonic, "")
        if mnemonic in ("CPUID", "XGETBV"):
            out[mnemonic.lower()] += 1
            continue
        hint = {"ENDBR32": "endbr", "ENDBR64": "endbr", "TZCNT": "tzcnt", "RDSSPD": "rdssp",
                "RDSSPQ": "rdssp", "CLDEMOTE": "cldemote"}.get(mnemonic)
        if hint is None and mnemonic.startswith("BND"):
            hint = "mpx"
        if hint:
            out["hints"][hint] = out["hints"].get(hint, 0) + 1
            continue
        for feature in instr.cpuid_features():
            name = FEATURE_NAMES.get(feature, str(feature))
            if name in BASE:
                continue
            ext = x86_feature(name)
            out["x86"][ext] = out["x86"].get(ext, 0) + 1


SVE2 = set("""saba sabalb sabalt sabdlb sabdlt sadalp saddlb saddlbt saddlt saddwb saddwt sbclb sbclt
adclb adclt addhnb addhnt addp raddhnb raddhnt rsubhnb rsubhnt subhnb subhnt bcax bsl bsl1n bsl2n nbsl
eor3 eorbt eortb xar cadd cdot cmla sqcadd sqrdcmlah faddp fmaxnmp fmaxp fminnmp fminp flogb fcvtlt
fcvtnt fcvtx fcvtxnt fmlalb fmlalt fmlslb fmlslt histcnt histseg match nmatch pmul pmullb pmullt rshrnb
rshrnt shrnb shrnt sqrshrnb sqrshrnt sqshrnb sqshrnt sqshrunb sqshrunt sqrshrunb sqrshrunt uqshrnb
uqshrnt uqrshrnb uqrshrnt sqxtnb sqxtnt uqxtnb uqxtnt sqxtunb sqxtunt shadd shsub shsubr srhadd uhadd
uhsub uhsubr urhadd sli sri smaxp sminp umaxp uminp smlalb smlalt smlslb smlslt umlalb umlalt umlslb
umlslt smullb smullt umullb umullt sqdmlalb sqdmlalbt sqdmlalt sqdmlslb sqdmlslbt sqdmlslt sqdmulh
sqrdmulh sqdmullb sqdmullt sqrdmlah sqrdmlsh sqabs sqneg sqsubr uqsubr suqadd usqadd srshl urshl srshlr
urshlr sqrshl uqrshl sqshlr uqshlr sqrshlr uqrshlr sqshlu srshr urshr srsra ursra ssra usra sshllb
sshllt ushllb ushllt ssublb ssublbt ssublt ssubltb ssubwb ssubwt usublb usublt usubwb usubwt uaddlb
uaddlt uaddwb uaddwt uaba uabalb uabalt uabdlb uabdlt uadalp urecpe ursqrte tbx whilege whilegt whilehi
whilehs whilerw whilewr bdep bext bgrp ldnt1sb ldnt1sh ldnt1sw
luti2 luti4 tblq tbxq uzpq1 uzpq2 zipq1 zipq2 uclamp sclamp fclamp bfclamp dupq extq pmov addqv andqv
eorqv orqv smaxqv sminqv umaxqv uminqv faddqv fmaxqv fminqv fmaxnmqv fminnmqv ld1q st1q""".split())
# SVE2.1 (and SME2 instructions legal outside streaming mode with SVE2.1) count as the sve2 family.
# Mnemonics that are SVE2 only in some forms: decided from the operands below.
SVE2_IF_UNPREDICATED = {"mul", "mla", "mls", "smulh", "umulh"}
SVE2_IF_PREDICATED = {"sqadd", "uqadd", "sqsub", "uqsub", "sqshl", "uqshl"}
LSE = re.compile(r"^(ld|st)(add|clr|eor|set|smax|smin|umax|umin)(a|al|l)?(b|h)?$|^swp(a|al|l)?(b|h)?$|^casp?(a|al|l)?(b|h)?$")
PAC_HINTS = {"paciasp", "pacibsp", "autiasp", "autibsp", "paciaz", "pacibz", "autiaz", "autibz",
             "pacia1716", "pacib1716", "autia1716", "autib1716", "xpaclri"}
PAUTH = re.compile(r"^(pac(i|d)(a|b|za|zb)|aut(i|d)(a|b|za|zb)|xpac(i|d)|pacga|bra(a|b)z?|blra(a|b)z?|reta(a|b)|ereta(a|b)|ldra(a|b))$")
MTE = {"irg", "gmi", "subp", "subps", "addg", "subg", "stg", "stzg", "st2g", "stz2g", "ldg", "stgm", "ldgm", "stzgm", "stgp"}
SIMPLE = {"aese": "aes", "aesd": "aes", "aesmc": "aes", "aesimc": "aes",
          "sha1c": "sha1", "sha1p": "sha1", "sha1m": "sha1", "sha1su0": "sha1", "sha1su1": "sha1", "sha1h": "sha1",
          "sha256h": "sha2", "sha256h2": "sha2", "sha256su0": "sha2", "sha256su1": "sha2",
          "sha512h": "sha512", "sha512h2": "sha512", "sha512su0": "sha512", "sha512su1": "sha512",
          "eor3": "sha3", "bcax": "sha3", "rax1": "sha3", "xar": "sha3",
          "sm3ss1": "sm3", "sm3tt1a": "sm3", "sm3tt1b": "sm3", "sm3tt2a": "sm3", "sm3tt2b": "sm3",
          "sm3partw1": "sm3", "sm3partw2": "sm3", "sm4e": "sm4", "sm4ekey": "sm4",
          "smmla": "i8mm", "ummla": "i8mm", "usmmla": "i8mm", "usdot": "i8mm", "sudot": "i8mm",
          "ldapr": "rcpc", "ldaprb": "rcpc", "ldaprh": "rcpc", "ldapur": "rcpc", "ldapurb": "rcpc",
          "ldapurh": "rcpc", "ldapursb": "rcpc", "ldapursh": "rcpc", "ldapursw": "rcpc", "stlur": "rcpc",
          "stlurb": "rcpc", "stlurh": "rcpc", "smstart": "sme", "smstop": "sme", "rdsvl": "sme",
          "addsvl": "sme", "addspl": "sme"}


def classify_arm64(mnemonic, ops):
    """Extension of one AArch64 instruction from its llvm-objdump text, or None for the base."""
    sve_regs = re.search(r"\bz\d+\.|\bz\d+\b|\bp\d+(/|\.|\b)|\bpn\d+", ops)
    if mnemonic in PAC_HINTS:
        return "pac"
    if mnemonic == "bti":
        return "bti"
    if re.search(r"\bza\w*", ops) or mnemonic in ("smstart", "smstop", "rdsvl", "addsvl", "addspl"):
        return "sme"
    if re.match(r"^(cnt|inc|dec|sqinc|uqinc|sqdec|uqdec)[bhwd]$|^(addvl|addpl|rdvl)$", mnemonic):
        return "sve"  # SVE scalar forms (element counts, vector-length arithmetic): no z/p operand
    if sve_regs:
        if re.search(r"\bpn\d+", ops):  # predicate-as-counter: SME2 / SVE2.1
            return "sme" if mnemonic.startswith(("ld", "st")) else "sve2"
        if ops.startswith("{ z") and "," in ops.split("}")[0] and not mnemonic.startswith(("ld", "st")):
            return "sme"  # multi-vector destination: SME2
        if mnemonic.startswith("f") and re.search(r"z\d+\.b", ops):
            return "sve"  # FP8 forms: not classified further
        if mnemonic in SVE2:
            return "sve2"
        if mnemonic in SVE2_IF_UNPREDICATED and not re.search(r"\bp\d+/", ops) and "#" not in ops:
            return "sve2"
        if mnemonic in SVE2_IF_PREDICATED and re.search(r"\bp\d+/m", ops):
            return "sve2"
        if mnemonic in ("sdot", "udot") and re.search(r"z\d+\.s, z\d+\.h", ops):
            return "sve2"  # 2-way (16-bit into 32-bit) dot product: SVE2.1
        if mnemonic in ("tbl", "splice", "ext") and re.search(r"\{ z\d+\.\w, z|\{ z\d+\.\w - z", ops):
            return "sve2"
        if mnemonic in ("aese", "aesd", "aesmc", "aesimc", "sm4e", "sm4ekey", "rax1"):
            return "sve2"
        if mnemonic.startswith(("ldnt1", "stnt1")) and re.search(r"\[z\d+", ops):
            return "sve2"
        return "sve"
    if mnemonic in SIMPLE:
        return SIMPLE[mnemonic]
    if LSE.match(mnemonic):
        return "lse"
    if mnemonic.startswith("crc32"):
        return "crc32"
    if mnemonic in ("pmull", "pmull2") and ".1q" in ops:
        return "pmull"
    if mnemonic in ("sdot", "udot"):
        return "dotprod"
    if mnemonic.startswith("bf") and mnemonic not in ("bfi", "bfxil", "bfm", "bfc"):  # bitfield ops are base
        return "bf16"
    if PAUTH.match(mnemonic):
        return "pauth"
    if mnemonic in MTE:
        return "mte"
    half = re.search(r"\bh\d+\b|\.\d*h\b|\.h\[", ops)
    if half and re.search(r"\.\d*b\b|\.\d*b\[", ops) and mnemonic.startswith("f"):
        return None  # FP8 into half (FEAT_FP8FMA/FP8DOT2): not classified
    if half and (mnemonic.startswith("f") or mnemonic in ("scvtf", "ucvtf")) and not mnemonic.startswith("fcvt") \
            and not (mnemonic == "fmov" and re.search(r"\bs\d+|\bd\d+", ops)):
        return "fp16"
    if half and mnemonic.startswith("fcvt") and mnemonic not in ("fcvt", "fcvtl", "fcvtl2", "fcvtn", "fcvtn2", "fcvtxn", "fcvtxn2"):
        return "fp16"
    return None


def scan_arm64(path, sections, out):
    tool = os.environ.get("LLVM_OBJDUMP", "llvm-objdump")
    text = subprocess.run([tool, "-d", "--no-show-raw-insn", "--no-print-imm-hex", path] +
                          [f"--section={s['name']}" for s in sections],
                          capture_output=True, text=True, check=True).stdout
    line_re = re.compile(r"^\s*[0-9a-f]+:\s+(\S+)\s*(.*)$")
    for line in text.splitlines():
        m = line_re.match(line)
        if not m:
            continue
        mnemonic, ops = m.group(1), m.group(2).split("//")[0].strip()
        if mnemonic == "mrs" and "ID_AA64" in ops.upper():
            out["idRegisterReads"] += 1
            continue
        ext = classify_arm64(mnemonic, ops)
        if ext is None:
            continue
        bucket = out["hints"] if ext in ("pac", "bti") else out["arm64"]
        bucket[ext] = bucket.get(ext, 0) + 1


def pe_layout(binary):
    """PE: sections with IMAGE_SCN_MEM_EXECUTE or IMAGE_SCN_CNT_CODE; bytes = raw data capped at VirtualSize."""
    machine = binary.header.machine
    arch = {lief.PE.Header.MACHINE_TYPES.AMD64: "x64", lief.PE.Header.MACHINE_TYPES.I386: "x86",
            lief.PE.Header.MACHINE_TYPES.ARM64: "arm64"}.get(machine, "other")
    sections = []
    for s in binary.sections:
        if not (s.characteristics & 0x20000020):
            continue
        size = s.sizeof_raw_data if s.virtual_size == 0 else min(s.sizeof_raw_data, s.virtual_size)
        if size > 0:
            sections.append({"name": s.name, "address": s.virtual_address, "offset": s.pointerto_raw_data, "size": size})
    return arch, sections


def analyse(path):
    binary = lief.parse(path)
    if isinstance(binary, lief.PE.Binary):
        arch, sections = pe_layout(binary)
    else:
        machine = binary.header.machine_type
        arch = {lief.ELF.ARCH.X86_64: "x64", lief.ELF.ARCH.I386: "x86", lief.ELF.ARCH.AARCH64: "arm64"}.get(machine, "other")
        sections = [{"name": s.name, "address": s.virtual_address, "offset": s.offset, "size": s.size}
                    for s in binary.sections if s.has(lief.ELF.Section.FLAGS.EXECINSTR) and s.size > 0
                    and s.type != lief.ELF.Section.TYPE.NOBITS]
    out = {"arch": arch, "sections": sections, "x86": {}, "arm64": {}, "hints": {}, "cpuid": 0,
           "xgetbv": 0, "failures": 0, "idRegisterReads": 0}
    raw = open(path, "rb").read()
    if arch in ("x64", "x86"):
        for s in sections:
            scan_x86(raw[s["offset"]:s["offset"] + s["size"]], s["address"], 64 if arch == "x64" else 32, out)
    elif arch == "arm64" and isinstance(binary, lief.ELF.Binary):
        scan_arm64(path, sections, out)
    return out


def main():
    result = {os.path.basename(p): analyse(p) for p in sys.argv[1:]}
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
