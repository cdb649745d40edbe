#!/usr/bin/env bash
# Builds the ELF fixtures into $FIXTURES/elf from src/elf. Called by ../regenerate.sh
# with TC (toolchain bin), FIXTURES and WORK set.
set -euo pipefail
: "${TC:?}" "${FIXTURES:?}" "${WORK:?}"
SRC="$FIXTURES/src/elf"
OUT="$FIXTURES/elf"
W="$WORK/elf"
mkdir -p "$OUT" "$W"
cd "$W"

# No sysroot: -nostdlib everywhere, lld from the toolchain, no .comment from clang.
CFLAGS=(-O2 -nostdlib -ffreestanding -fno-builtin -fno-stack-protector -fno-ident -fuse-ld=lld -Wno-unused-command-line-argument)
elfcc() { "$TC/clang" "${CFLAGS[@]}" "$@"; }

# Stub libc.so.6 per architecture that links against it (not committed).
for t in x86_64-linux-gnu aarch64-linux-gnu; do
    elfcc --target=$t -shared -fPIC -Wl,-soname,libc.so.6 "$SRC/stub_libc.c" -o libc-$t.so
done

# x86-64 PIE: interpreter + DT_NEEDED libc.so.6.
elfcc --target=x86_64-linux-gnu -fPIE -pie -DUSE_LIBC -Wl,--dynamic-linker,/lib64/ld-linux-x86-64.so.2 \
    "$SRC/program.c" libc-x86_64-linux-gnu.so -o "$OUT/x86_64_app"
# The same, stripped of its symbol table.
elfcc --target=x86_64-linux-gnu -fPIE -pie -DUSE_LIBC -Wl,--dynamic-linker,/lib64/ld-linux-x86-64.so.2 \
    -Wl,--strip-all "$SRC/program.c" libc-x86_64-linux-gnu.so -o "$OUT/x86_64_stripped"
# x86-64 shared library with a SONAME.
elfcc --target=x86_64-linux-gnu -shared -fPIC -Wl,-soname,libfixture.so.1 \
    "$SRC/library.c" -o "$OUT/x86_64_lib.so"
# Static x86-64 executable with a SHA-1 build id.
elfcc --target=x86_64-linux-gnu -static -Wl,--build-id=sha1 "$SRC/program.c" -o "$OUT/x86_64_buildid"
# x86-64 with IBT and SHSTK in its GNU property note.
elfcc --target=x86_64-linux-gnu -static -fcf-protection=full -Wl,-z,force-ibt -Wl,-z,shstk \
    "$SRC/program.c" -o "$OUT/x86_64_cet"
# x86-64 whose GNU property note says ISA level x86-64-v3 is needed: GNU ld stamps it.
elfcc --target=x86_64-linux-gnu -march=x86-64-v3 -c "$SRC/program.c" -o isa_v3.o
ld -static -z x86-64-v3 -z noexecstack -z noseparate-code -e _start isa_v3.o -o "$OUT/x86_64_isa_v3"
# Relocatable object (ET_REL).
elfcc --target=x86_64-linux-gnu -c "$SRC/program.c" -o "$OUT/x86_64_object.o"

# i386 static executable.
elfcc --target=i686-linux-gnu -static "$SRC/program.c" -o "$OUT/i386_app"

# AArch64 PIE (interpreter + libc.so.6) and shared library.
elfcc --target=aarch64-linux-gnu -fPIE -pie -DUSE_LIBC -Wl,--dynamic-linker,/lib/ld-linux-aarch64.so.1 \
    "$SRC/program.c" libc-aarch64-linux-gnu.so -o "$OUT/aarch64_app"
elfcc --target=aarch64-linux-gnu -shared -fPIC -Wl,-soname,libfixture.so.1 \
    "$SRC/library.c" -o "$OUT/aarch64_lib.so"
# AArch64 with BTI and PAC in its GNU property note.
elfcc --target=aarch64-linux-gnu -static -mbranch-protection=standard -Wl,-z,force-bti \
    "$SRC/program.c" -o "$OUT/aarch64_bti_pac"

# 32-bit Arm, EABI5 hard-float.
elfcc --target=armv7a-linux-gnueabihf -mfloat-abi=hard -static "$SRC/program.c" -o "$OUT/armhf_app"

# RISC-V 64 (lp64d).
elfcc --target=riscv64-linux-gnu -static "$SRC/program.c" -o "$OUT/riscv64_app"

# Hexagon DSP shared library (EM_QDSP6 = 164), named like a FastRPC "skel": the toolchain's
# clang has no Hexagon backend, Debian's llvm-mc (llvm 14) has one; ld.lld links Hexagon.
llvm-mc -triple=hexagon -mcpu=hexagonv68 -filetype=obj "$SRC/hexagon_skel.s" -o hexagon_skel.o
"$TC/ld.lld" -shared -soname libFixtureV68Skel.so hexagon_skel.o -o "$OUT/libFixtureV68Skel.so"
