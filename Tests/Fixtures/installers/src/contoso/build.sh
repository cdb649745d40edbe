#!/usr/bin/env bash
# Builds contoso-arm64.exe (arm64, imports contoso-core.dll) and contoso-core.dll (x64) with the
# Swift toolchain's clang and lld-link, as Tests/Fixtures/src/build-pe.sh builds the PE fixtures.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
defs="$here/../../../src/defs"
TC="${TC:-$(dirname "$(readlink -f "$(command -v swift)")")}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
ln -sf "$TC/llvm-ar" llvm-lib
CFLAGS=(-O2 -ffreestanding -fno-builtin -fno-stack-protector -fno-ident -funwind-tables)
link() { "$TC/lld-link" /Brepro /nodefaultlib "$@"; }
./llvm-lib /machine:arm64 /def:"$defs/kernel32.def" /out:kernel32_arm64.lib
./llvm-lib /machine:arm64 /def:"$here/contoso-core.def" /out:contoso-core_arm64.lib
"$TC/clang" --target=x86_64-pc-windows-msvc "${CFLAGS[@]}" -c "$here/contoso-core.c" -o core.obj
link /machine:x64 /dll /noentry /def:"$here/contoso-core.def" core.obj /implib:core_x64.lib /out:"$here/contoso-core.dll"
"$TC/clang" --target=aarch64-pc-windows-msvc "${CFLAGS[@]}" -c "$here/contoso-arm64.c" -o app.obj
link /machine:arm64 /subsystem:console /entry:mainCRTStartup app.obj contoso-core_arm64.lib kernel32_arm64.lib \
    /out:"$here/contoso-arm64.exe"
