#!/usr/bin/env bash
# Builds the control-flow (required vs dispatched) fixtures from src/ and leaves the binaries
# next to this script. Toolchain: the Swift toolchain's clang, lld-link (/brepro) and ld.lld,
# plus Debian's x86_64-w64-mingw32-gcc for the one mingw fixture. No timestamps, no build ids:
# running it twice gives byte-identical files. Then check.py verifies expected.json against
# the binaries with independent decoders (iced-x86, llvm-objdump, pefile/LIEF).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(dirname "$(readlink -f "$(command -v swift)")")"
cc="$bin/clang"
link="$bin/lld-link"
mingw=x86_64-w64-mingw32-gcc
command -v "$mingw" >/dev/null || { echo "flow/build.sh: needs $mingw (apt-get install gcc-mingw-w64-x86-64-win32)" >&2; exit 1; }
cd "$here"
src="$here/src"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

# Import libraries without an SDK: llvm-ar acts as llvm-lib / llvm-dlltool under those names.
ln -s "$bin/llvm-ar" "$tmp/llvm-lib"
ln -s "$bin/llvm-ar" "$tmp/llvm-dlltool"
printf 'LIBRARY kernel32.dll\nEXPORTS\nExitProcess\nIsProcessorFeaturePresent\n' > "$tmp/k32.def"
printf 'LIBRARY kernel32.dll\nEXPORTS\nExitProcess@4\n' > "$tmp/k32_x86.def"
"$tmp/llvm-lib" /machine:x64 /def:"$tmp/k32.def" /out:"$tmp/k32_x64.lib" >/dev/null
"$tmp/llvm-lib" /machine:arm64 /def:"$tmp/k32.def" /out:"$tmp/k32_arm64.lib" >/dev/null
"$tmp/llvm-dlltool" -m i386 -k -d "$tmp/k32_x86.def" -l "$tmp/k32_x86.lib"

free=(-O2 -ffreestanding -fno-builtin -fno-stack-protector -fasynchronous-unwind-tables)
x64=(--target=x86_64-pc-windows-msvc "${free[@]}")
x86=(--target=i686-pc-windows-msvc -march=pentium4 "${free[@]}")
a64=(--target=aarch64-pc-windows-msvc "${free[@]}")
# /debug:symtab keeps a COFF symbol table in the image, so every function has a name.
exe=(/subsystem:console /entry:mainCRTStartup /nodefaultlib /brepro /debug:symtab)
dll=(/dll /nodefaultlib /brepro /debug:symtab)

# 1, 2: whole-program builds behind a probe-only start-up (crt_startup.c stays baseline).
"$cc" "${x64[@]}" -c "$src/crt_startup.c" -o "$tmp/crt_x64.obj"
"$cc" "${x64[@]}" -mavx2 -mfma -mbmi2 -c "$src/whole_program.c" -o "$tmp/wp_avx2.obj"
"$link" /machine:x64 "${exe[@]}" "$tmp/crt_x64.obj" "$tmp/wp_avx2.obj" "$tmp/k32_x64.lib" /out:x64-avx2-whole.exe
"$cc" "${x64[@]}" -mavx2 -mfma -mbmi2 -mavx512f -mavx512bw -mavx512vl -mprefer-vector-width=512 \
    -c "$src/whole_program.c" -o "$tmp/wp_avx512.obj"
"$link" /machine:x64 "${exe[@]}" "$tmp/crt_x64.obj" "$tmp/wp_avx512.obj" "$tmp/k32_x64.lib" /out:x64-avx512-whole.exe

# 3: CPUID branch in main.
"$cc" "${x64[@]}" -c "$src/crt_plain.c" -o "$tmp/crtp_x64.obj"
"$cc" "${x64[@]}" -c "$src/cpuid_branch.c" -o "$tmp/cpuid_branch.obj"
"$link" /machine:x64 "${exe[@]}" "$tmp/crtp_x64.obj" "$tmp/cpuid_branch.obj" "$tmp/k32_x64.lib" /out:x64-cpuid-branch.exe

# 4: function-pointer table filled after CPUID (DLL, entry DllMain).
"$cc" "${x64[@]}" -c "$src/fnptr_table.c" -o "$tmp/fnptr_table.obj"
"$link" /machine:x64 "${dll[@]}" /entry:DllMain /noimplib "$tmp/fnptr_table.obj" "$tmp/k32_x64.lib" /out:x64-fnptr-table.dll

# 5: ELF shared object with IFUNC symbols (ld.lld, freestanding).
"$cc" --target=x86_64-linux-gnu -O2 -ffreestanding -fno-builtin -fno-stack-protector -fPIC \
    -nostdlib -shared -fuse-ld=lld -Wl,--build-id=none -Wl,-z,norelro "$src/ifunc.c" -o x64-ifunc.so

# 5b: ELF Python-style module entered through data (numpy's manylinux dispatch): the exec slot
# is a pointer in the module definition, the loop is chosen by an array-indexing getter, and
# the AVX2 loop tail-calls an exported function of the module through its PLT.
"$cc" --target=x86_64-linux-gnu -O2 -ffreestanding -fno-builtin -fno-stack-protector -fPIC \
    -nostdlib -shared -fuse-ld=lld -Wl,--build-id=none -Wl,-z,norelro "$src/datamod.c" "$src/kernel_tail.c" \
    -o x64-datamod.so

# 6: mingw-w64 GCC, real CRT, __builtin_cpu_supports. --no-insert-timestamp: no time stamp;
# --discard-all drops the CRT's local symbols (the global ones, ours included, stay) to keep it small.
"$mingw" -O2 -c "$src/mingw_main.c" -o "$tmp/mingw_main.o"
"$mingw" -O2 -mavx2 -c "$src/mingw_kernel.c" -o "$tmp/mingw_kernel.o"
"$mingw" -O2 -c "$src/mingw_plain.c" -o "$tmp/mingw_plain.o"
"$mingw" -static-libgcc -Wl,--no-insert-timestamp -Wl,--strip-debug -Wl,--discard-all \
    "$tmp/mingw_main.o" "$tmp/mingw_kernel.o" "$tmp/mingw_plain.o" -o x64-mingw-builtin.exe

# 7: Windows Arm64 SVE behind IsProcessorFeaturePresent(46), and unguarded.
"$cc" "${a64[@]}" -march=armv8.2-a+sve -c "$src/sve_kernel.c" -o "$tmp/sve_kernel.obj"
"$cc" "${a64[@]}" -march=armv8-a -c "$src/neon_kernel.c" -o "$tmp/neon_kernel.obj"
"$cc" "${a64[@]}" -march=armv8-a -c "$src/sve_guarded.c" -o "$tmp/sve_guarded.obj"
"$cc" "${a64[@]}" -march=armv8-a -c "$src/sve_unguarded.c" -o "$tmp/sve_unguarded.obj"
"$link" /machine:arm64 "${dll[@]}" /noentry /noimplib "$tmp/sve_guarded.obj" "$tmp/sve_kernel.obj" \
    "$tmp/neon_kernel.obj" "$tmp/k32_arm64.lib" /out:arm64-sve-guarded.dll
"$link" /machine:arm64 "${dll[@]}" /noentry /noimplib "$tmp/sve_unguarded.obj" "$tmp/sve_kernel.obj" \
    "$tmp/neon_kernel.obj" /out:arm64-sve-unguarded.dll

# 8: 32-bit x86 helpers: start-up probe only, and a CPUID branch in main.
"$cc" "${x86[@]}" -c "$src/crt_startup.c" -o "$tmp/crt_x86.obj"
"$cc" "${x86[@]}" -c "$src/crt_plain.c" -o "$tmp/crtp_x86.obj"
"$cc" "${x86[@]}" -c "$src/x86_helper_startup.c" -o "$tmp/x86_startup.obj"
"$cc" "${x86[@]}" -c "$src/x86_helper_branch.c" -o "$tmp/x86_branch.obj"
x86exe=(/machine:x86 /safeseh:no /subsystem:console /entry:mainCRTStartup /nodefaultlib /brepro /debug:symtab)
"$link" "${x86exe[@]}" "$tmp/crt_x86.obj" "$tmp/x86_startup.obj" "$tmp/k32_x86.lib" /out:x86-helper-startup-cpuid.exe
"$link" "${x86exe[@]}" "$tmp/crtp_x86.obj" "$tmp/x86_branch.obj" "$tmp/k32_x86.lib" /out:x86-helper-cpuid-branch.exe



# Independent sanity check of the binaries against the hand-written expected.json.
LLVM_OBJDUMP="$bin/llvm-objdump" python3 "$here/check.py"
