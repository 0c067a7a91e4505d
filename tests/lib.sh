# shellcheck shell=bash
# Shared by the shell tests. Source it from a script in tests/<dir>/ after
# `set -uo pipefail`:
#   . "$(dirname "$0")/../lib.sh"; t_init NAME [UABI]
# t_init sets here, top, uabi ($2, else $UABI, else build/uabi), tree
# ($UABI_KERNEL_TREE, else scripts/kernel-source.sh), work (a scratch
# directory removed on exit) and failed=0.

# t_init NAME [UABI] [notree]: with "notree" the test needs no kernel tree
# (tree stays empty and scripts/kernel-source.sh is not run).
# shellcheck disable=SC2034 # the variables are for the sourcing script
t_init() {
	here=$(cd "$(dirname "$0")" && pwd)
	top=$(cd "$here/../.." && pwd)
	uabi=${2:-${UABI:-$top/build/uabi}}
	tree=
	if [[ ${3:-} != notree ]]; then
		tree=${UABI_KERNEL_TREE:-$("$top/scripts/kernel-source.sh")} || exit 2
	fi
	t_workdir "$1"
	failed=0
}

# t_exit_on_signals: INT, TERM and HUP end the script through its EXIT
# trap (bash skips the EXIT trap on a signal it does not trap), so an
# interrupted or cancelled test removes its scratch directory
t_exit_on_signals() {
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
}

# t_workdir NAME: work = a new scratch directory $TMPDIR/uabi-NAME.XXXXXX,
# removed when the script exits, also on INT, TERM and HUP
t_workdir() {
	work=$(mktemp -d "${TMPDIR:-/tmp}/uabi-$1.XXXXXX") || exit 2
	# shellcheck disable=SC2064
	trap "rm -rf '$work'" EXIT
	t_exit_on_signals
}

# t_tree_of VERSION: print the Linux VERSION (6.1, 6.12) tree:
# $UABI_KERNEL_TREE (6.1) or $UABI_KERNEL_TREE_6_12, else what
# scripts/kernel-source.sh unpacks; exit 2 for another version, 1 without one
t_tree_of() {
	local t
	case $1 in
	6.1) t=${UABI_KERNEL_TREE:-} ;;
	6.12) t=${UABI_KERNEL_TREE_6_12:-} ;;
	*) return 2 ;;
	esac
	if [[ -z $t ]]; then
		t=$("$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/kernel-source.sh" "$1") || return 1
	fi
	echo "$t"
}

# t_ioctl_tree ROOT ARCH...: the start of a synthetic kernel tree for the
# cli tests: the kernel's _IOC encoding in include/uapi/asm-generic/ioctl.h
# (with _IOC_SIZE, which verify uses), each ARCH's asm/ioctl.h including it
# and linux/ioctl.h including <asm/ioctl.h>
t_ioctl_tree() {
	local root=$1 a
	shift
	mkdir -p "$root/include/uapi/linux" "$root/include/uapi/asm-generic"
	printf '%b' '#ifndef _G_IOCTL_H\n#define _G_IOCTL_H\n#define _IOC_NRBITS 8\n#define _IOC_TYPEBITS 8\n#define _IOC_SIZEBITS 14\n#define _IOC_DIRBITS 2\n#define _IOC_NRMASK ((1 << _IOC_NRBITS)-1)\n#define _IOC_TYPEMASK ((1 << _IOC_TYPEBITS)-1)\n#define _IOC_SIZEMASK ((1 << _IOC_SIZEBITS)-1)\n#define _IOC_DIRMASK ((1 << _IOC_DIRBITS)-1)\n#define _IOC_NRSHIFT 0\n#define _IOC_TYPESHIFT (_IOC_NRSHIFT+_IOC_NRBITS)\n#define _IOC_SIZESHIFT (_IOC_TYPESHIFT+_IOC_TYPEBITS)\n#define _IOC_DIRSHIFT (_IOC_SIZESHIFT+_IOC_SIZEBITS)\n#define _IOC_NONE 0U\n#define _IOC_WRITE 1U\n#define _IOC_READ 2U\n#define _IOC(dir,type,nr,size) (((dir) << _IOC_DIRSHIFT) | ((type) << _IOC_TYPESHIFT) | ((nr) << _IOC_NRSHIFT) | ((size) << _IOC_SIZESHIFT))\n#define _IOC_TYPECHECK(t) (sizeof(t))\n#define _IOC_SIZE(nr) (((nr) >> _IOC_SIZESHIFT) & _IOC_SIZEMASK)\n#define _IO(type,nr) _IOC(_IOC_NONE,(type),(nr),0)\n#define _IOR(type,nr,size) _IOC(_IOC_READ,(type),(nr),(_IOC_TYPECHECK(size)))\n#define _IOW(type,nr,size) _IOC(_IOC_WRITE,(type),(nr),(_IOC_TYPECHECK(size)))\n#define _IOWR(type,nr,size) _IOC(_IOC_READ|_IOC_WRITE,(type),(nr),(_IOC_TYPECHECK(size)))\n#endif\n' >"$root/include/uapi/asm-generic/ioctl.h"
	for a in "$@"; do
		mkdir -p "$root/arch/$a/include/uapi/asm"
		printf '#include <asm-generic/ioctl.h>\n' >"$root/arch/$a/include/uapi/asm/ioctl.h"
	done
	printf '#ifndef _L_IOCTL_H\n#define _L_IOCTL_H\n#include <asm/ioctl.h>\n#endif\n' >"$root/include/uapi/linux/ioctl.h"
}

# t_pass TEXT / t_fail TEXT: one result line; t_fail counts a failure
t_pass() { echo "PASS $*"; }
t_fail() {
	failed=$((failed + 1))
	echo "FAIL $*"
}

# t_err_has NAME REGEX: stderr of run NAME (t_run) has a line matching REGEX
t_err_has() {
	if grep -qE -- "$2" "$work/$1.err"; then
		t_pass "$1: stderr /$2/"
	else
		t_fail "$1: no stderr line /$2/"
		sed 's/^/    /' "$work/$1.err" | head -20
	fi
}

# t_err_is NAME TEXT: stderr of run NAME is exactly TEXT (one line, say)
t_err_is() {
	if [[ $(cat "$work/$1.err") == "$2" ]]; then
		t_pass "$1: stderr is: $2"
	else
		t_fail "$1: stderr is not '$2':"
		sed 's/^/    /' "$work/$1.err" | head -20
	fi
}

# t_out_has NAME FIXED: stdout of run NAME holds the line FIXED
t_out_has() {
	if grep -qxF -- "$2" "$work/$1.out"; then
		t_pass "$1: stdout has '$2'"
	else
		t_fail "$1: stdout has no line '$2'"
		head -c 2000 "$work/$1.out" | sed 's/^/    /'
	fi
}

# t_run WANT NAME ARGV...: run ARGV (output in $work/NAME.out and .err);
# its exit code must be WANT
t_run() {
	local want=$1 name=$2 rc=0
	shift 2
	"$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
	if ((rc == want)); then
		echo "PASS $name: exit $rc"
	else
		failed=$((failed + 1))
		echo "FAIL $name: exit $rc, want $want"
		sed 's/^/    /' "$work/$name.err" | head -20
	fi
}

# t_finish NAME: the closing line and exit status
t_finish() {
	if ((failed)); then
		echo "$1: FAIL ($failed)"
		exit 1
	fi
	echo "$1: PASS"
	exit 0
}

# t_copy_tree SRC DST: the part of a kernel tree uabi reads (uapi headers,
# KVM sources and Kconfigs, Makefile), hard-linked where the filesystem
# allows, so that editing a file in DST means replacing it, never writing
# through the link
t_copy_tree() {
	local a sub
	mkdir -p "$2/include" "$2/arch"
	cp -al "$1/include/uapi" "$2/include/" 2>/dev/null || cp -a "$1/include/uapi" "$2/include/"
	for a in "$1"/arch/*/; do
		a=$(basename "$a")
		mkdir -p "$2/arch/$a"
		for sub in include kvm Kconfig; do
			[[ -e $1/arch/$a/$sub ]] || continue
			cp -al "$1/arch/$a/$sub" "$2/arch/$a/" 2>/dev/null || cp -a "$1/arch/$a/$sub" "$2/arch/$a/"
		done
	done
	if [[ -d $1/virt ]]; then
		cp -al "$1/virt" "$2/" 2>/dev/null || cp -a "$1/virt" "$2/"
	fi
	cp "$1/Makefile" "$2/Makefile"
}
