#!/usr/bin/env bash
# Output paths: -o never replaces what it writes to. A character device, a
# FIFO, a symlink to a regular file and a symlink to a FIFO given to -o of
# every subcommand are still what they were afterwards (type, device
# numbers, symlink target), with the report delivered through them; an
# existing file keeps its mode; `-o -` is stdout everywhere. A run that
# fails (extract with several profiles, check) leaves every output path as
# it was: no new file, no changed file, no stage directory beside it.
#
#   tests/cli/outputs.sh [UABI]
#
# The kernel tree is $UABI_KERNEL_TREE, else scripts/kernel-source.sh.
# shellcheck disable=SC2317 # the cmd_* functions are called as "cmd_$c"
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init outputs "${1:-}"
export LC_ALL=C
# a wrong `-o -` would make a file named "-" here, not in the caller's directory
[[ $uabi == /* ]] || uabi=$PWD/$uabi
cd "$work" || exit 2

# what a path is: type, device numbers, mode, symlink target
what() {
	if [[ -L $1 ]]; then
		echo "symlink -> $(readlink "$1")"
	else
		stat -c '%F %t:%T %a' "$1"
	fi
}

# a FIFO reader copying FIFO to FILE in the background (reader_start), and
# its end once the writer is done (reader_end): killed if nobody wrote
reader_start() {
	timeout 120 cat "$1" >"$2" &
	rpid=$!
}
reader_end() {
	local _
	for _ in $(seq 50); do
		kill -0 "$rpid" 2>/dev/null || break
		sleep 0.1
	done
	kill "$rpid" 2>/dev/null
	wait "$rpid" 2>/dev/null
}

# the names in a directory, dot files included, sorted, each followed by ' '
names() {
	local f out=
	for f in "$1"/* "$1"/.[!.]*; do
		if [[ -e $f || -L $f ]]; then
			out+="${f##*/} "
		fi
	done
	echo "$out"
}

# a tree snapshot: every entry (type, mode, size, link target) and every
# file's content, so that "as it was" means byte for byte
snapshot() {
	(cd "$1" && find . -printf '%p %y %m %s %l\n' | sort && find . -type f -exec md5sum {} + | sort)
}

# the profiles file that makes i386 fail cheaply: its "compiler" is false(1)
cat >"$work/bad-i386.json" <<'JSON'
{"profiles": [
 {"name": "i386", "arch": "x86", "triplet": "i386-linux-gnu", "model": "ILP32", "endian": "little",
  "cc": ["false"], "ld": ["ld.lld"]}
]}
JSON

t_run 0 dumps "$uabi" extract --kernel-tree "$tree" --profile x86_64,i386 -j 2 -o "$work/dumps/"

# the subcommands, each with -o as its last option
cmd_check() { "$uabi" check --from-dumps "$work/dumps" --pairs x86_64:i386 --fail-on never -o "$1"; }
cmd_compat() { "$uabi" compat --fail-on never -o "$1" "$work/dumps/x86_64.json" "$work/dumps/i386.json"; }
cmd_extract() { "$uabi" extract --kernel-tree "$tree" --profile x86_64 -o "$1"; }
cmd_diff() { "$uabi" diff --old "$tree" --new "$tree" --profile x86_64 -o "$1"; }
cmd_lint() { "$uabi" lint --kernel-tree "$tree" --profile x86_64 --fail-on never -o "$1"; }

# the character device: a null device made here, else (no CAP_MKNOD, or a
# nodev mount) a FIFO with a reader
dev=$work/null
if mknod "$dev" c 1 3 2>/dev/null && chmod 666 "$dev" && printf x >"$dev" 2>/dev/null; then
	dev_is_fifo=0
	echo "note: -o at a character device made with mknod"
else
	rm -f "$dev"
	mkfifo "$dev"
	dev_is_fifo=1
	echo "note: mknod not allowed here: -o at a FIFO with a reader instead"
fi
dev_was=$(what "$dev")

for c in check compat extract diff lint; do
	d=$work/$c
	mkdir -p "$d"
	# -o - is stdout: the reference for what every path must receive
	t_run 0 "$c-stdout" "cmd_$c" -
	ref=$work/$c-stdout.out
	if [[ -s $ref && ! -e $work/- ]]; then
		t_pass "$c -o -: the report on stdout"
	else
		t_fail "$c -o -: nothing on stdout"
	fi

	# the device
	[[ $dev_is_fifo == 1 ]] && reader_start "$dev" "$d/dev.got"
	t_run 0 "$c-dev" "cmd_$c" "$dev"
	[[ $dev_is_fifo == 1 ]] && reader_end
	if [[ $(what "$dev") == "$dev_was" ]]; then
		t_pass "$c -o DEVICE: still $dev_was"
	else
		t_fail "$c -o DEVICE: was $dev_was, now $(what "$dev")"
	fi
	if [[ $dev_is_fifo == 1 ]] && ! cmp -s "$ref" "$d/dev.got"; then
		t_fail "$c -o DEVICE: the report did not come through"
	fi

	# a symlink to a regular file: the file gets the report, the link stays
	echo old >"$d/target.txt"
	chmod 640 "$d/target.txt"
	ln -s target.txt "$d/link"
	# and a plain existing file keeps its mode
	echo old >"$d/mode.txt"
	chmod 640 "$d/mode.txt"
	t_run 0 "$c-link" "cmd_$c" "$d/link"
	t_run 0 "$c-mode" "cmd_$c" "$d/mode.txt"
	if [[ $(what "$d/link") == "symlink -> target.txt" && $(what "$d/target.txt") == "regular file 0:0 640" ]] &&
		cmp -s "$ref" "$d/target.txt"; then
		t_pass "$c -o SYMLINK: still a symlink, its file has the report and mode 640"
	else
		t_fail "$c -o SYMLINK: link $(what "$d/link"), file $(what "$d/target.txt")"
	fi
	if [[ $(what "$d/mode.txt") == "regular file 0:0 640" ]] && cmp -s "$ref" "$d/mode.txt"; then
		t_pass "$c -o FILE: the report, mode 640 kept"
	else
		t_fail "$c -o FILE: $(what "$d/mode.txt")"
	fi

	# a FIFO, and a symlink to it, with a reader
	mkfifo "$d/fifo"
	ln -s fifo "$d/fifolink"
	fifo_was=$(what "$d/fifo")
	for f in fifo fifolink; do
		reader_start "$d/fifo" "$d/$f.got"
		t_run 0 "$c-$f" "cmd_$c" "$d/$f"
		reader_end
		if cmp -s "$ref" "$d/$f.got"; then
			t_pass "$c -o ${f^^}: the report came through"
		else
			t_fail "$c -o ${f^^}: the reader got $(wc -c <"$d/$f.got") bytes, want $(wc -c <"$ref")"
		fi
	done
	if [[ $(what "$d/fifo") == "$fifo_was" && $(what "$d/fifolink") == "symlink -> fifo" ]]; then
		t_pass "$c -o FIFO: the FIFO and its symlink are still there"
	else
		t_fail "$c -o FIFO: fifo $(what "$d/fifo"), link $(what "$d/fifolink")"
	fi
	# nothing else appeared (no temp file left beside any of them)
	rm -f "$d"/*.got
	got=$(names "$d")
	if [[ $got == "fifo fifolink link mode.txt target.txt " ]]; then
		t_pass "$c: no stray file"
	else
		t_fail "$c: the directory holds: $got"
	fi
done

# a dangling symlink is refused before the work, and nothing is created
ln -s nothere "$work/dangling"
t_run 2 dangling "$uabi" extract --kernel-tree "$tree" --profile x86_64 -o "$work/dangling"
if grep -qx "uabi: $work/dangling: cannot write: dangling symlink to 'nothere'" "$work/dangling.err" &&
	[[ ! -e $work/nothere ]]; then
	t_pass "dangling symlink: one line, nothing created"
else
	t_fail "dangling symlink: $(cat "$work/dangling.err")"
fi

# -o - with several profiles needs a directory
t_run 2 stdout-several "$uabi" extract --kernel-tree "$tree" --profile x86_64,i386 -o -
if grep -q -- "-o -: 2 profiles need a directory" "$work/stdout-several.err" && [[ ! -s $work/stdout-several.out ]]; then
	t_pass "extract -o - with 2 profiles: a usage error"
else
	t_fail "extract -o - with 2 profiles: $(cat "$work/stdout-several.err")"
fi

# check --output-dir without -o: the reports in DIR, nothing on stdout;
# -o - adds stdout
t_run 0 outdir "$uabi" check --from-dumps "$work/dumps" --pairs x86_64:i386 --fail-on never \
	--output-dir "$work/reports"
t_run 0 outdir-stdout "$uabi" check --from-dumps "$work/dumps" --pairs x86_64:i386 --fail-on never \
	--output-dir "$work/reports2" -o -
if [[ ! -s $work/outdir.out && $(names "$work/reports") == "report.html report.json report.md report.sarif report.txt " ]] &&
	cmp -s "$work/outdir-stdout.out" "$work/reports2/report.txt"; then
	t_pass "check --output-dir: no stdout without -o, the text report with -o -"
else
	t_fail "check --output-dir: stdout $(wc -c <"$work/outdir.out") bytes, dir: $(names "$work/reports")"
fi

# failing runs leave every output as it was
mkdir -p "$work/fail" "$work/fail/out" "$work/fail/rep" "$work/fail/dumps"
echo keep >"$work/fail/out/keep.txt"
echo old >"$work/fail/out/x86_64.json"
chmod 640 "$work/fail/out/x86_64.json"
echo old >"$work/fail/rep/report.txt"
echo old >"$work/fail/dumps/x86_64.json"
echo old >"$work/fail/report.txt"
before=$(snapshot "$work/fail")
t_run 3 fail-extract "$uabi" extract --kernel-tree "$tree" --profiles-file "$work/bad-i386.json" \
	--profile x86_64,i386 -j 2 -o "$work/fail/out"
t_run 3 fail-extract-new "$uabi" extract --kernel-tree "$tree" --profiles-file "$work/bad-i386.json" \
	--profile x86_64,i386 -j 2 -o "$work/fail/new/sub/"
t_run 3 fail-check "$uabi" check --kernel-tree "$tree" --profiles-file "$work/bad-i386.json" \
	--pairs x86_64:i386 --output-dir "$work/fail/rep" --dumps "$work/fail/dumps" -o "$work/fail/report.txt"
# a check that fails after the reports could be rendered: a broken dump
mkdir -p "$work/broken"
cp "$work/dumps/x86_64.json" "$work/broken/"
echo '{"schema_version": 1,' >"$work/broken/i386.json"
t_run 2 fail-check-late "$uabi" check --from-dumps "$work/broken" --pairs x86_64:i386 \
	--output-dir "$work/fail/rep" -o "$work/fail/report.txt"
after=$(snapshot "$work/fail")
if [[ $before == "$after" ]]; then
	t_pass "failed extract and check runs: every output as it was, no stage left"
else
	t_fail "failed runs changed the outputs:"
	diff <(echo "$before") <(echo "$after") | sed 's/^/    /'
fi
# the same commands without the failing profile publish everything
t_run 0 ok-extract "$uabi" extract --kernel-tree "$tree" --profile x86_64,i386 -j 2 -o "$work/fail/out"
if [[ $(names "$work/fail/out") == "i386.json keep.txt x86_64.json " ]] &&
	cmp -s "$work/fail/out/x86_64.json" "$work/dumps/x86_64.json" &&
	[[ $(stat -c %a "$work/fail/out/x86_64.json") == 640 ]] &&
	[[ $(names "$work/fail") == "dumps out rep report.txt " ]]; then
	t_pass "extract into an existing directory: published, keep.txt kept, mode 640 kept"
else
	t_fail "extract into an existing directory: $(ls -lA "$work/fail/out" "$work/fail")"
fi

t_finish cli/outputs
