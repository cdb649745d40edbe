#!/usr/bin/env bash
# Builds the ELF code-roots fixtures (a PIE per machine with an IFUNC, a constructor,
# a destructor, _init/_fini (DT_INIT/DT_FINI), exports, PLT and GOT imports) with clang and ld.lld. Called by
# build.sh; reproducible (no build id, fixed sources). The test compares them with
# readelf, so no expected file is written.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TC="${TC:-$(dirname "$(readlink -f "$(which swift)")")}"
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
for target in x86_64 i386 aarch64; do
    flags=(--target=$target-linux-gnu -O1 -fPIC -ffreestanding -fno-stack-protector -fno-ident
        -fno-asynchronous-unwind-tables -fno-unwind-tables)
    "$TC/clang" "${flags[@]}" -c "$HERE/elf-src/stub.c" -o "$W/stub-$target.o"
    "$TC/ld.lld" -shared --build-id=none -soname libstub.so "$W/stub-$target.o" -o "$W/libstub-$target.so"
    "$TC/clang" "${flags[@]}" -c "$HERE/elf-src/roots.c" -o "$W/roots-$target.o"
    "$TC/ld.lld" -pie --export-dynamic --build-id=none -z now -e _start "$W/roots-$target.o" "$W/libstub-$target.so" \
        -o "$HERE/${target}_roots.elf"
done
