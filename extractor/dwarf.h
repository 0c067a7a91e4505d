/* SPDX-License-Identifier: MIT */
/*
 * DWARF reader: the only place (with elf checks) that includes libdwarf.h
 * and libelf.h. Reads a *linked* probe object (see DESIGN.md: relocatable
 * objects of RELA targets carry their string offsets as relocations) and
 * fills a struct uabi_layout with every type reachable from the probe's
 * roots.
 *
 * The probe speaks to the reader through names:
 *  - every typedef whose name starts with "__uabi_" is a root; the reader
 *    loads the type it names (recursively: members, typedef targets,
 *    pointer targets, array elements, enum underlying types) and reports
 *    (typedef name, index of the *target* type) in res->roots;
 *  - every enumerator whose name starts with "__uabi_" is reported with its
 *    DW_AT_const_value in res->consts (values above INT_MAX read unsigned).
 * Nothing else of the probe's own making enters the layout.
 */
#ifndef UABI_DWARF_H
#define UABI_DWARF_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/diag.h"
#include "../core/model.h"

struct uabi_dwarf_const {
	const char *name;	/* in the layout's arena */
	int64_t value;		/* DW_FORM_dataN zero-extended, sdata signed */
	bool is_unsigned;	/* read value as uint64_t: the enum's underlying type is
				 * unsigned, or an unsigned form's top bit is set */
};

struct uabi_dwarf_root {
	const char *name;	/* typedef name, in the layout's arena */
	uint32_t type;		/* index of the typedef's target in layout->types */
};

/* Maps an absolute, normalised source path to what the layout records
 * (relative to the input root). Returns a string in the layout's arena, or
 * NULL to record the path unchanged. Called once per file and CU, not per
 * DIE; paths are joined with DW_AT_comp_dir and folded textually ("./",
 * "dir/.."), symlinks are not resolved. */
typedef const char *(*uabi_path_map_fn)(void *ctx, struct uabi_layout *l, const char *abs_path);

struct uabi_dwarf_opts {
	uabi_path_map_fn map_path;	/* may be NULL */
	void *map_ctx;
	const char *label;		/* prefix for diagnostics, e.g. the profile name */
};

struct uabi_dwarf_result {
	struct uabi_dwarf_const *consts;	/* malloc'd, sorted by name */
	uint32_t nconsts;
	struct uabi_dwarf_root *roots;		/* malloc'd, sorted by name */
	uint32_t nroots;
	const char *producer;	/* DW_AT_producer, in the layout's arena */
	uint32_t address_size;	/* from the CU header */
	bool big_endian;	/* from the ELF header */
	bool is_64;		/* ELFCLASS64 */
	uint16_t machine;	/* e_machine */
};

/* Read path into l (appending types) and res. Types are appended in a
 * deterministic order: depth-first pre-order from the roots sorted by name,
 * one type per DIE; a multi-dimensional array adds one synthesized array
 * type per inner dimension right after it; restrict and _Atomic fold into
 * their target; void (and DW_TAG_unspecified_type) is one shared VOID type.
 * Base types and pointers get size from DWARF; alignment is left 0 for the
 * caller (who measured it) unless DW_AT_alignment is present.
 * Returns 0, or -errno with d set (input error class for a non-ELF,
 * DWARF-less or malformed file); on error res is empty and l may hold
 * some of the types: discard it. Not thread-safe (libdwarf global state). */
int uabi_dwarf__read(const char *path, struct uabi_layout *l, const struct uabi_dwarf_opts *o,
		     struct uabi_dwarf_result *res, struct uabi_diag *d);
/* Release res's arrays (strings live in the layout arena). */
void uabi_dwarf_result__free(struct uabi_dwarf_result *res);
/* Find a const by exact name, NULL if absent. */
const struct uabi_dwarf_const *uabi_dwarf_result__const(const struct uabi_dwarf_result *res,
							const char *name);
/* Find a root by exact name, NULL if absent. */
const struct uabi_dwarf_root *uabi_dwarf_result__root(const struct uabi_dwarf_result *res,
						      const char *name);

#endif
