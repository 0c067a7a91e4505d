#!/usr/bin/env bash
# Install the Debian packages uabi needs to build, test and benchmark.
# Only missing packages are installed; apt is not touched when nothing is
# missing, so repeated runs are instant and need no network.
set -euo pipefail

packages=(
	# build
	cmake pkg-config clang lld llvm libclang-rt-14-dev
	libdwarf-dev libelf-dev libjansson-dev libcmocka-dev nettle-dev
	# s390 probes: 31-bit compiler and the linker (ld.lld 14 crashes on s390)
	gcc-s390x-linux-gnu binutils-s390x-linux-gnu
	# inputs: the Linux 6.1 and 6.12 source tarballs; installed uapi headers, native
	# and s390x cross (tests/e2e/installed-headers.sh); gcc for the
	# gcc-vs-clang profile test
	linux-source-6.1 linux-source-6.12 linux-libc-dev linux-libc-dev-s390x-cross gcc
	# C library headers for --all (headers that include <sys/time.h>, <stdlib.h>):
	# the native libc6-dev and the cross ones Debian has (none for riscv32; mipsn32 uses the n64 one's directory)
	libc6-dev libc6-dev-i386-cross libc6-dev-s390x-cross libc6-dev-s390-s390x-cross
	libc6-dev-armhf-cross libc6-dev-arm64-cross libc6-dev-riscv64-cross libc6-dev-ppc64-cross
	libc6-dev-powerpc-cross libc6-dev-ppc64el-cross libc6-dev-mips64-cross libc6-dev-mips-cross
	libc6-dev-mipsn32-mips64-cross libc6-dev-x32-cross
	# tests and benchmark (valgrind: tests/cli/valgrind.sh; git: diff --base/--head)
	python3 python3-jsonschema dwarves hyperfine time valgrind git
	# the installed man page (tests/cli/install.sh: man -l)
	man-db
	# the HTML report in a real browser (tests/render/html-screenshot.sh)
	chromium
)

missing=()
for p in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[[ $status == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
	echo "deps: all ${#packages[@]} packages present"
	exit 0
fi

echo "deps: missing: ${missing[*]}"
if ((EUID == 0)); then
	sudo=()
elif command -v sudo >/dev/null 2>&1; then
	sudo=(sudo)
else
	echo "deps: missing packages (${missing[*]}) and not root, and sudo is not available;" \
		"install them as root: apt-get install ${missing[*]}" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
	apt-get install -y -q --no-install-recommends "${missing[@]}"
