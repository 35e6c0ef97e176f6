#!/usr/bin/env bash
# Whole-tree benchmark: time `clearance scan` on three real dependency trees
# (a vendored Rust service, an npm application, a Python site-packages).
#
# Usage: benches/whole-tree.sh [--trees-only] [cargo] [npm] [python]
#
# With no tree names, all three are run. The trees are built on first use
# from the pinned inputs in benches/trees/ (this needs the package registries)
# and reused afterwards; a tree is rebuilt when its pinned inputs change.
#
# Environment:
#   BENCH_TREES    where the trees are built and kept   (default: target/bench-trees)
#   BENCH_OUT      where reports, SBOMs and results go   (default: target/bench-out)
#   RUNS           timed runs per tree, after one warm-up (default: 3)
#   THREADS        if set, passed to clearance as --threads THREADS
#   CLEARANCE_BIN  the clearance binary to time; if set, the release build is
#                  skipped (useful for timing another build, or for testing
#                  this script with a stand-in command)
#   PYTHON         interpreter used to run pip          (default: python3)
#
# Relative paths in BENCH_TREES and BENCH_OUT are taken from the repository root.
#
# Output: a Markdown table on stdout, also written to $BENCH_OUT/whole-tree.md,
# and one line per timed run in $BENCH_OUT/whole-tree-runs.tsv.
#
# Exit status: 0 on success; 1 if building a tree fails, or clearance exits
# with a status other than 0 or 1 (0 and 1 are both policy verdicts), or is
# killed; 2 on a usage error or a missing tool.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
INPUTS="$ROOT/benches/trees"

abs_path() { # make a path absolute, relative to the repository root
    case "$1" in
        /*) printf '%s\n' "$1" ;;
        *) printf '%s\n' "$ROOT/$1" ;;
    esac
}

TREES_DIR=$(abs_path "${BENCH_TREES:-target/bench-trees}")
OUT_DIR=$(abs_path "${BENCH_OUT:-target/bench-out}")
RUNS=${RUNS:-3}
PYTHON=${PYTHON:-python3}

log() { printf '[whole-tree] %s\n' "$*" >&2; }
die() { local code=$1; shift; log "error: $*"; exit "$code"; }

usage() {
    sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

# ---------------------------------------------------------------- arguments

TREES_ONLY=0
SELECTED=()
for arg in "$@"; do
    case "$arg" in
        cargo | npm | python) SELECTED+=("$arg") ;;
        --trees-only) TREES_ONLY=1 ;;
        -h | --help) usage ;;
        *) log "unknown argument: $arg"; usage ;;
    esac
done
[[ ${#SELECTED[@]} -gt 0 ]] || SELECTED=(cargo npm python)
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die 2 "RUNS must be a positive integer, got '$RUNS'"
if [[ -n "${THREADS:-}" && ! "$THREADS" =~ ^[1-9][0-9]*$ ]]; then
    die 2 "THREADS must be a positive integer, got '$THREADS'"
fi

need() { command -v "$1" >/dev/null 2>&1 || die 2 "'$1' is required to build the $2 tree"; }

# ------------------------------------------------------------ tree building
#
# Each tree is built in <cache>/<name>.tmp and renamed to <cache>/<name> when
# complete, so an interrupted build never leaves a half tree behind. A stamp
# file beside the tree (not inside it) records the hash of the pinned inputs.

inputs_hash() { # name -> hash of the inputs the tree is built from
    local recipe="recipe-v2"
    case "$1" in
        cargo) (cd "$INPUTS/cargo" && cat Cargo.toml Cargo.lock src/main.rs && echo "$recipe") ;;
        npm) (cd "$INPUTS/npm" && cat package.json package-lock.json && echo "$recipe") ;;
        python) (cd "$INPUTS/python" && cat requirements.txt &&
                 { "$PYTHON" -c 'import sys; print(sys.version_info[:2])' 2>/dev/null || echo none; } &&
                 echo "$recipe") ;;
    esac | sha256sum | cut -d' ' -f1
}

# The build functions run in an `if` condition, where `set -e` does not
# apply: each step is chained with && so that any failure is reported.

build_cargo() { # dir
    need cargo cargo
    # The manifest has its own [workspace] table, so an enclosing workspace
    # (such as this repository when the cache is under target/) is ignored.
    # `cargo vendor` takes every package of the lock file, for all platforms.
    mkdir -p "$1/src" &&
        cp "$INPUTS/cargo/Cargo.toml" "$INPUTS/cargo/Cargo.lock" "$1/" &&
        cp "$INPUTS/cargo/src/main.rs" "$1/src/" &&
        (cd "$1" && cargo vendor --quiet --locked vendor >/dev/null)
}

build_npm() { # dir
    need npm npm
    # Install scripts are not run: the benchmark needs the files, not builds.
    mkdir -p "$1" &&
        cp "$INPUTS/npm/package.json" "$INPUTS/npm/package-lock.json" "$1/" &&
        (cd "$1" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
}

build_python() { # dir
    need "$PYTHON" python
    mkdir -p "$1" &&
        cp "$INPUTS/python/requirements.txt" "$1/" &&
        PIP_ROOT_USER_ACTION=ignore "$PYTHON" -m pip install --quiet --disable-pip-version-check \
            --no-warn-conflicts --target "$1/site-packages" -r "$INPUTS/python/requirements.txt" >&2
}

ensure_tree() { # name
    local name=$1 dir="$TREES_DIR/$1" stamp="$TREES_DIR/.$1.stamp" want
    want=$(inputs_hash "$name")
    if [[ -d "$dir" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
        log "$name tree: up to date"
        return
    fi
    log "$name tree: building in $dir"
    mkdir -p "$TREES_DIR"
    rm -rf "$dir.tmp"
    if ! "build_$name" "$dir.tmp"; then
        die 1 "building the $name tree failed"
    fi
    rm -rf "$dir" "$stamp"
    mv "$dir.tmp" "$dir"
    printf '%s\n' "$want" >"$stamp"
}

# ------------------------------------------------------------ measurements

count_files() { find "$1" -name .git -prune -o -type f -print | wc -l; }
count_bytes() { du -sb --exclude=.git "$1" | cut -f1; }

count_packages() { # name dir
    case "$1" in
        cargo) find "$2/vendor" -mindepth 1 -maxdepth 1 -type d | wc -l ;;
        # Every installed package directory: node_modules/<name> or
        # node_modules/@scope/<name>, at any depth of nesting.
        npm) find "$2/node_modules" -name package.json -type f \
                 -regextype posix-extended \
                 -regex '.*/node_modules/(@[^/]+/)?[^/@.][^/]*/package\.json' | wc -l ;;
        python) find "$2/site-packages" -mindepth 1 -maxdepth 1 -type d -name '*.dist-info' | wc -l ;;
    esac
}

median() { # numbers... -> median
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ---------------------------------------------------------------- trees

for t in "${SELECTED[@]}"; do
    ensure_tree "$t"
done

if [[ $TREES_ONLY -eq 1 ]]; then
    printf '| tree | packages | files | MB |\n|---|---:|---:|---:|\n'
    for t in "${SELECTED[@]}"; do
        d="$TREES_DIR/$t"
        awk -v t="$t" -v p="$(count_packages "$t" "$d")" -v f="$(count_files "$d")" \
            -v b="$(count_bytes "$d")" 'BEGIN { printf "| %s | %d | %d | %.1f |\n", t, p, f, b / 1e6 }'
    done
    exit 0
fi

# ------------------------------------------------------------ the binaries

TIME=/usr/bin/time
if [[ ! -x $TIME ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        log "installing GNU time (Debian package 'time')"
        if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >&2; then
            apt-get update -q >&2
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >&2
        fi
    else
        die 2 "$TIME (GNU time) is missing and cannot be installed from here: install the 'time' package"
    fi
fi
"$TIME" -v true >/dev/null 2>&1 || die 2 "$TIME does not support -v (GNU time is needed)"

if [[ -n "${CLEARANCE_BIN:-}" ]]; then
    BIN=$CLEARANCE_BIN
    command -v "$BIN" >/dev/null 2>&1 || die 2 "CLEARANCE_BIN=$BIN is not an executable"
    log "using CLEARANCE_BIN=$BIN (release build skipped)"
else
    log "building clearance (release)"
    (cd "$ROOT" && cargo build --release >&2)
    target_dir=${CARGO_TARGET_DIR:-target}
    [[ $target_dir == /* ]] || target_dir="$ROOT/$target_dir"
    BIN="$target_dir/release/clearance"
    [[ -x $BIN ]] || die 1 "no binary at $BIN after the build"
fi

# ---------------------------------------------------------------- timing

mkdir -p "$OUT_DIR"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

SCAN_EXTRA=()
[[ -z "${THREADS:-}" ]] || SCAN_EXTRA=(--threads "$THREADS")

# One run of clearance on a tree; sets R_WALL (s), R_USER (s), R_SYS (s) and
# R_RSS (KiB). Exits the script if clearance fails (status not 0 or 1) or dies.
run_scan() { # tree-name run-label
    local name=$1 label=$2 tv="$WORK/time.txt" errf="$WORK/stderr.txt"
    local start end status killed
    start=$(date +%s%N)
    set +e
    "$TIME" -v -o "$tv" "$BIN" scan "$TREES_DIR/$name" --quiet \
        --report "$OUT_DIR/report-$name.json" --sbom "$OUT_DIR/sbom-$name.json" \
        "${SCAN_EXTRA[@]}" >"$WORK/stdout.txt" 2>"$errf"
    status=$?
    set -e
    end=$(date +%s%N)
    killed=$(grep -m 1 'Command terminated by signal' "$tv" 2>/dev/null || true)
    if [[ -n $killed ]]; then
        tail -n 20 "$errf" >&2 || true
        die 1 "$name ($label): clearance: $killed"
    fi
    if [[ $status -ne 0 && $status -ne 1 ]]; then
        tail -n 20 "$errf" >&2 || true
        die 1 "$name ($label): clearance exited with status $status"
    fi
    read -r R_WALL R_USER R_SYS R_RSS < <(awk -v ns=$((end - start)) -F': ' '
        /User time \(seconds\)/ { u = $2 }
        /System time \(seconds\)/ { s = $2 }
        /Maximum resident set size \(kbytes\)/ { r = $2 }
        END { printf "%.3f %.2f %.2f %d\n", ns / 1e9, u, s, r }' "$tv")
}

MD="$OUT_DIR/whole-tree.md"
TSV="$OUT_DIR/whole-tree-runs.tsv"
printf 'tree\trun\twall_s\tuser_s\tsys_s\tpeak_rss_kib\n' >"$TSV"

version=$("$BIN" --version 2>/dev/null | head -n 1 || true)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)

{
    printf '## Whole-tree benchmark, %s\n\n' "$(date -u +%Y-%m-%dT%H:%MZ)"
    printf -- '- clearance: %s%s\n' "${version:-unknown version}" "${commit:+ (commit $commit)}"
    printf -- '- machine: %s cores%s, %s\n' "$(nproc)" "${cpu:+, $cpu}" "$(uname -sr)"
    printf -- '- runs: 1 warm-up + %s timed per tree; wall is the median, CPU the median of user+sys, RSS the maximum%s\n\n' \
        "$RUNS" "${THREADS:+; --threads $THREADS}"
    printf '| tree | packages | files | MB | wall s | CPU s | files/s | MB/s | peak RSS MiB |\n'
    printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
} >"$MD"

for t in "${SELECTED[@]}"; do
    d="$TREES_DIR/$t"
    packages=$(count_packages "$t" "$d")
    files=$(count_files "$d")
    bytes=$(count_bytes "$d")
    log "$t: $packages packages, $files files, $bytes bytes; warm-up run"
    run_scan "$t" warm-up
    walls=() cpus=() rss_max=0
    for ((i = 1; i <= RUNS; i++)); do
        run_scan "$t" "run $i"
        log "$t: run $i: wall ${R_WALL}s, user ${R_USER}s, sys ${R_SYS}s, peak RSS ${R_RSS} KiB"
        printf '%s\t%d\t%s\t%s\t%s\t%s\n' "$t" "$i" "$R_WALL" "$R_USER" "$R_SYS" "$R_RSS" >>"$TSV"
        walls+=("$R_WALL")
        cpus+=("$(awk -v u="$R_USER" -v s="$R_SYS" 'BEGIN { printf "%.2f", u + s }')")
        if ((R_RSS > rss_max)); then rss_max=$R_RSS; fi
    done
    awk -v t="$t" -v p="$packages" -v f="$files" -v b="$bytes" \
        -v w="$(median "${walls[@]}")" -v c="$(median "${cpus[@]}")" -v r="$rss_max" 'BEGIN {
        mb = b / 1e6; ws = (w > 0) ? w : 1e-9
        printf "| %s | %d | %d | %.1f | %.2f | %.2f | %.0f | %.1f | %.0f |\n",
            t, p, f, mb, w, c, f / ws, mb / ws, r / 1024 }' >>"$MD"
done

cat "$MD"
log "table written to $MD; per-run figures in $TSV; reports and SBOMs in $OUT_DIR"
