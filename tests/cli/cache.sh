#!/usr/bin/env bash
# The extraction cache (issue 9, item 3; docs/extract.md): a second run on
# an unchanged tree compiles nothing and writes byte-identical dumps; a
# touched header still hits, a changed one or a new header in its directory
# misses; --no-cache neither reads nor writes; corrupt entries are removed
# with exactly one warning line for the run, also when several workers
# find one.
#
#   tests/cli/cache.sh [UABI]
#
# A tiny installed-headers tree (one header with two ioctls, and
# asm-generic/ioctl.h from this machine's linux-libc-dev) on x86_64, i386
# and x32, whose compiler is a wrapper that logs every call: "spawns no
# compiler" is counted, not inferred.
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init cache "${1:-}" notree
clang=$(command -v clang) || {
	echo "cache: SKIP (no clang)"
	exit 77
}
if [[ ! -f /usr/include/asm-generic/ioctl.h ]]; then
	echo "cache: SKIP: no /usr/include/asm-generic/ioctl.h (apt-get install linux-libc-dev)"
	exit 77
fi
unset UABI_NO_CACHE UABI_CACHE_MAX_MIB
export UABI_CACHE_DIR=$work/cache

# ---- the tree, the counting compiler -----------------------------------------
inc=$work/inc
mkdir -p "$inc/linux" "$inc/asm-generic" "$inc/x86_64-linux-gnu/asm" "$work/bin"
cp /usr/include/asm-generic/ioctl.h "$inc/asm-generic/"
echo '#include <asm-generic/ioctl.h>' >"$inc/x86_64-linux-gnu/asm/ioctl.h"
echo '#include <asm/ioctl.h>' >"$inc/linux/ioctl.h"
header() { # header MEMBER_TYPE
	cat >"$inc/linux/cachetest.h" <<EOF
#ifndef _LINUX_CACHETEST_H
#define _LINUX_CACHETEST_H
#include <linux/ioctl.h>
struct ct_arg {
	unsigned int a;
	$1 b;
};
#define CT_GET _IOR('C', 1, struct ct_arg)
#define CT_SET _IOW('C', 2, int)
#endif
EOF
}
header "unsigned long"
cc=$work/bin/clang
cat >"$cc" <<EOF
#!/bin/sh
echo "\$*" >>"$work/cc.log"
exec "$clang" "\$@"
EOF
chmod +x "$cc"
: >"$work/cc.log"
profile() { # NAME TARGET MODEL COMPAT
	printf ' {"name": "%s", "arch": "x86", "triplet": "x86_64-linux-gnu", "model": "%s", "endian": "little",\n' "$1" "$3"
	printf '  "cc": ["%s", "--target=%s"], "ld": ["ld.lld"], "compat": [%s]}' "$cc" "$2" "$4"
}
{
	echo '{"profiles": ['
	profile x86_64 x86_64-linux-gnu LP64 '"i386", "x32"'
	echo ,
	profile i386 i386-linux-gnu ILP32 ''
	echo ,
	profile x32 x86_64-linux-gnux32 ILP32 ''
	echo ']}'
} >"$work/profiles.json"
profs=(x86_64 i386 x32)
ext=("$uabi" extract --profiles-file "$work/profiles.json" --headers "$inc" --header linux/cachetest.h
	--profile x86_64,i386,x32 -j 2 -v)

calls() { wc -l <"$work/cc.log"; }

# says NAME WORD: stderr of NAME has "uabi: P: cache WORD" for every profile, and
# no line of the other word
says() {
	local p other=hit
	[[ $2 == hit ]] && other=miss
	for p in "${profs[@]}"; do
		if ! grep -qxF "uabi: $p: cache $2" "$work/$1.err"; then
			t_fail "$1: no 'uabi: $p: cache $2' line"
			sed 's/^/    /' "$work/$1.err" | head -10
			return
		fi
	done
	if grep -q "cache $other\$" "$work/$1.err"; then
		t_fail "$1: a 'cache $other' line"
		return
	fi
	t_pass "$1: cache $2 on ${profs[*]}"
}

# same_dumps A B: the dumps of directories A and B are byte-identical
same_dumps() {
	local p
	for p in "${profs[@]}"; do
		if ! cmp -s "$work/$1/$p.json" "$work/$2/$p.json"; then
			t_fail "$1 vs $2: $p.json differs"
			return
		fi
	done
	t_pass "$1 vs $2: dumps byte-identical"
}

# no_compiles NAME BEFORE: no compiler ran (the log still has BEFORE lines) and
# -v printed no compiler command
no_compiles() {
	if (($(calls) != $2)); then
		t_fail "$1: the compiler ran $(($(calls) - $2)) times"
	elif grep -q "$cc" "$work/$1.err"; then
		t_fail "$1: -v printed a compiler command"
	else
		t_pass "$1: no compiler ran"
	fi
}

# ---- 1. cold, then warm --------------------------------------------------------
t_run 0 cold "${ext[@]}" -o "$work/d1/"
says cold miss
n=$(calls)
# per profile -E -dD and the probe's compile; -print-file-name=include once
# or twice (the workers share it)
if ((n >= 7)); then
	t_pass "cold: the compiler ran ($n calls)"
else
	t_fail "cold: the compiler ran $n times, want at least 2 per profile and one -print-file-name"
fi
t_run 0 warm "${ext[@]}" -o "$work/d2/"
says warm hit
no_compiles warm "$n"
same_dumps d1 d2
# one profile runs in-process: the same
t_run 0 warm-one "$uabi" extract --profiles-file "$work/profiles.json" --headers "$inc" \
	--header linux/cachetest.h --profile i386 -v -o "$work/one.json"
t_err_has warm-one '^uabi: i386: cache hit$'
if cmp -s "$work/one.json" "$work/d1/i386.json"; then
	t_pass "warm-one: dump byte-identical"
else
	t_fail "warm-one: dump differs"
fi
# the root is no part of the key: the same tree elsewhere hits, and its dump
# names the root as given
cp -a "$inc" "$work/inc2"
t_run 0 moved "$uabi" extract --profiles-file "$work/profiles.json" --headers "$work/inc2" \
	--header linux/cachetest.h --profile i386 -v -o "$work/moved.json"
t_err_has moved '^uabi: i386: cache hit$'
if sed "s|\"$work/inc2\"|\"$inc\"|" "$work/moved.json" | cmp -s - "$work/d1/i386.json" &&
	grep -qF "\"root\": \"$work/inc2\"" "$work/moved.json"; then
	t_pass "moved: the dump differs only by its root, the one given"
else
	t_fail "moved: the dump is not the first one with the new root"
fi
rm -rf "$work/inc2"

# ---- 2. touched, changed, a new header ----------------------------------------
touch -d '+2 seconds' "$inc/linux/cachetest.h"
t_run 0 touched "${ext[@]}" -o "$work/d3/"
says touched hit
no_compiles touched "$n"
sleep 2 # the header's mtime must be in the past
header "unsigned long long"
t_run 0 changed "${ext[@]}" -o "$work/d4/"
says changed miss
if (($(calls) > n)) && ! cmp -s "$work/d1/i386.json" "$work/d4/i386.json" &&
	grep -q '"name": "unsigned long long"' "$work/d4/i386.json"; then
	t_pass "changed: compiled again, the dump has the new member type"
else
	t_fail "changed: no new extraction"
fi
n=$(calls)
t_run 0 nocache "${ext[@]}" --no-cache -o "$work/d5/"
if grep -q "cache \(hit\|miss\)" "$work/nocache.err"; then
	t_fail "nocache: a cache line with --no-cache"
else
	t_pass "nocache: no cache line"
fi
if (($(calls) > n)); then t_pass "nocache: compiled"; else t_fail "nocache: nothing compiled"; fi
same_dumps d4 d5
n=$(calls)
t_run 0 changed-warm "${ext[@]}" -o "$work/d6/"
says changed-warm hit
no_compiles changed-warm "$n"
same_dumps d4 d6
# a new header where linux/cachetest.h is found
echo '/* new */' >"$inc/linux/zzz.h"
t_run 0 newfile "${ext[@]}" -o "$work/d7/"
says newfile miss
same_dumps d4 d7
n=$(calls)

# ---- 3. corrupt entries: removed, one warning line -----------------------------
# only the entries of the current tree: an entry whose files differ is never read
rm -rf "$UABI_CACHE_DIR"
t_run 0 refill "${ext[@]}" -o "$work/d7/"
mapfile -t entries < <(find "$UABI_CACHE_DIR" -type f -regextype egrep -regex '.*/[0-9a-f]{64}$' | sort)
# the blob's last '}' turned into 'X': found by the workers, each after its own check
for e in "${entries[@]}"; do
	size=$(stat -c %s "$e")
	printf 'X' | dd of="$e" bs=1 seek=$((size - 2)) conv=notrunc status=none
done
t_run 0 corrupt "${ext[@]}" -o "$work/d8/"
warn='^uabi: warning: extraction cache: removed a corrupt entry '
if (($(grep -c "$warn" "$work/corrupt.err") == 1)); then
	t_pass "corrupt: one warning line for ${#entries[@]} corrupt entries"
else
	t_fail "corrupt: $(grep -c "$warn" "$work/corrupt.err") warning lines, want 1"
	grep "$warn" "$work/corrupt.err" | sed 's/^/    /'
fi
# removed and stored again under the same names (same manifests), whole
fixed=0
for e in "${entries[@]}"; do
	[[ -e $e && $(tail -c 2 "$e") == '}' ]] && fixed=$((fixed + 1))
done
mapfile -t now < <(find "$UABI_CACHE_DIR" -type f -regextype egrep -regex '.*/[0-9a-f]{64}$')
if ((fixed == 3)) && ((${#now[@]} == 3)); then
	t_pass "corrupt: the 3 entries replaced by good ones"
else
	t_fail "corrupt: $fixed of ${#entries[@]} entries good again, ${#now[@]} entries (want 3)"
fi
says corrupt miss
same_dumps d4 d8
# truncated: found before the workers start
for e in "${now[@]}"; do truncate -s -1 "$e"; done
t_run 0 truncated "${ext[@]}" -o "$work/d9/"
if (($(grep -c "$warn" "$work/truncated.err") == 1)); then
	t_pass "truncated: one warning line"
else
	t_fail "truncated: $(grep -c "$warn" "$work/truncated.err") warning lines, want 1"
fi
says truncated miss
same_dumps d4 d9
t_run 0 repaired "${ext[@]}" -o "$work/d10/"
says repaired hit
if grep -q warning "$work/repaired.err"; then t_fail "repaired: a warning"; else t_pass "repaired: no warning"; fi

# ---- 4. check uses it; --no-cache writes nothing --------------------------------
chk=("$uabi" check --profiles-file "$work/profiles.json" --headers "$inc" --header linux/cachetest.h
	--pairs x86_64:i386 --fail-on never -v)
t_run 0 check "${chk[@]}" -o "$work/check1.txt"
t_err_has check '^uabi: x86_64: cache hit$'
t_err_has check '^uabi: i386: cache hit$'
n=$(calls)
t_run 0 check-nocache "${chk[@]}" --no-cache -o "$work/check2.txt"
if (($(calls) > n)) && cmp -s "$work/check1.txt" "$work/check2.txt"; then
	t_pass "check: the same report from the cache and without it"
else
	t_fail "check: reports differ, or --no-cache compiled nothing"
fi
UABI_CACHE_DIR=$work/cache2 t_run 0 nocache-empty "${ext[@]}" --no-cache -o "$work/d11/"
if [[ ! -e $work/cache2 ]]; then
	t_pass "nocache-empty: no cache directory made"
else
	t_fail "nocache-empty: $work/cache2 exists"
fi
UABI_CACHE_DIR=$work/cache3 UABI_NO_CACHE=1 t_run 0 env-off "${ext[@]}" -o "$work/d12/"
if [[ ! -e $work/cache3 ]] && ! grep -q "cache miss" "$work/env-off.err"; then
	t_pass "env-off: UABI_NO_CACHE=1 is --no-cache"
else
	t_fail "env-off: the cache was used"
fi

t_finish cache
