#!/usr/bin/env bash
# Reproducers of the attack review of `uabi handlers` and the whole-tree
# scan (session 8, branch w-attack). Each case builds a small fake kernel
# tree and checks what the tool SHOULD do; a FAIL is a finding of the
# review (notes: the report's numbering, F1 ...). Not in ctest: most fail on
# main at the time of writing.
#
#   tests/attack/handlers.sh [UABI]
set -uo pipefail
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
t_init attack "${1:-}" notree
export UABI_NO_CACHE=1

# mk NAME: an empty fake tree
mk() { mkdir -p "$work/$1/include/uapi/linux" "$work/$1/drivers/misc"; }

# first NAME CMD: the first line `uabi handlers --arch x86 CMD` prints
first() { "$uabi" handlers --kernel-tree "$work/$1" --arch x86 "$2" 2>&1 | head -1; }

# want NAME CMD STATUS: the first line says "CMD on x86: STATUS (...)"
want() {
	local got
	got=$(first "$1" "$2")
	if [[ $got == "$2 on x86: $3 ("* ]]; then
		t_pass "$1: $got"
	else
		t_fail "$1: got '$got', want status $3"
	fi
}

fops() {
	cat <<EOF
static const struct file_operations x_fops = {
	.unlocked_ioctl = x_ioctl,
	$1
};
EOF
}

native() {
	cat <<'EOF'
static long x_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case FOO:
		return x_foo(f, (void __user *)arg);
	}
	return -ENOTTY;
}
EOF
}

# F1: a file-scope enum (struct, union) body holding `A == B` (or any
# upper name in a comparison) makes the whole read fail "out of memory"
# (cscan.c full_defstr: a body without a name strndup's NULL).
mk f1
{ echo 'enum { X_ON = X_MODE == 1 };'; native; fops '.compat_ioctl = compat_ptr_ioctl,'; } \
	>"$work/f1/drivers/misc/x.c"
want f1 FOO passed-through

# F2: a compat handler that lists the command and hands it to the native
# handler with compat_ptr(arg) (ext4_compat_ioctl's EXT4_IOC_MOVE_EXT,
# f2fs_compat_ioctl) passes it through; it is reported "handled (named by
# the compat handler)", which hides a layout that differs.
mk f2
{ native; cat <<'EOF'
static long x_compat_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case FOO:
		break;
	default:
		return -ENOIOCTLCMD;
	}
	return x_ioctl(f, cmd, (unsigned long)compat_ptr(arg));
}
EOF
fops '.compat_ioctl = x_compat_ioctl,'; } >"$work/f2/drivers/misc/x.c"
want f2 FOO passed-through

# F3: .compat_ioctl given by a macro inside the initialiser: "no .compat_ioctl"
mk f3
{ echo '#define X_COMMON_FOPS .owner = THIS_MODULE, .compat_ioctl = compat_ptr_ioctl'
  native; fops 'X_COMMON_FOPS,'; } >"$work/f3/drivers/misc/x.c"
want f3 FOO passed-through

# F4: a deeply nested #if condition crashes the read (kcond.c cx_unary
# recursion: SIGSEGV, exit 139); want a clean exit (0, or 2 with one line)
mk f4
{ printf 'static long x_ioctl(struct file *f, unsigned int cmd, unsigned long arg)\n{\n\tswitch (cmd) {\n#if '
  head -c 400000 /dev/zero | tr '\0' '!'
  printf 'CONFIG_X\n\tcase FOO:\n\t\treturn 0;\n#endif\n\t}\n\treturn -ENOTTY;\n}\n'
  fops '.compat_ioctl = compat_ptr_ioctl,'; } >"$work/f4/drivers/misc/x.c"
( "$uabi" handlers --kernel-tree "$work/f4" --arch x86 FOO >/dev/null 2>&1 ) 2>/dev/null
rc=$?
if ((rc == 0 || rc == 2)); then t_pass "f4: exit $rc"; else t_fail "f4: exit $rc (crash)"; fi

# F5: an #elif chain keeps every earlier branch's negation in each name's
# condition: O(n^2) memory (a 240 KB file takes ~380 MB; 1.2 MB: 10 GB)
mk f5
python3 - >"$work/f5/drivers/misc/x.c" <<'EOF'
o = ['static long x_ioctl(struct file *f, unsigned int cmd, unsigned long arg)', '{',
     '#if defined(CONFIG_A0)']
for i in range(1, 4000):
    o += ['\tif (cmd == CMD%dX) return 0;' % i, '#elif defined(CONFIG_A%d)' % i]
o += ['#endif', '\treturn 0;', '}']
print('\n'.join(o))
EOF
kb=$( { /usr/bin/time -f '%M' "$uabi" handlers --kernel-tree "$work/f5" --arch x86 CMD5X >/dev/null; } 2>&1 | tail -1)
if ((kb < 131072)); then t_pass "f5: $kb KB"; else t_fail "f5: peak RSS $kb KB for a 240 KB file"; fi

# F6: a switch of n case groups chained by fallthrough; costs O(n^3) per
# command (ref_on_path/group_names): n=2000 (a 60 KB file) takes ~28 s
mk f6
python3 - >"$work/f6/drivers/misc/x.c" <<'EOF'
N = 2000
o = ['static long x_ioctl(struct file *f, unsigned int cmd, unsigned long arg)', '{', '\tswitch (cmd) {']
for i in range(N):
    o += ['\tcase CMD%dX:' % i, '\t\th_%d(arg);' % i, '\t\tfallthrough;']
o += ['\t}', '\treturn 0;', '}',
      'static long x_compat(struct file *f, unsigned int cmd, unsigned long arg)', '{',
      '\tswitch (cmd) {']
for i in range(N):
    o += ['\tcase CMD%dX:' % i, '\t\tc_%d(arg);' % i, '\t\tfallthrough;']
o += ['\tdefault:', '\t\treturn x_ioctl(f, cmd, arg);', '\t}', '}',
      'static const struct file_operations x_fops = { .unlocked_ioctl = x_ioctl, .compat_ioctl = x_compat, };']
print('\n'.join(o))
EOF
if timeout 10 "$uabi" handlers --kernel-tree "$work/f6" --arch x86 CMD1X >/dev/null 2>&1; then
	t_pass "f6: under 10 s"
else
	t_fail "f6: one command not placed in 10 s (60 KB file)"
fi

# F7: a symlink that replaced a scanned file (or directory) after a cached
# run is a cache hit (the dependencies are stat'ed through links, listings
# are names only), though a fresh read skips it: cached and uncached
# outputs differ
mk f7
{ native; fops '.compat_ioctl = compat_ptr_ioctl,'; } >"$work/f7/drivers/misc/x.c"
export UABI_CACHE_DIR=$work/cache
unset UABI_NO_CACHE
first f7 FOO >/dev/null
mkdir -p "$work/outside"
mv "$work/f7/drivers/misc/x.c" "$work/outside/x.c"
ln -s "$work/outside/x.c" "$work/f7/drivers/misc/x.c"
cached=$(first f7 FOO)
fresh=$(UABI_NO_CACHE=1 first f7 FOO)
if [[ $cached == "$fresh" ]]; then t_pass "f7: $fresh"; else t_fail "f7: cached '$cached', fresh '$fresh'"; fi
export UABI_NO_CACHE=1

# F8: --arch "" (or ",") reads the whole tree and prints nothing, exit 0:
# want a usage error (exit 2)
"$uabi" handlers --kernel-tree "$work/f7" --arch "" FOO >/dev/null 2>&1
rc=$?
if ((rc == 2)); then t_pass "f8: exit 2"; else t_fail "f8: --arch '' exits $rc"; fi

# F9: FOO_1's "compat twin" FOO_132 (the %s32 form) is another command of
# the same switch: FOO_1 is reported handled by the native code
mk f9
{ cat <<'EOF'
static long x_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case FOO_1:
		return x_one(f, (void __user *)arg);
	case FOO_132:
		return x_other(f, (void __user *)arg);
	}
	return -ENOTTY;
}
EOF
fops '.compat_ioctl = compat_ptr_ioctl,'; } >"$work/f9/drivers/misc/x.c"
want f9 FOO_1 passed-through

# F10: in_compat_syscall() on the command's path that refuses 32-bit
# callers makes the command "handled" (the rule reads any test as a
# translation)
mk f10
{ cat <<'EOF'
static long x_foo(struct file *f, void __user *p)
{
	if (in_compat_syscall())
		return -ENOTTY;
	return x_copy(p);
}
EOF
native; fops '.compat_ioctl = compat_ptr_ioctl,'; } >"$work/f10/drivers/misc/x.c"
got=$(first f10 FOO)
if [[ $got != *": handled "* ]]; then t_pass "f10: $got"; else t_fail "f10: $got"; fi

# Session 8, branch w-attack2: the build files (kernel/kbuild.c).
# gated NAME: drivers/misc/x.c is built under CONFIG_X (drivers/misc/Kconfig)
gated() {
	mk "$1"
	{ native; fops '.compat_ioctl = compat_ptr_ioctl,'; } >"$work/$1/drivers/misc/x.c"
	echo 'obj-$(CONFIG_X) += x.o' >"$work/$1/drivers/misc/Makefile"
	printf 'config X\n\ttristate "x"\n' >"$work/$1/drivers/misc/Kconfig"
}

# A1: the tree's top Kconfig, Kbuild and Makefile were not read, so one
# line of another arch's build files naming a top directory's file or
# directory (arch/m68k/Kconfig: source "drivers/Kconfig"; arch/m68k/Makefile:
# drivers-y += drivers/) made everything below it n on all six arches
gated a1k
echo 'source "drivers/Kconfig"' >"$work/a1k/Kconfig"
echo 'source "drivers/misc/Kconfig"' >"$work/a1k/drivers/Kconfig"
mkdir -p "$work/a1k/arch/m68k"
echo 'source "drivers/Kconfig"' >"$work/a1k/arch/m68k/Kconfig"
want a1k FOO passed-through
gated a1m
echo 'obj-y += drivers/' >"$work/a1m/Kbuild"
echo 'obj-y += misc/' >"$work/a1m/drivers/Makefile"
mkdir -p "$work/a1m/arch/m68k"
echo 'drivers-y += drivers/' >"$work/a1m/arch/m68k/Makefile"
want a1m FOO passed-through
# ... and the cache knows them: the top Kconfig edited after a cached run
export UABI_CACHE_DIR=$work/cache-a1
unset UABI_NO_CACHE
echo 'source "drivers/Kconfig.old"' >"$work/a1k/Kconfig"
first a1k FOO >/dev/null
echo 'source "drivers/Kconfig"' >"$work/a1k/Kconfig"
want a1k FOO passed-through
export UABI_NO_CACHE=1

# A2: a build file over the 16 MiB read limit was dropped like a generated
# header, so the source lines and entries in it were lost: X's only other
# entry (arch/m68k/Kconfig) made drivers/misc/x.c n on every arch. Want
# exit 2 naming the file
gated a2
mkdir -p "$work/a2/arch/m68k"
printf 'config X\n\tbool\n' >"$work/a2/arch/m68k/Kconfig"
head -c $((17 << 20)) /dev/zero | tr '\0' '#' >>"$work/a2/drivers/misc/Kconfig"
got=$("$uabi" handlers --kernel-tree "$work/a2" --arch x86 FOO 2>&1 >/dev/null)
rc=$?
if ((rc == 2)) && [[ $got == *"a2/drivers/misc/Kconfig"* ]]; then
	t_pass "a2: exit 2: $got"
else
	t_fail "a2: exit $rc, '$got'"
fi

# A3: a build file that is a symlink (to a file in the tree), a FIFO or a
# device was skipped like any symlink, losing its lines: X's only other
# entry (arch/m68k/Kconfig) made drivers/misc/x.c n on every arch. Want
# exit 2 naming it; a symlinked .c file is still skipped (exit 0)
for kind in link fifo top; do
	gated "a3$kind"
	mkdir -p "$work/a3$kind/arch/m68k"
	printf 'config X\n\tbool\n' >"$work/a3$kind/arch/m68k/Kconfig"
	case $kind in
	link)
		mv "$work/a3$kind/drivers/misc/Kconfig" "$work/a3$kind/drivers/misc/x.kc"
		ln -s x.kc "$work/a3$kind/drivers/misc/Kconfig"
		bad=drivers/misc/Kconfig ;;
	fifo)
		rm "$work/a3$kind/drivers/misc/Makefile"
		mkfifo "$work/a3$kind/drivers/misc/Makefile"
		bad=drivers/misc/Makefile ;;
	top)
		echo 'source "drivers/misc/Kconfig"' >"$work/a3$kind/k.top"
		ln -s k.top "$work/a3$kind/Kconfig"
		bad=Kconfig ;;
	esac
	got=$(timeout 20 "$uabi" handlers --kernel-tree "$work/a3$kind" --arch x86 FOO 2>&1 >/dev/null)
	rc=$?
	if ((rc == 2)) && [[ $got == "uabi: $work/a3$kind/$bad: a build file that is not a regular file"* ]]; then
		t_pass "a3$kind: exit 2: $got"
	else
		t_fail "a3$kind: exit $rc, '$got'"
	fi
done
gated a3c
mv "$work/a3c/drivers/misc/x.c" "$work/a3c/x.c.real"
ln -s ../../x.c.real "$work/a3c/drivers/misc/x.c"
# (FOO defined: a name nothing defines or names is a usage error)
echo "#define FOO _IOW('f', 1, struct foo)" >"$work/a3c/include/uapi/linux/foo.h"
"$uabi" handlers --kernel-tree "$work/a3c" --arch x86 FOO >/dev/null 2>&1
rc=$?
if ((rc == 0)); then t_pass "a3c: a symlinked .c file: exit 0"; else t_fail "a3c: exit $rc"; fi

# A4: "select" forces a symbol past its "depends on" (Kconfig warns of
# unmet dependencies and builds it): X depends on M68K but XUSER, any
# arch's, selects it, so x.o is built on x86; X was taken as n there, so
# a patch could hide a driver from the gate (with another driver that
# translates FOO, uabi check said handled and exited 0)
gated a4
printf 'config X\n\ttristate\n\tdepends on M68K\nconfig XUSER\n\ttristate "x user"\n\tselect X\n' \
	>"$work/a4/drivers/misc/Kconfig"
want a4 FOO passed-through

t_finish attack
