#!/usr/bin/env bash
# Which ABIs a run judges: compat pairs must be pairs the profiles define
# (check --pairs, compat's dumps, custom pairs from --profiles-file); a
# profile without its asm/ headers is an input problem of that profile
# (exit 2, or skipped with one line under --skip-missing and the default
# selection of check, diff and lint), decided before any compile and the
# same in every subcommand; every report lists the ABIs judged and the
# ABIs skipped with the reason; messages quote input names escaped.
#
#   tests/cli/coverage.sh [UABI]
#
# Installed headers: a copy of this machine's x86 uapi headers
# (linux-libc-dev), so that exactly x86_64, i386 and x32 have asm/ there.
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init cover "${1:-}"
if [[ ! -d /usr/include/x86_64-linux-gnu/asm || ! -d /usr/include/linux ]]; then
	echo "coverage: SKIP: no x86_64 installed uapi headers (apt-get install linux-libc-dev)"
	exit 77
fi

# empty_out NAME: nothing on stdout (no partial report)
empty_out() {
	if [[ ! -s $work/$1.out ]]; then
		echo "PASS $1: no stdout"
	else
		failed=$((failed + 1))
		echo "FAIL $1: stdout not empty"
	fi
}

# py NAME SCRIPT ARGS...: a python check; exit 0 passes
py() {
	local name=$1
	shift
	if python3 - "$@"; then
		echo "PASS $name"
	else
		failed=$((failed + 1))
		echo "FAIL $name"
	fi
}

valid='valid pairs: x86_64:i386, x86_64:x32, aarch64:arm, riscv64:riscv32, ppc64:ppc32, s390x:s390, mips64:mipso32, mips64:mipsn32\)$'

# ---- 1. pairs ---------------------------------------------------------------
t_run 2 reversed "$uabi" check --kernel-tree "$tree" --pairs i386:x86_64
t_err_has reversed "^uabi: --pairs: i386:x86_64 is not a native:compat pair \($valid"
empty_out reversed
t_run 2 self "$uabi" check --kernel-tree "$tree" --pairs x86_64:x86_64
t_err_has self "^uabi: --pairs: x86_64:x86_64 is not a native:compat pair \("
t_run 2 cross "$uabi" check --kernel-tree "$tree" --pairs x86_64:arm
t_err_has cross "x86_64:arm is not a native:compat pair"

t_run 0 dumps "$uabi" extract --kernel-tree "$tree" --profile x86_64,i386,x32 -j 2 -o "$work/d/"
t_run 2 compat-reversed "$uabi" compat "$work/d/i386.json" "$work/d/x86_64.json"
t_err_has compat-reversed "^uabi: $work/d/i386.json and $work/d/x86_64.json: i386:x86_64 is not a native:compat pair \($valid"
empty_out compat-reversed
t_run 2 compat-same "$uabi" compat "$work/d/x86_64.json" "$work/d/x86_64.json"
t_err_has compat-same "x86_64:x86_64 is not a native:compat pair"
empty_out compat-same
t_run 1 compat-ok "$uabi" compat "$work/d/x86_64.json" "$work/d/i386.json"
t_out_has compat-ok "  ABIs:        2 judged: x86_64, i386"
# a profiles file defines the pairs: here x86_64 serves x32 only
cat >"$work/x32only.json" <<'JSON'
{"profiles": [
 {"name": "x86_64", "arch": "x86", "triplet": "x86_64-linux-gnu", "model": "LP64", "endian": "little",
  "cc": ["clang", "--target=x86_64-linux-gnu"], "ld": ["ld.lld"], "compat": ["x32"]}
]}
JSON
t_run 2 compat-custom "$uabi" compat --profiles-file "$work/x32only.json" "$work/d/x86_64.json" "$work/d/i386.json"
t_err_has compat-custom "x86_64:i386 is not a native:compat pair \(valid pairs: x86_64:x32, aarch64:arm,"
t_run 0 compat-custom-ok "$uabi" compat --fail-on never --profiles-file "$work/x32only.json" \
	"$work/d/x86_64.json" "$work/d/x32.json"
t_run 2 pairs-custom "$uabi" check --profiles-file "$work/x32only.json" --kernel-tree "$tree" --pairs x86_64:i386
t_err_has pairs-custom "x86_64:i386 is not a native:compat pair \(valid pairs: x86_64:x32,"

# ---- 2. missing asm/ headers: exit 2 or skipped, in every subcommand --------
inc=$work/inc
mkdir -p "$inc/x86_64-linux-gnu"
cp -a /usr/include/linux /usr/include/asm-generic "$inc/"
cp -a /usr/include/x86_64-linux-gnu/asm "$inc/x86_64-linux-gnu/"
noasm="no asm/ headers for profile aarch64 \(looked for aarch64-linux-gnu/asm and asm/\)"
t_run 2 extract-noasm "$uabi" extract --headers "$inc" --profile x86_64,aarch64 -j 2 -o "$work/e/"
t_err_has extract-noasm "^uabi: $inc: $noasm \(pass --skip-missing to skip it\)$"
if [[ ! -e $work/e ]]; then
	echo "PASS extract-noasm: nothing written"
else
	failed=$((failed + 1))
	echo "FAIL extract-noasm: wrote $(ls "$work/e")"
fi
t_run 2 lint-noasm "$uabi" lint --headers "$inc" --profile x86_64,aarch64
t_err_has lint-noasm "^uabi: $inc: $noasm"
empty_out lint-noasm
t_run 2 check-noasm "$uabi" check --headers "$inc" --pairs aarch64:arm
t_err_has check-noasm "^uabi: $inc: $noasm"
empty_out check-noasm
t_run 2 diff-noasm "$uabi" diff --old "$inc" --new "$inc" --profile aarch64
t_err_has diff-noasm "^uabi: $inc: $noasm"
t_run 0 extract-skip "$uabi" extract --headers "$inc" --profile x86_64,aarch64 --skip-missing -o "$work/e/"
t_err_has extract-skip "^uabi: aarch64: skipped: $inc: $noasm$"
if [[ -f $work/e/x86_64.json && ! -e $work/e/aarch64.json ]]; then
	echo "PASS extract-skip: x86_64.json only"
else
	failed=$((failed + 1))
	echo "FAIL extract-skip: $(ls "$work/e" 2>&1 | tr '\n' ' ')"
fi

# the default selection judges what can be judged here, and says so
t_run 1 check-all "$uabi" check --headers "$inc" -j 2
t_err_has check-all "^uabi: aarch64: skipped: $inc: $noasm$"
t_err_has check-all "^uabi: s390: skipped: $inc: no asm/ headers for profile s390 "
t_out_has check-all "  ABIs:        3 judged: x86_64, i386, x32"
t_out_has check-all "  skipped:     aarch64: $inc: no asm/ headers for profile aarch64 (looked for aarch64-linux-gnu/asm and asm/)"
for f in json sarif markdown html; do
	t_run 1 "check-all-$f" "$uabi" check --headers "$inc" --pairs all -j 2 --format "$f"
done
py "check json coverage: 3 judged, 11 skipped with reasons" "$work/check-all-json.out" "$work/check-all-sarif.out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["coverage"]
ok = c["covered"] == ["x86_64", "i386", "x32"]
ok = ok and [s["profile"] for s in c["skipped"]] == ["aarch64", "arm", "riscv64", "riscv32", "ppc64", "ppc32",
                                                    "s390x", "s390", "mips64", "mipso32", "mipsn32"]
ok = ok and all("no asm/ headers for profile %s" % s["profile"] in s["reason"] for s in c["skipped"])
s = json.load(open(sys.argv[2]))["runs"][0]
notes = s["invocations"][0]["toolExecutionNotifications"]
ok = ok and len(notes) == 11 and notes[0]["message"]["text"].startswith("aarch64: skipped (not judged): ")
ok = ok and s["properties"]["covered"] == ["x86_64", "i386", "x32"] and len(s["properties"]["skipped"]) == 11
sys.exit(0 if ok else 1)
PY
if grep -qF -- '- ABIs: 3 judged: `x86_64`, `i386`, `x32`' "$work/check-all-markdown.out" &&
	grep -qF '<dt>skipped</dt><dd><code>aarch64</code>: ' "$work/check-all-html.out"; then
	echo "PASS markdown and html list the coverage"
else
	failed=$((failed + 1))
	echo "FAIL markdown or html without coverage"
fi
t_run 0 lint-all "$uabi" lint --headers "$inc" --fail-on never -j 2
t_out_has lint-all "uabi lint: 3 ABIs judged: x86_64, i386, x32; 12 skipped"
t_out_has lint-all "uabi lint: skipped ppc64le: $inc: no asm/ headers for profile ppc64le (looked for powerpc64le-linux-gnu/asm and asm/)"
# (--header: without it two identical trees are "no uapi header changed",
# judged on no ABI)
t_run 0 diff-all "$uabi" diff --old "$inc" --new "$inc" --header linux/kvm.h -j 2 --format json
py "diff json: 3 profiles, 12 skipped" "$work/diff-all.out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(0 if r["profiles"] == ["x86_64", "i386", "x32"] and len(r["skipped"]) == 12 else 1)
PY

# a missing compiler: a pair loses its native too, and the report says so
mkdir -p "$work/bin"
ln -s "$(command -v clang)" "$work/bin/clang"
t_run 3 nogcc env PATH="$work/bin" "$uabi" check --kernel-tree "$tree" --pairs x86_64:i386,s390x:s390
t_err_has nogcc "^uabi: s390: s390x-linux-gnu-gcc not found \(install it, or pass --skip-missing\)$"
empty_out nogcc
t_run 1 nogcc-skip env PATH="$work/bin" "$uabi" check --kernel-tree "$tree" --pairs x86_64:i386,s390x:s390 \
	--skip-missing -j 2
t_out_has nogcc-skip "  ABIs:        2 judged: x86_64, i386"
t_out_has nogcc-skip "  skipped:     s390: s390x-linux-gnu-gcc not found"
t_out_has nogcc-skip "               s390x: no compat pair left to judge"

# ---- 4. names from the input are printed escaped ----------------------------
t_run 2 escaped "$uabi" check --kernel-tree "$tree" --pairs $'x86_64:\e[31m\xff'
t_err_has escaped "^uabi: --pairs: unknown profile '\\\\x1b\[31m\\\\xff' \(see 'uabi profiles'\)$"
if LC_ALL=C grep -q $'[\x1b\xff]' "$work/escaped.err"; then
	failed=$((failed + 1))
	echo "FAIL escaped: raw bytes on stderr"
else
	echo "PASS escaped: no raw byte on stderr"
fi
t_run 2 escaped-usage "$uabi" check --kernel-tree "$tree" --bogus $'\e]0;x\a'
if LC_ALL=C grep -q $'[\x1b\x07]' "$work/escaped-usage.err"; then
	failed=$((failed + 1))
	echo "FAIL escaped-usage: raw bytes on stderr"
else
	echo "PASS escaped-usage: no raw byte on stderr"
fi
# the top level quotes argv too, and so do warnings about suppressions
t_run 2 escaped-command "$uabi" $'frob\e[2J'
t_err_has escaped-command "^uabi: unknown command 'frob\\\\x1b\\[2J' \\(see 'uabi --help'\\)$"
t_run 2 escaped-help "$uabi" help $'diff\x9b'
t_err_has escaped-help "^uabi help: unknown command 'diff\\\\x9b' \\(see 'uabi --help'\\)$"
for name in escaped-command escaped-help; do
	if LC_ALL=C grep -q $'[\x1b\x9b]' "$work/$name.err"; then
		failed=$((failed + 1))
		echo "FAIL $name: raw bytes on stderr"
	fi
done

t_finish coverage
