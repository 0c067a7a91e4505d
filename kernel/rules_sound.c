// SPDX-License-Identifier: MIT
/* ALSA's rules (krules.h): sound/core/pcm_native.c, sound/core/hwdep.c,
 * sound/core/hwdep_compat.c and include/sound/hwdep.h. */
#include <string.h>

#include "krules.h"

bool uabi_krules__kernel_only(const char *fn)
{
	/* snd_pcm_kernel_ioctl: the in-kernel interface the OSS emulation
	 * (sound/core/oss/pcm_oss.c) calls with its own commands and kernel
	 * buffers; what userspace sends never reaches its labels */
	return !strcmp(fn, "snd_pcm_kernel_ioctl");
}

/* sound/core/hwdep.c: snd_hwdep_ioctl (the .unlocked_ioctl of
 * snd_hwdep_f_ops) answers SNDRV_HWDEP_IOCTL_PVERSION, _INFO, _DSP_STATUS and
 * _DSP_LOAD itself and gives any other command to hw->ops.ioctl;
 * hwdep_compat.c: snd_hwdep_ioctl_compat answers the first three and
 * SNDRV_HWDEP_IOCTL_DSP_LOAD32 and gives any other command to
 * hw->ops.ioctl_compat, with arg as it came (no compat_ptr), or returns
 * -ENOIOCTLCMD without one (compat_sys_ioctl: -ENOTTY). Linux 6.1 and 6.12
 * alike. */
static const struct uabi_krules_entry sound[] = {
	{ .type = "snd_hwdep_ops", .native = "ioctl", UABI_KRULES_COMPAT("ioctl_compat") },
};

const struct uabi_krules_kinds uabi_krules__sound_kinds = { sound,
							    sizeof(sound) / sizeof(sound[0]) };

/* include/sound/hwdep.h: struct snd_hwdep { ... struct snd_hwdep_ops ops; } */
static const struct {
	const char *outer, *member, *type;
} members[] = {
	{ "snd_hwdep", "ops", "snd_hwdep_ops" },
};

const char *uabi_krules__member_type(const char *outer, const char *member, size_t n)
{
	for (size_t i = 0; outer && i < sizeof(members) / sizeof(members[0]); i++)
		if (!strcmp(outer, members[i].outer) && strlen(members[i].member) == n &&
		    !memcmp(member, members[i].member, n))
			return members[i].type;
	return NULL;
}
