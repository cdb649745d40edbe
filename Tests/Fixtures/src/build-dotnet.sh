#!/usr/bin/env bash
# Builds the .NET fixtures into $FIXTURES/dotnet with mono's mcs. Called by
# ../regenerate.sh with FIXTURES and WORK set.
set -euo pipefail
: "${FIXTURES:?}" "${WORK:?}"
SRC="$FIXTURES/src/dotnet"
OUT="$FIXTURES/dotnet"
W="$WORK/dotnet"
mkdir -p "$OUT" "$W"
cd "$W"
cp "$SRC"/*.cs "$SRC/arm64.manifest" "$SRC/arm64_manifest.rc" .
"$(command -v llvm-rc)" /nologo /fo arm64_manifest.res arm64_manifest.rc

# -pathmap keeps the build folder out of the output; names are fixed per fixture.
MCS=(mcs -nologo -optimize+ -debug- -pathmap:"$W"=.)
"${MCS[@]}" -target:exe -platform:anycpu -out:anycpu.exe Program.cs
"${MCS[@]}" -target:exe -platform:x86 -out:x86.exe Program.cs
"${MCS[@]}" -target:exe -platform:x64 -out:x64.exe Program.cs
"${MCS[@]}" -target:exe -platform:anycpu32bitpreferred -out:anycpu32bitpreferred.exe Program.cs
"${MCS[@]}" -target:library -platform:anycpu -out:anycpu_lib.dll Library.cs
"${MCS[@]}" -target:exe -platform:anycpu -win32res:arm64_manifest.res -out:anycpu_arm64_manifest.exe Program.cs

for f in anycpu.exe x86.exe x64.exe anycpu32bitpreferred.exe anycpu_lib.dll anycpu_arm64_manifest.exe; do
    python3 "$SRC/fix_mvid.py" "$f"
    cp "$f" "$OUT/$f"
done
