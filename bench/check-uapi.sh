#!/usr/bin/env bash
# Side by side: the kernel's scripts/check-uapi.sh (libabigail's abidiff,
# one ABI per run) and `uabi diff` on the same uapi change of a Linux 6.12
# git tree (issue 9, "Performance"). Never run as a test.
#
#   bench/check-uapi.sh [-s TARBALL] [-w DIR] [-u UABI] [-o REPORT.md]
#
# The tree is Debian's linux-source-6.12 tarball in full (check-uapi.sh
# runs `make headers_install` on a `git archive` of each revision, so it
# needs the Makefiles and scripts/), committed to a git repository; a second
# commit changes `__s64 src_fd` of struct file_clone_range
# (include/uapi/linux/fs.h, the argument of FICLONERANGE) to __s32. On
# x86_64 the struct keeps its 32 bytes (the member shrinks, 4 bytes of
# padding follow); on i386 it shrinks from 32 to 28 bytes, so FICLONERANGE
# gets another number there and now differs from x86_64's.
# Timed once each, cold (uabi with --no-cache), -j 2:
#   ARCH=x86 check-uapi.sh -b HEAD -p HEAD~1      (x86_64, every header)
#   uabi diff --kernel-tree REPO --base HEAD~1 --head HEAD --header linux/fs.h
#     on x86_64 alone, on every ABI, and with --all instead of --header
# -w keeps the repository in DIR (reused when it has the two commits).
# check-uapi.sh wants abidiff >= 2.4; with an older one (Debian 12 has 2.2)
# it runs from a copy whose version floor is the installed version, and the
# report says so. The Markdown report goes to stdout (and REPORT.md).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tarball=/usr/src/linux-source-6.12.tar.xz
keep=
uabi=${UABI:-$here/build/uabi}
report=
while getopts 's:w:u:o:h' opt; do
	case $opt in
	s) tarball=$OPTARG ;;
	w) keep=$OPTARG ;;
	u) uabi=$OPTARG ;;
	o) report=$OPTARG ;;
	*)
		sed -n '2,24s/^# \{0,1\}//p' "$0"
		exit 2
		;;
	esac
done
for tool in abidiff git make gcc rsync /usr/bin/time; do
	if ! command -v "$tool" >/dev/null; then
		echo "bench: $tool missing (abidiff: Debian's abigail-tools; rsync: make headers_install)" >&2
		exit 2
	fi
done
uabi=$(cd "$(dirname "$uabi")" && pwd)/$(basename "$uabi")
[[ -x $uabi ]] || {
	echo "bench: $uabi: build uabi first" >&2
	exit 2
}
work=$(mktemp -d "${TMPDIR:-/tmp}/uabi-bench-check-uapi.XXXXXX")
[[ -n ${UABI_BENCH_KEEP:-} ]] || trap 'rm -rf "$work"' EXIT
repo=${keep:-$work/repo}
change="fs.h: struct file_clone_range: src_fd becomes __s32"

# the repository: the tarball's tree, then the change
git_() { git -C "$repo" -c user.name=uabi-bench -c user.email=bench@uabi.invalid "$@"; }
if [[ ! -d $repo/.git || $(git_ log -1 --format=%s 2>/dev/null) != "$change" ]]; then
	echo "bench: making a git repository of $tarball in $repo" >&2
	rm -rf "$repo"
	mkdir -p "$repo"
	tar -xJf "$tarball" -C "$repo" --strip-components=1
	git_ init -q
	# -f: Debian's top-level .gitignore ignores everything but debian/
	git_ add -A -f
	git_ commit -q -m "Linux $(sed -nE 's/^(VERSION|PATCHLEVEL|SUBLEVEL) = //p' "$repo/Makefile" | paste -sd.) ($(basename "$tarball"))"
	fs=$repo/include/uapi/linux/fs.h
	if ! grep -q '^	__s64 src_fd;$' "$fs"; then
		echo "bench: $fs: no '__s64 src_fd;' line" >&2
		exit 1
	fi
	sed -i 's/^	__s64 src_fd;$/	__s32 src_fd;/' "$fs"
	git_ commit -q -am "$change"
fi
if [[ ! -x $repo/scripts/check-uapi.sh ]]; then
	echo "bench: $repo/scripts/check-uapi.sh: not in this tree" >&2
	exit 2
fi

# check-uapi.sh, from a copy when the installed abidiff is older than it wants
have=$(abidiff --version | cut -d' ' -f2)
want=$(sed -nE 's/.*abidiff_min_version="([0-9.]+)".*/\1/p' "$repo/scripts/check-uapi.sh")
cu=$repo/scripts/check-uapi.sh
deviation=
if [[ -n $want ]] && ! printf '%s\n%s\n' "$want" "$have" | sort -Vc 2>/dev/null; then
	cu=$work/check-uapi.sh
	sed "s/abidiff_min_version=\"$want\"/abidiff_min_version=\"$have\"/" \
		"$repo/scripts/check-uapi.sh" >"$cu"
	deviation="check-uapi.sh wants abidiff >= $want; run with abidiff $have (version floor lowered in a copy, nothing else changed)"
fi

# timed NAME ARGV...: one run; "wall rss_kib exit" into $work/NAME.time,
# stdout and stderr into $work/NAME.out
timed() {
	local name=$1 rc=0
	shift
	/usr/bin/time -f '%e %M' -o "$work/$name.t" "$@" >"$work/$name.out" 2>&1 || rc=$?
	echo "$(tail -1 "$work/$name.t") $rc" >"$work/$name.time"
}
(
	cd "$repo"
	KERNEL_SRC=$repo ARCH=x86 CC=gcc timed check-uapi bash "$cu" -b HEAD -p HEAD~1 -j 2 \
		-l "$work/check-uapi.errors"
)
# What abidiff itself reports on linux/fs.h, untimed: the headers of both
# revisions installed (only fs.h differs between them), compiled as
# check-uapi.sh compiles them, compared with its suppressions, and again
# with its enum suppression alone (without the 16 padding-member ones;
# abidiff before 2.4 applies those to structs without such a member).
direct_abidiff() {
	local rev
	for rev in HEAD~1 HEAD; do
		git_ show "$rev:include/uapi/linux/fs.h" >"$repo/include/uapi/linux/fs.h"
		make -C "$repo" -s -j 2 ARCH=x86 INSTALL_HDR_PATH="$work/hdr-$rev" headers_install \
			>"$work/headers-install.log" 2>&1
		printf 'int f(void) { return 0; }\n' | gcc -shared -nostdlib -fPIC -o "$work/fs-$rev.bin" \
			-x c -O0 -std=c90 -fno-eliminate-unused-debug-types -g "-I$work/hdr-$rev/include" \
			-include "$work/hdr-$rev/include/linux/fs.h" -
	done
	git_ checkout -q HEAD -- include/uapi/linux/fs.h
	# check-uapi.sh's gen_suppressions (and join), run as it runs them
	sed -n '/^join() {/,/^}/p; /^gen_suppressions() {/,/^}/p' "$cu" >"$work/supp.sh"
	echo 'IGNORE_AMBIGUOUS_CHANGES=false gen_suppressions' >>"$work/supp.sh"
	bash "$work/supp.sh" >"$work/supp-all.txt"
	awk '/^\[suppress_type\]/ { n++ } n == 1' "$work/supp-all.txt" >"$work/supp-enum.txt"
	{
		echo "\$ abidiff --non-reachable-types --suppressions <check-uapi.sh's, $(grep -c '^\[suppress_type\]' "$work/supp-all.txt") blocks> fs-HEAD~1.bin fs-HEAD.bin"
		abidiff --non-reachable-types --suppressions "$work/supp-all.txt" \
			"$work/fs-HEAD~1.bin" "$work/fs-HEAD.bin" || echo "(exit $?)"
		echo "\$ abidiff --non-reachable-types --suppressions <its enum block alone> fs-HEAD~1.bin fs-HEAD.bin"
		abidiff --non-reachable-types --suppressions "$work/supp-enum.txt" \
			"$work/fs-HEAD~1.bin" "$work/fs-HEAD.bin" || echo "(exit $?)"
	} >"$work/abidiff.out" 2>&1
}
direct_abidiff

ud=("$uabi" diff --no-cache --kernel-tree "$repo" --base HEAD~1 --head HEAD -j 2)
timed uabi-x86_64 "${ud[@]}" --header linux/fs.h --profile x86_64
timed uabi-fs "${ud[@]}" --header linux/fs.h
timed uabi-all "${ud[@]}" --all

# row NAME TEXT: wall, RSS, exit, ratio to check-uapi.sh
row() {
	local wall rss rc base
	read -r wall rss rc <"$work/$1.time"
	read -r base _ <"$work/check-uapi.time"
	awk -v t="$2" -v w="$wall" -v r="$rss" -v rc="$rc" -v b="$base" 'BEGIN {
		printf "| %s | %.2f | %.0f | %s | %.1fx |\n", t, w, r / 1024, rc, (w > 0 ? b / w : 0) }'
}
# show NAME FILE LINES: a fenced excerpt
show() {
	echo
	echo '```'
	head -"$3" "$2"
	[[ $(wc -l <"$2") -le $3 ]] || echo "... ($(wc -l <"$2") lines)"
	echo '```'
}
out=$work/report.md
{
	echo "# check-uapi.sh beside uabi diff"
	echo
	echo "- tree: $(git_ log -1 --format=%s HEAD~1), a git repository of the whole tarball"
	echo "- change (HEAD): $change (\`__s64\` -> \`__s32\`; FICLONERANGE's argument)"
	echo "- machine: $(nproc) cores; gcc $(gcc -dumpversion), clang $(clang -dumpversion), abidiff $have; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
	[[ -z $deviation ]] || echo "- $deviation"
	echo "- one run each, cold (uabi: --no-cache); peak RSS: GNU time %M (largest single process)"
	echo
	echo "| command | wall s | peak RSS MiB | exit | check-uapi.sh / this |"
	echo "|---|---|---|---|---|"
	row check-uapi "ARCH=x86 scripts/check-uapi.sh -b HEAD -p HEAD~1 -j 2 (x86_64)"
	row uabi-x86_64 "uabi diff --base HEAD~1 --head HEAD --header linux/fs.h --profile x86_64"
	row uabi-fs "uabi diff --base HEAD~1 --head HEAD --header linux/fs.h (every ABI)"
	row uabi-all "uabi diff --base HEAD~1 --head HEAD --all (every ABI)"
	echo
	echo "## What check-uapi.sh found"
	show check-uapi "$work/check-uapi.out" 40
	if [[ -s $work/check-uapi.errors ]]; then
		echo
		echo "Its error log (-l):"
		show check-uapi "$work/check-uapi.errors" 60
	fi
	echo
	echo "abidiff on linux/fs.h alone, compiled as check-uapi.sh compiles it (untimed):"
	show abidiff "$work/abidiff.out" 40
	for n in "uabi-x86_64 --header linux/fs.h --profile x86_64" \
		"uabi-fs --header linux/fs.h (every ABI)" "uabi-all --all (every ABI)"; do
		echo
		echo "## What uabi diff ${n#* } found"
		show "${n%% *}" "$work/${n%% *}.out" 60
	done
} >"$out"
cat "$out"
[[ -z $report ]] || cp "$out" "$report"
