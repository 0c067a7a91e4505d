#!/usr/bin/env bash
# CLI contract: exit codes, one-line messages that name the input, no
# partial output, --skip-missing, and profile overrides from a JSON file.
#
#   tests/cli/errors.sh [UABI]
#
# The kernel tree is $UABI_KERNEL_TREE, else scripts/kernel-source.sh.
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
uabi=${1:-${UABI:-$top/build/uabi}}
tree=${UABI_KERNEL_TREE:-$("$top/scripts/kernel-source.sh")} || exit 2
t_workdir cli
failed=0
passed=0

# expect CODE PATTERN -- ARGV...: exit code and a stderr line matching PATTERN
expect() {
	local code=$1 pattern=$2
	shift 3
	"$@" >"$work/out" 2>"$work/err"
	local rc=$?
	if [[ $rc -eq $code ]] && { [[ -z $pattern ]] || grep -qE -- "$pattern" "$work/err"; }; then
		passed=$((passed + 1))
		echo "PASS exit $code: ${*:2}"
	else
		failed=$((failed + 1))
		echo "FAIL want exit $code and /$pattern/, got exit $rc: $*"
		sed 's/^/    /' "$work/err" | head -20
	fi
}

# no_file PATH: nothing (not even a temp file) was left at PATH
no_file() {
	if compgen -G "$1*" >/dev/null; then
		failed=$((failed + 1))
		echo "FAIL left behind: $(compgen -G "$1*" | tr '\n' ' ')"
	else
		passed=$((passed + 1))
		echo "PASS nothing written at $1"
	fi
}

# usage errors: 2
expect 2 "missing --kernel-tree DIR or --headers DIR" -- "$uabi" extract -o "$work/x.json"
expect 2 "unknown command 'frob'" -- "$uabi" frob
expect 2 "^uabi extract: -j: expected a number" -- "$uabi" extract --kernel-tree "$tree" -j " 4" -o "$work/x.json"
expect 2 "^uabi check: --kernel-tree: empty path " -- "$uabi" check --kernel-tree ""
expect 2 "^uabi: -o: empty path " -- "$uabi" compat -o "" "$work/none.json" "$work/none.json"
# a newline from the command line is shown escaped, never as a space
expect 2 "^uabi: --header 'linux/kvm.h\\\\x0a#include x': expected a relative include name" -- \
	"$uabi" extract --kernel-tree "$tree" --header $'linux/kvm.h\n#include x' -o "$work/x.json"
if "$uabi" help help | grep -q '^usage: uabi <command>'; then
	passed=$((passed + 1))
	echo "PASS uabi help help: the top-level help"
else
	failed=$((failed + 1))
	echo "FAIL uabi help help"
fi
# the inputs each subcommand takes are named; a profile that would silently
# not be judged, two trees of different kinds, a dump whose relative root is
# not found from here: each refused in one line
expect 2 "^uabi check: missing --kernel-tree DIR, --headers DIR or --from-dumps DIR " -- "$uabi" check
expect 2 "^uabi: --profile x86_64,i386,aarch64: aarch64 is in no selected compat pair" -- \
	"$uabi" check --kernel-tree "$tree" --profile x86_64,i386,aarch64
expect 2 "^uabi diff: --old .* is kernel-tree, --new .* is headers: give two of the same kind" -- \
	"$uabi" diff --old "$tree" --new /usr/include --profile x86_64
# a tree that is not there is said so, not called a tree of another kind
expect 2 "^uabi: --new $work/no-such-tree: No such file or directory\$" -- \
	"$uabi" diff --old "$tree" --new "$work/no-such-tree" --profile x86_64
: >"$work/afile"
expect 2 "^uabi: --old $work/afile: Not a directory\$" -- \
	"$uabi" diff --old "$work/afile" --new "$tree" --profile x86_64
mkdir -p "$work/rel"
uabi_abs=$(realpath "$uabi")
(cd "$(dirname "$tree")" && "$uabi_abs" extract --kernel-tree "$(basename "$tree")" --profile x86_64 \
	-o "$work/rel/x86_64.json")
expect 2 "^uabi: .*/rel/x86_64.json: its input root '$(basename "$tree")' is not found from here: give --kernel-tree or --headers$" -- \
	"$uabi" verify "$work/rel/x86_64.json"
expect 2 "unknown profile 'bogus'" -- "$uabi" extract --kernel-tree "$tree" --profile bogus -o "$work/x.json"
expect 2 "-j: expected a number" -- "$uabi" extract --kernel-tree "$tree" -j 0 -o "$work/x.json"
expect 2 "give one of --kernel-tree and --headers" -- \
	"$uabi" extract --kernel-tree "$tree" --headers /usr/include -o "$work/x.json"
expect 2 "--format: expected text or json" -- "$uabi" profiles --format yaml

# input errors: 2, one line naming the input
expect 2 "^uabi: $work/none: No such file or directory$" -- \
	"$uabi" extract --kernel-tree "$work/none" --profile x86_64 -o "$work/x.json"
expect 2 "not a kernel source tree \(no include/uapi/linux\)" -- \
	"$uabi" extract --kernel-tree "$work" --profile x86_64 -o "$work/x.json"
expect 2 "^uabi: x86_64: --header linux/nothere.h: not found in " -- \
	"$uabi" extract --kernel-tree "$tree" --header linux/nothere.h --profile x86_64 -o "$work/x.json"
expect 2 "--header '../etc/passwd': expected a relative include name" -- \
	"$uabi" extract --kernel-tree "$tree" --header ../etc/passwd --profile x86_64 -o "$work/x.json"
no_file "$work/x.json"
printf 'not elf\n' >"$work/text.so"
expect 2 "^uabi: dwarf: $work/text.so: not an ELF file$" -- "$uabi" dwarf "$work/text.so"
expect 2 "^uabi: $work/text.so: not JSON: " -- "$uabi" verify "$work/text.so"
printf '{"schema_version": 99}\n' >"$work/v99.json"
expect 2 "$work/v99.json: .*version" -- "$uabi" verify "$work/v99.json"
expect 2 "^uabi: $work/missing.json: No such file or directory$" -- "$uabi" verify "$work/missing.json"
printf '{"profiles": [{"name": "x"}]}\n' >"$work/p.json"
expect 2 "^uabi: $work/p.json: profiles\[0\]" -- "$uabi" profiles --profiles-file "$work/p.json"

# toolchain errors: 3, with the compiler's first lines
t_copy_tree "$tree" "$work/bad"
printf '#include <linux/types.h>\nstruct x { int a; };\nstruct x y = {;\n' \
	>"$work/bad/include/uapi/linux/broken.h"
expect 3 "^  \| .*include/uapi/linux/broken.h:3:15: error: expected expression" -- \
	"$uabi" extract --kernel-tree "$work/bad" --header linux/broken.h --profile x86_64 -o "$work/bad.json"
expect 3 "^uabi: x86_64: the headers do not compile \(clang exited 1\)$" -- \
	"$uabi" extract --kernel-tree "$work/bad" --header linux/broken.h --profile x86_64 -o "$work/bad.json"
no_file "$work/bad.json"

# a header whose #include names a file in no include directory: an input
# error (2), one line naming the header, the file and line of the directive
# and the directive as written (quotes, include_next: attacker F9), not the
# compiler's "file not found" as a toolchain error; through another header,
# that one's file:line
printf '#include <linux/types.h>\n#include <uabi-missing.h>\nstruct lacks { int a; };\n' \
	>"$work/bad/include/uapi/linux/lacks.h"
printf '#include <linux/types.h>\n#include "uabi-nowhere.h"\n' >"$work/bad/include/uapi/linux/lackq.h"
printf '#include <linux/lacks.h>\n' >"$work/bad/include/uapi/linux/lackn.h"
printf '#include <linux/types.h>\n  #include_next <linux/lacknx.h>\n' >"$work/bad/include/uapi/linux/lacknx.h"
for p in x86_64 s390; do
	for c in "lacks|linux/lacks.h:2: #include <uabi-missing.h>, which is neither in the uapi tree nor in the C library's headers" \
		"lackq|linux/lackq.h:2: #include \"uabi-nowhere.h\", which is neither in the uapi tree nor in the C library's headers" \
		"lackn|linux/lackn.h: include/uapi/linux/lacks.h:2: #include <uabi-missing.h>, which is neither in the uapi tree nor in the C library's headers" \
		"lacknx|linux/lacknx.h:2: #include_next <linux/lacknx.h>, which no include directory after this file's has"; do
		h=${c%%|*}
		want=${c#*|}
		expect 2 "^uabi: $p: ${want//./\\.}\$" -- \
			"$uabi" extract --kernel-tree "$work/bad" --header "linux/$h.h" --profile "$p" -o "$work/bad.json"
		if [[ $(wc -l <"$work/err") == 1 ]]; then
			passed=$((passed + 1))
			echo "PASS $p: a missing #include file ($h): one line"
		else
			failed=$((failed + 1))
			echo "FAIL $p: a missing #include file ($h): not one line:"
			sed 's/^/    /' "$work/err" | head -10
		fi
		no_file "$work/bad.json"
	done
done

# an ioctl whose argument type the compiler rejects is not applicable, with
# the compiler's words (clang names the probe line, gcc a note after an error
# in the header); the rest of the header is extracted
printf '#include <linux/types.h>\n#include <linux/ioctl.h>\nstruct uabi_ok { __u32 a; };\n#define UABI_OK _IOW(0x55, 1, struct uabi_ok)\n#define UABI_BAD _IOW(0x55, 2, uabi_undefined_t)\n' \
	>"$work/bad/include/uapi/linux/mixed.h"
for p in x86_64 s390; do
	expect 0 "" -- "$uabi" extract --kernel-tree "$work/bad" --header linux/mixed.h --profile "$p" \
		-o "$work/mixed-$p.json"
	if python3 - "$work/mixed-$p.json" <<'PY'; then
import json, re, sys
io = {i["name"]: i for i in json.load(open(sys.argv[1]))["ioctls"]}
ok = io["UABI_OK"]["applicable"] and not io["UABI_BAD"]["applicable"]
ok = ok and re.search(r"uabi_undefined_t", io["UABI_BAD"]["reason"]) is not None
sys.exit(0 if ok else 1)
PY
		passed=$((passed + 1))
		echo "PASS $p: a rejected argument type makes that ioctl not applicable"
	else
		failed=$((failed + 1))
		echo "FAIL $p: rejected argument type: $(cat "$work/mixed-$p.json" | head -c 300)"
	fi
done

# a missing compiler: 3, or skipped with --skip-missing
mkdir -p "$work/bin"
ln -s "$(command -v clang)" "$work/bin/clang"
expect 3 "^uabi: s390: s390x-linux-gnu-gcc not found \(install it, or pass --skip-missing\)$" -- \
	env PATH="$work/bin" "$uabi" extract --kernel-tree "$tree" --profile x86_64,s390 -o "$work/skip/"
no_file "$work/skip/x86_64.json"
expect 0 "^uabi: s390: skipped: s390x-linux-gnu-gcc not found$" -- \
	env PATH="$work/bin" "$uabi" extract --kernel-tree "$tree" --profile x86_64,s390 --skip-missing \
	-o "$work/skip/"
if [[ -f $work/skip/x86_64.json && ! -e $work/skip/s390.json ]]; then
	passed=$((passed + 1))
	echo "PASS --skip-missing wrote x86_64.json only"
else
	failed=$((failed + 1))
	echo "FAIL --skip-missing outputs: $(ls "$work/skip" 2>&1 | tr '\n' ' ')"
fi

# the built-in relocator refuses what it does not know and the profile's
# linker takes over: a thread-local variable in the probe brings a TLS
# relocation (R_X86_64_DTPOFF64) into .debug_info; the dump must not change
cat >"$work/tls.json" <<'JSON'
{"profiles": [
 {"name": "x86_64", "arch": "x86", "triplet": "x86_64-linux-gnu", "model": "LP64", "endian": "little",
  "cc": ["clang", "--target=x86_64-linux-gnu"], "ld": ["ld.lld"], "compat": ["i386", "x32"],
  "prelude": "__thread int uabi_tls_probe;"}
]}
JSON
expect 0 "relocation type 17 not handled by the built-in relocator; linking instead$" -- \
	"$uabi" extract -v --profiles-file "$work/tls.json" --kernel-tree "$tree" --profile x86_64 \
	-o "$work/tls-linked.json"
expect 0 "" -- "$uabi" extract --kernel-tree "$tree" --profile x86_64 -o "$work/tls-plain.json"
if cmp -s "$work/tls-linked.json" "$work/tls-plain.json"; then
	passed=$((passed + 1))
	echo "PASS linker fallback gives the same dump"
else
	failed=$((failed + 1))
	echo "FAIL linker fallback dump differs"
fi
# and without the linker, the fallback fails as a toolchain error
mkdir -p "$work/nold"
ln -s "$(command -v clang)" "$work/nold/clang"
expect 3 "^uabi: x86_64: ld.lld: cannot run: No such file or directory$" -- \
	env PATH="$work/nold" "$uabi" extract --profiles-file "$work/tls.json" --kernel-tree "$tree" \
	--profile x86_64 -o "$work/tls-nold.json"
no_file "$work/tls-nold.json"

# diff: bad revisions and usage
mkdir -p "$work/repo" && git -C "$work/repo" init -q && echo x >"$work/repo/README" &&
	git -C "$work/repo" add README &&
	git -C "$work/repo" -c user.name=u -c user.email=u@invalid commit -qm one
expect 2 "^uabi: $work/repo: '-x' is not a revision$" -- \
	"$uabi" diff --kernel-tree "$work/repo" --base -x --head HEAD
expect 2 "^uabi: $work/repo: revision nosuchrev: not a commit in this repository$" -- \
	"$uabi" diff --kernel-tree "$work/repo" --base nosuchrev --head HEAD
expect 2 "^uabi: $work/repo: revision HEAD: no include/uapi in that commit$" -- \
	"$uabi" diff --kernel-tree "$work/repo" --base HEAD --head HEAD --profile x86_64
expect 2 "^uabi: $work: revision HEAD: fatal: not a git repository" -- \
	env GIT_CEILING_DIRECTORIES="$work" "$uabi" diff --kernel-tree "$work" --base HEAD --head HEAD
expect 2 "give --old DIR and --new DIR, or --kernel-tree DIR --base REV --head REV" -- \
	"$uabi" diff --old "$tree"
expect 2 "^uabi lint: --old is an option of uabi diff \\(see" -- "$uabi" lint --kernel-tree "$tree" --old "$tree"
# a failed revision leaves no scratch tree behind
mkdir -p "$work/tmp"
expect 2 "revision HEAD: no include/uapi in that commit" -- \
	env TMPDIR="$work/tmp" "$uabi" diff --kernel-tree "$work/repo" --base HEAD --head nosuchrev
expect 2 "revision nosuchrev: not a commit" -- \
	env TMPDIR="$work/tmp" "$uabi" diff --kernel-tree "$work/repo" --base nosuchrev --head HEAD
no_file "$work/tmp/uabi-"

# a profiles file overrides the compiler: gcc must agree with clang on
# every type and ioctl of linux/kvm.h for x86_64 and i386
cat >"$work/gcc.json" <<'JSON'
{"profiles": [
 {"name": "x86_64", "arch": "x86", "triplet": "x86_64-linux-gnu", "model": "LP64", "endian": "little",
  "cc": ["gcc", "-m64"], "ld": ["ld"], "compat": ["i386", "x32"]},
 {"name": "i386", "arch": "x86", "triplet": "i386-linux-gnu", "model": "ILP32", "endian": "little",
  "cc": ["gcc", "-m32"], "ld": ["ld", "-m", "elf_i386"]}
]}
JSON
expect 0 "" -- "$uabi" extract --profiles-file "$work/gcc.json" --kernel-tree "$tree" \
	--profile x86_64,i386 --root 'struct kvm_run' -o "$work/gcc/"
expect 0 "" -- "$uabi" extract --kernel-tree "$tree" --profile x86_64,i386 --root 'struct kvm_run' -o "$work/clang/"
expect 0 "" -- "$uabi" verify --profiles-file "$work/gcc.json" "$work/gcc/x86_64.json" "$work/gcc/i386.json"
for p in x86_64 i386; do
	if python3 - "$work/gcc/$p.json" "$work/clang/$p.json" <<'PY'; then
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
def norm(d):
    # base type names differ ("long long unsigned int" vs "unsigned long long"),
    # and gcc writes no decl_line for anonymous members: compare the layout
    out = []
    for t in d["types"]:
        out.append((t["kind"], t.get("name") if t["kind"] != "base" else None, t["size"],
                    t.get("align"), t.get("count"),
                    [(m["name"], m["bit_offset"], m.get("bit_size")) for m in t.get("members", [])]))
    return out, [(i["name"], i["number"], i.get("applicable")) for i in d["ioctls"]]
sys.exit(0 if norm(a) == norm(b) else 1)
PY
		passed=$((passed + 1))
		echo "PASS gcc and clang agree on $p"
	else
		failed=$((failed + 1))
		echo "FAIL gcc and clang disagree on $p"
	fi
done

echo "cli: $passed passed, $failed failed"
((failed == 0))
