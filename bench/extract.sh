#!/usr/bin/env bash
# Benchmark of `uabi extract` on the Linux 6.1 tree, against what it cannot
# beat: the compiler. Never run as a test; numbers depend on the machine.
#
#   bench/extract.sh [-t KERNEL_TREE] [-u UABI] [-r RUNS] [-o REPORT.md]
#
# (a) compiling the 15 probes alone (#include <linux/kvm.h>, DESIGN.md flags,
#     -g -c -nostdinc -fno-eliminate-unused-debug-types, 2 in parallel)
# (b) `uabi extract --profile all -j 2`, and the ratio b/a
# (c) peak RSS of (b), from /usr/bin/time -v
# (d) pahole over the 15 linked probe objects vs uabi's DWARF step alone
# Uses hyperfine when present, else a loop timed with date +%s.%N.
# The report goes to stdout, and to REPORT.md with -o.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

tree=${UABI_KERNEL_TREE:-}
uabi=${UABI:-$here/build/uabi}
runs=5
report=
while getopts 't:u:r:o:h' opt; do
	case $opt in
	t) tree=$OPTARG ;;
	u) uabi=$OPTARG ;;
	r) runs=$OPTARG ;;
	o) report=$OPTARG ;;
	*)
		sed -n '2,14s/^# \{0,1\}//p' "$0"
		exit 2
		;;
	esac
done
[[ -n $tree ]] || tree=$("$here/scripts/kernel-source.sh")
tree=$(cd "$tree" && pwd)
if [[ ! -f $tree/include/uapi/linux/kvm.h ]]; then
	echo "bench: $tree: not a kernel tree (no include/uapi/linux/kvm.h)" >&2
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/uabi-bench.XXXXXX")
[[ -n ${UABI_BENCH_KEEP:-} ]] || trap 'rm -rf "$work"' EXIT
out=$work/report.md

# profile | kernel ARCH | compiler argv | linker argv (DESIGN.md, core/profile.c).
# TODO: once `uabi extract --keep-temps` keeps the probe sources, compile
# those instead of this stand-in probe.
profiles=(
	"x86_64|x86|clang --target=x86_64-linux-gnu|ld.lld"
	"i386|x86|clang --target=i386-linux-gnu|ld.lld"
	"x32|x86|clang --target=x86_64-linux-gnux32|ld.lld"
	"aarch64|arm64|clang --target=aarch64-linux-gnu|ld.lld"
	"arm|arm64|clang --target=armv7a-linux-gnueabihf|ld.lld"
	"riscv64|riscv|clang --target=riscv64-linux-gnu|ld.lld"
	"riscv32|riscv|clang --target=riscv32-linux-gnu|ld.lld"
	"ppc64|powerpc|clang --target=powerpc64-linux-gnu|ld.lld"
	"ppc64le|powerpc|clang --target=powerpc64le-linux-gnu|ld.lld"
	"ppc32|powerpc|clang --target=powerpc-linux-gnu|ld.lld"
	"s390x|s390|clang --target=s390x-linux-gnu|s390x-linux-gnu-ld -m elf64_s390"
	"s390|s390|s390x-linux-gnu-gcc -m31|s390x-linux-gnu-ld -m elf_s390"
	"mips64|mips|clang --target=mips64-linux-gnuabi64|ld.lld"
	"mipso32|mips|clang --target=mips-linux-gnu|ld.lld"
	"mipsn32|mips|clang --target=mips64-linux-gnuabin32|ld.lld"
)

# The include root a raw tree needs per arch (what Kbuild and
# headers_install would provide): asm/ wrappers for generic-y and
# mandatory-y headers the arch lacks, and linux/compiler*.h stubs.
make_include_root() {
	local arch=$1 dir=$2 name
	local adir=$tree/arch/$arch/include/uapi/asm
	mkdir -p "$dir/asm" "$dir/linux"
	for f in compiler.h compiler_types.h; do
		printf '#define __user\n#define __force\n#define __iomem\n#define __kernel\n' >"$dir/linux/$f"
	done
	while read -r name; do
		[[ -e $adir/$name ]] && continue
		printf '#include <asm-generic/%s>\n' "$name" >"$dir/asm/$name"
	done < <(sed -nE 's/^(generic|mandatory)-y[[:space:]]*\+=[[:space:]]*([^[:space:]]+).*/\2/p' \
		"$adir/Kbuild" "$tree/include/uapi/asm-generic/Kbuild" 2>/dev/null | sort -u)
}

for p in "${profiles[@]}"; do
	IFS='|' read -r name arch cc ld <<<"$p"
	inc=$work/inc/$name
	make_include_root "$arch" "$inc"
	extra=()
	if [[ $name == arm ]]; then
		# core/profile.c: AArch32 view of arm64 headers
		printf '#define __BITS_PER_LONG (__SIZEOF_LONG__ * 8)\n#include <asm-generic/bitsperlong.h>\n' \
			>"$inc/asm/bitsperlong.h"
		printf 'typedef struct { unsigned long long lo, hi; } __attribute__((aligned(16))) __uabi_uint128_t;\n#define __uint128_t __uabi_uint128_t\n' \
			>"$inc/prelude.h"
		extra=(-include "$inc/prelude.h")
	fi
	printf '#include <linux/kvm.h>\nint __uabi_probe;\n' >"$work/inc/$name.c"
	# one line per probe: the compile command, then the link command
	printf '%s -g -c -nostdinc -fno-eliminate-unused-debug-types -D__EXPORTED_HEADERS__ %s -I%q -I%q -I%q -o %q %q\n' \
		"$cc" "${extra[*]:-}" "$inc" "$tree/arch/$arch/include/uapi" "$tree/include/uapi" \
		"$work/inc/$name.o" "$work/inc/$name.c" >>"$work/compile.lines"
	printf '%s -shared -o %q %q\n' "$ld" "$work/inc/$name.so" "$work/inc/$name.o" >>"$work/link.lines"
done

cat >"$work/compile-all.sh" <<SH
#!/usr/bin/env bash
set -euo pipefail
tr '\n' '\0' <'$work/compile.lines' | xargs -0 -P2 -n1 bash -c
SH
cat >"$work/pahole-all.sh" <<SH
#!/usr/bin/env bash
set -euo pipefail
for f in '$work'/inc/*.so; do pahole -F dwarf "\$f" >/dev/null; done
SH
chmod +x "$work"/*.sh

# mean wall time of a command in seconds
measure() {
	local label=$1
	shift
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine --warmup 1 --runs "$runs" --export-json "$work/$label.json" "$*" >&2
		python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' \
			"$work/$label.json"
	else
		local t0 t1 total=0
		bash -c "$*" >/dev/null
		for ((i = 0; i < runs; i++)); do
			t0=$(date +%s.%N)
			bash -c "$*" >/dev/null
			t1=$(date +%s.%N)
			total=$(awk -v a="$total" -v b="$t0" -v c="$t1" 'BEGIN { print a + c - b }')
		done
		awk -v t="$total" -v n="$runs" 'BEGIN { printf "%.3f\n", t / n }'
	fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

{
	echo "# uabi extract benchmark"
	echo
	echo "- kernel tree: linux $(sed -nE 's/^(VERSION|PATCHLEVEL|SUBLEVEL) = //p' "$tree/Makefile" | paste -sd.)"
	echo "- machine: $(nproc) cores, $(uname -m); clang $(clang -dumpversion); runs: $runs$(command -v hyperfine >/dev/null && echo ', hyperfine')"
	echo
	echo "| measure | value |"
	echo "|---|---|"
} >"$out"

echo "bench: (a) compiling 15 probes" >&2
bash "$work/compile-all.sh"
t_compile=$(measure compile "$work/compile-all.sh")
echo "| (a) compile 15 probes, -P2 | ${t_compile} s |" >>"$out"

if [[ -x $uabi ]]; then
	echo "bench: (b) uabi extract --profile all -j 2" >&2
	ext="$(printf '%q' "$uabi") extract --kernel-tree $(printf '%q' "$tree") --profile all -j 2 -o $(printf '%q' "$work/dumps/")"
	mkdir -p "$work/dumps"
	t_extract=$(measure extract "$ext")
	echo "| (b) uabi extract --profile all -j 2 | ${t_extract} s |" >>"$out"
	echo "| b/a | $(ratio "$t_extract" "$t_compile") |" >>"$out"
	if [[ -x /usr/bin/time ]]; then
		# ru_maxrss of the children: the largest single process of the
		# run, uabi itself or a compiler it spawned
		/usr/bin/time -v -o "$work/time.txt" "$uabi" extract --kernel-tree "$tree" \
			--profile all -j 2 -o "$work/dumps/" >/dev/null
		rss=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$work/time.txt")
		echo "| (c) peak RSS of extract (largest process: uabi or a compiler) | $((rss / 1024)) MiB |" >>"$out"
	else
		echo "| (c) peak RSS of extract | skipped: /usr/bin/time missing |" >>"$out"
	fi
else
	echo "bench: $uabi not built: skipping (b) and (c)" >&2
	echo "| (b), (c) | skipped: $uabi not built |" >>"$out"
fi

echo "bench: (d) linking probes, pahole" >&2
tr '\n' '\0' <"$work/link.lines" | xargs -0 -P2 -n1 bash -c
if command -v pahole >/dev/null 2>&1; then
	t_pahole=$(measure pahole "$work/pahole-all.sh")
	echo "| (d) pahole over 15 linked probes | ${t_pahole} s |" >>"$out"
else
	echo "| (d) pahole | skipped: pahole missing (dwarves) |" >>"$out"
fi
# needs: uabi dwarf-bench
# TODO: time uabi's DWARF step alone over the same objects once the CLI has
# a subcommand for it (`uabi dwarf-bench FILE...`, or extract --from-object).
if [[ -x $uabi ]] && "$uabi" dwarf-bench --help >/dev/null 2>&1; then
	t_dwarf=$(measure dwarf "$(printf '%q' "$uabi") dwarf-bench $work/inc/*.so")
	echo "| (d) uabi DWARF step over 15 linked probes | ${t_dwarf} s |" >>"$out"
else
	echo "bench: uabi has no dwarf-bench subcommand: skipping uabi's DWARF-only timing" >&2
	echo "| (d) uabi DWARF step alone | skipped: needs \`uabi dwarf-bench\` |" >>"$out"
fi

cat "$out"
if [[ -n $report ]]; then
	cp "$out" "$report"
fi
