// SPDX-License-Identifier: MIT
/* ALSA's rules (krules.h): sound/core/pcm_native.c. */
#include <string.h>

#include "krules.h"

bool uabi_krules__kernel_only(const char *fn)
{
	/* snd_pcm_kernel_ioctl: the in-kernel interface the OSS emulation
	 * (sound/core/oss/pcm_oss.c) calls with its own commands and kernel
	 * buffers; what userspace sends never reaches its labels */
	return !strcmp(fn, "snd_pcm_kernel_ioctl");
}
