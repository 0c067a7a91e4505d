#!/usr/bin/env bash
# ABI roots (issue 8 items 9, 10): --root adds to the default struct
# kvm_run of linux/kvm.h instead of replacing it; extract records the same
# default; a root defined on no profile (a typo) and a root missing from
# --from-dumps dumps are input errors (exit 2, one line naming the root, no
# output); lint lints the roots like ioctl arguments.
#
#   tests/cli/roots.sh [UABI]
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init roots "${1:-}"
t=$work/tree
t_copy_tree "$tree" "$t"
mkdir -p "$t/include/uapi/uabi-test"
# struct ex_info: no ioctl takes it; on x86_64 a 4-byte hole before addr,
# on i386 addr at 4 (not 8-byte aligned) and size 12
cat >"$t/include/uapi/uabi-test/roots.h" <<'H'
#include <linux/types.h>
#include <linux/ioctl.h>
struct ex_info {
	__u32 flags;
	__u64 addr;
};
struct ex_arg { __u64 a; };
#define EX_GET _IOR('x', 2, struct ex_arg)
H
pairs=(--pairs x86_64:i386)

# one_line NAME REGEX: stderr of run NAME is exactly one line, matching REGEX
one_line() {
	if [[ $(wc -l <"$work/$1.err") -eq 1 ]] && grep -qE -- "$2" "$work/$1.err"; then
		t_pass "$1: one line /$2/"
	else
		t_fail "$1: stderr is not one line /$2/"
		sed 's/^/    /' "$work/$1.err" | head -5
	fi
}
# roots_of JSON: "NATIVE:COMPAT root=verdict ..." of a check report
roots_of() {
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
for p in r["pairs"]:
    print("%s:%s %s" % (p["native"], p["compat"],
          " ".join("%s=%s" % (x["name"], x["verdict"]) for x in p.get("roots", []))))' "$1"
}
# want WHAT GOT EXPECTED
want() {
	if [[ $2 == "$3" ]]; then t_pass "$1: $2"; else t_fail "$1: got '$2', want '$3'"; fi
}

# --root adds to the default struct kvm_run (kvm_run's xen arm moves on i386)
t_run 1 check-add "$uabi" check --kernel-tree "$t" "${pairs[@]}" --root 'struct kvm_regs' \
	--format json --fail-on translation -o "$work/add.json"
want check-add "$(roots_of "$work/add.json")" \
	"x86_64:i386 struct kvm_regs=identical struct kvm_run=layout-differs"
# naming the default again changes nothing
t_run 1 check-again "$uabi" check --kernel-tree "$t" "${pairs[@]}" --root 'struct kvm_run' \
	--format json --fail-on translation -o "$work/again.json"
want check-again "$(roots_of "$work/again.json")" "x86_64:i386 struct kvm_run=layout-differs"
# no linux/kvm.h, no default root
t_run 0 check-other "$uabi" check --kernel-tree "$t" "${pairs[@]}" --header uabi-test/roots.h \
	--root 'struct ex_info' --format json --fail-on never -o "$work/other.json"
want check-other "$(roots_of "$work/other.json")" "x86_64:i386 struct ex_info=layout-differs"

# a root defined on no profile: exit 2, one line, no report
t_run 2 check-typo "$uabi" check --kernel-tree "$t" "${pairs[@]}" --root 'struct kvm_rnu' -o "$work/typo.txt"
one_line check-typo "^uabi: --root 'struct kvm_rnu' is defined on no profile of the run \(x86_64: "
if [[ -e $work/typo.txt ]]; then t_fail "check-typo: a report was written"; else t_pass "check-typo: no report"; fi
t_run 2 lint-typo "$uabi" lint --kernel-tree "$t" --profile x86_64,i386 --header uabi-test/roots.h \
	--root 'struct ex_inof' -o "$work/lint-typo.txt"
one_line lint-typo "^uabi: --root 'struct ex_inof' is defined on no profile of the run"
t_run 2 diff-typo "$uabi" diff --old "$t" --new "$t" --profile x86_64 --header uabi-test/roots.h \
	--root 'struct ex_inof' -o "$work/diff-typo.txt"
one_line diff-typo "^uabi: --root 'struct ex_inof' is defined on no profile of the run"
# defined on one profile of the run is enough (not-applicable on the others)
t_run 0 check-one-arch "$uabi" check --kernel-tree "$t" --pairs x86_64:i386,s390x:s390 \
	--root 'struct kvm_s390_pgm_info' --format json --fail-on never -o "$work/one.json"
want check-one-arch "$(roots_of "$work/one.json" | grep -c 'struct kvm_s390_pgm_info=')" 2

# extract records the default root, like check
t_run 0 extract "$uabi" extract --kernel-tree "$t" --profile x86_64,i386 -j 2 -o "$work/dumps/"
got=$(python3 -c 'import json, sys; print(",".join(r["name"] for r in json.load(open(sys.argv[1])).get("roots", [])))' \
	"$work/dumps/i386.json")
want extract-default "$got" "struct kvm_run"
t_run 0 extract-add "$uabi" extract --kernel-tree "$t" --profile x86_64 --root 'struct kvm_regs' -o "$work/add1.json"
got=$(python3 -c 'import json, sys; print(",".join(r["name"] for r in json.load(open(sys.argv[1])).get("roots", [])))' \
	"$work/add1.json")
want extract-add "$got" "struct kvm_regs,struct kvm_run"

# --from-dumps judges the same roots as a direct check
t_run 1 from-dumps "$uabi" check --from-dumps "$work/dumps" "${pairs[@]}" --format json \
	--fail-on translation -o "$work/from.json"
want from-dumps "$(roots_of "$work/from.json")" "x86_64:i386 struct kvm_run=layout-differs"
# a dump without the default root (an older extract): exit 2, not a silent gap
mkdir -p "$work/old"
for p in x86_64 i386; do
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
d["roots"] = []
json.dump(d, open(sys.argv[2], "w"), indent=1)' "$work/dumps/$p.json" "$work/old/$p.json"
done
t_run 2 from-old "$uabi" check --from-dumps "$work/old" "${pairs[@]}" -o "$work/old.txt"
one_line from-old "^uabi: .*/old/x86_64.json: no root 'struct kvm_run' in the dump"
# a --root the dumps do not hold: exit 2
t_run 2 from-missing "$uabi" check --from-dumps "$work/dumps" "${pairs[@]}" --root 'struct kvm_regs' \
	-o "$work/missing.txt"
one_line from-missing "^uabi: .*/dumps/x86_64.json: no root 'struct kvm_regs' in the dump \(asked with --root"
for f in old.txt missing.txt; do
	if [[ -e $work/$f ]]; then t_fail "$f written"; else t_pass "no $f"; fi
done

# lint lints a --root like an ioctl argument
t_run 1 lint-root "$uabi" lint --kernel-tree "$t" --profile x86_64,i386 --header uabi-test/roots.h \
	--root 'struct ex_info' --format json -o "$work/lint.json"
got=$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(" ".join(sorted("%s/%s/%s" % (f["rule"], f.get("member") or "-", f["profiles"] if isinstance(f["profiles"], str) else ",".join(f["profiles"]))
                      for f in r["findings"] if f["type"] == "struct ex_info")))' "$work/lint.json")
want lint-root "$got" "lint-hole/addr/x86_64 lint-size-multiple-8/-/i386 lint-u64-align/addr/i386"
t_finish "cli roots"
