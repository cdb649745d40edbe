#!/usr/bin/env python3
"""Cross-check `armready inspect --format json` against pefile and LIEF on every PE file
under the given paths. Prints one line per disagreement and a summary; exits 1 on any.

Usage: scripts/crosscheck-pe.py ARMREADY PATH...
Compared: machine, PE32/PE32+, subsystem, characteristics, DllCharacteristics, section names,
import DLL names (both directories, lower-case), export count and forwarders, number of .pdata
entries (x64 only), CLR flags, PDB path (pefile); ARM64EC/ARM64X classification and the
hybrid code map (LIEF).
"""
import json, os, subprocess, sys
import pefile
try:
    import lief
except ImportError:
    lief = None

def pe_files(paths):
    for root in paths:
        if os.path.isfile(root):
            yield root; continue
        for d, _, names in os.walk(root):
            for n in sorted(names):
                p = os.path.join(d, n)
                if os.path.isfile(p) and not os.path.islink(p):
                    with open(p, 'rb') as f:
                        if f.read(2) == b'MZ':
                            yield p

def expected(path):
    pe = pefile.PE(path, fast_load=True)
    pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY[k] for k in (
        'IMAGE_DIRECTORY_ENTRY_IMPORT', 'IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT', 'IMAGE_DIRECTORY_ENTRY_EXPORT',
        'IMAGE_DIRECTORY_ENTRY_COM_DESCRIPTOR', 'IMAGE_DIRECTORY_ENTRY_DEBUG', 'IMAGE_DIRECTORY_ENTRY_EXCEPTION')])
    e = {
        'machine': pe.FILE_HEADER.Machine,
        'isPE32Plus': pe.OPTIONAL_HEADER.Magic == 0x20b,
        'subsystem': pe.OPTIONAL_HEADER.Subsystem,
        'characteristics': pe.FILE_HEADER.Characteristics,
        'dllCharacteristics': pe.OPTIONAL_HEADER.DllCharacteristics,
        'sections': [s.Name.rstrip(b'\0').decode('utf-8', 'replace') for s in pe.sections],
    }
    dlls = []
    for attr in ('DIRECTORY_ENTRY_IMPORT', 'DIRECTORY_ENTRY_DELAY_IMPORT'):
        for entry in getattr(pe, attr, []):
            name = entry.dll.decode('utf-8', 'replace').lower()
            if name not in dlls:
                dlls.append(name)
    e['imports'] = dlls
    exp = getattr(pe, 'DIRECTORY_ENTRY_EXPORT', None)
    e['exportCount'] = len([s for s in exp.symbols if s.address or s.forwarder]) if exp else 0
    e['forwarders'] = sorted(s.forwarder.decode() for s in exp.symbols if s.forwarder) if exp else []
    if pe.FILE_HEADER.Machine == 0x8664 and hasattr(pe, 'DIRECTORY_ENTRY_EXCEPTION'):
        e['pdataCount'] = len(pe.DIRECTORY_ENTRY_EXCEPTION)
    # pefile does not parse the CLI header; read its Flags (offset 16) through pefile's RVA mapping.
    clr = pe.OPTIONAL_HEADER.DATA_DIRECTORY[14] if len(pe.OPTIONAL_HEADER.DATA_DIRECTORY) > 14 else None
    e['clrFlags'] = pe.get_dword_at_rva(clr.VirtualAddress + 16) if clr and clr.VirtualAddress else None
    pdb = None
    for d in getattr(pe, 'DIRECTORY_ENTRY_DEBUG', []):
        if d.struct.Type == 2 and d.entry is not None and hasattr(d.entry, 'PdbFileName'):
            pdb = d.entry.PdbFileName.rstrip(b'\0').decode('utf-8', 'replace'); break
    e['pdbPath'] = pdb
    if lief is not None:
        lief.logging.disable()
        b = lief.PE.parse(path)
        if b is not None:
            e['arm64ec'] = b.is_arm64ec
            e['arm64x'] = b.is_arm64x
            lc = b.load_configuration
            meta = getattr(lc, 'chpe_metadata', None) if lc else None
            if meta is not None and hasattr(meta, 'code_ranges'):
                ranges = []
                for r in meta.code_ranges:
                    ranges.append((r.start, r.end - r.start, str(r.type).split('.')[-1].lower()))
                e['codeMap'] = ranges
            e['hasARM64XRelocations'] = any(getattr(d, 'symbol', None) == 6 for d in lc.dynamic_relocations) if lc else False
    return e

def actual_map(image):
    pe = image.get('pe') or {}
    a = {
        'machine': image.get('machine'), 'isPE32Plus': pe.get('isPE32Plus'), 'subsystem': pe.get('subsystem'),
        'characteristics': pe.get('characteristics'), 'dllCharacteristics': pe.get('dllCharacteristics'),
        'sections': [s['name'] for s in pe.get('sections', [])], 'imports': pe.get('imports'),
    }
    exports = pe.get('exports') or {'entries': []}
    a['exportCount'] = len(exports['entries'])
    a['forwarders'] = sorted(x['forwarder'] for x in exports['entries'] if x.get('forwarder'))
    if image.get('machine') == 0x8664 and not pe.get('hasCHPEMetadata'):
        a['pdataCount'] = pe.get('exceptionFunctionCount')
    a['clrFlags'] = (pe.get('clr') or {}).get('flags')
    a['pdbPath'] = pe.get('pdbPath')
    a['arm64ec'] = image.get('execution') == 'arm64ec'
    a['arm64x'] = image.get('execution') == 'arm64x'
    a['hasARM64XRelocations'] = pe.get('hasARM64XRelocations')
    hybrid = pe.get('hybrid')
    if hybrid:
        a['codeMap'] = [(r['start'], r['size'], r['architecture']) for r in hybrid['codeMap']]
    return a

def main():
    armready, paths = sys.argv[1], sys.argv[2:]
    files = list(pe_files(paths))
    out = subprocess.run([armready, 'inspect', '--format', 'json', *files], capture_output=True, text=True)
    doc = json.loads(out.stdout)
    mismatches = 0
    for image in doc['files']:
        path = image['path']
        try:
            e = expected(path)
        except pefile.PEFormatError as error:
            # pefile reads PE images only; DOS and NE files are armready's `dos` format.
            if image.get('error') is None and image.get('format') != 'dos':
                print(f'{path}: pefile rejects it ({error}) but armready read it')
                mismatches += 1
            continue
        if image.get('error'):
            print(f'{path}: armready error: {image["error"]}'); mismatches += 1; continue
        a = actual_map(image)
        for key, value in e.items():
            if key == 'pdataCount' and key not in a: continue
            if key == 'codeMap' and value and a.get('codeMap') is not None:
                # LIEF names: ARM64, ARM64EC, AMD64.
                names = {'arm64': 'arm64', 'arm64ec': 'arm64ec', 'amd64': 'x64'}
                value = [(s, n, names.get(t, t)) for s, n, t in value]
            if a.get(key) != value:
                mismatches += 1
                print(f'{path}: {key}: pefile/LIEF {value!r} armready {a.get(key)!r}')
    print(f'{len(doc["files"])} PE files compared, {mismatches} disagreements')
    sys.exit(1 if mismatches else 0)

main()
