/* SPDX-License-Identifier: MIT */
/* Options shared by the subcommands that read headers. */
#ifndef UABI_CLI_INPUT_OPTS_H
#define UABI_CLI_INPUT_OPTS_H

#include <stdbool.h>

#include "../core/model.h"
#include "../extractor/input.h"

struct cli_input {
	struct uabi_input_spec spec;
	const char **headers;	/* --header names (malloc'd, freed at exit) */
	uint32_t cap_headers;
	const char *roots[65];	/* --root types, then the default struct kvm_run */
	uint32_t nasked;	/* roots[0..nasked) were given with --root */
	bool have_root;
	const char *arg_types;	/* --arg-types FILE, read by cli_input__finish */
	struct uabi_sysroot sysroots[UABI_MAX_SYSROOTS];	/* --sysroot PROFILE=DIR */
	char sysroot_profiles[UABI_MAX_SYSROOTS][64];	/* their PROFILE names */
};

/* Every PROFILE of the run's --sysroot PROFILE=DIR (the last cli_input
 * parsed) is a profile of set: else an input error naming it. 0 or
 * -EINVAL with d set; called when the profiles are loaded. */
int cli_input__check_sysroots(const struct uabi_profile_set *set, struct uabi_diag *d);
/* Say on stderr, once a run, when the plain --sysroot DIR serves a
 * profile of another target than the machine's that DIR has no
 * <multiarch> directory for (likely the wrong C library: give
 * --sysroot PROFILE=DIR). */
void cli_input__warn_sysroot(const struct uabi_input_spec *spec, const struct uabi_profile *const *profs,
			     uint32_t n);

/* Handle --kernel-tree/--headers/--header/--root/--timeout/--memory-limit
 * (and --arg-types, --no-cache, --all, --sysroot and --no-sysroot, for the
 * commands whose table has CLI_ARG_TYPES_LONGOPT, CLI_NO_CACHE_LONGOPT,
 * CLI_ALL_LONGOPT and CLI_SYSROOT_LONGOPTS); --header may be given any
 * number of times; --sysroot DIR once, --sysroot PROFILE=DIR once per
 * profile, neither with --no-sysroot;
 * returns 1 if c was one of them, 0 if not, -1 on a usage error (message
 * printed). The limits apply to every child started from then on. */
int cli_input__option(struct cli_input *in, const char *cmd, int c, const char *arg);
/* Defaults and checks after option parsing; 0 or exit code. Without
 * --header the header is linux/kvm.h, unless --all: then the headers are
 * what discovery finds per profile (uabi_discover__headers), and --header
 * names narrow that set (spec.headers holds only them, none without).
 * Roots: the --root types, plus, whenever linux/kvm.h is a header (with
 * --all: may be one, that is without --header or when it is among them),
 * the mmap'd struct kvm_run (part of the KVM ABI; a profile whose headers
 * do not define it records it not applicable): --root adds to the
 * default, never replaces it. Every command that extracts (check, diff,
 * lint, extract) records the same roots. */
int cli_input__finish(struct cli_input *in, const char *cmd, bool required);
/* ... and --arg-types FILE is read there into spec.arg_decls (an input
 * error, exit 2, names file:line; freed at exit). */
/* Check the roots of a run on its dumps ls[0..n) (paths[i] names ls[i]):
 * every --root type must be defined on at least one profile (a typo is an
 * input error, not a not-applicable root); with from_dumps, every --root
 * type, and struct kvm_run in a dump whose headers include linux/kvm.h,
 * must be in every dump (a dump made without it cannot be judged as
 * asked). 0, or UABI_E_INPUT with one line printed naming the root. */
int cli_input__check_roots(const struct cli_input *in, struct uabi_layout *const *ls,
			   char *const *paths, uint32_t n, bool from_dumps);

#define CLI_OPT_KERNEL_TREE 1001
#define CLI_OPT_HEADERS 1002
#define CLI_OPT_HEADER 1003
#define CLI_OPT_ROOT 1004
#define CLI_OPT_TIMEOUT 1005
#define CLI_OPT_MEMORY_LIMIT 1006
#define CLI_OPT_ARG_TYPES 1007
#define CLI_OPT_ALL 1008
#define CLI_OPT_NO_CACHE 1009
#define CLI_OPT_SYSROOT 1010
#define CLI_OPT_NO_SYSROOT 1011
#define CLI_OPT_DEADLINE 1012

/* --sysroot DIR and --no-sysroot: every command that compiles headers
 * (extract, check, diff, lint, verify) */
#define CLI_SYSROOT_LONGOPTS                                                 \
	{ "sysroot", required_argument, NULL, CLI_OPT_SYSROOT },             \
	{ "no-sysroot", no_argument, NULL, CLI_OPT_NO_SYSROOT }
#define CLI_SYSROOT_HELP                                                                         \
	"  --sysroot [PROFILE=]DIR  C library headers (DIR/usr/include, DIR/include or DIR)\n"    \
	"                        for headers such as <sys/time.h>: PROFILE's (repeatable),\n"     \
	"                        or, plain, every profile's without its own (a warning for a\n"  \
	"                        cross profile DIR has no <multiarch> directory for); default:\n"\
	"                        Debian's for each profile where installed (libc6-dev,\n"        \
	"                        libc6-dev-<arch>-cross)\n"                                       \
	"  --no-sysroot          no C library headers: headers that need one are skipped\n"

/* --all: extract, check, diff and lint (not verify: the dump records its
 * headers) */
#define CLI_ALL_LONGOPT { "all", no_argument, NULL, CLI_OPT_ALL }
#define CLI_ALL_HELP                                                                             \
	"  --all                 every uapi header that defines an ioctl command (found\n"       \
	"                        per profile in the tree's include/uapi and the arch's\n"        \
	"                        asm/ headers); --header narrows it to the names given\n"

/* --arg-types FILE: extract, check, diff and lint (not verify: the dump
 * records the declared types) */
#define CLI_ARG_TYPES_LONGOPT { "arg-types", required_argument, NULL, CLI_OPT_ARG_TYPES }
#define CLI_ARG_TYPES_HELP                                                                       \
	"  --arg-types FILE      the real argument of untyped ioctls: lines 'EX_PART = struct x'\n"

/* --no-cache: extract, check, diff and lint (the commands that extract) */
#define CLI_NO_CACHE_LONGOPT { "no-cache", no_argument, NULL, CLI_OPT_NO_CACHE }
#define CLI_NO_CACHE_HELP                                                                        \
	"  --no-cache            neither use nor fill the extraction cache (docs/extract.md)\n"

/* the help text of the two limits, for every subcommand that starts children */
#define CLI_INPUT_LIMITS_HELP                                                                    \
	"  --timeout SECONDS     stop a compiler, linker or git after this long (default 120)\n"   \
	"  --memory-limit MIB    address-space limit of each of them (default 4096)\n"         \
	"  --deadline SECONDS    stop the whole run after this long (exit 142; default none)\n"

#define CLI_INPUT_LONGOPTS                                                   \
	{ "kernel-tree", required_argument, NULL, CLI_OPT_KERNEL_TREE },     \
	{ "headers", required_argument, NULL, CLI_OPT_HEADERS },             \
	{ "header", required_argument, NULL, CLI_OPT_HEADER },               \
	{ "root", required_argument, NULL, CLI_OPT_ROOT },                   \
	{ "timeout", required_argument, NULL, CLI_OPT_TIMEOUT },             \
	{ "memory-limit", required_argument, NULL, CLI_OPT_MEMORY_LIMIT },   \
	{ "deadline", required_argument, NULL, CLI_OPT_DEADLINE }

#endif
