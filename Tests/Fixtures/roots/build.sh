#!/usr/bin/env bash
# Builds the code-roots fixtures (TLS callbacks, exports, imports by name and by
# ordinal, delay-load imports) for PE32+ and PE32, then writes expected.json with
# expect.py (pefile and llvm-readobj, never armready). Run from anywhere; also run
# by ../regenerate.sh. Reproducible: /Brepro, fixed sources.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TC="${TC:-$(dirname "$(readlink -f "$(which swift)")")}"
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
cd "$W"
ln -sf "$TC/llvm-ar" llvm-lib
ln -sf "$TC/llvm-ar" llvm-dlltool
CFLAGS=(-O2 -ffreestanding -fno-builtin -fno-stack-protector -fno-ident)
./llvm-lib /machine:x64 /def:"$HERE/kernel32.def" /out:kernel32_x64.lib
./llvm-lib /machine:x64 /def:"$HERE/user32.def" /out:user32_x64.lib
./llvm-dlltool -m i386 -k -d "$HERE/kernel32_x86.def" -l kernel32_x86.lib
./llvm-dlltool -m i386 -k -d "$HERE/user32_x86.def" -l user32_x86.lib

"$TC/clang" --target=x86_64-pc-windows-msvc "${CFLAGS[@]}" -c "$HERE/tls_app.c" -o tls_x64.obj
"$TC/lld-link" /Brepro /nodefaultlib /machine:x64 /subsystem:console /entry:mainCRTStartup \
    /noimplib /delayload:user32.dll tls_x64.obj kernel32_x64.lib user32_x64.lib /out:"$HERE/x64_tls.exe"
"$TC/clang" --target=i686-pc-windows-msvc "${CFLAGS[@]}" -c "$HERE/tls_app.c" -o tls_x86.obj
"$TC/lld-link" /Brepro /nodefaultlib /machine:x86 /safeseh:no /subsystem:console /entry:mainCRTStartup \
    /noimplib /delayload:user32.dll tls_x86.obj kernel32_x86.lib user32_x86.lib /out:"$HERE/x86_tls.exe"

bash "$HERE/elf-build.sh"
python3 "$HERE/expect.py"
