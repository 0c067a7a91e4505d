// SPDX-License-Identifier: MIT
/* libFuzzer: the ELF/DWARF reader and the in-process relocator on mutated
 * probe objects (seeds: asm/kvm.h probes of every ABI, relocatable and
 * linked). Each input is read as `uabi dwarf OBJECT` reads it, and, when
 * it is a relocatable object the relocator takes, relocated and read again
 * as extraction does. Bad input must give an error, never a crash or leak.
 * The readers take paths: the bytes go to memfds (/proc/self/fd/N), so no
 * file is ever made. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "memfile.h"
#include "core/model.h"
#include "extractor/dwarf.h"
#include "extractor/reloc.h"

static struct memfile in, rel;

/* extraction maps paths to the tree; NULL keeps them as read, after the
 * reader has joined and folded them */
static const char *map(void *ctx, struct uabi_layout *l, const char *abs_path)
{
	(void)ctx;
	(void)l;
	(void)abs_path;
	return NULL;
}

static void read_one(const char *path)
{
	struct uabi_dwarf_opts o = { .map_path = map, .label = "fuzz" };
	struct uabi_dwarf_result res = { 0 };
	struct uabi_layout *l = uabi_layout__new();
	struct uabi_diag d;

	if (!l)
		return;
	uabi_diag__clear(&d);
	if (uabi_dwarf__read(path, l, &o, &res, &d) == 0) {
		/* what extraction asks of a result */
		for (uint32_t i = 0; i < res.nroots; i++)
			(void)uabi_dwarf_result__root(&res, res.roots[i].name);
		for (uint32_t i = 0; i < res.nconsts; i++)
			(void)uabi_dwarf_result__const(&res, res.consts[i].name);
	}
	uabi_dwarf_result__free(&res);
	uabi_layout__free(l);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	memfile__open(&in, "uabi-fuzz-in");
	memfile__open(&rel, "uabi-fuzz-rel");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uabi_diag d;
	char *img = NULL;

	if (memfile__fill(&in, data, size))
		abort();
	read_one(in.path);
	uabi_diag__clear(&d);
	if (uabi_reloc__image("fuzz.o", (const char *)data, size, &img, &d) == 0) {
		if (memfile__fill(&rel, img, size))
			abort();
		read_one(rel.path);
	}
	free(img);
	return 0;
}
