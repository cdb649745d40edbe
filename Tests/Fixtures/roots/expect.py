#!/usr/bin/env python3
"""Writes expected.json: the code roots and import slots of the PE fixtures here and
in ../pe, ../dotnet and ../isa, from pefile (entry point, exports, import and delay-load
IAT entries) and llvm-readobj --coff-tls-directory plus pefile's reads of the callback
array (TLS callbacks). armready itself is never consulted. Addresses are RVAs.
"""
import json
import re
import subprocess
from pathlib import Path

import pefile

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent


def text(value):
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def tls_callbacks(pe, path):
    """llvm-readobj gives AddressOfCallBacks; pefile reads the zero-ended VA array."""
    out = subprocess.run(["llvm-readobj", "--coff-tls-directory", str(path)],
                         capture_output=True, text=True, check=True).stdout
    match = re.search(r"AddressOfCallBacks: (0x[0-9A-Fa-f]+)", out)
    if not match or int(match.group(1), 16) == 0:
        return []
    base = pe.OPTIONAL_HEADER.ImageBase
    width = 8 if pe.OPTIONAL_HEADER.Magic == pefile.OPTIONAL_HEADER_MAGIC_PE_PLUS else 4
    rva = int(match.group(1), 16) - base
    callbacks = []
    while True:
        data = pe.get_data(rva + len(callbacks) * width, width)
        value = int.from_bytes(data, "little")
        if value == 0:
            return callbacks
        callbacks.append(value - base)


def slots(pe, entries):
    base = pe.OPTIONAL_HEADER.ImageBase
    return [{"address": imp.address - base,
             "name": text(imp.name) if imp.name else f"#{imp.ordinal}"}
            for entry in entries for imp in entry.imports]


def facts(path):
    pe = pefile.PE(str(path))
    exports = []
    if hasattr(pe, "DIRECTORY_ENTRY_EXPORT"):
        exports = [{"address": s.address, "name": text(s.name)}
                   for s in pe.DIRECTORY_ENTRY_EXPORT.symbols if s.address and not s.forwarder]
    result = {
        "entry": pe.OPTIONAL_HEADER.AddressOfEntryPoint,
        "exports": exports,
        "tlsCallbacks": tls_callbacks(pe, path),
        "importSlots": slots(pe, getattr(pe, "DIRECTORY_ENTRY_IMPORT", [])),
        "delayImportSlots": slots(pe, getattr(pe, "DIRECTORY_ENTRY_DELAY_IMPORT", [])),
    }
    pe.close()
    return result


def main():
    expected = {}
    for folder in ("roots", "pe", "dotnet", "isa"):
        for path in sorted((FIXTURES / folder).glob("*")):
            if path.suffix.lower() not in (".exe", ".dll", ".sys", ".efi"):
                continue
            try:
                expected[f"{folder}/{path.name}"] = facts(path)
            except pefile.PEFormatError:
                continue
    (HERE / "expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
