#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # the checks are strings check() evaluates
# Install like a kernel tool: `cmake --install` of a build into a DESTDIR,
# with the configured CMAKE_INSTALL_PREFIX and with --prefix, then use what
# was installed: the binary (--version, a command), the man page (man -l)
# and the bash completion (sourced in bash, completing a subcommand, an
# option, a profile list and a format).
#
#   tests/cli/install.sh [BUILD]      (default: build)
#
# Exit 0 all passed, 1 a failure, 77 skipped (man is not installed:
# scripts/deps.sh installs man-db).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/build}" && pwd) || exit 1
# shellcheck source=tests/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
t_workdir install
failed=0

check() {
	if eval "$2"; then
		echo "PASS $1"
	else
		failed=$((failed + 1))
		echo "FAIL $1"
	fi
}

if ! command -v man >/dev/null; then
	echo "SKIP man is not installed (scripts/deps.sh installs man-db)"
	exit 77
fi
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
if [[ -z $prefix ]]; then
	echo "FAIL $build/CMakeCache.txt has no CMAKE_INSTALL_PREFIX"
	exit 1
fi
# installed LOG: the paths cmake --install says it installed (DESTDIR included)
installed() {
	sed -n 's/^-- \(Installing\|Up-to-date\): //p' "$1"
}
version=$("$build/uabi" --version)

# 1. the configured prefix, staged under DESTDIR: nothing outside DESTDIR
rc=0
DESTDIR=$work/stage cmake --install "$build" >"$work/install1.log" 2>&1 || rc=$?
check "cmake --install with DESTDIR=$work/stage (prefix $prefix)" '((rc == 0))'
installed "$work/install1.log" | sed "s|^$work/stage||" | sort >"$work/files1"
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$build/CMakeCache.txt")
check "bin/uabi, $libdir/uabi/uabi-forkserver.so, share/man/man1/uabi.1, share/bash-completion/completions/uabi under $prefix" \
	'diff -u - "$work/files1" <<<"$(printf "%s\n" "$prefix/bin/uabi" "$prefix/$libdir/uabi/uabi-forkserver.so" "$prefix/share/bash-completion/completions/uabi" "$prefix/share/man/man1/uabi.1" | sort)"'
check "the files are there, nothing else is, uabi executable" \
	'[[ $(find "$work/stage" -type f | sed "s|^$work/stage||" | sort) == "$(cat "$work/files1")" && -x $work/stage$prefix/bin/uabi ]]'

# 2. another prefix, staged too: where the files go follows --prefix
root=$work/root
rc=0
DESTDIR=$root cmake --install "$build" --prefix /opt/uabi >"$work/install2.log" 2>&1 || rc=$?
check "cmake --install --prefix /opt/uabi with DESTDIR" '((rc == 0))'
bin=$root/opt/uabi/bin/uabi
page=$root/opt/uabi/share/man/man1/uabi.1
comp=$root/opt/uabi/share/bash-completion/completions/uabi
check "the four files under DESTDIR/opt/uabi" '[[ -x $bin && -f $page && -f $comp && -f $root/opt/uabi/$libdir/uabi/uabi-forkserver.so ]]'
# the installed binary forks its clang runs from a server with the
# installed module (../LIBDIR/uabi from the binary): a header of one ioctl
if command -v clang >/dev/null; then
	t_ioctl_tree "$work/it" x86
	printf '#include <linux/ioctl.h>\nstruct it_arg { long a; };\n#define IT_GET _IOR(0xf0, 1, struct it_arg)\n' \
		>"$work/it/include/uapi/linux/it.h"
	check "installed uabi extract forks its clang runs from the installed module" \
		'(cd / && UABI_STATS=1 "$bin" extract --no-cache --kernel-tree "$work/it" --header linux/it.h --profile x86_64 -o "$work/it.json") 2>"$work/it.err" && grep -Eq ", [1-9][0-9]* compiler runs forked$" "$work/it.err"'
fi

# the installed binary, away from the build tree
check "installed uabi --version: $version" '[[ $(cd / && "$bin" --version) == "$version" ]]'
# (output to a file first: grep -q would close the pipe early)
check "installed uabi profiles runs" '(cd / && "$bin" profiles --format json) >"$work/p.json" && grep -q "\"x86_64\"" "$work/p.json"'
check "installed uabi help check" '(cd / && "$bin" help check) >"$work/h.txt" && grep -q -- "--pairs" "$work/h.txt"'

# the installed man page: renders, without warnings, with every command
rc=0
MANWIDTH=100 LC_ALL=C.UTF-8 man --warnings -l "$page" >"$work/man.txt" 2>"$work/man.err" || rc=$?
check "man -l the installed page" '((rc == 0)) && [[ ! -s $work/man.err ]]'
for c in check diff lint compat profiles extract verify dwarf; do
	check "man page: uabi $c" 'grep -q "^   uabi $c\$" "$work/man.txt"'
done
check "man page: --version" 'grep -q -- "--version" "$work/man.txt"'

# the installed completion, in a bash with nothing else loaded
complete_with() {
	bash --norc --noprofile -c '
		. "$1" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_uabi
		printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$bin" "$@"
}
check "completion registered for uabi" \
	"[[ \$(bash --norc --noprofile -c '. \"\$1\" && complete -p uabi' _ \"\$comp\") == *'-F _uabi'* ]]"
check "completion: uabi ch -> check" '[[ $(complete_with ch) == check ]]'
check "completion: uabi check --prof -> --profile --profiles-file" \
	'[[ $(complete_with check --prof | tr "\n" " ") == "--profile --profiles-file " ]]'
check "completion: uabi check --profile x86_64,i -> x86_64,i386" \
	'[[ $(complete_with check --profile x86_64,i) == x86_64,i386 ]]'
check "completion: uabi check --format '' -> every format" \
	'[[ $(complete_with check --format "" | tr "\n" " ") == "text json markdown html sarif " ]]'
check "completion: uabi diff --format m -> markdown" '[[ $(complete_with diff --format m) == markdown ]]'
check "completion: uabi lint --fail-on w -> warning" '[[ $(complete_with lint --fail-on w) == warning ]]'
check "completion: uabi check --a -> --all --arch --arg-types" \
	'[[ $(complete_with check --a | tr "\n" " ") == "--all --arch --arg-types " ]]'
# --header: include names of the tree on the line (a kernel tree's
# include/uapi and arch asm/, installed headers' top), directories with a /
mkdir -p "$work/kt/include/uapi/linux" "$work/kt/include/uapi/drm" "$work/kt/arch/x86/include/uapi/asm"
touch "$work/kt/include/uapi/linux/kvm.h" "$work/kt/include/uapi/linux/kvm_para.h" \
	"$work/kt/include/uapi/linux/Kbuild" "$work/kt/arch/x86/include/uapi/asm/kvm.h"
check "completion: uabi extract --kernel-tree T --header linux/kv -> linux/kvm.h linux/kvm_para.h" \
	'[[ $(complete_with extract --kernel-tree "$work/kt" --header linux/kv | tr "\n" " ") == "linux/kvm.h linux/kvm_para.h " ]]'
check "completion: uabi check --kernel-tree=T --all --header '' -> asm/ drm/ linux/" \
	'[[ $(complete_with check --kernel-tree = "$work/kt" --all --header "" | tr "\n" " ") == "asm/ drm/ linux/ " ]]'
check "completion: uabi lint --headers T/include/uapi --header linux/ -> its headers" \
	'[[ $(complete_with lint --headers "$work/kt/include/uapi" --header linux/ | tr "\n" " ") == "linux/kvm.h linux/kvm_para.h " ]]'

if ((failed)); then
	echo "install: FAIL ($failed)"
	exit 1
fi
echo "install: PASS"
