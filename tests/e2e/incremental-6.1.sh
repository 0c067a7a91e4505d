#!/usr/bin/env bash
# End-to-end: the incremental --all extraction on the real 6.1 tree (issue
# 9, item 3). In a hard-linked copy of the tree, with a cache of its own:
# a cold `extract --all` for x86_64, i386 and riscv32 (the one without a
# C library), then
#   (1) linux/fs.h changed (struct fstrim_range's minlen __u64 -> __u32),
#   (2) linux/videodev2.h changed, a header five others include
#       (struct v4l2_capability's version __u32 -> __u16),
# each extracted with the cache (-v says how many headers it compiles
# again: fewer than all, for every profile; fs.h's group preprocessed once,
# with the suppliers its ioctls used before) and with --no-cache: the
# `check --from-dumps --pairs x86_64:i386` reports of the two byte for byte the
# same, and the dumps of the three profiles too (all 15 took a quarter of
# an hour of CI for the same code). (2) compiles an array of arrays
# again (v4l2-controls.h: __u8 [6][16]), which the merge would number
# unlike a cold run: a full run on i386 and x86_64.
#
#   tests/e2e/incremental-6.1.sh [UABI]
#
# The tree is $UABI_KERNEL_TREE, else `scripts/kernel-source.sh 6.1`; a
# missing profile toolchain is skipped (--skip-missing) in both runs.
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init incremental-6.1 "${1:-}"
unset UABI_NO_CACHE UABI_CACHE_MAX_MIB
# incremental runs are the default (UABI_INCREMENTAL=0 turns them off)
unset UABI_INCREMENTAL
export UABI_CACHE_DIR=$work/cache
t_copy_tree "$tree" "$work/k"
ext=("$uabi" extract --kernel-tree "$work/k" --all --profile x86_64,i386,riscv32 -j 2 --skip-missing)

# edit REL SED: replace the copy's file (a hard link: never written through)
edit() {
	cp "$work/k/$1" "$work/k/$1.new"
	sed -i "$2" "$work/k/$1.new"
	if cmp -s "$work/k/$1" "$work/k/$1.new"; then
		t_fail "edit $1: '$2' changed nothing"
	fi
	mv -f "$work/k/$1.new" "$work/k/$1"
}
# step NAME DUMPS: incremental and --no-cache extractions; their reports
# compared, and their dumps when DUMPS is "dumps"
step() {
	t_run 0 "$1" "${ext[@]}" -v -o "$work/inc-$1/"
	t_run 0 "$1-cold" "${ext[@]}" --no-cache -o "$work/cold-$1/"
	local n=0 bad=0 p d
	for d in inc cold; do
		t_run 0 "$1-report-$d" "$uabi" check --kernel-tree "$work/k" --from-dumps "$work/$d-$1" \
			--pairs x86_64:i386 --fail-on never --output-dir "$work/report-$d-$1"
	done
	if diff -r "$work/report-inc-$1" "$work/report-cold-$1" >"$work/$1-report.diff"; then
		t_pass "$1: the report is the --no-cache one, byte for byte"
	else
		t_fail "$1: the report differs from the --no-cache one"
		head -10 "$work/$1-report.diff" | sed 's/^/    /'
	fi
	for p in "$work/cold-$1"/*.json; do
		n=$((n + 1))
		cmp -s "$p" "$work/inc-$1/$(basename "$p")" || {
			bad=$((bad + 1))
			[[ $2 == dumps ]] && echo "    $(basename "$p") differs"
		}
	done
	if [[ $2 != dumps ]]; then
		echo "note: $1: $bad of $n dumps differ from the --no-cache ones (type numbering)"
	elif ((n && !bad)); then
		t_pass "$1: the $n dumps are the --no-cache ones, byte for byte"
	else
		t_fail "$1: $bad of $n dumps differ from the --no-cache ones"
	fi
	# every profile compiled a part of the headers again, none all of
	# them but those named in $3
	local parts full want
	parts=$(grep -cE '^uabi: [a-z0-9_]+: [0-9]+ of [0-9]+ headers to extract again$' "$work/$1.err")
	full=$(sed -nE 's/^uabi: ([a-z0-9_]+): extracting every header$/\1/p' "$work/$1.err" | sort | paste -sd, -)
	want=${3:-}
	if ((parts == n)) && [[ $full == "$want" ]]; then
		t_pass "$1: each of the $n profiles compiled only the headers the change reaches${want:+, then $want every header}"
	else
		t_fail "$1: $parts of $n profiles incremental, every header: '$full', want '$want'"
	fi
}

t_run 0 cold "${ext[@]}" -o "$work/cold/"
edit include/uapi/linux/fs.h 's/^\t__u64 minlen;/\t__u32 minlen;/'
# every profile incremental (riscv32, without a C library, reads
# linux/time.h through a header supply() adds: kept with the header_deps)
step fs dumps
# fs.h's FS_IOC_FIEMAP and BLKTRACESETUP take their structs from
# linux/fiemap.h and linux/blktrace_api.h (supply()): the group's one -dD
# run includes them at once (seed.d) on x86_64 and i386
for p in x86_64 i386; do
	n=$(grep -cE "^uabi: $p: .* -E -dD " "$work/fs.err")
	s=$(grep -cE "^uabi: $p: .* -E -dD -MD -MF [^ ]*/seed\.d " "$work/fs.err")
	if [[ $n == 1 && $s == 1 ]]; then
		t_pass "fs: $p: one -E -dD run, with the cached suppliers"
	else
		t_fail "fs: $p: $n -E -dD runs, $s seeded; want 1 and 1"
	fi
done
# FITRIM's argument shrank: 24 -> 20 bytes on i386 (4-byte __u64), 24 -> 24 on x86_64 (padding)
python3 - "$work/inc-fs" <<'PY' && t_pass "fs: FITRIM size 20 (i386), 24 (x86_64)" || t_fail "fs: FITRIM sizes"
import json, sys
s = {p: next(i["size"] for i in json.load(open(f"{sys.argv[1]}/{p}.json"))["ioctls"] if i["name"] == "FITRIM")
     for p in ("i386", "x86_64")}
sys.exit(0 if s == {"i386": 20, "x86_64": 24} else 1)
PY
edit include/uapi/linux/videodev2.h '/^struct v4l2_capability {/,/^};/s/^\t__u32   version;/\t__u16   version;/'
# i386 and x86_64: the group compiled again has an array of arrays
# (v4l2-controls.h's __u8 [6][16]), whose merge would not give the cold
# run's type numbering: a full run each; riscv32 (videodev2.h skipped:
# no C library) incremental; every dump the --no-cache one
step videodev2 dumps i386,x86_64
t_finish incremental-6.1
