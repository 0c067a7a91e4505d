#!/usr/bin/env bash
# `uabi diff --base --head` without --header on the real Linux 6.1 uapi: a
# git checkout of the tree's uapi headers with one commit on top that turns
# struct fsxattr's first member (include/uapi/linux/fs.h) from __u32 into
# long. linux/fs.h is found and judged (no header that defines ioctls
# includes it in 6.1), every finding names it, and the commands it carries
# change number on x86_64 as their _IOC encoding says: FS_IOC_FSGETXATTR is
# _IOR('X', 31, struct fsxattr), 28 bytes before, 32 after (0x801c581f to
# 0x8020581f); FS_IOC_FSSETXATTR _IOW('X', 32, ...) (0x401c5820 to
# 0x40205820); on i386 the size stays 28 and both need compat translation.
#
#   tests/e2e/diff-fs-6.1.sh [UABI]
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init diff-fs "${1:-}"
if ! command -v git >/dev/null || ! command -v clang >/dev/null; then
	echo "diff-fs: SKIP (needs git and clang)"
	exit 77
fi

r=$work/repo
t_copy_tree "$tree" "$r"
g() { git -C "$r" -c user.name=uabi -c user.email=uabi@invalid "$@"; }
{
	g init -q && g add -A && g commit -qm base &&
		python3 - "$r/include/uapi/linux/fs.h" <<'PY' &&
import os, sys
p = sys.argv[1]
t = open(p).read()
old = "\t__u32\t\tfsx_xflags;"
assert t.count(old) == 1
os.unlink(p)          # a hard link to the cached tree: never write through it
open(p, "w").write(t.replace(old, "\tlong\t\tfsx_xflags;"))
PY
		g commit -qam fs
} >"$work/git.log" 2>&1 || {
	echo "diff-fs: git setup failed:"
	cat "$work/git.log"
	exit 2
}

t_run 1 fs "$uabi" diff --kernel-tree "$r" --base HEAD~1 --head HEAD --profile x86_64,i386 \
	--no-lint -j 2
t_run 1 fs-json "$uabi" diff --kernel-tree "$r" --base HEAD~1 --head HEAD --profile x86_64,i386 \
	--no-lint -j 2 --format json
t_out_has fs 'uabi diff: 1 uapi file changed (include/uapi/linux/fs.h); 1 header judged: linux/fs.h'
# the lines of the commands, from the header's text
get=$(grep -n 'define FS_IOC_FSGETXATTR' "$r/include/uapi/linux/fs.h" | cut -d: -f1)
set=$(grep -n 'define FS_IOC_FSSETXATTR' "$r/include/uapi/linux/fs.h" | cut -d: -f1)
t_out_has fs "include/uapi/linux/fs.h:$get: error: [x86_64] FS_IOC_FSGETXATTR: number changed from 0x801c581f to 0x8020581f (size 28 to 32) [ioctl-number-changed]"
t_out_has fs "include/uapi/linux/fs.h:$set: error: [x86_64] FS_IOC_FSSETXATTR: number changed from 0x401c5820 to 0x40205820 (size 28 to 32) [ioctl-number-changed]"
got=$(python3 - "$work/fs-json.out" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
print(sorted({f["file"] for f in j["findings"]}))
print(sorted(f["ioctl"] for f in j["findings"] if f["rule"] == "ioctl-needs-compat"),
      sorted({p for f in j["findings"] if f["rule"] == "ioctl-needs-compat" for p in f["profiles"]}))
print(json.dumps(j["scope"], sort_keys=True))
PY
)
want="['include/uapi/linux/fs.h']
['FS_IOC_FSGETXATTR', 'FS_IOC_FSSETXATTR'] ['i386']
{\"changed\": [\"include/uapi/linux/fs.h\"], \"headers\": [\"linux/fs.h\"]}"
if [[ $got == "$want" ]]; then
	t_pass "fs: every finding at linux/fs.h; both commands need compat on i386; the scope"
else
	t_fail "fs: json, got:"
	printf '    %s\n' "${got//$'\n'/$'\n'    }"
fi
t_finish diff-fs
