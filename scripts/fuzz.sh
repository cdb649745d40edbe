#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (Fuzz/ package; see Fuzz/README.md).
#   scripts/fuzz.sh TARGET SECONDS       fuzz TARGET for SECONDS of wall time
#   scripts/fuzz.sh TARGET -runs=N       fuzz TARGET for N executions (what .ci/run does)
#   scripts/fuzz.sh --list               the targets
# TARGET: pe elf zip cab 7z msi x86 arm64 rules config, or "all" (each in turn).
# The working corpus grows in .build-fuzz/corpus/TARGET (seeded from Fuzz/Corpus/TARGET);
# crashes, leaks and timeouts are written to .build-fuzz/artifacts/TARGET/ and make the
# script exit non-zero. Extra libFuzzer flags may follow (e.g. -jobs=2 -max_len=65536).
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(pe elf zip cab 7z msi x86 arm64 rules config)
if [[ "${1:-}" == "--list" ]]; then printf '%s\n' "${targets[@]}"; exit 0; fi
if (($# < 2)); then
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 64
fi
target="$1" budget="$2"
shift 2
if [[ "$target" == all ]]; then
    for each in "${targets[@]}"; do "$0" "$each" "$budget" "$@"; done
    exit 0
fi
[[ " ${targets[*]} " == *" $target "* ]] || { echo "fuzz: unknown target $target (one of: ${targets[*]})" >&2; exit 64; }

build=.build-fuzz
echo "fuzz: building the fuzz targets (release, -sanitize=fuzzer,address)" >&2
swift build --package-path Fuzz --build-path "$build" -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -g -Xcc -fsanitize=fuzzer-no-link,address >&2
binary="$build/release/ArmreadyFuzz"

corpus="$build/corpus/$target" artifacts="$build/artifacts/$target/"
mkdir -p "$corpus" "$artifacts"
cp -n Fuzz/Corpus/"$target"/* "$corpus/" 2>/dev/null || true
if [[ "$budget" == -runs=* ]]; then limit=("$budget"); else limit=(-max_total_time="$budget"); fi

# The Swift runtime's backtracer would catch the crash before libFuzzer saves the input.
export SWIFT_BACKTRACE=enable=no ARMREADY_FUZZ_TARGET="$target"
# malloc_context_size=0: no stack recorded per allocation, a third faster (crash reports keep
# their stacks; a leak report loses its allocation stack, rerun without it to see one).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:malloc_context_size=0}"
set +e
"$binary" "${limit[@]}" -timeout=10 -rss_limit_mb=1024 -max_len=262144 -print_final_stats=1 \
    -artifact_prefix="$artifacts" "$@" "$corpus" 2>"$build/$target.log"
status=$?
set -e
grep -E '^(stat::|#[0-9]+.*(DONE|INITED))|ERROR|SUMMARY' "$build/$target.log" | tail -n 12 >&2 || true
if ((status != 0)); then
    echo "fuzz: $target found a problem (exit $status); inputs in $artifacts, log in $build/$target.log" >&2
    exit 1
fi
echo "fuzz: $target clean" >&2
