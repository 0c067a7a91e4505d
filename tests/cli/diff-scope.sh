#!/usr/bin/env bash
# uabi diff without --header judges what the change reaches: the uapi
# headers that differ between the two sides and every header that includes
# one of them, among the headers that define ioctl commands. On a tiny git
# tree (no kernel tree needed), one commit each:
#  - a struct member of linux/fsx.h from int to long: found without
#    --header, each finding once, naming linux/fsx.h; the unrelated
#    linux/other.h is not judged;
#  - a struct of linux/shared.h (no ioctl of its own), included by
#    linux/a.h (<linux/shared.h>) and linux/b.h ("shared.h"): the struct's
#    findings once, at shared.h, carried by A_SET and B_GET, and both
#    includers' ioctls judged;
#  - an arch asm/ header included by a linux/ one: the includer judged;
#  - a header that stops compiling (it now includes <sys/time.h>) while
#    another changed one still compiles: one header-not-judged warning, not
#    an ioctl-removed error per ioctl;
#  - only a README: "no uapi header changed", exit 0, in every format;
#  - only a uapi header nobody with ioctls includes: one line, exit 0;
#  - two directories (--old/--new) say what the revisions said;
#  - --header still names the headers: no scope line.
#
#   tests/cli/diff-scope.sh [UABI]
#
# Needs clang (x86_64, i386) and git.
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
if ! command -v clang >/dev/null || ! command -v git >/dev/null; then
	echo "diff-scope: SKIP (needs clang and git)"
	exit 77
fi
t_init diff-scope "${1:-}" notree

r=$work/repo
u=$r/include/uapi
t_ioctl_tree "$r" x86
hdr() { printf '%b' "$2" >"$u/$1"; }
printf '#ifndef _XA_H\n#define _XA_H\nstruct xa_arg {\n\tint v;\n};\n#endif\n' >"$r/arch/x86/include/uapi/asm/xa.h"
hdr linux/fsx.h '#include <linux/ioctl.h>\nstruct fsx_arg {\n\tint a;\n\tint b;\n};\n#define FSX_SET _IOW(0x66, 1, struct fsx_arg)\n'
hdr linux/shared.h '#ifndef _SHARED_H\n#define _SHARED_H\nstruct shared_arg {\n\tint x;\n\tint y;\n};\n#endif\n'
hdr linux/a.h '#include <linux/ioctl.h>\n#include <linux/shared.h>\nstruct a_arg {\n\tstruct shared_arg s;\n\tint z;\n};\n#define A_SET _IOW(0xa1, 1, struct a_arg)\n#define A_PLAIN _IOW(0xa1, 2, int)\n'
hdr linux/b.h '#include <linux/ioctl.h>\n#include "shared.h"\n#define B_GET _IOR(0xb1, 1, struct shared_arg)\n'
hdr linux/usesasm.h '#include <linux/ioctl.h>\n#include <asm/xa.h>\n#define USES_SET _IOW(0xd1, 1, struct xa_arg)\n'
hdr linux/other.h '#include <linux/ioctl.h>\nstruct o_arg {\n\tint a;\n};\n#define O_SET _IOW(0xc1, 1, struct o_arg)\n'
hdr linux/lonely.h 'struct lonely {\n\tint a;\n};\n'
echo base >"$r/README"

g() { git -C "$r" -c user.name=uabi -c user.email=uabi@invalid "$@"; }
# edit FILE OLD NEW: replace the one occurrence of OLD
edit() {
	python3 - "$r/$1" "$2" "$3" <<'PY'
import sys
p, old, new = sys.argv[1:]
t = open(p).read()
assert t.count(old) == 1, (p, old)
open(p, "w").write(t.replace(old, new))
PY
}
# commit NAME FILE OLD NEW: a branch NAME off base with that one edit
commit() {
	g checkout -q -b "$1" base && edit "$2" "$3" "$4" && g commit -qam "$1"
}
{
	g init -q && g add -A && g commit -qm base && g branch base &&
		commit fsx include/uapi/linux/fsx.h $'\tint b;' $'\tlong b;' &&
		commit shared include/uapi/linux/shared.h $'\tint x;' $'\tlong x;' &&
		commit asm arch/x86/include/uapi/asm/xa.h $'\tint v;' $'\tlong v;' &&
		commit libc include/uapi/linux/a.h '#include <linux/shared.h>' $'#include <linux/shared.h>\n#include <sys/time.h>' &&
		edit include/uapi/linux/fsx.h $'\tint a;' $'\tint a; /* a comment */' && g commit -qam libc2 &&
		commit readme README base changed &&
		commit lonely include/uapi/linux/lonely.h $'\tint a;' $'\tlong a;'
} >"$work/git.log" 2>&1 || {
	echo "diff-scope: git setup failed:"
	cat "$work/git.log"
	exit 2
}

run() {
	local want=$1 name=$2 head=$3
	shift 3
	t_run "$want" "$name" "$uabi" diff --kernel-tree "$r" --base base --head "$head" \
		--profile x86_64,i386 --no-lint "$@"
}
# same NAME: stdout of run NAME is exactly stdin
same() {
	if diff -u - "$work/$1.out" >"$work/$1.diff"; then
		t_pass "$1: output as expected"
	else
		t_fail "$1: output differs:"
		sed 's/^/    /' "$work/$1.diff"
	fi
}
abis='uabi diff: 2 ABIs judged: x86_64, i386; 0 skipped'

# a non-KVM header, found without --header
run 1 fsx fsx
same fsx <<EOF
include/uapi/linux/fsx.h:2: error: [x86_64] struct fsx_arg: alignment changed from 4 to 8; carried by FSX_SET [type-align-changed]
include/uapi/linux/fsx.h:2: error: [x86_64] struct fsx_arg: size changed from 8 to 16; carried by FSX_SET [type-size-changed]
include/uapi/linux/fsx.h:4: error: [x86_64] struct fsx_arg: member b moved from offset 4 to 8; carried by FSX_SET [member-offset-changed]
include/uapi/linux/fsx.h:4: error: [x86_64] struct fsx_arg: member b size changed from 4 to 8; carried by FSX_SET [member-size-changed]
include/uapi/linux/fsx.h:4: note: [i386] struct fsx_arg: member b type changed from int to long; carried by FSX_SET [member-type-changed]
include/uapi/linux/fsx.h:4: error: [x86_64] struct fsx_arg: member b type changed from int to long; carried by FSX_SET [member-type-changed]
include/uapi/linux/fsx.h:6: error: [i386] FSX_SET: was identical, now differs on i386 (number-differs, number 0x40106601 on x86_64, 0x40086601 on i386, member b offset 8 vs 4): needs compat translation; without a kernel tree no compat handler is known [ioctl-needs-compat]
include/uapi/linux/fsx.h:6: error: [x86_64] FSX_SET: number changed from 0x40086601 to 0x40106601 (size 8 to 16) [ioctl-number-changed]
uabi diff: 1 uapi file changed (include/uapi/linux/fsx.h); 1 header judged: linux/fsx.h
$abis
uabi diff: 7 errors, 0 warnings, 1 note (0 suppressed); fail-on error: 7 failing
EOF
# json and sarif: the scope, and every finding names the header
run 1 fsx-json fsx --format json
run 1 fsx-sarif fsx --format sarif
got=$(python3 - "$work/fsx-json.out" "$work/fsx-sarif.out" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
s = json.load(open(sys.argv[2]))
print("scope", json.dumps(j["scope"], sort_keys=True))
print("files", sorted({f["file"] for f in j["findings"]}), len(j["findings"]))
run = s["runs"][0]
print("sarif-scope", json.dumps(run["properties"]["scope"], sort_keys=True))
print("sarif-files", sorted({r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                             for r in run["results"]}), len(run["results"]))
PY
)
want='scope {"changed": ["include/uapi/linux/fsx.h"], "headers": ["linux/fsx.h"]}
files ['"'"'include/uapi/linux/fsx.h'"'"'] 8
sarif-scope {"changed": ["include/uapi/linux/fsx.h"], "headers": ["linux/fsx.h"]}
sarif-files ['"'"'include/uapi/linux/fsx.h'"'"'] 8'
if [[ $got == "$want" ]]; then
	t_pass "fsx: json and sarif scope, 8 findings at include/uapi/linux/fsx.h"
else
	t_fail "fsx: json/sarif, got:"
	printf '    %s\n' "${got//$'\n'/$'\n'    }"
fi

# both documents follow schemas/findings.schema.json
"$top/tests/schema/validate.sh" "$work/fsx-json.out" >"$work/schema.log" 2>&1
case $? in
0) t_pass "fsx: json validates" ;;
2) echo "note: python3-jsonschema missing, schema not checked" ;;
*)
	t_fail "fsx: json does not validate:"
	sed 's/^/    /' "$work/schema.log"
	;;
esac

# a header included by two others: once, at the header, and both includers judged
run 1 shared shared
same shared <<EOF
include/uapi/linux/a.h:3: error: [x86_64] struct a_arg: alignment changed from 4 to 8; carried by A_SET [type-align-changed]
include/uapi/linux/a.h:3: error: [x86_64] struct a_arg: size changed from 12 to 24; carried by A_SET [type-size-changed]
include/uapi/linux/a.h:4: error: [x86_64] struct a_arg: member s size changed from 8 to 16; carried by A_SET [member-size-changed]
include/uapi/linux/a.h:5: error: [x86_64] struct a_arg: member z moved from offset 8 to 16; carried by A_SET [member-offset-changed]
include/uapi/linux/a.h:7: error: [i386] A_SET: was identical, now differs on i386 (number-differs, number 0x4018a101 on x86_64, 0x400ca101 on i386, member s size 16 vs 8): needs compat translation; without a kernel tree no compat handler is known [ioctl-needs-compat]
include/uapi/linux/a.h:7: error: [x86_64] A_SET: number changed from 0x400ca101 to 0x4018a101 (size 12 to 24) [ioctl-number-changed]
include/uapi/linux/b.h:3: error: [i386] B_GET: was identical, now differs on i386 (number-differs, number 0x8010b101 on x86_64, 0x8008b101 on i386, member x long 8 vs 4): needs compat translation; without a kernel tree no compat handler is known [ioctl-needs-compat]
include/uapi/linux/b.h:3: error: [x86_64] B_GET: number changed from 0x8008b101 to 0x8010b101 (size 8 to 16) [ioctl-number-changed]
include/uapi/linux/shared.h:3: error: [x86_64] struct shared_arg: alignment changed from 4 to 8; carried by A_SET, B_GET [type-align-changed]
include/uapi/linux/shared.h:3: error: [x86_64] struct shared_arg: size changed from 8 to 16; carried by A_SET, B_GET [type-size-changed]
include/uapi/linux/shared.h:4: error: [x86_64] struct shared_arg: member x size changed from 4 to 8; carried by A_SET, B_GET [member-size-changed]
include/uapi/linux/shared.h:4: note: [i386] struct shared_arg: member x type changed from int to long; carried by A_SET, B_GET [member-type-changed]
include/uapi/linux/shared.h:4: error: [x86_64] struct shared_arg: member x type changed from int to long; carried by A_SET, B_GET [member-type-changed]
include/uapi/linux/shared.h:5: error: [x86_64] struct shared_arg: member y moved from offset 4 to 8; carried by A_SET, B_GET [member-offset-changed]
uabi diff: 1 uapi file changed (include/uapi/linux/shared.h); 2 headers judged: linux/a.h, linux/b.h
$abis
uabi diff: 13 errors, 0 warnings, 1 note (0 suppressed); fail-on error: 13 failing
EOF

# an arch header, reached through the linux/ header that includes it
run 1 asm asm
same asm <<EOF
arch/x86/include/uapi/asm/xa.h:3: error: [x86_64] struct xa_arg: alignment changed from 4 to 8; carried by USES_SET [type-align-changed]
arch/x86/include/uapi/asm/xa.h:3: error: [x86_64] struct xa_arg: size changed from 4 to 8; carried by USES_SET [type-size-changed]
arch/x86/include/uapi/asm/xa.h:4: error: [x86_64] struct xa_arg: member v size changed from 4 to 8; carried by USES_SET [member-size-changed]
arch/x86/include/uapi/asm/xa.h:4: note: [i386] struct xa_arg: member v type changed from int to long; carried by USES_SET [member-type-changed]
arch/x86/include/uapi/asm/xa.h:4: error: [x86_64] struct xa_arg: member v type changed from int to long; carried by USES_SET [member-type-changed]
include/uapi/linux/usesasm.h:3: error: [i386] USES_SET: was identical, now differs on i386 (number-differs, number 0x4008d101 on x86_64, 0x4004d101 on i386, member v long 8 vs 4): needs compat translation; without a kernel tree no compat handler is known [ioctl-needs-compat]
include/uapi/linux/usesasm.h:3: error: [x86_64] USES_SET: number changed from 0x4004d101 to 0x4008d101 (size 4 to 8) [ioctl-number-changed]
uabi diff: 1 uapi file changed (arch/x86/include/uapi/asm/xa.h); 1 header judged: linux/usesasm.h
$abis
uabi diff: 6 errors, 0 warnings, 1 note (0 suppressed); fail-on error: 6 failing
EOF

# a header that no longer compiles (no C library: --no-sysroot): not judged,
# said once, no removals
run 0 libc libc --no-sysroot
same libc <<EOF
include/uapi/linux/a.h: warning: [x86_64,i386] linux/a.h: no longer compiles on this ABI; its 2 ioctls are not judged: includes <sys/time.h>, which is in no include directory of the uapi tree (a C library header, or one the tree lacks) [header-not-judged]
uabi diff: 2 uapi files changed (include/uapi/linux/a.h, include/uapi/linux/fsx.h); 2 headers judged: linux/a.h, linux/fsx.h
$abis
uabi diff: 0 errors, 1 warning, 0 notes (0 suppressed); fail-on error: 0 failing
EOF

# the only header the change reaches no longer compiles on any ABI: the
# same warning, not an error of the run (exit 3 before)
run 0 libc-alone libc~1 --no-sysroot
same libc-alone <<EOF
include/uapi/linux/a.h: warning: [x86_64,i386] linux/a.h: no longer compiles on this ABI; its 2 ioctls are not judged: includes <sys/time.h>, which is in no include directory of the uapi tree (a C library header, or one the tree lacks) [header-not-judged]
uabi diff: 1 uapi file changed (include/uapi/linux/a.h); 1 header judged: linux/a.h
$abis
uabi diff: 0 errors, 1 warning, 0 notes (0 suppressed); fail-on error: 0 failing
EOF

# nothing of the uapi changed: one line, in every format
run 0 readme readme
same readme <<<'uabi diff: no uapi header changed'
run 0 readme-md readme --format markdown
same readme-md <<'EOF'
# uabi diff

```text
uabi diff: no uapi header changed
```
EOF
run 0 readme-json readme --format json
run 0 readme-sarif readme --format sarif
got=$(python3 - "$work/readme-json.out" "$work/readme-sarif.out" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
s = json.load(open(sys.argv[2]))["runs"][0]
print(json.dumps(j["scope"], sort_keys=True), j["profiles"], len(j["findings"]), j["failing"])
print(json.dumps(s["properties"]["scope"], sort_keys=True), s["properties"]["profiles"], len(s["results"]))
PY
)
if [[ $got == '{"changed": [], "headers": []} [] 0 0
{"changed": [], "headers": []} [] 0' ]]; then
	t_pass "readme: json and sarif say nothing changed"
else
	t_fail "readme: json/sarif, got:"
	printf '    %s\n' "${got//$'\n'/$'\n'    }"
fi
"$top/tests/schema/validate.sh" "$work/readme-json.out" >"$work/schema.log" 2>&1
case $? in
0) t_pass "readme: json validates" ;;
2) ;;
*)
	t_fail "readme: json does not validate:"
	sed 's/^/    /' "$work/schema.log"
	;;
esac
# a uapi header that no ioctl header includes: one line
run 0 lonely lonely
same lonely <<<'uabi diff: 1 uapi file changed (include/uapi/linux/lonely.h); no header that defines an ioctl command is among them or includes one of them'

# two trees say what two revisions said
for b in base fsx; do
	mkdir -p "$work/$b"
	g archive "$b" | tar -x -C "$work/$b"
done
t_run 1 trees "$uabi" diff --old "$work/base" --new "$work/fsx" --profile x86_64,i386 --no-lint
if cmp -s "$work/fsx.out" "$work/trees.out"; then
	t_pass "trees: --old/--new as --base/--head"
else
	t_fail "trees: --old/--new differs from --base/--head:"
	diff -u "$work/fsx.out" "$work/trees.out" | sed 's/^/    /'
fi

# --header names the headers, as before: no scope line, other.h judged
run 0 header fsx --header linux/other.h
same header <<EOF
$abis
uabi diff: 0 errors, 0 warnings, 0 notes (0 suppressed); fail-on error: 0 failing
EOF

t_finish diff-scope
