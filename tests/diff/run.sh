#!/usr/bin/env bash
# Mutation cases of `uabi diff` on a copy of the Linux 6.1 KVM headers.
# Each case folder holds edit.json (exact text replacements, each must match
# once), a README line, and the expected `uabi diff --format text` output
# (expect.txt) and exit code (expect.rc) over all 15 profiles. uabi diff runs
# without --header: it judges the headers the change reaches, linux/kvm.h
# (the scope line says so). Optional:
# old.json, edits of the old tree (the base is then not 6.1 itself), and
# args, one extra uabi diff argument per line (--no-lint, --profile x86_64);
# a file `notree` removes the kernel sources (virt/, arch/*/kvm) from both
# trees, so that the kernel facts are unknown.
#
#   tests/diff/run.sh [--update] [UABI] [CASE...]
#
# The trees are hard-linked copies of $UABI_KERNEL_TREE (else
# scripts/kernel-source.sh); edited files are real copies. uabi runs inside
# the work directory with relative roots. When this machine's KVM headers
# differ from those recorded in tests/diff/SOURCE, the expectations do not
# apply: the test is skipped (exit 77).
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
update=false
if [[ ${1:-} == --update ]]; then
	update=true
	shift
fi
uabi=${UABI:-$top/build/uabi}
if [[ $# -gt 0 && -f $1 && -x $1 ]]; then
	uabi=$1
	shift
fi
uabi=$(cd "$(dirname "$uabi")" && pwd)/$(basename "$uabi")
src=${UABI_KERNEL_TREE:-$("$top/scripts/kernel-source.sh")} || exit 2
src=$(cd "$src" && pwd)
if (($#)); then
	cases=("$@")
else
	cases=()
	for d in "$here"/*/; do
		[[ -f $d/edit.json ]] && cases+=("$(basename "$d")")
	done
fi

# the headers the expectations were made from
source_id() {
	(cd "$src" && sha256sum include/uapi/linux/kvm.h arch/*/include/uapi/asm/kvm.h)
}
if $update; then
	source_id >"$here/SOURCE"
elif ! source_id | cmp -s - "$here/SOURCE"; then
	echo "SKIP the KVM headers of $src are not those of tests/diff/SOURCE"
	exit 77
fi

t_workdir diff
# the base tree is the same in every case: its extraction is cached (a
# private cache, removed with the work directory); each new tree misses
unset UABI_NO_CACHE
export UABI_CACHE_DIR=$work/cache
t_copy_tree "$src" "$work/old"

passed=0
failed=0
# apply_edits EDIT.json TREE: each edit's old text must occur once
apply_edits() {
	python3 - "$1" "$2" <<'PY'
import json, os, sys
edits, root = json.load(open(sys.argv[1])), sys.argv[2]
for e in edits:
    p = os.path.join(root, e["file"])
    text = open(p).read()
    n = text.count(e["old"])
    if n != 1:
        sys.exit("edit of %s: the old text occurs %d times" % (e["file"], n))
    text = text.replace(e["old"], e["new"])
    os.unlink(p)               # break the hard link before writing
    open(p, "w").write(text)
PY
}

for c in "${cases[@]}"; do
	dir=$here/$c
	base=old
	rm -rf "$work/new" "$work/base"
	t_copy_tree "$src" "$work/new"
	if [[ -f $dir/old.json ]]; then
		base=base
		t_copy_tree "$src" "$work/base"
	fi
	if ! apply_edits "$dir/edit.json" "$work/new" ||
		{ [[ $base == base ]] && ! apply_edits "$dir/old.json" "$work/base"; }; then
		echo "FAIL $c: edit does not apply"
		failed=$((failed + 1))
		continue
	fi
	if [[ -f $dir/notree ]]; then
		[[ $base == base ]] || { base=base && t_copy_tree "$src" "$work/base"; }
		rm -rf "$work/base/virt" "$work/base"/arch/*/kvm "$work/new/virt" "$work/new"/arch/*/kvm
	fi
	args=()
	if [[ -f $dir/args ]]; then
		mapfile -t args <"$dir/args"
	fi
	rc=0
	(cd "$work" && "$uabi" diff --old "$base" --new new -j 2 --format text "${args[@]}") >"$work/out.txt" 2>"$work/err.txt" || rc=$?
	if ((rc > 1)); then
		echo "FAIL $c: uabi diff exit $rc"
		sed 's/^/    /' "$work/err.txt"
		failed=$((failed + 1))
		continue
	fi
	if $update; then
		cp "$work/out.txt" "$dir/expect.txt"
		echo "$rc" >"$dir/expect.rc"
		echo "UPDATED $c (exit $rc, $(wc -l <"$work/out.txt") lines)"
		passed=$((passed + 1))
	elif [[ $rc == "$(cat "$dir/expect.rc" 2>/dev/null)" ]] && cmp -s "$work/out.txt" "$dir/expect.txt"; then
		echo "ok   $c (exit $rc)"
		passed=$((passed + 1))
	else
		echo "FAIL $c: exit $rc (want $(cat "$dir/expect.rc" 2>/dev/null)), output:"
		diff -u "$dir/expect.txt" "$work/out.txt" | head -60 | sed 's/^/    /'
		failed=$((failed + 1))
	fi
done
# the same through git: a checkout with the base and the edited head as two
# commits; `uabi diff --kernel-tree --base --head` must say what --old/--new said
if ! $update && [[ " ${cases[*]} " == *" widen-member "* ]]; then
	repo=$work/repo
	rm -rf "$repo" "$work/new"
	cp -a "$work/old" "$repo"
	t_copy_tree "$src" "$work/new"
	(
		cd "$repo" && git init -q && git add -A &&
			git -c user.name=uabi -c user.email=uabi@invalid commit -qm base &&
			python3 - "$here/widen-member/edit.json" "$repo" <<'PY' &&
import json, os, sys
for e in json.load(open(sys.argv[1])):
    p = os.path.join(sys.argv[2], e["file"])
    text = open(p).read()
    open(p, "w").write(text.replace(e["old"], e["new"]))
PY
			git -c user.name=uabi -c user.email=uabi@invalid commit -qam head &&
			git rev-parse HEAD >"$work/head.sha" &&
			git checkout -q HEAD~1   # another checked-out revision must not matter
	) >"$work/git.log" 2>&1 || echo "git setup failed: $(cat "$work/git.log")"
	# the base is the branch tip's parent: compare against the case output
	rc=0
	"$uabi" diff --kernel-tree "$repo" --base HEAD --head "$(cat "$work/head.sha" 2>/dev/null)" -j 2 --format text \
		>"$work/git.txt" 2>"$work/err.txt" || rc=$?
	if [[ $rc == "$(cat "$here/widen-member/expect.rc")" ]] && cmp -s "$work/git.txt" "$here/widen-member/expect.txt" &&
		[[ -z $(git -C "$repo" status --porcelain) ]]; then
		echo "ok   widen-member through git --base/--head (exit $rc, work tree untouched)"
		passed=$((passed + 1))
	else
		echo "FAIL widen-member through git: exit $rc"
		diff -u "$here/widen-member/expect.txt" "$work/git.txt" | head -30 | sed 's/^/    /'
		sed 's/^/    /' "$work/err.txt" | head -10
		failed=$((failed + 1))
	fi
fi
echo "diff cases: $passed passed, $failed failed"
((failed == 0))
