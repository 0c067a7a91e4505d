#!/usr/bin/env bash
# --all on the command line (issue 9 item 1): check, extract, diff and lint
# take it, verify does not (a dump records its headers), check refuses it
# with --from-dumps; --header narrows it, and struct kvm_run is a root only
# when linux/kvm.h may be a header; --header has no count limit.
#
#   tests/cli/all.sh [UABI]
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init all "${1:-}"

# one_line NAME REGEX: stderr of run NAME is exactly one line, matching REGEX
one_line() {
	if [[ $(wc -l <"$work/$1.err") -eq 1 ]] && grep -qE -- "$2" "$work/$1.err"; then
		t_pass "$1: one line /$2/"
	else
		t_fail "$1: stderr is not one line /$2/"
		sed 's/^/    /' "$work/$1.err" | head -5
	fi
}
# dump_of JSON: "headers=H,... roots=R,..." of a layout dump
dump_of() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print("headers=%s roots=%s" % (",".join(d["input"]["headers"]),
      ",".join(r["name"] for r in d.get("roots", []))))' "$1"
}
want() {
	if [[ $2 == "$3" ]]; then t_pass "$1: $2"; else t_fail "$1: got '$2', want '$3'"; fi
}

# parsed by the four commands that extract (--help after it is reached only
# if getopt knew --all)
for sub in check extract diff lint; do
	t_run 0 "help-$sub" "$uabi" "$sub" --all --help
	if grep -q -- '--all  ' "$work/help-$sub.out"; then
		t_pass "$sub --help lists --all"
	else
		t_fail "$sub --help does not list --all"
	fi
done
# verify --all is verify's own (the dump must cover every ioctl header):
# taken, and the missing dump said in one line
# taken, and it needs the tree the dump must cover (not the one it names)
t_run 2 verify "$uabi" verify --all "$work/none.json"
one_line verify "^uabi verify: --all needs --kernel-tree or --headers: the tree the dump must cover"
t_run 2 from-dumps "$uabi" check --all --from-dumps "$work"
one_line from-dumps "^uabi check: --all goes with extraction: with --from-dumps the dumps say which headers were compiled"

# no limit on --header: 70 of them (64 was the limit) reach the dump
args=(--header linux/kvm.h)
for _ in $(seq 69); do
	args+=(--header linux/types.h)
done
t_run 0 many "$uabi" extract --kernel-tree "$tree" --profile x86_64 "${args[@]}" -o "$work/many.json"
n=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["input"]["headers"]))' \
	"$work/many.json")
want many "$n" 70

# --all with --header: the headers named; struct kvm_run only with linux/kvm.h
t_run 0 narrow-fs "$uabi" extract --kernel-tree "$tree" --profile x86_64 --all \
	--header linux/fs.h -o "$work/fs.json"
want narrow-fs "$(dump_of "$work/fs.json")" "headers=linux/fs.h roots="
t_run 0 narrow-kvm "$uabi" extract --kernel-tree "$tree" --profile x86_64 --all \
	--header linux/kvm.h -o "$work/kvm.json"
want narrow-kvm "$(dump_of "$work/kvm.json")" "headers=linux/kvm.h roots=struct kvm_run"

t_finish all
