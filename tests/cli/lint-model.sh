#!/usr/bin/env bash
# lint-long by the data model (issue 8 item 8), on the real compilers:
# gcc for s390 writes "long int", clang "long"; __kernel_size_t is
# unsigned int on i386, x32, ppc32 and mipsn32; __u64 is unsigned long on
# ppc64 and mips64; __kernel_long_t is long long on x32. Each selection of
# profiles lists exactly the ABIs where the member is a long.
#
#   tests/cli/lint-model.sh [UABI]
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init lint-model "${1:-}"
t=$work/tree
t_copy_tree "$tree" "$t"
mkdir -p "$t/include/uapi/uabi-test"
cat >"$t/include/uapi/uabi-test/longs.h" <<'H'
#include <linux/types.h>
#include <linux/ioctl.h>
struct ex_longs {
	long value[4];
	__kernel_size_t len;
	__u64 u;
	__kernel_long_t kl;
	unsigned int n;
	__u32 pad;
};
#define EX_LONGS _IOW('x', 1, struct ex_longs)
H

all="x86_64,i386,x32,aarch64,arm,riscv64,riscv32,ppc64,ppc64le,ppc32,s390x,s390,mips64,mipso32,mipsn32"
# longs PROFILES: "member=profiles ..." of the lint-long findings
longs() {
	local rc=0
	"$uabi" lint --kernel-tree "$t" --header uabi-test/longs.h --profile "$1" -j 2 --format json \
		--fail-on never -o "$work/lint.json" 2>"$work/err" || rc=$?
	if ((rc)); then
		echo "exit $rc: $(head -1 "$work/err")"
		return
	fi
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
out = []
for f in r["findings"]:
    if f["rule"] == "lint-long":
        p = f["profiles"] if isinstance(f["profiles"], str) else ",".join(f["profiles"])
        out.append("%s=%s" % (f["member"], p))
print(" ".join(sorted(out)))' "$work/lint.json"
}
# case PROFILES EXPECTED
case_() {
	local got
	got=$(longs "$1")
	if [[ $got == "$2" ]]; then t_pass "--profile $1: $got"; else t_fail "--profile $1: got '$got', want '$2'"; fi
}

# both data models: what grows with long; kl is a long long on x32
case_ all "kl=${all/x32,/} len=$all value=$all"
case_ s390x,s390 "kl=s390x,s390 len=s390x,s390 value=s390x,s390"
case_ x86_64,i386 "kl=x86_64,i386 len=x86_64,i386 value=x86_64,i386"
case_ ppc64,ppc32 "kl=ppc64,ppc32 len=ppc64,ppc32 value=ppc64,ppc32"
case_ x86_64,x32 "len=x86_64,x32 value=x86_64,x32"
# one data model: what every compiler of the run calls long
case_ i386,ppc32 "kl=i386,ppc32 value=i386,ppc32"
case_ i386 "kl=i386 value=i386"
case_ ppc32 "kl=ppc32 value=ppc32"
case_ s390 "kl=s390 len=s390 value=s390"
case_ x86_64,ppc64 "kl=x86_64,ppc64 len=x86_64,ppc64 value=x86_64,ppc64"
t_finish "cli lint-model"
