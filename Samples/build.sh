#!/usr/bin/env bash
# Rebuilds every sample application under Samples/ from Samples/src, then rewrites
# Samples/expected.json with expect.py (independent tools: pefile, LIEF, dnfile, readelf,
# llvm-objdump, iced-x86). Reproducible: two runs give byte-identical trees.
#
# Needs the Swift toolchain's clang/lld-link/ld.lld/llvm-ar, Debian llvm-rc and mcs
# (mono-mcs), readelf, python3 with pefile, lief, dnfile, iced-x86.
# The techniques are those of Tests/Fixtures/src/build-*.sh (see Tests/Fixtures/README.md).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$HERE/src"
# Shared with the test fixtures rather than copied: load configs, the EC call helper, the
# .NET module-id fixer and the kernel import definitions.
FIXTURE_SRC="$HERE/../Tests/Fixtures/src"
TC="$(dirname "$(readlink -f "$(command -v swift)")")"
RC="$TC/llvm-rc"
[ -x "$RC" ] || RC="$(command -v llvm-rc)"
for tool in "$TC/clang" "$TC/lld-link" "$TC/llvm-ar" "$TC/llvm-objdump" "$RC" mcs readelf python3; do
    command -v "$tool" >/dev/null || { echo "build.sh: missing $tool" >&2; exit 1; }
done
python3 -c 'import pefile, lief, dnfile, iced_x86' || {
    echo "build.sh: needs pip packages pefile, lief, dnfile, iced-x86" >&2; exit 1; }

W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
cd "$W"

APPS=(NativeEditor LegacyVPN PhotoTool AudioHost ReportViewer ReportViewerArm Renderer
      Simulator LegacyInstaller LinuxTools ShellExt DataViewer)
for app in "${APPS[@]}"; do rm -rf "${HERE:?}/$app"; mkdir -p "$HERE/$app"; done
mkdir -p "$HERE/LegacyVPN/driver"

# llvm-ar behaves as llvm-lib / llvm-dlltool when invoked under those names.
ln -sf "$TC/llvm-ar" llvm-lib
ln -sf "$TC/llvm-ar" llvm-dlltool
lib() { local def="$SRC/defs/$2.def"; [[ -f "$def" ]] || def="$FIXTURE_SRC/defs/$2.def"
       ./llvm-lib /machine:"$1" /def:"$def" /out:"$2_$1.lib"; }
for m in x64 arm64 arm64ec; do lib $m kernel32; done
lib x64 ntoskrnl; lib x64 hal; lib x64 advapi32
lib arm64 core          # editor.exe links core.dll's exports
lib arm64 codec         # phototool.exe (ARM64) links codec.dll by name...
lib x64 reverb          # host.exe (x64) links the ARM64X plug-in's EC exports
./llvm-lib /machine:arm /def:"$SRC/defs/kernel32.def" /out:kernel32_arm.lib
./llvm-dlltool -m i386 -k -d "$SRC/defs/kernel32_x86.def" -l kernel32_x86.lib

# Freestanding C; -funwind-tables gives non-leaf functions .pdata as MSVC-built images have.
CFLAGS=(-O2 -ffreestanding -fno-builtin -fno-stack-protector -fno-ident -funwind-tables -I"$SRC/pe")
cc() { local target=$1 src=$2 obj=$3; shift 3
       "$TC/clang" --target="$target" "${CFLAGS[@]}" "$@" -c "$SRC/pe/$src" -o "$obj"; }
link() { "$TC/lld-link" /Brepro /nodefaultlib "$@"; }
exe() { link /subsystem:console /entry:mainCRTStartup "$@"; }
X64=x86_64-pc-windows-msvc A64=aarch64-pc-windows-msvc EC=arm64ec-pc-windows-msvc

# 1. NativeEditor: ARM64 editor.exe -> ARM64 core.dll + kernel32.dll.
cc $A64 core.c core.obj
link /machine:arm64 /dll /noentry /noimplib /def:"$SRC/defs/core.def" core.obj \
    /out:"$HERE/NativeEditor/core.dll"
cc $A64 editor.c editor.obj
exe /machine:arm64 editor.obj core_arm64.lib kernel32_arm64.lib /out:"$HERE/NativeEditor/editor.exe"
cp "$SRC/text/notes.txt" "$HERE/NativeEditor/notes.txt"

# 2. LegacyVPN: x64 client + x64 kernel driver (no WDM flag: /driver, subsystem native).
cc $X64 vpnclient.c vpnclient.obj
exe /machine:x64 vpnclient.obj kernel32_x64.lib /out:"$HERE/LegacyVPN/vpnclient.exe"
cc $X64 vpnfilter.c vpnfilter.obj
link /machine:x64 /driver /subsystem:native /entry:DriverEntry vpnfilter.obj \
    ntoskrnl_x64.lib hal_x64.lib /out:"$HERE/LegacyVPN/driver/vpnfilter.sys"
cp "$SRC/text/vpnfilter.inf" "$HERE/LegacyVPN/driver/vpnfilter.inf"

# 3. PhotoTool: ARM64 exe importing codec.dll, but the shipped codec.dll is x64.
cc $A64 phototool.c phototool.obj
exe /machine:arm64 phototool.obj codec_arm64.lib kernel32_arm64.lib /out:"$HERE/PhotoTool/phototool.exe"
cc $X64 codec.c codec.obj
link /machine:x64 /dll /noentry /noimplib /def:"$SRC/defs/codec.def" codec.obj \
    /out:"$HERE/PhotoTool/codec.dll"

# 4. AudioHost: x64 host.exe importing reverb.dll, an ARM64X DLL (arm64 + arm64ec objects,
#    one load config each; the EC one carries CHPEMetadataPointer).
"$TC/clang" --target=$A64 -c "$FIXTURE_SRC/pe/loadcfg_arm64.s" -o loadcfg_arm64.obj
"$TC/clang" --target=$EC -c "$FIXTURE_SRC/pe/loadcfg_arm64ec.s" -o loadcfg_arm64ec.obj
"$TC/clang" --target=$EC -c "$FIXTURE_SRC/pe/icall_helper_arm64ec.s" -o icall_helper_arm64ec.obj
cc $A64 reverb.c reverb_native.obj
cc $EC reverb.c reverb_ec.obj
link /machine:arm64x /dll /noentry /noimplib reverb_native.obj reverb_ec.obj \
    loadcfg_arm64.obj loadcfg_arm64ec.obj icall_helper_arm64ec.obj \
    kernel32_arm64.lib kernel32_arm64ec.lib /out:"$HERE/AudioHost/reverb.dll"
cc $X64 host.c host.obj
exe /machine:x64 host.obj reverb_x64.lib kernel32_x64.lib /out:"$HERE/AudioHost/host.exe"

# 5./6. ReportViewer: the same AnyCPU IL exe, without and with the arm64 manifest.
cp "$SRC/dotnet/Viewer.cs" "$SRC/dotnet/viewer_arm64.manifest" "$SRC/dotnet/viewer_arm64.rc" .
"$RC" /nologo /fo viewer_arm64.res viewer_arm64.rc
MCS=(mcs -nologo -optimize+ -debug- -pathmap:"$W"=. -target:exe -platform:anycpu)
mkdir plain arm
"${MCS[@]}" -out:plain/viewer.exe Viewer.cs
"${MCS[@]}" -win32res:viewer_arm64.res -out:arm/viewer.exe Viewer.cs
python3 "$FIXTURE_SRC/dotnet/fix_mvid.py" plain/viewer.exe arm/viewer.exe
cp plain/viewer.exe "$HERE/ReportViewer/viewer.exe"
cp arm/viewer.exe "$HERE/ReportViewerArm/viewer.exe"

# 7. Renderer: x64, loops vectorised for AVX2 + FMA (VEX ymm), no CPUID check.
cc $X64 render.c render.obj -mavx2 -mfma
exe /machine:x64 render.obj kernel32_x64.lib /out:"$HERE/Renderer/render.exe"

# 8. Simulator: x64 with unguarded AVX-512F (EVEX zmm).
cc $X64 sim.c sim.obj -mavx512f
exe /machine:x64 sim.obj kernel32_x64.lib /out:"$HERE/Simulator/sim.exe"

# 9. LegacyInstaller: x86 setup.exe and a 32-bit Arm (Thumb-2, ARMNT 0x1C4) helper.
cc i686-pc-windows-msvc setup.c setup.obj
exe /machine:x86 /safeseh:no setup.obj kernel32_x86.lib /out:"$HERE/LegacyInstaller/setup.exe"
"$TC/clang" --target=thumbv7-pc-windows-msvc -O2 -ffreestanding -fno-builtin -fno-stack-protector \
    -fno-ident -I"$SRC/pe" -c "$SRC/pe/armhelper.c" -o armhelper.obj
exe /machine:arm armhelper.obj kernel32_arm.lib /out:"$HERE/LegacyInstaller/armhelper.exe"

# 10. LinuxTools: AArch64 and x86-64 ELF PIEs with an interpreter and DT_NEEDED libc.so.6.
ELF=(-O2 -nostdlib -ffreestanding -fno-builtin -fno-stack-protector -fno-ident -fuse-ld=lld
     -Wno-unused-command-line-argument)
for t in x86_64 aarch64; do
    "$TC/clang" --target=$t-linux-gnu "${ELF[@]}" -shared -fPIC -Wl,-soname,libc.so.6 \
        "$SRC/elf/stub_libc.c" -o libc-$t.so
done
"$TC/clang" --target=aarch64-linux-gnu "${ELF[@]}" -fPIE -pie \
    -Wl,--dynamic-linker,/lib/ld-linux-aarch64.so.1 "$SRC/elf/tool.c" libc-aarch64.so \
    -o "$HERE/LinuxTools/tool-arm64"
"$TC/clang" --target=x86_64-linux-gnu "${ELF[@]}" -fPIE -pie \
    -Wl,--dynamic-linker,/lib64/ld-linux-x86-64.so.2 "$SRC/elf/tool.c" libc-x86_64.so \
    -o "$HERE/LinuxTools/tool-x64"

# 11. ShellExt: x64 in-process COM server exporting the four Dll* entry points.
cc $X64 contextmenu.c contextmenu.obj
link /machine:x64 /dll /entry:DllMain /noimplib /def:"$SRC/defs/contextmenu.def" contextmenu.obj \
    advapi32_x64.lib /out:"$HERE/ShellExt/contextmenu.dll"

# 12. DataViewer: an ARM64 app host with NuGet native assets under runtimes/<rid>/native/:
#     zstd.dll for win-x64 and win-arm64, sqlite3.dll for win-x64 only (R18).
mkdir -p "$HERE/DataViewer/runtimes/win-x64/native" "$HERE/DataViewer/runtimes/win-arm64/native"
cc $A64 dataviewer.c dataviewer.obj
exe /machine:arm64 dataviewer.obj kernel32_arm64.lib /out:"$HERE/DataViewer/dataviewer.exe"
cc $X64 sqlite3.c sqlite3_x64.obj
link /machine:x64 /dll /noentry /noimplib /def:"$SRC/defs/sqlite3.def" sqlite3_x64.obj \
    /out:"$HERE/DataViewer/runtimes/win-x64/native/sqlite3.dll"
cc $X64 zstd.c zstd_x64.obj
link /machine:x64 /dll /noentry /noimplib /def:"$SRC/defs/zstd.def" zstd_x64.obj \
    /out:"$HERE/DataViewer/runtimes/win-x64/native/zstd.dll"
cc $A64 zstd.c zstd_arm64.obj
link /machine:arm64 /dll /noentry /noimplib /def:"$SRC/defs/zstd.def" zstd_arm64.obj \
    /out:"$HERE/DataViewer/runtimes/win-arm64/native/zstd.dll"

cd "$HERE"
LLVM_OBJDUMP="$TC/llvm-objdump" python3 "$HERE/expect.py" > "$HERE/expected.json"
echo "build.sh: $(find "${APPS[@]}" -type f | wc -l) files, $(du -cb $(find "${APPS[@]}" -type f) | tail -1 | cut -f1) bytes"
