// SPDX-License-Identifier: MIT
#include "input_opts.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../core/intr.h"
#include "../extractor/spawn.h"
#include "cli.h"

/* The cli_input that last took a --sysroot (cli_input__check_sysroots). */
static const struct cli_input *last_input;

int cli_input__check_sysroots(const struct uabi_profile_set *set, struct uabi_diag *d)
{
	for (uint32_t i = 0; last_input && i < last_input->spec.nsysroots; i++)
		if (!uabi_profiles__find(set, last_input->sysroots[i].profile))
			return uabi_diag__input(d, EINVAL, "--sysroot %s=%s: no profile %s (uabi profiles"
						" lists them)", last_input->sysroots[i].profile,
						last_input->sysroots[i].dir, last_input->sysroots[i].profile);
	return 0;
}

void cli_input__warn_sysroot(const struct uabi_input_spec *spec, const struct uabi_profile *const *profs,
			     uint32_t n)
{
	for (uint32_t i = 0; spec->sysroot && i < n; i++)
		if (profs[i] && uabi_input__sysroot_foreign(spec, profs[i]))
			uabi_eprintf("uabi: warning: --sysroot %s serves %s too, and has no include"
				     " directory for its target: give --sysroot %s=DIR for its C library"
				     " (or --sysroot PROFILE=DIR for the native one only)", spec->sysroot,
				     profs[i]->name, profs[i]->name);
}

/* A whole decimal number in [1, max]; false if s is not one. */
static bool parse_count(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v == 0 || v > max)
		return false;
	*out = v;
	return true;
}

static const char kvm_header[] = "linux/kvm.h", kvm_run[] = "struct kvm_run";

static bool has_str(const char *const *v, uint32_t n, const char *s)
{
	for (uint32_t i = 0; i < n; i++)
		if (v[i] && !strcmp(v[i], s))
			return true;
	return false;
}

/* The --header arrays: each lives as long as its command, which ends at
 * exit; freed there. */
static const char ***owned;
static uint32_t nowned;

static void free_owned(void)
{
	for (uint32_t i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	owned = NULL;
	nowned = 0;
}

/* Room for one more --header in in->headers. */
static bool grow_headers(struct cli_input *in)
{
	uint32_t cap = in->cap_headers ? in->cap_headers * 2 : 16, i;
	const char **v;

	if (in->spec.nheaders < in->cap_headers)
		return true;
	for (i = 0; i < nowned && owned[i] != in->headers; i++)
		;
	if (i == nowned) {
		const char ***o = realloc(owned, (nowned + 1) * sizeof(*o));

		if (!o)
			return false;
		if (!nowned)
			atexit(free_owned);
		owned = o;
		owned[nowned++] = NULL;
	}
	v = realloc(in->headers, cap * sizeof(*v));
	if (!v)
		return false;
	owned[i] = in->headers = v;
	in->cap_headers = cap;
	return true;
}

int cli_input__option(struct cli_input *in, const char *cmd, int c, const char *arg)
{
	switch (c) {
	case CLI_OPT_KERNEL_TREE:
	case CLI_OPT_HEADERS:
		if (in->have_root) {
			cli_usage_error(cmd, "%s", !strcmp(cmd, "check") ?
					"give one of --kernel-tree and --headers, once (--from-dumps may go with --kernel-tree)" :
					"give one of --kernel-tree and --headers, once");
			return -1;
		}
		if (!*arg) {
			cli_usage_error(cmd, "--%s: empty path",
					c == CLI_OPT_KERNEL_TREE ? "kernel-tree" : "headers");
			return -1;
		}
		in->have_root = true;
		in->spec.root = arg;
		in->spec.kind = c == CLI_OPT_KERNEL_TREE ? UABI_INPUT_KERNEL_TREE : UABI_INPUT_HEADERS;
		return 1;
	case CLI_OPT_HEADER:
		if (!grow_headers(in)) {
			cli_usage_error(cmd, "--header: out of memory");
			return -1;
		}
		in->headers[in->spec.nheaders++] = arg;
		return 1;
	case CLI_OPT_ALL:
		in->spec.all = true;
		return 1;
	case CLI_OPT_ROOT:
		if (in->spec.nroots >= 64) {
			cli_usage_error(cmd, "too many --root options (64 at most)");
			return -1;
		}
		if (!*arg || strpbrk(arg, ";{}#\n")) {
			cli_usage_error(cmd, "--root '%s': expected a type such as 'struct kvm_run'", arg);
			return -1;
		}
		if (!has_str(in->roots, in->spec.nroots, arg))
			in->roots[in->spec.nroots++] = arg;
		return 1;
	case CLI_OPT_ARG_TYPES:
		if (in->arg_types) {
			cli_usage_error(cmd, "--arg-types: give it once");
			return -1;
		}
		if (!*arg) {
			cli_usage_error(cmd, "--arg-types: empty path");
			return -1;
		}
		in->arg_types = arg;
		return 1;
	case CLI_OPT_NO_CACHE:
		in->spec.no_cache = true;
		return 1;
	case CLI_OPT_SYSROOT:
	case CLI_OPT_NO_SYSROOT: {
		size_t k = c == CLI_OPT_SYSROOT ? strspn(arg, "abcdefghijklmnopqrstuvwxyz"
							"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") : 0;
		bool per = k && arg[k] == '=';

		last_input = in;
		if (in->spec.no_sysroot || (c == CLI_OPT_NO_SYSROOT && (in->spec.sysroot ||
									  in->spec.nsysroots)) ||
		    (c == CLI_OPT_SYSROOT && !per && in->spec.sysroot)) {
			cli_usage_error(cmd, "give one of --sysroot and --no-sysroot, once"
				       " (--sysroot PROFILE=DIR once per profile)");
			return -1;
		}
		if (c == CLI_OPT_NO_SYSROOT) {
			in->spec.no_sysroot = true;
			return 1;
		}
		if (!*arg || (per && !arg[k + 1])) {
			cli_usage_error(cmd, "--sysroot: empty path");
			return -1;
		}
		if (!per) {
			in->spec.sysroot = arg;
			return 1;
		}
		for (uint32_t i = 0; i < in->spec.nsysroots; i++)
			if (strlen(in->sysroots[i].profile) == k &&
			    !strncmp(in->sysroots[i].profile, arg, k)) {
				cli_usage_error(cmd, "--sysroot %.*s=: given twice", (int)k, arg);
				return -1;
			}
		if (in->spec.nsysroots == UABI_MAX_SYSROOTS) {
			cli_usage_error(cmd, "--sysroot PROFILE=DIR: at most %d", UABI_MAX_SYSROOTS);
			return -1;
		}
		if (k >= sizeof(in->sysroot_profiles[0])) {
			cli_usage_error(cmd, "--sysroot %.*s=: no such profile", (int)k, arg);
			return -1;
		}
		memcpy(in->sysroot_profiles[in->spec.nsysroots], arg, k);
		in->sysroot_profiles[in->spec.nsysroots][k] = '\0';
		in->sysroots[in->spec.nsysroots].profile = in->sysroot_profiles[in->spec.nsysroots];
		in->sysroots[in->spec.nsysroots++].dir = arg + k + 1;
		in->spec.sysroots = in->sysroots;
		return 1;
	}
	case CLI_OPT_TIMEOUT: {
		unsigned long long v;

		if (!parse_count(arg, 86400, &v)) {
			cli_usage_error(cmd, "--timeout: expected seconds from 1 to 86400, got '%s'", arg);
			return -1;
		}
		in->spec.timeout_s = (unsigned)v;
		break;
	}
	case CLI_OPT_DEADLINE: {
		unsigned long long v;

		if (!parse_count(arg, 86400, &v)) {
			cli_usage_error(cmd, "--deadline: expected seconds from 1 to 86400, got '%s'", arg);
			return -1;
		}
		/* from the option on: option parsing takes no time worth
		 * counting, and the clock starts before any input is read */
		uabi_intr__deadline((unsigned)v);
		return 1;
	}
	case CLI_OPT_MEMORY_LIMIT:
		if (!parse_count(arg, 1ull << 24, &in->spec.memory_mib)) {
			cli_usage_error(cmd, "--memory-limit: expected MiB from 1 to 16777216, got '%s'", arg);
			return -1;
		}
		break;
	default:
		return 0;
	}
	uabi_spawn__set_limits(in->spec.timeout_s ? in->spec.timeout_s : UABI_SPAWN_TIMEOUT_S,
			       in->spec.memory_mib ? in->spec.memory_mib : UABI_SPAWN_MEMORY_MIB);
	return 1;
}

static struct uabi_arg_decl *decls_read;
static uint32_t ndecls_read;

static void free_decls(void)
{
	uabi_arg_decls__free(decls_read, ndecls_read);
	decls_read = NULL;
	ndecls_read = 0;
}

int cli_input__finish(struct cli_input *in, const char *cmd, bool required)
{
	if (required && !in->have_root)
		return cli_usage_error(cmd, "%s", !strcmp(cmd, "check") ?
				       "missing --kernel-tree DIR, --headers DIR or --from-dumps DIR" :
				       "missing --kernel-tree DIR or --headers DIR");
	if (!in->spec.nheaders && !in->spec.all) {
		if (!grow_headers(in))
			return cli_usage_error(cmd, "out of memory");
		in->headers[in->spec.nheaders++] = kvm_header;
	}
	in->nasked = in->spec.nroots;
	/* with --all and no --header, linux/kvm.h is discovered wherever the
	 * tree has it: the root goes with it (not applicable where undefined) */
	if ((has_str(in->headers, in->spec.nheaders, kvm_header) ||
	     (in->spec.all && !in->spec.nheaders)) &&
	    !has_str(in->roots, in->spec.nroots, kvm_run))
		in->roots[in->spec.nroots++] = kvm_run;
	in->spec.headers = in->headers;
	in->spec.roots = in->roots;
	if (in->arg_types) {
		struct uabi_diag d;

		uabi_diag__clear(&d);
		free_decls();
		if (uabi_arg_decls__read(in->arg_types, &decls_read, &ndecls_read, &d))
			return cli_report(&d);
		atexit(free_decls);
		in->spec.arg_decls = decls_read;
		in->spec.narg_decls = ndecls_read;
	}
	return 0;
}

static const struct uabi_root *root_of(const struct uabi_layout *l, const char *name)
{
	for (uint32_t i = 0; l && i < l->nroots; i++)
		if (l->roots[i].name && !strcmp(l->roots[i].name, name))
			return &l->roots[i];
	return NULL;
}

/* With from_dumps: root `name` must be in every dump. */
static int root_in_dumps(const char *name, struct uabi_layout *const *ls, char *const *paths,
			 uint32_t n, const char *why)
{
	struct uabi_diag d;

	for (uint32_t i = 0; i < n; i++) {
		if (!ls[i] || root_of(ls[i], name))
			continue;
		uabi_diag__clear(&d);
		uabi_diag__input(&d, ENOENT, "%s: no root '%s' in the dump (%s)", paths[i], name, why);
		return cli_report(&d);
	}
	return 0;
}

int cli_input__check_roots(const struct cli_input *in, struct uabi_layout *const *ls,
			   char *const *paths, uint32_t n, bool from_dumps)
{
	struct uabi_diag d;
	int ret;

	for (uint32_t r = 0; r < in->nasked; r++) {
		const char *name = in->roots[r], *reason = NULL, *first = NULL;
		bool defined = false;

		if (from_dumps && (ret = root_in_dumps(name, ls, paths, n,
						      "asked with --root: extract again with it")))
			return ret;
		for (uint32_t i = 0; i < n && !defined; i++) {
			const struct uabi_root *rt = root_of(ls[i], name);

			defined = rt && rt->applicable;
			if (rt && !reason && rt->reason) {
				reason = rt->reason;
				first = ls[i]->profile.name;
			}
		}
		if (defined || !n)
			continue;
		uabi_diag__clear(&d);
		if (reason)
			uabi_diag__input(&d, ENOENT, "--root '%s' is defined on no profile of the run "
					 "(%s: %s)", name, first ? first : "?", reason);
		else
			uabi_diag__input(&d, ENOENT, "--root '%s' is defined on no profile of the run", name);
		return cli_report(&d);
	}
	/* the default root of the dumps' own headers */
	for (uint32_t i = 0; from_dumps && i < n; i++) {
		const struct uabi_layout *l = ls[i];

		if (l && has_str(l->input.headers, l->input.nheaders, kvm_header) &&
		    (ret = root_in_dumps(kvm_run, &ls[i], &paths[i], 1,
					 "the mmap'd root of linux/kvm.h, checked by default: "
					 "extract again, uabi extract records it")))
			return ret;
	}
	return 0;
}
