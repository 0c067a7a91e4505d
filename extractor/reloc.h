/* SPDX-License-Identifier: MIT */
/*
 * Built-in relocation of a probe object's DWARF. In a relocatable object
 * every string and section offset of a RELA target's DWARF is a relocation
 * (DESIGN.md); a linker resolves them, but starting one costs more than the
 * rest of a profile's reading. The DWARF of a probe needs only the data
 * relocations listed in reloc.c, whose value is the symbol's offset in its
 * section plus the addend: this applies them to a copy, retires the
 * relocation sections and marks the copy ET_DYN, so the DWARF reader sees
 * what it would see in a linked object. Anything else (an unknown type,
 * an undefined symbol, a composed MIPS relocation) is refused with
 * -ENOTSUP, and the caller links with the profile's linker instead.
 */
#ifndef UABI_RELOC_H
#define UABI_RELOC_H

#include <stddef.h>

#include "../core/diag.h"

/* Write in's relocated copy to out. 0, -ENOTSUP (d says why), or another
 * -errno for unreadable input. */
int uabi_reloc__object(const char *in, const char *out, struct uabi_diag *d);
/* The same on an image in memory (buf, len bytes; name for messages):
 * *out receives a malloc'd relocated copy of len bytes. 0, -EINVAL for
 * anything but a relocatable ELF object, or -ENOTSUP (d says why). */
int uabi_reloc__image(const char *name, const char *buf, size_t len, char **out,
		      struct uabi_diag *d);

#endif
