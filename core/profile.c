// SPDX-License-Identifier: MIT
#include "profile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * arm64's uapi asm/bitsperlong.h hard-codes 64; an AArch32 process on an
 * arm64 kernel sees 32, which the compiler knows.
 */
static const char arm_bitsperlong[] =
	"/* written by uabi: AArch32 view of arm64 uapi */\n"
	"#ifndef __UABI_ASM_BITSPERLONG_H\n"
	"#define __UABI_ASM_BITSPERLONG_H\n"
	"#define __BITS_PER_LONG (__SIZEOF_LONG__ * 8)\n"
	"#include <asm-generic/bitsperlong.h>\n"
	"#endif\n";

/*
 * arm64 asm/ptrace.h uses __uint128_t, which ILP32 targets lack. The
 * stand-in keeps the size (16) and the LP64 alignment (16), so a layout
 * difference that remains is a real one.
 */
static const char arm_prelude[] =
	"typedef struct { unsigned long long __lo, __hi; }"
	" __attribute__((aligned(16))) __uint128_standin_t;\n"
	"#define __uint128_t __uint128_standin_t\n";

#define LLD { "ld.lld", NULL }

static const struct uabi_profile builtin[] = {
	{ .name = "x86_64", .arch = "x86", .triplet = "x86_64-linux-gnu", .model = "LP64",
	  .endian = "little", .cc = { "clang", "--target=x86_64-linux-gnu", NULL }, .ld = LLD,
	  .compat = { "i386", "x32", NULL } },
	{ .name = "i386", .arch = "x86", .triplet = "i386-linux-gnu", .model = "ILP32",
	  .endian = "little", .cc = { "clang", "--target=i386-linux-gnu", NULL }, .ld = LLD,
	  .note = "__u64 is 4-byte aligned in structs" },
	{ .name = "x32", .arch = "x86", .triplet = "x86_64-linux-gnux32", .model = "ILP32",
	  .endian = "little", .cc = { "clang", "--target=x86_64-linux-gnux32", NULL }, .ld = LLD },
	{ .name = "aarch64", .arch = "arm64", .triplet = "aarch64-linux-gnu", .model = "LP64",
	  .endian = "little", .cc = { "clang", "--target=aarch64-linux-gnu", NULL }, .ld = LLD,
	  .compat = { "arm", NULL } },
	{ .name = "arm", .arch = "arm64", .triplet = "aarch64-linux-gnu", .model = "ILP32",
	  .endian = "little", .cc = { "clang", "--target=armv7a-linux-gnueabihf", NULL }, .ld = LLD,
	  .prelude = arm_prelude,
	  .shadows = { { "asm/bitsperlong.h", arm_bitsperlong } }, .nshadows = 1,
	  .note = "AArch32 view of arm64 headers; __uint128_t stands in as 16-byte aligned struct" },
	{ .name = "riscv64", .arch = "riscv", .triplet = "riscv64-linux-gnu", .model = "LP64",
	  .endian = "little", .cc = { "clang", "--target=riscv64-linux-gnu", NULL }, .ld = LLD,
	  .compat = { "riscv32", NULL } },
	{ .name = "riscv32", .arch = "riscv", .triplet = "riscv32-linux-gnu", .model = "ILP32",
	  .endian = "little", .cc = { "clang", "--target=riscv32-linux-gnu", NULL }, .ld = LLD },
	{ .name = "ppc64", .arch = "powerpc", .triplet = "powerpc64-linux-gnu", .model = "LP64",
	  .endian = "big", .cc = { "clang", "--target=powerpc64-linux-gnu", NULL }, .ld = LLD,
	  .compat = { "ppc32", NULL } },
	{ .name = "ppc64le", .arch = "powerpc", .triplet = "powerpc64le-linux-gnu", .model = "LP64",
	  .endian = "little", .cc = { "clang", "--target=powerpc64le-linux-gnu", NULL }, .ld = LLD },
	{ .name = "ppc32", .arch = "powerpc", .triplet = "powerpc-linux-gnu", .model = "ILP32",
	  .endian = "big", .cc = { "clang", "--target=powerpc-linux-gnu", NULL }, .ld = LLD },
	{ .name = "s390x", .arch = "s390", .triplet = "s390x-linux-gnu", .model = "LP64",
	  .endian = "big", .cc = { "clang", "--target=s390x-linux-gnu", NULL },
	  .ld = { "s390x-linux-gnu-ld", "-m", "elf64_s390", NULL }, .compat = { "s390", NULL },
	  .note = "linked with binutils: ld.lld 14 crashes on s390" },
	{ .name = "s390", .arch = "s390", .triplet = "s390-linux-gnu", .model = "ILP32",
	  .endian = "big", .cc = { "s390x-linux-gnu-gcc", "-m31", NULL },
	  .ld = { "s390x-linux-gnu-ld", "-m", "elf_s390", NULL },
	  .note = "31-bit; clang has no such target, Debian's cross gcc does" },
	{ .name = "mips64", .arch = "mips", .triplet = "mips64-linux-gnuabi64", .model = "LP64",
	  .endian = "big", .cc = { "clang", "--target=mips64-linux-gnuabi64", NULL }, .ld = LLD,
	  .compat = { "mipso32", "mipsn32", NULL } },
	{ .name = "mipso32", .arch = "mips", .triplet = "mips-linux-gnu", .model = "ILP32",
	  .endian = "big", .cc = { "clang", "--target=mips-linux-gnu", NULL }, .ld = LLD },
	{ .name = "mipsn32", .arch = "mips", .triplet = "mips64-linux-gnuabin32", .model = "ILP32",
	  .endian = "big", .cc = { "clang", "--target=mips64-linux-gnuabin32", NULL }, .ld = LLD },
};

void uabi_profiles__free(struct uabi_profile_set *set)
{
	free(set->v);
	uabi_arena__free(&set->arena);
	set->v = NULL;
	set->n = set->cap = 0;
}

static const char *pdup(struct uabi_profile_set *set, const char *s)
{
	return s ? uabi_arena__strdup(&set->arena, s) : NULL;
}

int uabi_profiles__put(struct uabi_profile_set *set, const struct uabi_profile *p,
		       struct uabi_diag *d)
{
	struct uabi_profile *q = NULL;

	for (uint32_t i = 0; i < set->n; i++)
		if (!strcmp(set->v[i].name, p->name))
			q = &set->v[i];
	if (!q) {
		if (set->n == set->cap) {
			uint32_t cap = set->cap ? set->cap * 2 : 32;
			struct uabi_profile *v = realloc(set->v, cap * sizeof(*v));

			if (!v)
				return uabi_diag__input(d, ENOMEM, "out of memory");
			set->v = v;
			set->cap = cap;
		}
		q = &set->v[set->n++];
	}
	memset(q, 0, sizeof(*q));
	q->name = pdup(set, p->name);
	q->arch = pdup(set, p->arch);
	q->triplet = pdup(set, p->triplet);
	q->model = pdup(set, p->model);
	q->endian = pdup(set, p->endian);
	q->prelude = pdup(set, p->prelude);
	q->note = pdup(set, p->note);
	for (int i = 0; i < UABI_PROFILE_MAX_ARGS - 1 && p->cc[i]; i++)
		q->cc[i] = pdup(set, p->cc[i]);
	for (int i = 0; i < UABI_PROFILE_MAX_ARGS - 1 && p->ld[i]; i++)
		q->ld[i] = pdup(set, p->ld[i]);
	for (int i = 0; i < 3 && p->compat[i]; i++)
		q->compat[i] = pdup(set, p->compat[i]);
	q->nshadows = p->nshadows > 4 ? 4 : p->nshadows;
	for (uint32_t i = 0; i < q->nshadows; i++) {
		q->shadows[i].path = pdup(set, p->shadows[i].path);
		q->shadows[i].text = pdup(set, p->shadows[i].text);
	}
	return 0;
}

int uabi_profiles__builtin(struct uabi_profile_set *set, struct uabi_diag *d)
{
	int err;

	memset(set, 0, sizeof(*set));
	uabi_arena__init(&set->arena);
	for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++) {
		err = uabi_profiles__put(set, &builtin[i], d);
		if (err)
			return err;
	}
	return 0;
}

const struct uabi_profile *uabi_profiles__find(const struct uabi_profile_set *set,
					       const char *name)
{
	for (uint32_t i = 0; i < set->n; i++)
		if (!strcmp(set->v[i].name, name))
			return &set->v[i];
	return NULL;
}

const struct uabi_profile *uabi_profiles__native_of(const struct uabi_profile_set *set,
						    const char *compat_name)
{
	for (uint32_t i = 0; i < set->n; i++)
		for (int c = 0; c < 3 && set->v[i].compat[c]; c++)
			if (!strcmp(set->v[i].compat[c], compat_name))
				return &set->v[i];
	return NULL;
}

int uabi_profiles__select(const struct uabi_profile_set *set, const char *spec,
			  const struct uabi_profile ***out, uint32_t *n, struct uabi_diag *d)
{
	const struct uabi_profile **v;
	char *copy, *tok, *save = NULL;
	uint32_t cnt = 0;

	*out = NULL;
	*n = 0;
	v = calloc(set->n + 1, sizeof(*v));
	if (!v)
		return uabi_diag__input(d, ENOMEM, "out of memory");
	if (!spec || !strcmp(spec, "all")) {
		for (uint32_t i = 0; i < set->n; i++)
			v[cnt++] = &set->v[i];
		*out = v;
		*n = cnt;
		return 0;
	}
	copy = strdup(spec);
	if (!copy) {
		free(v);
		return uabi_diag__input(d, ENOMEM, "out of memory");
	}
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const struct uabi_profile *p = uabi_profiles__find(set, tok);
		bool seen = false;

		if (!p) {
			uabi_diag__input(d, EINVAL, "--profile: unknown profile '%s' (see 'uabi profiles')",
					 tok);
			free(copy);
			free(v);
			return -EINVAL;
		}
		for (uint32_t i = 0; i < cnt; i++)
			seen |= v[i] == p;
		if (!seen && cnt < set->n)
			v[cnt++] = p;
	}
	free(copy);
	if (!cnt) {
		free(v);
		return uabi_diag__input(d, EINVAL, "--profile: empty selection");
	}
	*out = v;
	*n = cnt;
	return 0;
}

bool uabi_which(const char *prog)
{
	const char *path;
	char buf[4096];

	if (!prog || !*prog)
		return false;
	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	path = getenv("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *end = strchr(path, ':');
		size_t len = end ? (size_t)(end - path) : strlen(path);

		if (len == 0)
			snprintf(buf, sizeof(buf), "./%s", prog);
		else
			snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, path, prog);
		if (access(buf, X_OK) == 0)
			return true;
		if (!end)
			break;
		path = end + 1;
	}
	return false;
}

bool uabi_profile__has_tools(const struct uabi_profile *p, bool need_ld, const char **missing)
{
	if (!uabi_which(p->cc[0])) {
		if (missing)
			*missing = p->cc[0];
		return false;
	}
	if (need_ld && !uabi_which(p->ld[0])) {
		if (missing)
			*missing = p->ld[0];
		return false;
	}
	if (missing)
		*missing = NULL;
	return true;
}
