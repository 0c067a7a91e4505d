#!/usr/bin/env bash
# End-to-end: every ioctl's compat facts on a real Linux tree (6.1 or
# 6.12), the known facts of issue 10, read with `uabi handlers`, and one
# check run that places verdicts on them (drm/drm.h, x86_64 -> i386).
#
#   tests/e2e/handlers.sh VERSION [UABI]
#
# The tree is $UABI_KERNEL_TREE (6.1) or $UABI_KERNEL_TREE_6_12, else
# `scripts/kernel-source.sh VERSION`. The facts:
#   - DRM core (drivers/gpu/drm/drm_ioc32.c): DRM_IOCTL_VERSION,
#     DRM_IOCTL_GET_UNIQUE and DRM_IOCTL_WAIT_VBLANK handled on every arch;
#     DRM_IOCTL_MODE_ADDFB2 and DRM_IOCTL_UPDATE_DRAW handled on x86 only
#     (#if defined(CONFIG_X86)), passed through elsewhere;
#   - FS_IOC_GETFLAGS and FS_IOC_SETFLAGS handled by compat_sys_ioctl
#     (fs/ioctl.c) through FS_IOC32_GETFLAGS and FS_IOC32_SETFLAGS;
#   - FIFREEZE passed through by the generic code (do_vfs_ioctl);
#   - USBDEVFS_CONTROL handled by usbfs' native handler (USBDEVFS_CONTROL32);
#   - EVIOCSFF handled by evdev's native path (in_compat_syscall);
#   - VIDIOC_G_FMT handled by V4L2's VIDIOC_G_FMT32 twin, VIDIOC_QUERYCAP
#     passed through by v4l2_compat_ioctl32; I8K_GET_FAN not available on
#     x86 (its proc_ops has no .proc_compat_ioctl), not dispatched where no
#     kernel builds it; the entry kinds of sockets, tty line disciplines, pppox,
#     fbdev and the floppy driver (see the comments at the checks);
#   - ALSA hwdep drivers, whose snd_hwdep_ops a function sets by
#     assignment: hdsp's SNDRV_HDSP_IOCTL_UPLOAD_FIRMWARE passed through
#     (hw->ops.ioctl_compat is the native handler), emu10k1's
#     SNDRV_EMU10K1_IOCTL_CODE_POKE not available (no hw->ops.ioctl_compat:
#     snd_hwdep_ioctl_compat returns -ENOIOCTLCMD), HDA_IOCTL_VERB_WRITE
#     passed through by hda_hwdep_ioctl_compat;
#   - check --header drm/drm.h on x86_64 -> i386: DRM_IOCTL_MODE_GETFB2 is
#     not handled (struct drm_mode_fb_cmd2's modifier at 72 on x86_64, 68
#     on i386, and drm_ioc32.c has no entry for it), ADDFB2 handled,
#     DRM_IOCTL_MODE_GETPLANERESOURCES native-ok (tail padding only, and
#     drm_ioctl zero-fills).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

# shellcheck source=tests/lib.sh
. "$here/../lib.sh"
version=${1:-}
if [[ $version != 6.1 && $version != 6.12 ]]; then
	echo "e2e: usage: handlers.sh 6.1|6.12 [UABI]" >&2
	exit 2
fi
uabi=${2:-${UABI:-$top/build/uabi}}
if ! tree=$(t_tree_of "$version"); then
	echo "e2e: no kernel tree" >&2
	exit 2
fi
t_workdir e2e-handlers
failed=0

all="arm64,mips,powerpc,riscv,s390,x86"
t_run 0 facts "$uabi" handlers --kernel-tree "$tree" --arch "$all" --format json \
	DRM_IOCTL_VERSION DRM_IOCTL_GET_UNIQUE DRM_IOCTL_WAIT_VBLANK DRM_IOCTL_MODE_ADDFB2 \
	DRM_IOCTL_UPDATE_DRAW FS_IOC_GETFLAGS FS_IOC_SETFLAGS FIFREEZE USBDEVFS_CONTROL EVIOCSFF \
	VIDIOC_G_FMT VIDIOC_QUERYCAP I8K_GET_FAN FDGETPRM ATM_ADDADDR SPIOCSTYPE PPPOEIOCSFWD \
	BLKTRACESETUP MATROXFB_GET_ALL_OUTPUTS SNDRV_HDSP_IOCTL_UPLOAD_FIRMWARE \
	SNDRV_EMU10K1_IOCTL_CODE_POKE HDA_IOCTL_VERB_WRITE

# want COMMAND ARCH STATUS [LABEL [FILE [FUNCTION]]]
want() {
	local got
	got=$(python3 - "$work/facts.out" "$@" <<'PY'
import json, sys
out, cmd, arch = sys.argv[1:4]
for c in json.load(open(out))["commands"]:
    if c["command"] == cmd and c["arch"] == arch:
        h = c["handler"] or {}
        print(c["status"], c["label"] or "-", h.get("file", "-"), h.get("function", "-"))
PY
)
	local exp="$3 ${4:--} ${5:--} ${6:--}"
	# fields not given are not compared
	local n=$(($# - 2)) g
	g=$(cut -d' ' -f1-"$n" <<<"$got")
	exp=$(cut -d' ' -f1-"$n" <<<"$exp")
	if [[ $g == "$exp" ]]; then
		t_pass "$1 on $2: $exp"
	else
		t_fail "$1 on $2: got '$got', want '$exp'"
	fi
}

# want_entry COMMAND ARCH OBJECT FUNCTION FILE: the entry point that decided
want_entry() {
	local got
	got=$(python3 - "$work/facts.out" "$1" "$2" <<'PY'
import json, sys
out, cmd, arch = sys.argv[1:4]
for c in json.load(open(out))["commands"]:
    if c["command"] == cmd and c["arch"] == arch:
        e = c["entry"] or {}
        print(e.get("object"), e.get("function"), e.get("file"))
PY
)
	if [[ $got == "$3 $4 $5" ]]; then
		t_pass "$1 on $2: entry $3 in $4 ($5)"
	else
		t_fail "$1 on $2: entry '$got', want '$3 $4 $5'"
	fi
}

drm=drivers/gpu/drm/drm_ioc32.c
for arch in arm64 mips powerpc riscv s390 x86; do
	for c in DRM_IOCTL_VERSION DRM_IOCTL_GET_UNIQUE DRM_IOCTL_WAIT_VBLANK; do
		want $c $arch handled $c $drm drm_compat_ioctls
	done
	want FS_IOC_GETFLAGS $arch handled FS_IOC32_GETFLAGS fs/ioctl.c compat_sys_ioctl
	want FS_IOC_SETFLAGS $arch handled FS_IOC32_SETFLAGS fs/ioctl.c compat_sys_ioctl
	want FIFREEZE $arch passed-through
	want USBDEVFS_CONTROL $arch handled USBDEVFS_CONTROL32 drivers/usb/core/devio.c usbdev_do_ioctl
	want EVIOCSFF $arch handled - drivers/input/input-compat.c input_ff_effect_from_user
	# V4L2: video_usercopy's v4l2_compat_translate_cmd maps VIDIOC_G_FMT32;
	# v4l2_compat_ioctl32 passes VIDIOC_QUERYCAP ('V', below the private base)
	want VIDIOC_G_FMT $arch handled VIDIOC_G_FMT32 drivers/media/v4l2-core/v4l2-compat-ioctl32.c \
		v4l2_compat_translate_cmd
	want VIDIOC_QUERYCAP $arch passed-through
	# entry kinds of other subsystems (kernel/rules_*.c): a socket's
	# proto_ops (pvc_proto_ops, whose vcc_compat_ioctl maps ATM_ADDADDR32),
	# a tty line discipline (serport), pppox_proto through the core
	# pppox_compat_ioctl, an fb_ops without .fb_compat_ioctl (matroxfb)
	want ATM_ADDADDR $arch handled ATM_ADDADDR32 net/atm/ioctl.c atm_ioctl_map
	want SPIOCSTYPE $arch handled COMPAT_SPIOCSTYPE drivers/input/serio/serport.c \
		serport_ldisc_compat_ioctl
	want PPPOEIOCSFWD $arch handled PPPOEIOCSFWD32 drivers/net/ppp/pppox.c pppox_compat_ioctl
	want MATROXFB_GET_ALL_OUTPUTS $arch not-available
	# sg's compat_ptr_ioctl passes it on; the block core's BLKTRACESETUP32
	# does not speak for sg
	want BLKTRACESETUP $arch passed-through
	# proc_ops without .proc_compat_ioctl (dell-smm-hwmon, which only x86
	# builds: SENSORS_DELL_SMM depends on X86); the floppy driver with
	# fd_compat_ioctl's FDGETPRM32 (BLK_DEV_FD depends on
	# ARCH_MAY_HAVE_PC_FDC, which of the six only the Kconfig of x86,
	# powerpc and mips define; swim.c and amiflop.c are m68k's)
	case $arch in
	x86)
		want I8K_GET_FAN $arch not-available
		want FDGETPRM $arch handled FDGETPRM32 drivers/block/floppy.c fd_compat_ioctl
		;;
	mips | powerpc)
		want I8K_GET_FAN $arch not-dispatched
		want FDGETPRM $arch handled FDGETPRM32 drivers/block/floppy.c fd_compat_ioctl
		;;
	*)
		want I8K_GET_FAN $arch not-dispatched
		want FDGETPRM $arch not-dispatched
		;;
	esac
	# ALSA hwdep: snd_hwdep_ops set by assignment (kernel/rules_sound.c)
	want SNDRV_HDSP_IOCTL_UPLOAD_FIRMWARE $arch passed-through
	want_entry SNDRV_HDSP_IOCTL_UPLOAD_FIRMWARE $arch 'hw->ops' snd_hdsp_create_hwdep \
		sound/pci/rme9652/hdsp.c
	want SNDRV_EMU10K1_IOCTL_CODE_POKE $arch not-available
	want_entry SNDRV_EMU10K1_IOCTL_CODE_POKE $arch 'hw->ops' snd_emu10k1_fx8010_new \
		sound/pci/emu10k1/emufx.c
	want HDA_IOCTL_VERB_WRITE $arch passed-through - sound/pci/hda/hda_hwdep.c \
		hda_hwdep_ioctl_compat
	want_entry HDA_IOCTL_VERB_WRITE $arch 'hwdep->ops' snd_hda_create_hwdep \
		sound/pci/hda/hda_hwdep.c
	if [[ $arch == x86 ]]; then
		want DRM_IOCTL_MODE_ADDFB2 x86 handled DRM_IOCTL_MODE_ADDFB2 $drm drm_compat_ioctls
		want DRM_IOCTL_UPDATE_DRAW x86 handled DRM_IOCTL_UPDATE_DRAW $drm drm_compat_ioctls
	else
		want DRM_IOCTL_MODE_ADDFB2 $arch passed-through - $drm drm_compat_ioctl
		want DRM_IOCTL_UPDATE_DRAW $arch passed-through - $drm drm_compat_ioctl
	fi
done

# the placement of check's verdicts on those facts
t_run 1 check "$uabi" check --kernel-tree "$tree" --header drm/drm.h --pairs x86_64:i386 \
	-j 2 --format json
if python3 - "$work/check.out" <<'PY'; then
import json, sys
r = json.load(open(sys.argv[1]))
st = {i["name"]: (i["verdict"], i["kernel"]["status"]) for i in r["pairs"][0]["ioctls"]}
want = {
    "DRM_IOCTL_MODE_GETFB2": ("number-differs", "not-handled"),
    "DRM_IOCTL_MODE_ADDFB2": ("number-differs", "handled"),
    "DRM_IOCTL_MODE_GETPLANERESOURCES": ("number-differs", "native-ok"),
    "DRM_IOCTL_VERSION": ("number-differs", "handled"),
}
bad = {k: (st.get(k), v) for k, v in want.items() if st.get(k) != v}
if bad:
    print(bad)
sys.exit(1 if bad else 0)
PY
	t_pass "check drm/drm.h x86_64 -> i386: GETFB2 not handled, ADDFB2 handled, GETPLANERESOURCES native-ok"
else
	t_fail "check drm/drm.h x86_64 -> i386 statuses"
fi

# DRM's legacy ioctls left drm_ioctls in 6.8: no table names them, drm_ioctl
# rejects them for every caller (not dispatched, not unknown)
if [[ $version == 6.12 ]]; then
	t_run 0 legacy "$uabi" handlers --kernel-tree "$tree" --arch x86 DRM_IOCTL_ADD_BUFS
	t_out_has legacy "DRM_IOCTL_ADD_BUFS on x86: not-dispatched (no DRM table names it, and drm_ioctl rejects a number its tables lack (-EINVAL))"
fi

# a tree's known probable bug accepted with a reason: the gate passes
printf 'rule=not-handled ioctl=DRM_IOCTL_MODE_GETFB2 profile=i386 reason="no compat entry in drm_ioc32.c: known"\n' \
	>"$work/supp"
t_run 0 check-suppressed "$uabi" check --kernel-tree "$tree" --header drm/drm.h \
	--pairs x86_64:i386 -j 2 --suppressions "$work/supp" --format json
if python3 - "$work/check-suppressed.out" <<'PY'; then
import json, sys
r = json.load(open(sys.argv[1]))
it = [i for i in r["pairs"][0]["ioctls"] if i["name"] == "DRM_IOCTL_MODE_GETFB2"][0]
sys.exit(0 if it["kernel"]["suppressed"] == "no compat entry in drm_ioc32.c: known" else 1)
PY
	t_pass "check-suppressed: DRM_IOCTL_MODE_GETFB2 accepted with its reason"
else
	t_fail "check-suppressed: no suppression recorded"
fi

t_finish "e2e/handlers-$version"
