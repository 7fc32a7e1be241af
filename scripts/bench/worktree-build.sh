# Sourced by the scripts in scripts/bench: builds bench/target/benchmarks.jar of a commit in a throwaway git
# worktree under $WORK, a temporary folder removed with its worktrees when the script exits. Needs ROOT (the
# repository) and die MESSAGE [CODE].
WORK="$(mktemp -d)"
WORKTREES=()
remove_worktrees() {
    local w
    for w in ${WORKTREES[@]+"${WORKTREES[@]}"}; do git -C "$ROOT" worktree remove --force "$w" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap remove_worktrees EXIT

# build_in_worktree NAME REF [PATCH]: REF's tree in $WORK/NAME, PATCH applied (git apply) when given, then built;
# the jar is $WORK/NAME/bench/target/benchmarks.jar.
build_in_worktree() {
    local name="$1" ref="$2" patch="${3:-}"
    git -C "$ROOT" worktree add -q --detach "$WORK/$name" "$ref" || die "git worktree add $ref failed"
    WORKTREES+=("$WORK/$name")
    if [ -n "$patch" ]; then
        git -C "$WORK/$name" apply "$patch" || die "$patch does not apply to ${ref:0:12}"
        echo "$(basename "$0"): $name build slowed on purpose with $(basename "$patch")" >&2
    fi
    echo "$(basename "$0"): building $name (${ref:0:12})" >&2
    (cd "$WORK/$name" && mvn -B -q -DskipTests -Drelulab.gate.skip=true -pl bench -am package) \
        || die "the $name build failed (output above)"
}
