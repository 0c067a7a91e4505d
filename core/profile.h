/* SPDX-License-Identifier: MIT */
/*
 * ABI profiles: how to compile uapi headers for one ABI. A profile is data:
 * a built-in table (DESIGN.md) that a JSON file can override or extend
 * (schemas/profiles.schema.json, read by core/json.c).
 */
#ifndef UABI_PROFILE_H
#define UABI_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

#define UABI_PROFILE_MAX_ARGS 16

/* A header file uabi writes in front of the include path for this
 * profile, shadowing the input's own (e.g. arm64's asm/bitsperlong.h). */
struct uabi_shadow {
	const char *path;	/* asm/bitsperlong.h */
	const char *text;	/* its content */
};

struct uabi_profile {
	const char *name;	/* i386 */
	const char *arch;	/* kernel ARCH dir: x86 */
	const char *triplet;	/* multiarch triplet for installed headers: i386-linux-gnu */
	const char *model;	/* expected data model: ILP32, LP64 */
	const char *endian;	/* expected: little, big */
	const char *cc[UABI_PROFILE_MAX_ARGS];	/* compiler argv prefix, NULL-terminated */
	const char *ld[UABI_PROFILE_MAX_ARGS];	/* linker argv prefix for "-shared -o out in" */
	const char *compat[4];	/* compat profiles this native one serves, NULL-terminated */
	const char *prelude;	/* C text placed before the headers in every probe */
	struct uabi_shadow shadows[4];
	uint32_t nshadows;
	const char *note;	/* one line shown by `uabi profiles` */
};

struct uabi_profile_set {
	struct uabi_arena arena;
	struct uabi_profile *v;
	uint32_t n, cap;
};

/* Fill set with the built-in profiles (DESIGN.md table). 0 or -errno. */
int uabi_profiles__builtin(struct uabi_profile_set *set, struct uabi_diag *d);
/* Release a set. */
void uabi_profiles__free(struct uabi_profile_set *set);
/* Add or replace (by name) a profile; strings are copied into the set's arena. */
int uabi_profiles__put(struct uabi_profile_set *set, const struct uabi_profile *p,
		       struct uabi_diag *d);
/* Find by name, NULL if absent. */
const struct uabi_profile *uabi_profiles__find(const struct uabi_profile_set *set,
					       const char *name);
/* Resolve a selection ("all", "x86_64,i386") into an array of profile
 * pointers (malloc'd, *n set). Unknown names are an input error. */
int uabi_profiles__select(const struct uabi_profile_set *set, const char *spec,
			  const struct uabi_profile ***out, uint32_t *n, struct uabi_diag *d);
/* The native profile whose compat list names this profile, NULL if none. */
const struct uabi_profile *uabi_profiles__native_of(const struct uabi_profile_set *set,
						    const char *compat_name);
/* Whether argv[0] of cc, and of ld if need_ld, is found on PATH (or is an
 * existing path). The linker is only a fallback of the built-in relocator
 * (extractor/reloc.h) unless extract --link asks for it. */
bool uabi_profile__has_tools(const struct uabi_profile *p, bool need_ld, const char **missing);
/* Look up an executable on PATH; returns true if found and executable. */
bool uabi_which(const char *prog);

#endif
