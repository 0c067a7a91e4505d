#!/usr/bin/env bash
# Print the path of an extracted Linux source tree (what uabi reads: the
# uapi headers, Kconfig, and the C sources of every subsystem that handles
# ioctls: drivers/, fs/, sound/, net/, block/, virt/, kernel/, arch/*/...),
# extracting it from Debian's linux-source-VERSION tarball on first use.
# Left out: Documentation/, tools/, samples/, scripts/, LICENSES/ and the
# device trees (arch/*/boot/dts), which hold no ioctl handler (about 1.3 GB
# unpacked for 6.1).
#
#   scripts/kernel-source.sh [VERSION]   6.1 (default) or 6.12
#   UABI_CACHE     cache directory (default: $HOME/.cache/uabi)
#   UABI_TARBALL   tarball (default: /usr/src/linux-source-VERSION.tar.xz)
#
# The tree is extracted into a temporary directory beside its final place
# and renamed into place, so an interrupted run never leaves a half tree.
# A stamp file inside the tree records the tarball's size and mtime; a
# different tarball is extracted anew.
set -euo pipefail

version=${1:-6.1}
case $version in
6.1 | 6.12) ;;
*)
	echo "kernel-source: $version: unknown version (6.1 or 6.12)" >&2
	exit 2
	;;
esac
name=linux-source-$version
tarball=${UABI_TARBALL:-/usr/src/$name.tar.xz}
cache=${UABI_CACHE:-${HOME:?HOME is not set}/.cache/uabi}
tree=$cache/$name
stampfile=.uabi-extracted
# what this script extracts; a tree extracted with another layout is redone
layout=2

if [[ ! -f $tarball ]]; then
	echo "kernel-source: $tarball: not found (install $name: scripts/deps.sh)" >&2
	exit 2
fi

stamp="layout $layout $(stat -c '%s %Y' "$tarball") $tarball"
if [[ -f $tree/$stampfile && $(<"$tree/$stampfile") == "$stamp" ]]; then
	echo "$tree"
	exit 0
fi

mkdir -p "$cache"
tmp=$(mktemp -d "$cache/.$name.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "kernel-source: extracting $tarball into $tree" >&2
# Exclusion patterns match below the top directory only where they say so.
tar -xJf "$tarball" -C "$tmp" --wildcards --no-wildcards-match-slash \
	--exclude="$name/Documentation" \
	--exclude="$name/tools" \
	--exclude="$name/samples" \
	--exclude="$name/scripts" \
	--exclude="$name/LICENSES" \
	--exclude="$name/arch/*/boot/dts" \
	"$name"
if [[ ! -f $tmp/$name/include/uapi/linux/kvm.h ]]; then
	echo "kernel-source: $tarball: no $name/include/uapi/linux/kvm.h inside" >&2
	exit 2
fi
printf '%s\n' "$stamp" >"$tmp/$name/$stampfile"

# Replace a stale tree (other tarball, or an old interrupted layout). If a
# concurrent run renamed its tree in first, mv -T fails and we use theirs.
if [[ -e $tree ]]; then
	mv -T "$tree" "$tmp/old"
fi
if ! mv -T "$tmp/$name" "$tree" 2>/dev/null; then
	if [[ ! -f $tree/$stampfile || $(<"$tree/$stampfile") != "$stamp" ]]; then
		echo "kernel-source: cannot move the extracted tree to $tree" >&2
		exit 1
	fi
fi
echo "$tree"
