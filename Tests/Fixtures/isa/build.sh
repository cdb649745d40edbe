#!/usr/bin/env bash
# Builds the ISA fixtures from src/ with the Swift toolchain's clang and lld, then records the
# expected extension counts with an independent decoder (expect.py: iced-x86 for x86,
# llvm-objdump mnemonics for AArch64). Called by Tests/Fixtures/regenerate.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(dirname "$(readlink -f "$(command -v swift)")")"
cc="$bin/clang"
cd "$here"
common=(-O2 -ffreestanding -fno-builtin -fno-stack-protector -nostdlib -fuse-ld=lld -Wl,-e,start -Wl,--build-id=none)
x86=(--target=x86_64-linux-gnu "${common[@]}")
"$cc" "${x86[@]}" -march=x86-64 -fcf-protection=full src/x86_kernels.c -o x64-baseline.elf
"$cc" "${x86[@]}" -march=x86-64-v3 src/x86_kernels.c -o x64-v3.elf
"$cc" "${x86[@]}" -march=x86-64 -mavx512f -mavx512bw -mavx512vl src/x86_kernels.c -o x64-avx512.elf
"$cc" "${x86[@]}" -march=x86-64 src/x86_dispatch.c -o x64-dispatch.elf
"$cc" --target=i686-linux-gnu "${common[@]}" -march=pentium4 -mavx2 -mfma src/x86_kernels.c -o x86-avx2.elf
arm=(--target=aarch64-linux-gnu "${common[@]}")
"$cc" "${arm[@]}" -march=armv8-a src/arm64_baseline.c -o arm64-baseline.elf
"$cc" "${arm[@]}" -march=armv9-a+sve2+sme+crypto+sha3+sm4+i8mm+bf16+fp16+rcpc+memtag+lse \
    -mbranch-protection=standard src/arm64_features.c -o arm64-features.elf
# PE: an import library for kernel32 without an SDK (llvm-ar acting as llvm-lib), then lld-link.
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
ln -s "$bin/llvm-ar" "$tmp/llvm-lib"
printf 'LIBRARY kernel32.dll\nEXPORTS\nIsProcessorFeaturePresent\n' > "$tmp/kernel32.def"
"$tmp/llvm-lib" /machine:x64 /def:"$tmp/kernel32.def" /out:"$tmp/k32.lib" >/dev/null
"$cc" --target=x86_64-pc-windows-msvc -O2 -ffreestanding -fno-builtin -fno-stack-protector -fasynchronous-unwind-tables -c src/pe_dispatch.c -o "$tmp/pe_dispatch.obj"
"$bin/lld-link" /machine:x64 /dll /noentry /nodefaultlib /brepro "$tmp/pe_dispatch.obj" "$tmp/k32.lib" /out:x64-pe-dispatch.dll
LLVM_OBJDUMP="$bin/llvm-objdump" python3 "$here/expect.py" "$here"/*.elf "$here"/*.dll > "$here/expected.json"
LLVM_OBJDUMP="$bin/llvm-objdump" LLVM_OBJCOPY="$bin/llvm-objcopy" python3 "$here/sample_words.py" "$here/arm64-words.json"
