#!/usr/bin/env bash
# README, man page and every --help say the same thing, and say it about
# options uabi really takes. Nothing here lists an option: the lists come
# from the binary's own help and the source's option tables, so an option
# added anywhere is checked.
#
#   tests/cli/docs.sh [UABI]
#
# Per subcommand (from `uabi --help`):
#   - every option of `uabi SUB --help` (long and short) appears in SUB's
#     section of docs/uabi.1 (.SS "uabi SUB") and in SUB's lines of the
#     README usage block;
#   - every option those two name is in `uabi SUB --help`;
#   - every option of the help is accepted: `uabi SUB --opt VALUE --help`
#     exits 0 (options are taken in order, so --help is reached only if
#     getopt knew --opt), trying a few values for options that take one;
#   - no option is accepted but undocumented: every long name of any option
#     table in cli/, the man page or the README, and every letter -a..-Z,
#     that SUB accepts (same probe) is in its --help;
#   - a long option abbreviated is refused by name (exit 2, one line);
#   - `uabi help SUB` prints `uabi SUB --help`.
# And: --version is in `uabi --help`, the man page and the README, and
# matches the man page's version; the man page renders without warnings.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
uabi=${1:-${UABI:-$top/build/uabi}}
man1=$top/docs/uabi.1
readme=$top/README.md
# shellcheck source=tests/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
t_workdir docs
failed=0
passed=0

ok() {
	passed=$((passed + 1))
}
fail() {
	failed=$((failed + 1))
	echo "FAIL $*"
}

# values tried for an option that takes one: any of them makes it parse
values=(1 never text all x86_64:i386 x actionable)

# accepted SUB OPT [META]: `uabi SUB OPT [VALUE] --help` exits 0 for some value
accepted() {
	local sub=$1 opt=$2 v
	if [[ -z ${3:-} ]]; then
		"$uabi" "$sub" "$opt" --help >/dev/null 2>&1
		return
	fi
	for v in "${values[@]}"; do
		"$uabi" "$sub" "$opt" "$v" --help >/dev/null 2>"$work/err" && return 0
		grep -q "unknown option" "$work/err" && return 1
	done
	return 1
}

# the options of a --help text: "NAME META" per name (META empty for a flag)
help_opts() {
	awk '/^  -/ {
		line = $0; sub(/^  /, "", line)
		split(line, part, /  +/)
		n = split(part[1], t, /[ ,]+/)
		meta = ""
		for (i = 1; i <= n; i++) if (t[i] !~ /^-/ && t[i] != "") meta = t[i]
		for (i = 1; i <= n; i++) if (t[i] ~ /^-/) print t[i], meta
	}'
}

# a word of options, as text: --name or -x not inside a longer option
names_in() {
	grep -oE -- '(^|[^a-zA-Z0-9_-])--?[a-zA-Z][a-zA-Z0-9-]*' | sed -E 's/^[^-]*//' | sort -u
}

has_word() {
	grep -qE -- "(^|[^a-zA-Z0-9_-])$1([^a-zA-Z0-9_-]|\$)"
}

# the man page as plain words: \- is -, fonts dropped
man_text() {
	sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(dq/"/g' "$man1"
}

mapfile -t cmds < <("$uabi" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } /^$/ { on = 0 }')
if ((${#cmds[@]} < 8)); then
	fail "uabi --help lists ${#cmds[@]} commands"
fi

# every long option name the sources, the man page and the README know
{
	grep -ohE '\{ *"[a-z0-9-]+", *(no|required|optional)_argument' "$top"/cli/*.c "$top"/cli/*.h |
		sed -E 's/^\{ *"([^"]*)".*/--\1/'
	man_text | names_in
	sed -n '/^## Usage/,/^## /p' "$readme" | names_in
} | grep -E '^--[a-z]' | sort -u >"$work/all-long"
if [[ ! -s $work/all-long ]] || ! grep -qx -- --kernel-tree "$work/all-long"; then
	fail "no option table found in $top/cli"
fi

# the README usage block: its "uabi SUB" lines and their continuations
awk '/^## Usage/ { u = 1 } u && /^```/ { if (b) exit; b = 1; next } b' "$readme" >"$work/usage"

for sub in "${cmds[@]}"; do
	"$uabi" "$sub" --help >"$work/help" 2>&1 || fail "$sub --help exits $?"
	help_opts <"$work/help" | grep -vE '^(-h|--help) ' >"$work/opts"
	cut -d' ' -f1 "$work/opts" | sort -u >"$work/names"
	# SUB's section of the man page, SUB's lines of the usage block
	man_text | awk -v s=".SS \"uabi $sub\"" '$0 == s { on = 1; next } on && /^\.S[SH] / { exit } on' >"$work/man"
	awk -v s="uabi $sub " 'index($0, s) == 1 { on = 1; print; next } /^uabi / { on = 0 } on' \
		"$work/usage" >"$work/readme"
	[[ -s $work/man ]] || fail "$sub: no .SS \"uabi $sub\" section in docs/uabi.1"
	[[ -s $work/readme ]] || fail "$sub: no 'uabi $sub' line in the README usage block"
	if [[ ! -s $work/names ]]; then
		fail "$sub --help lists no option"
		continue
	fi

	# help -> man page, README, and the binary
	while read -r opt meta; do
		if has_word "$opt" <"$work/man"; then ok; else fail "$sub $opt: not in docs/uabi.1 (.SS \"uabi $sub\")"; fi
		if has_word "$opt" <"$work/readme"; then ok; else fail "$sub $opt: not in the README usage of uabi $sub"; fi
		if accepted "$sub" "$opt" "$meta"; then ok; else fail "$sub $opt${meta:+ $meta}: in --help but not accepted"; fi
	done <"$work/opts"

	# man page and README -> help
	for f in man readme; do
		while read -r opt; do
			[[ $opt == --help || $opt == -h ]] && continue
			if grep -qx -- "$opt" "$work/names"; then ok; else fail "$sub $opt: in the $f text of uabi $sub, not in its --help"; fi
		done < <(names_in <"$work/$f" | grep -E '^--[a-z]|^-[a-zA-Z]$')
	done

	# nothing accepted but undocumented: long names from everywhere, and letters
	while read -r opt; do
		[[ $opt == --help ]] && continue
		grep -qx -- "$opt" "$work/names" && continue
		if accepted "$sub" "$opt" VALUE; then
			fail "$sub accepts $opt, which its --help does not list"
		else
			ok
		fi
	done <"$work/all-long"
	for l in {a..z} {A..Z}; do
		[[ $l == h ]] && continue
		grep -qx -- "-$l" "$work/names" && continue
		if "$uabi" "$sub" "-$l" 1 --help >/dev/null 2>&1; then
			fail "$sub accepts -$l, which its --help does not list"
		else
			ok
		fi
	done

	# an abbreviation of its longest option is refused by name, in one line
	long=$(grep -E '^--' "$work/names" | awk '{ print length, $0 }' | sort -rn | head -1 | cut -d' ' -f2)
	abbr=${long:0:$((${#long} - 2))}
	rc=0
	"$uabi" "$sub" "$abbr" 1 --help >"$work/out" 2>"$work/err" || rc=$?
	if ((rc == 2)) && [[ $(wc -l <"$work/err") == 1 ]] && grep -q -- "unknown option '$abbr'" "$work/err" &&
		[[ ! -s $work/out ]]; then
		ok
	else
		fail "$sub $abbr (abbreviating $long): exit $rc, $(head -3 "$work/err")"
	fi

	# uabi help SUB is SUB --help
	if "$uabi" help "$sub" 2>&1 | cmp -s - "$work/help"; then ok; else fail "uabi help $sub is not uabi $sub --help"; fi
done

# the top level
man_text >"$work/man-all"
"$uabi" --help >"$work/top" 2>&1 || fail "uabi --help exits $?"
for opt in --version --help; do
	if has_word "$opt" <"$work/top"; then ok; else fail "$opt: not in uabi --help"; fi
	if has_word "$opt" <"$work/man-all"; then ok; else fail "$opt: not in docs/uabi.1"; fi
	if has_word "$opt" <"$work/usage" || [[ $opt == --help ]]; then ok; else fail "$opt: not in the README usage block"; fi
done
version=$("$uabi" --version)
manversion=$(sed -n 's/^\.TH [^ ]* [^ ]* "[^"]*" "\([^"]*\)".*/\1/p' "$man1")
if [[ $version == "$manversion" ]]; then ok; else fail "uabi --version says '$version', docs/uabi.1 '$manversion'"; fi
if command -v groff >/dev/null; then
	warn=$(groff -ww -man -z "$man1" 2>&1)
	if [[ -z $warn ]]; then ok; else fail "docs/uabi.1: groff warns: $warn"; fi
fi

# what the man page says of options, on the cases of issue 7
# one_line WANT_RC PATTERN ARGV...: exit WANT_RC, one stderr line matching
# PATTERN, nothing on stdout
one_line() {
	local want=$1 pattern=$2 rc=0
	shift 2
	"$@" >"$work/out" 2>"$work/err" || rc=$?
	if ((rc == want)) && [[ $(wc -l <"$work/err") == 1 ]] && grep -qE -- "$pattern" "$work/err" &&
		[[ ! -s $work/out ]]; then
		ok
	else
		fail "${*:2}: exit $rc (want $want), stderr: $(head -3 "$work/err")"
	fi
}
one_line 2 "^uabi check: unknown option '--bogus' \(see 'uabi check --help'\)$" "$uabi" check --bogus
one_line 2 "^uabi check: unknown option '--profiles'; long options are spelled in full" \
	"$uabi" check --profiles x.json --help
one_line 2 "^uabi extract: unknown option '--prof'" "$uabi" extract --prof x86_64 --help
one_line 2 "^uabi check: option '--format' needs a value" "$uabi" check --format
one_line 2 "^uabi check: option '-o' needs a value" "$uabi" check -o
one_line 2 "^uabi lint: option '--no-lint' takes no value|^uabi lint: unknown option '--no-lint'" \
	"$uabi" lint --no-lint=1
one_line 2 "^uabi diff: option '--no-lint' takes no value" "$uabi" diff --no-lint=1
one_line 2 "^uabi verify: unknown option '-q'" "$uabi" verify -vq x.json
one_line 2 "^uabi compat: unexpected argument|^uabi compat: expected NATIVE.json COMPAT.json" \
	"$uabi" compat a.json b.json c.json
one_line 2 "^uabi help: unknown command 'frob'" "$uabi" help frob
one_line 2 "^uabi: unknown option '--vers'" "$uabi" --vers
# check --profile selects the pairs whose two profiles it names
golden=$top/tests/golden/anonymous
mkdir -p "$work/dumps"
for p in x86_64 i386 x32; do
	cp "$golden/expect-$p.json" "$work/dumps/$p.json"
done
one_line 2 "^uabi: --profile x86_64: selects no compat pair" \
	"$uabi" check --from-dumps "$work/dumps" --profile x86_64
pairs_of() {
	"$uabi" check --from-dumps "$work/dumps" --format json --fail-on never "$@" |
		python3 -c 'import json, sys; print(" ".join(p["native"] + ":" + p["compat"] for p in json.load(sys.stdin)["pairs"]))'
}
got=$(pairs_of --profile x86_64,i386)
if [[ $got == "x86_64:i386" ]]; then ok; else fail "check --profile x86_64,i386: pairs '$got'"; fi
got=$(pairs_of --profile x86_64,i386,x32)
if [[ $got == "x86_64:i386 x86_64:x32" ]]; then ok; else fail "check --profile x86_64,i386,x32: pairs '$got'"; fi
got=$(pairs_of --profile x86_64,i386,x32 --pairs x86_64:x32)
if [[ $got == "x86_64:x32" ]]; then ok; else fail "check --profile x86_64,i386,x32 --pairs x86_64:x32: pairs '$got'"; fi

if ((failed)); then
	echo "docs: FAIL ($failed failed, $passed passed)"
	exit 1
fi
echo "docs: PASS ($passed checks, ${#cmds[@]} commands)"
