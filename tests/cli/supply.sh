#!/usr/bin/env bash
# extract --all judges an ioctl whose header uses a definition of another
# uapi header without including it, by adding that header to the probe
# after it (the kernel's own code includes both): the argument's struct
# (linux/fs.h's FS_IOC_FIEMAP and struct fiemap of linux/fiemap.h), a tag
# spelled through a #define (linux/nvme_ioctl.h's nvme_admin_cmd), and an
# ioctl macro of another header (btrfs.h's BTRFS_IOC_GET_FSLABEL is
# linux/fs.h's FS_IOC_GETFSLABEL), whether that header is in the run or
# not. The dump names the added header (ioctls[].uses_header) and verify
# includes it. A tag two headers define differently stays not applicable,
# naming both. An added header that breaks the group is kept out alone:
# the others still give what they give. Expected numbers come from the
# compiler (the ioctl compiled with both headers included), not from uabi.
#
#   tests/cli/supply.sh [UABI]
#
# Needs clang (x86_64, i386). No kernel tree needed.
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
if ! command -v clang >/dev/null; then
	echo "supply: SKIP (no clang)"
	exit 77
fi
t_init supply "${1:-}" notree
declare -A want3

t=$work/tree
u=$t/include/uapi
t_ioctl_tree "$t" x86
hdr() { printf '%b' "$2" >"$u/$1"; }
# fsx.h: FSX_MAP takes struct fsx_map of fsx_map.h, which it does not
# include; FSX_ALIAS a tag spelled through a #define; FSX_AMB a struct
# that amb1.h and amb2.h define differently
hdr linux/fsx_map.h '#ifndef _FSX_MAP_H\n#define _FSX_MAP_H\nstruct fsx_map {\n\tunsigned long start;\n\tunsigned int count;\n};\n#endif\n'
hdr linux/fsx.h '#ifndef _FSX_H\n#define _FSX_H\n#include <linux/ioctl.h>\nstruct fsx_real { long a; int b; };\n#define fsx_alias fsx_real\n#define FSX_MAP _IOWR(0x66, 11, struct fsx_map)\n#define FSX_ALIAS _IOW(0x66, 12, struct fsx_alias)\n#define FSX_AMB _IOW(0x66, 13, struct amb)\n#define FSX_GETLABEL _IOR(0x66, 14, char[FSX_LABEL_MAX])\n#define FSX_LABEL_MAX 40\n#endif\n'
hdr linux/amb1.h 'struct amb { int a; };\n'
hdr linux/amb2.h 'struct amb { long a; };\n'
# other.h: OTHER_GET is fsx.h's FSX_GETLABEL, and other.h does not include fsx.h
hdr linux/other.h '#ifndef _OTHER_H\n#define _OTHER_H\n#include <linux/ioctl.h>\n#define OTHER_SET _IO(0x67, 1)\n#define OTHER_GET FSX_GETLABEL\n#endif\n'

# the numbers as the compiler computes them with both headers included
expect() { # profile target macro headers...
	local p=$1 target=$2 m=$3
	shift 3
	{
		for h in linux/ioctl.h "$@"; do printf '#include <%s>\n' "$h"; done
		printf 'unsigned int uabi_expect = %s;\n' "$m"
	} >"$work/expect-$p-$m.c"
	clang --target="$target" -nostdinc -I"$t/arch/x86/include/uapi" -I"$u" -S \
		-o "$work/expect-$p-$m.s" "$work/expect-$p-$m.c" &&
		awk '/\.(long|int)[ \t]/ { printf "0x%x\n", $2; exit }' "$work/expect-$p-$m.s"
}

for p in x86_64 i386; do
	case $p in
	x86_64) target=x86_64-linux-gnu ;;
	i386) target=i386-linux-gnu ;;
	esac
	map=$(expect "$p" "$target" FSX_MAP linux/fsx.h linux/fsx_map.h)
	alias=$(expect "$p" "$target" FSX_ALIAS linux/fsx.h)
	label=$(expect "$p" "$target" OTHER_GET linux/other.h linux/fsx.h)
	if [[ -z $map || -z $alias || -z $label ]]; then
		t_fail "$p: the compiler gave no expected numbers ($map/$alias/$label)"
		continue
	fi
	# every header, then other.h alone (fsx.h not in the run)
	for run in all other; do
		args=()
		[[ $run == other ]] && args=(--header linux/other.h)
		t_run 0 "$run-$p" "$uabi" extract --all --no-sysroot --no-cache --kernel-tree "$t" \
			--profile "$p" "${args[@]}" -o "$work/$run-$p.json"
		got=$(python3 - "$work/$run-$p.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("headers", " ".join(d["input"]["headers"]))
for i in d["ioctls"]:
    print("ioctl", i["name"], i["file"] + ":" + str(i["line"]), i["applicable"], i["number_hex"],
          i.get("uses_header", "-"), i.get("reason", "-"))
PY
)
		if [[ $run == all ]]; then
			wants=("headers linux/fsx.h linux/other.h"
				"ioctl FSX_MAP include/uapi/linux/fsx.h:6 True $map linux/fsx_map.h -"
				"ioctl FSX_ALIAS include/uapi/linux/fsx.h:7 True $alias - -"
				"ioctl FSX_AMB include/uapi/linux/fsx.h:8 False 0x0 - struct amb is defined differently in linux/amb1.h and linux/amb2.h, and include/uapi/linux/fsx.h includes none of them"
				"ioctl FSX_GETLABEL include/uapi/linux/fsx.h:9 True $label - -"
				"ioctl OTHER_GET include/uapi/linux/other.h:5 True $label - -")
		else
			wants=("headers linux/other.h"
				"ioctl OTHER_GET include/uapi/linux/other.h:5 True $label linux/fsx.h -"
				"ioctl OTHER_SET include/uapi/linux/other.h:4 True 0x6701 - -")
		fi
		for want in "${wants[@]}"; do
			if grep -qxF -- "$want" <<<"$got"; then
				t_pass "$p $run: $want"
			else
				t_fail "$p $run: no line '$want' in:"
				sed 's/^/    /' <<<"$got"
			fi
		done
		t_run 0 "verify-$run-$p" "$uabi" verify --kernel-tree "$t" --no-sysroot "$work/$run-$p.json"
	done
done

# the judged ioctls compare across the pair: struct fsx_map holds a long
mkdir -p "$work/dumps"
cp "$work/all-x86_64.json" "$work/dumps/x86_64.json"
cp "$work/all-i386.json" "$work/dumps/i386.json"
t_run 0 check "$uabi" check --from-dumps "$work/dumps" --pairs x86_64:i386 --fail-on never \
	--format json -o "$work/check.json"
got=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
for p in r["pairs"]:
    for i in p["ioctls"]:
        print(i["name"], i["verdict"])
' "$work/check.json" 2>&1 | sort | tr '\n' ' ')
want="FSX_ALIAS number-differs FSX_AMB not-applicable FSX_GETLABEL identical FSX_MAP number-differs OTHER_GET identical OTHER_SET identical "
if [[ $got == "$want" ]]; then
	t_pass "check: $want"
else
	t_fail "check: got '$got', want '$want'"
fi

# Two added headers, one of which breaks the group (brk_bad.h defines
# struct brk_own again): it alone is kept out, and BRK_GOOD still gets
# struct brk_good from brk_good.h; BRK_BAD is not applicable, naming the
# header that broke it (before: both, as soon as any added header broke it)
t2=$work/tree2
u=$t2/include/uapi
t_ioctl_tree "$t2" x86
hdr linux/brk.h '#ifndef _BRK_H\n#define _BRK_H\n#include <linux/ioctl.h>\nstruct brk_own { int x; };\n#define BRK_GOOD _IOW(0x68, 1, struct brk_good)\n#define BRK_BAD _IOW(0x68, 2, struct brk_bad)\n#endif\n'
hdr linux/brk_good.h '#ifndef _BRK_GOOD_H\n#define _BRK_GOOD_H\nstruct brk_good { long a; char b; };\n#endif\n'
hdr linux/brk_bad.h '#ifndef _BRK_BAD_H\n#define _BRK_BAD_H\nstruct brk_own { long y; };\nstruct brk_bad { int z; };\n#endif\n'
for p in x86_64 i386; do
	case $p in
	x86_64) target=x86_64-linux-gnu ;;
	i386) target=i386-linux-gnu ;;
	esac
	t=$t2
	good=$(expect "$p" "$target" BRK_GOOD linux/brk.h linux/brk_good.h)
	t_run 0 "brk-$p" "$uabi" extract --all --no-sysroot --no-cache --kernel-tree "$t2" --profile "$p" \
		-o "$work/brk-$p.json"
	got=$(python3 - "$work/brk-$p.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for i in d["ioctls"]:
    print("ioctl", i["name"], i["applicable"], i["number_hex"], i.get("uses_header", "-"), i.get("reason", "-"))
PY
)
	for want in "ioctl BRK_GOOD True $good linux/brk_good.h -" \
		"ioctl BRK_BAD False 0x0 - struct brk_bad is defined in linux/brk_bad.h, which does not compile with the headers of its group"; do
		if [[ -n $good ]] && grep -qxF -- "$want" <<<"$got"; then
			t_pass "brk $p: $want"
		else
			t_fail "brk $p: no line '$want' in:"
			sed 's/^/    /' <<<"$got"
		fi
	done
done

# A header of the group that defines the include guard of a header
# supply() adds (g.h: #define _GTARG_H): the added header's struct would
# vanish, and T_GET be "defined under a condition this ABI does not meet".
# The guard's definer goes to a later group; T_GET gets the number of a
# program that includes t.h and gtarg.h (attacker F5)
t4=$work/tree4
u=$t4/include/uapi
t_ioctl_tree "$t4" x86
hdr linux/gtarg.h '#ifndef _GTARG_H\n#define _GTARG_H\nstruct gt_arg { long v; char c; };\n#endif\n'
hdr linux/gt.h '#include <linux/ioctl.h>\n#define GT_GET _IOR(0xf9, 1, struct gt_arg)\n'
hdr linux/gg.h '#include <linux/ioctl.h>\n#define _GTARG_H\n#define GG_GET _IOR(0xf9, 2, int)\n'
t=$t4
for p in x86_64 i386; do
	case $p in
	x86_64) target=x86_64-linux-gnu ;;
	i386) target=i386-linux-gnu ;;
	esac
	gt=$(expect "$p" "$target" GT_GET linux/gt.h linux/gtarg.h)
	gg=$(expect "$p" "$target" GG_GET linux/gg.h)
	t_run 0 "guard-$p" "$uabi" extract --all --no-sysroot --no-cache --kernel-tree "$t4" --profile "$p" \
		-o "$work/guard-$p.json"
	got=$(python3 - "$work/guard-$p.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for i in d["ioctls"]:
    print("ioctl", i["name"], i["applicable"], i["number_hex"], i.get("uses_header", "-"), i.get("reason", "-"))
PY
)
	for want in "ioctl GT_GET True $gt linux/gtarg.h -" "ioctl GG_GET True $gg - -"; do
		if [[ -n $gt && -n $gg ]] && grep -qxF -- "$want" <<<"$got"; then
			t_pass "guard $p: $want"
		else
			t_fail "guard $p: no line '$want' in:"
			sed 's/^/    /' <<<"$got"
		fi
	done
done

# A header that ends inside a declaration (`struct x { ... }` without its
# `;`): clang reports it in the header, gcc at the line of the probe after
# the #include lines. Either way the header is at fault: the supplier
# targ.h is kept out (T_GET not applicable, naming it), u.h is skipped
# naming itself, G_GET is judged (before: gcc's s390 skipped t.h "with
# errors in no file of the tree", and an incremental run kept that skip
# after targ.h was mended). Then targ.h is mended: the run from the cache
# gives T_GET the compiler's number, as a cold run does.
if command -v s390x-linux-gnu-gcc >/dev/null; then
	t3=$work/tree3
	u=$t3/include/uapi
	t_ioctl_tree "$t3" x86 s390
	hdr linux/targ.h '#ifndef _TARG_H\n#define _TARG_H\nstruct t_arg { long v; char c; }\n#endif\n'
	hdr linux/t.h '#include <linux/ioctl.h>\n#define T_GET _IOR(0xf8, 1, struct t_arg)\n'
	hdr linux/u.h '#include <linux/ioctl.h>\nstruct u_arg { long v; }\n#define U_GET _IOR(0xf8, 2, struct u_arg)\n'
	hdr linux/g.h '#include <linux/ioctl.h>\nstruct g_arg { int v; };\n#define G_GET _IOR(0xf8, 3, struct g_arg)\n'
	# run NAME: extract x86_64 and s390 with a cache of this section's own
	# (ctest's UABI_NO_CACHE=1 left out: the second run is an incremental one)
	run3() {
		UABI_NO_CACHE= UABI_CACHE_DIR=$work/cache3 t_run 0 "$1" "$uabi" extract --all --no-sysroot --kernel-tree "$t3" \
			--profile x86_64,s390 -j 2 -o "$work/$1/"
	}
	show3() {
		python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for i in d["ioctls"]:
    print("ioctl", i["name"], i["applicable"], i["number_hex"], i.get("reason", "-"))
for s in d["input"].get("skipped", []):
    print("skipped", s["header"], s["reason"].split(":")[0])
PY
	}
	# gcc ignores -nostdinc's absence here: the tree has every header
	num3() { # cc... : T_GET and G_GET as the compiler gives them
		printf '#include <linux/t.h>\n#include <linux/targ.h>\n#include <linux/g.h>\nunsigned int a = T_GET, b = G_GET;\n' >"$work/n3.c"
		"$@" -nostdinc -I"$u" -S -o - "$work/n3.c" | awk '/\.(long|4byte)[ \t]/ { v = $2 + 0; if (v < 0) v += 4294967296; printf "0x%x ", v }'
	}
	run3 end
	for p in x86_64 s390; do
		case $p in
		x86_64) cc=(clang --target=x86_64-linux-gnu) ;;
		s390) cc=(s390x-linux-gnu-gcc -m31) ;;
		esac
		got=$(show3 "$work/end/$p.json")
		hdr linux/targ.h '#ifndef _TARG_H\n#define _TARG_H\nstruct t_arg { long v; char c; };\n#endif\n'
		read -r tnum gnum <<<"$(num3 "${cc[@]}" -I"$t3/arch/${p%_64}/include/uapi")"
		hdr linux/targ.h '#ifndef _TARG_H\n#define _TARG_H\nstruct t_arg { long v; char c; }\n#endif\n'
		for want in "ioctl T_GET False 0x0 struct t_arg is defined in linux/targ.h, which does not compile with the headers of its group" \
			"ioctl G_GET True $gnum -" "skipped linux/u.h include/uapi/linux/u.h"; do
			if [[ -n $gnum ]] && grep -qxF -- "$want" <<<"$got"; then
				t_pass "end $p: $want"
			else
				t_fail "end $p: no line '$want' in:"
				sed 's/^/    /' <<<"$got"
			fi
		done
		want3[$p]=$tnum
	done
	hdr linux/targ.h '#ifndef _TARG_H\n#define _TARG_H\nstruct t_arg { long v; char c; };\n#endif\n'
	run3 mended
	for p in x86_64 s390; do
		want="ioctl T_GET True ${want3[$p]} -"
		got=$(show3 "$work/mended/$p.json")
		if [[ -n ${want3[$p]} ]] && grep -qxF -- "$want" <<<"$got"; then
			t_pass "mended $p (from the cache): $want"
		else
			t_fail "mended $p: no line '$want' in:"
			sed 's/^/    /' <<<"$got"
		fi
	done
fi

t_finish supply
