#!/usr/bin/env bash
# Builds the PE fixtures into $FIXTURES/pe from the sources in src/pe and src/defs.
# Called by ../regenerate.sh with TC (toolchain bin), FIXTURES and WORK set.
set -euo pipefail
: "${TC:?}" "${FIXTURES:?}" "${WORK:?}"
SRC="$FIXTURES/src"
OUT="$FIXTURES/pe"
W="$WORK/pe"
mkdir -p "$OUT" "$W"
cd "$W"

# llvm-ar behaves as llvm-lib / llvm-dlltool when invoked under those names.
ln -sf "$TC/llvm-ar" llvm-lib
ln -sf "$TC/llvm-ar" llvm-dlltool

# -funwind-tables: emit .pdata for non-leaf functions as MSVC-built images have.
CFLAGS=(-O2 -ffreestanding -fno-builtin -fno-stack-protector -fno-ident -funwind-tables)
cc() { # cc TARGET SOURCE OBJECT [extra flags...]
    local target=$1 src=$2 obj=$3; shift 3
    "$TC/clang" --target="$target" "${CFLAGS[@]}" "$@" -c "$src" -o "$obj"
}
link() { "$TC/lld-link" /Brepro /nodefaultlib "$@"; }
# Resource compiler: the toolchain's llvm-rc if it has one, else Debian's.
RC="$TC/llvm-rc"
[ -x "$RC" ] || RC="$(command -v llvm-rc)"

# Import libraries from .def files (no Windows SDK on this machine).
for m in x64 arm64 arm64ec; do
    for d in kernel32 user32 ntdll ntoskrnl hal; do
        ./llvm-lib /machine:$m /def:"$SRC/defs/$d.def" /out:${d}_$m.lib
    done
done
./llvm-dlltool -m i386 -k -d "$SRC/defs/kernel32_x86.def" -l kernel32_x86.lib
./llvm-dlltool -m i386 -k -d "$SRC/defs/user32_x86.def" -l user32_x86.lib

# x86 console exe: kernel32 imports + delay-loaded user32.
cc i686-pc-windows-msvc "$SRC/pe/x86_console.c" x86_console.obj
link /machine:x86 /safeseh:no /subsystem:console /entry:mainCRTStartup \
    /delayload:user32.dll x86_console.obj kernel32_x86.lib user32_x86.lib \
    /out:"$OUT/x86_console.exe"

# x64 GUI exe.
cc x86_64-pc-windows-msvc "$SRC/pe/x64_gui.c" x64_gui.obj
link /machine:x64 /subsystem:windows /entry:WinMainCRTStartup x64_gui.obj \
    user32_x64.lib kernel32_x64.lib /out:"$OUT/x64_gui.exe"

# x64 DLL with named, ordinal-only, data and forwarded exports.
cc x86_64-pc-windows-msvc "$SRC/pe/x64_exports.c" x64_exports.obj
link /machine:x64 /dll /noentry /def:"$SRC/pe/x64_exports.def" x64_exports.obj \
    /implib:x64_exports.lib /out:"$OUT/x64_exports.dll"

# Native ARM64 exe and DLL.
cc aarch64-pc-windows-msvc "$SRC/pe/arm64_app.c" arm64_app.obj
link /machine:arm64 /subsystem:console /entry:mainCRTStartup arm64_app.obj \
    kernel32_arm64.lib /out:"$OUT/arm64_app.exe"
cc aarch64-pc-windows-msvc "$SRC/pe/arm64_lib.c" arm64_lib.obj
link /machine:arm64 /dll /noentry arm64_lib.obj kernel32_arm64.lib \
    /implib:arm64_lib.lib /out:"$OUT/arm64_lib.dll"

# ARM64EC DLL: EC code + x64 code + our own load config / CHPE metadata.
cc arm64ec-pc-windows-msvc "$SRC/pe/arm64ec_lib.c" arm64ec_lib.obj
cc x86_64-pc-windows-msvc "$SRC/pe/x64_part.c" x64_part.obj
"$TC/clang" --target=arm64ec-pc-windows-msvc -c "$SRC/pe/loadcfg_arm64ec.s" -o loadcfg_arm64ec.obj
"$TC/clang" --target=arm64ec-pc-windows-msvc -c "$SRC/pe/icall_helper_arm64ec.s" -o icall_helper_arm64ec.obj
"$TC/clang" --target=aarch64-pc-windows-msvc -c "$SRC/pe/loadcfg_arm64.s" -o loadcfg_arm64.obj
link /machine:arm64ec /dll /noentry arm64ec_lib.obj x64_part.obj loadcfg_arm64ec.obj icall_helper_arm64ec.obj \
    kernel32_arm64ec.lib /implib:arm64ec_lib.lib /out:"$OUT/arm64ec_lib.dll"

# ARM64X DLL: the same source built for arm64 and arm64ec, one load config each.
cc aarch64-pc-windows-msvc "$SRC/pe/arm64x_lib.c" arm64x_lib_native.obj
cc arm64ec-pc-windows-msvc "$SRC/pe/arm64x_lib.c" arm64x_lib_ec.obj
link /machine:arm64x /dll /noentry arm64x_lib_native.obj arm64x_lib_ec.obj \
    loadcfg_arm64.obj loadcfg_arm64ec.obj icall_helper_arm64ec.obj kernel32_arm64.lib kernel32_arm64ec.lib \
    /implib:arm64x_lib.lib /out:"$OUT/arm64x_lib.dll"

# ARM64X pure forwarder: no code, two export tables (native and EC) whose
# entries forward to an arm64 DLL and an x64 DLL respectively.
: > empty.c
cc aarch64-pc-windows-msvc empty.c empty_native.obj
cc arm64ec-pc-windows-msvc empty.c empty_ec.obj
link /machine:arm64x /dll /noentry /noimplib empty_native.obj empty_ec.obj \
    loadcfg_arm64.obj loadcfg_arm64ec.obj \
    /defarm64native:"$SRC/pe/arm64x_forwarder_native.def" /def:"$SRC/pe/arm64x_forwarder_ec.def" \
    /out:"$OUT/arm64x_forwarder.dll"

# Kernel-driver-like images. The x64 one carries the WDM_DRIVER DllCharacteristics
# flag (/driver:wdm); the ARM64 one does not, so only its imports mark it a driver.
for m in x64 arm64; do
    t=x86_64; driver=/driver:wdm
    [ $m = arm64 ] && t=aarch64 && driver=/driver
    cc $t-pc-windows-msvc "$SRC/pe/driver.c" driver_$m.obj
    link /machine:$m $driver /subsystem:native /entry:DriverEntry driver_$m.obj \
        ntoskrnl_$m.lib hal_$m.lib /out:"$OUT/${m}_driver.sys"
done

# User-mode native-subsystem program (not a driver): ntdll.dll only.
cc x86_64-pc-windows-msvc "$SRC/pe/native_app.c" native_app.obj
link /machine:x64 /subsystem:native /entry:NtProcessStartup native_app.obj ntdll_x64.lib \
    /out:"$OUT/x64_native_app.exe"

# ARM64 UEFI application.
cc aarch64-pc-windows-msvc "$SRC/pe/efi_app.c" efi_app.obj
link /machine:arm64 /subsystem:efi_application /entry:efi_main efi_app.obj \
    /out:"$OUT/arm64_efi_app.efi"

# Resource-only DLL: no code at all, just .rsrc.
"$RC" /nologo /fo resource_only.res "$SRC/pe/resource_only.rc"
link /machine:x64 /dll /noentry /noimplib resource_only.res /out:"$OUT/resource_only.dll"

# VERSIONINFO + embedded manifest.
cp "$SRC/pe/versioned_app.rc" "$SRC/pe/versioned_app.manifest" .
"$RC" /nologo /fo versioned_app.res versioned_app.rc
cc x86_64-pc-windows-msvc "$SRC/pe/versioned_app.c" versioned_app.obj
link /machine:x64 /subsystem:console /entry:mainCRTStartup versioned_app.obj versioned_app.res \
    kernel32_x64.lib /manifest:no /out:"$OUT/x64_versioned.exe"

# Debug directory with a CodeView RSDS record. The PDB GUID that /Brepro derives
# depends on paths recorded in the PDB, so compile a local copy by relative name,
# fix the compilation dir and source base, and name the PDB without a folder.
cp "$SRC/pe/debug_app.c" .
cc x86_64-pc-windows-msvc debug_app.c debug_app.obj -fdebug-compilation-dir=.
link /machine:x64 /subsystem:console /entry:mainCRTStartup /debug /pdb:x64_debug.pdb \
    /pdbaltpath:x64_debug.pdb /pdbsourcepath:C:/fixtures debug_app.obj kernel32_x64.lib \
    /out:"$OUT/x64_debug.exe"

# Exception directory (.pdata) from non-leaf functions.
cc x86_64-pc-windows-msvc "$SRC/pe/pdata_app.c" pdata_app.obj
link /machine:x64 /subsystem:console /entry:mainCRTStartup pdata_app.obj kernel32_x64.lib \
    /out:"$OUT/x64_pdata.exe"

# Hand-made DOS MZ-only and NE (16-bit Windows) files.
python3 "$SRC/pe/make_legacy.py" "$OUT"

# x86 CHPE DLL: hand-written load config + CHPE metadata (lld cannot emit CHPE).
"$TC/clang" --target=i686-pc-windows-msvc -c "$SRC/pe/x86_chpe.s" -o x86_chpe.obj
link /machine:x86 /safeseh:no /dll /noentry /noimplib /export:X86Add /export:Arm64Add \
    x86_chpe.obj /out:"$OUT/x86_chpe.dll"
