#!/usr/bin/env bash
# Real-binary corpus for the per-function ISA analysis (issue 11): downloads Debian 12 packages with
# `apt-get download` and PyPI wheels with `pip download`, keeps only the binaries listed below
# (archives are deleted after extraction), and writes DIR/MANIFEST.tsv:
#   path  sha256  size  source  version  reason
# Idempotent: a source whose files are all present is not downloaded again; the manifest is
# rewritten every run. Debian versions are whatever the mirror serves today (security updates
# replace old ones), so they are recorded, not pinned; wheels are pinned.
#
# Usage: scripts/fetch-isa-corpus.sh [DIR]      (default /work/corpus-isa; run as root for apt)
# Needs: apt-get, dpkg-deb, pip, python3, sha256sum. Adds the arm64 dpkg architecture if missing.
set -euo pipefail
dir="$(realpath -m "${1:-/work/corpus-isa}")"
mkdir -p "$dir"
dl="$dir/.download"

# One line per kept file: kind | source | member (glob inside the archive) | reason
#   kind deb: source = package[:arch] as apt-get download takes it
#   kind whl: source = "platform requirement" for pip download --platform ... --python-version 3.12
read -r -d '' TABLE <<'EOF' || true
whl|win_amd64 numpy==2.5.5|numpy/_core/_multiarray_umath.cp312-win_amd64.pyd|numpy x64 PE: CPU dispatch via npy__cpu_have, ufunc tables (dispatched AVX2/AVX-512)
whl|win_amd64 numpy==2.5.5|numpy.libs/msvcp140-*.dll|Microsoft x64 msvcp140.dll (STL vector_algorithms: __isa_enabled guards)
whl|manylinux_2_28_x86_64 numpy==2.5.5|numpy/_core/_multiarray_umath.cpython-312-x86_64-linux-gnu.so|numpy x64 ELF: same source as the PE, GCC build, dispatch tables
whl|win_arm64 numpy==2.5.5|numpy/_core/_multiarray_umath.cp312-win_arm64.pyd|numpy Arm64 PE (NEON baseline, ASIMD dispatch)
whl|win_arm64 numpy==2.5.5|numpy.libs/msvcp140-*.dll|Microsoft Arm64 msvcp140.dll (real MSVC ARM64 code: literal pools, IPFP SVE helpers)
whl|win_arm64 numpy==2.5.5|numpy.libs/scipy_openblas-*.dll|OpenBLAS Arm64 PE (clang/flang; SVE kernels behind a runtime check, literal pools)
deb|libavcodec59|*/libavcodec.so.59|FFmpeg x64 ELF: av_get_cpu_flags DSP-context dispatch, NASM kernels without FDEs
deb|libavcodec59:arm64|*/libavcodec.so.59|FFmpeg AArch64 ELF: NEON kernels, dispatch by cpu flags
deb|libssl3|*/libcrypto.so.3|OpenSSL x64 ELF: OPENSSL_ia32cap_P guards inside the same perlasm function
deb|libdav1d6|*/libdav1d.so.6|dav1d x64 ELF: dav1d_cpu_flags DSP dispatch, AVX2/AVX-512 asm kernels
deb|libc6|*/x86_64-linux-gnu/libc.so.6|glibc x64 ELF: IFUNC resolvers on cpu_features (dispatched AVX2/EVEX string functions)
deb|libc6|*/x86_64-linux-gnu/libm.so.6|glibc libm x64 ELF: IFUNC (FMA/AVX2 variants)
deb|libc6:arm64|*/aarch64-linux-gnu/libc.so.6|glibc AArch64 ELF: IFUNC resolvers on hwcap (SVE memcpy/strlen variants in 2.36)
deb|libc6:arm64|*/aarch64-linux-gnu/libm.so.6|glibc libm AArch64 ELF
deb|libmono-corlib4.5-dll|*/mono/4.5/mscorlib.dll|Mono IL-only PE (AnyCPU): no native code to classify
deb|libmono-system-xml4.0-cil|*/System.Xml.dll|Mono IL-only PE (AnyCPU)
deb|libmono-system-windows-forms4.0-cil|*/System.Windows.Forms.dll|Mono IL-only PE (AnyCPU)
whl|any pythonnet==3.2.1|pythonnet/runtime/Python.Runtime.dll|pythonnet IL-only PE (AnyCPU) from PyPI
whl|win_arm64 onnxruntime-qnn==2.7.0|onnxruntime_qnn/libQnnHtpV73Skel.so|Qualcomm Hexagon DSP ELF (EM_QDSP6=164) shipped in a Windows Arm64 wheel: not CPU code
whl|win_arm64 onnxruntime-qnn==2.7.0|onnxruntime_qnn/QnnHtp.dll|Arm64 PE host side of the Hexagon backend, beside the Skel .so
whl|win_arm64 onnxruntime-qnn==2.7.0|onnxruntime_qnn/onnxruntime_providers_qnn.dll|Arm64 PE (MSVC), large C++ module
whl|win_amd64 polars==1.33.1|polars/polars.pyd|Rust x64 PE built with target-cpu features (AVX2/FMA/BMI2) as a whole: required
whl|win_amd64 polars-lts-cpu==1.33.1|polars/polars.pyd|Portable counterpart of polars 1.33.1 (baseline build)
whl|win_amd64 faiss-cpu==1.8.0|faiss/_swigfaiss_avx2.cp312-win_amd64.pyd|MSVC /arch:AVX2 whole-module build: required
whl|win_amd64 faiss-cpu==1.8.0|faiss/_swigfaiss.cp312-win_amd64.pyd|Portable counterpart of _swigfaiss_avx2 (same source, SSE2 build)
whl|win_amd64 faiss-cpu==1.8.0|faiss_cpu.libs/openblas-*.dll|OpenBLAS x64 PE (mingw/flang): asm kernels, data between functions
EOF

dpkg --print-foreign-architectures | grep -qx arm64 || { dpkg --add-architecture arm64 && apt-get update -qq; }

# Where a kept file lives in DIR: one folder per source, then the archive member's base name.
dest_of() { # kind source member -> relative path
    local kind="$1" src="$2" member="$3" folder
    if [[ "$kind" == deb ]]; then folder="debian/${src/:/_}"; else folder="${src#* }"; folder="pypi/${folder/==/-}_${src%% *}"; fi
    echo "$folder/$(basename "$member")"
}

have_all() { # kind source: every member of this source already kept (globs need a match)
    local kind="$1" src="$2" k s m
    while IFS='|' read -r k s m _; do
        [[ "$k" == "$kind" && "$s" == "$src" ]] || continue
        compgen -G "$dir/$(dest_of "$k" "$s" "$m")" >/dev/null || return 1
    done <<<"$TABLE"
}

members_of() { # kind source -> member globs
    local k s m
    while IFS='|' read -r k s m _; do [[ "$k" == "$1" && "$s" == "$2" ]] && echo "$m"; done <<<"$TABLE"
    return 0
}

fetch_deb() {
    local pkg="$1" work="$dl/deb-${1/:/_}" deb member found
    rm -rf "$work" && mkdir -p "$work"
    (cd "$work" && apt-get download -q "$pkg" >/dev/null 2>&1)
    deb="$(ls "$work"/*.deb)"
    dpkg-deb -x "$deb" "$work/x"
    mkdir -p "$dir/debian/${pkg/:/_}"
    dpkg-deb --showformat='${Package}_${Version}_${Architecture}' -W "$deb" > "$dir/debian/${pkg/:/_}/.version"
    while read -r member; do
        found="$(find "$work/x" -path "$work/x/$member" \( -type f -o -type l \) | head -1)"
        [[ -n "$found" ]] || { echo "missing $member in $pkg" >&2; continue; }
        cp -L "$found" "$dir/debian/${pkg/:/_}/$(basename "$member")"
    done < <(members_of deb "$pkg")
    rm -rf "$work"
}

fetch_whl() {
    local src="$1" platform="${1%% *}" req="${1#* }" work folder
    work="$dl/whl-${req/==/-}-$platform"
    rm -rf "$work" && mkdir -p "$work"
    local plat=(--platform "$platform")
    [[ "$platform" == any ]] && plat=()
    pip download -q --no-deps --only-binary=:all: ${plat[@]+"${plat[@]}"} --python-version 3.12 "$req" -d "$work" >/dev/null
    folder="$dir/$(dirname "$(dest_of whl "$src" x)")"
    mkdir -p "$folder"
    basename "$(ls "$work"/*.whl)" > "$folder/.version"
    # Extract only the listed members (fnmatch globs), flattened into the source's folder.
    members_of whl "$src" | python3 -c '
import fnmatch, os, shutil, sys, zipfile
whl, folder = sys.argv[1], sys.argv[2]
globs = [g for g in sys.stdin.read().split("\n") if g]
with zipfile.ZipFile(whl) as z:
    for g in globs:
        hits = [n for n in z.namelist() if fnmatch.fnmatch(n, g)]
        if not hits:
            print(f"missing {g} in {whl}", file=sys.stderr)
        for n in hits:
            with z.open(n) as src, open(os.path.join(folder, os.path.basename(n)), "wb") as dst:
                shutil.copyfileobj(src, dst)
' "$(ls "$work"/*.whl)" "$folder"
    rm -rf "$work"
}

while IFS='|' read -r kind src; do
    have_all "$kind" "$src" && continue
    echo "fetching $kind $src" >&2
    "fetch_$kind" "$src"
done < <(cut -d'|' -f1,2 <<<"$TABLE" | awk '!seen[$0]++')
rmdir "$dl" 2>/dev/null || true

# Manifest: one row per kept file (a glob may keep several).
{
    printf 'path\tsha256\tsize\tsource\tversion\treason\n'
    while IFS='|' read -r kind src member reason; do
        for f in "$dir"/$(dest_of "$kind" "$src" "$member"); do
            [[ -f "$f" ]] || continue
            version="$(cat "$(dirname "$f")/.version" 2>/dev/null || echo '?')"
            printf '%s\t%s\t%s\t%s\t%s\t%s\n' "${f#"$dir"/}" "$(sha256sum "$f" | cut -d' ' -f1)" \
                "$(stat -c %s "$f")" "$kind:$src" "${version% }" "$reason"
        done
    done <<<"$TABLE"
} > "$dir/MANIFEST.tsv"
echo "$(($(wc -l < "$dir/MANIFEST.tsv") - 1)) files, $(du -sh "$dir" | cut -f1) in $dir" >&2
