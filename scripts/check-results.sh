#!/usr/bin/env bash
# Checks the provenance of committed results: every manifest.json under FOLDER (default: results/) must name, as
# its git_commit, and every README.md that `relulab bench` wrote must name, in its "| relulab | COMMIT |" row, a commit of this repository's history made from a clean tree (no "-dirty", not "unknown").
# Prints one line per commit that fails, with how many manifests name it and one of them, and exits 1; exits 0
# when every manifest passes, 2 on bad usage, 4 when git cannot answer (not a clone, or a shallow one).
#   scripts/check-results.sh [FOLDER]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
folder="${1:-$root/results}"
[ $# -le 1 ] || { echo "check-results: expected at most one folder (got $#)" >&2; exit 2; }
[ -d "$folder" ] || { echo "check-results: $folder is not a folder" >&2; exit 2; }
git -C "$root" rev-parse --git-dir >/dev/null 2>&1 || { echo "check-results: $root is not a git clone" >&2; exit 4; }
if [ "$(git -C "$root" rev-parse --is-shallow-repository)" = true ]; then
    echo "check-results: $root is a shallow clone: fetch the whole history (git fetch --unshallow)" >&2
    exit 4
fi
declare -A count example
# note COMMIT FILE: one more file naming COMMIT, the first kept as its example
note() {
    count[$1]=$(( ${count[$1]:-0} + 1 ))
    [ -n "${example[$1]:-}" ] || example[$1]="$2"
}
while IFS= read -r -d '' manifest; do
    note "(none)" "$manifest"
done < <(find "$folder" -name manifest.json -type f -print0 | xargs -0 -r grep -L -Z '"git_commit"' 2>/dev/null)
while IFS= read -r line; do # FILE:"git_commit": "COMMIT", the first of each file
    commit="${line%\"}"
    note "${commit##*\"}" "${line%%:\"git_commit\"*}"
done < <(grep -r -m 1 -o --include=manifest.json '"git_commit": *"[^"]*"' "$folder" || true)
while IFS= read -r line; do # FILE:| relulab | COMMIT |, the commit line of a README that relulab bench wrote
    commit="${line#*| relulab | }"
    note "${commit%% |*}" "${line%%:| relulab |*}"
done < <(grep -r -m 1 -o --include=README.md '^| relulab | [^|]* |' "$folder" || true)
bad=0
for commit in "${!count[@]}"; do
    why=""
    case "$commit" in
        "(none)") why="no git_commit" ;;
        unknown) why="an unknown commit" ;;
        *-dirty) why="a tree with uncommitted changes" ;;
        *) git -C "$root" merge-base --is-ancestor "$commit" HEAD 2>/dev/null \
               || why="a commit that is not in this repository's history" ;;
    esac
    if [ -n "$why" ]; then
        echo "check-results: ${count[$commit]} manifest(s) name $commit, $why (e.g. ${example[$commit]#$root/})"
        bad=1
    fi
done
total=0
for c in "${count[@]}"; do total=$((total + c)); done
[ $bad -eq 0 ] && echo "check-results: $total manifests and bench READMEs, ${#count[@]} commits, each a clean commit of this history"
exit $bad
