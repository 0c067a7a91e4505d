// SPDX-License-Identifier: MIT
/* uabi handlers: where a whole kernel tree handles ioctl commands for
 * 32-bit callers, per arch (kernel/ioctls.h), with the evidence. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/fileio.h"
#include "../core/sbuf.h"
#include "../kernel/ioctls.h"
#include "../kernel/kio_cache.h"
#include "../render/jsonw.h"
#include "cli.h"

static void help(FILE *f)
{
	fprintf(f, "usage: uabi handlers --kernel-tree DIR [--arch A[,A...]] [--format text|json]\n"
		   "                     [-o FILE] COMMAND...\n\n"
		   "Reads the whole kernel source tree DIR (every C file that can name, dispatch or\n"
		   "translate an ioctl) and says, for each COMMAND (an ioctl macro name such as\n"
		   "DRM_IOCTL_VERSION) and each kernel arch, who serves it for a 32-bit caller:\n"
		   "handled (a compat handler names it), passed-through (the native handler reads\n"
		   "the 32-bit bytes), not-available (no .compat_ioctl: -ENOTTY) or unknown, with\n"
		   "the rule that decided and file:line evidence (docs/kernel-facts.md). Layouts are\n"
		   "not compared here: uabi check does that and places each verdict on these facts.\n"
		   "The facts are cached by the content of every file read (docs/extract.md);\n"
		   "UABI_NO_CACHE=1 reads the tree afresh.\n\n"
		   "  --kernel-tree DIR  a kernel source tree (scripts/kernel-source.sh)\n"
		   "  --arch LIST        kernel arch dirs (default: arm64,mips,powerpc,riscv,s390,x86)\n"
		   "  --format F         text (default) or json\n"
		   "  -o FILE            write there (default: stdout)\n\n"
		   "exit codes: 0 ok, 2 usage error (also a COMMAND that no code of the tree\n"
		   "names and no #define there builds) or unreadable tree\n");
}

static const char *const default_arches[] = { "arm64", "mips", "powerpc", "riscv", "s390", "x86" };

static void site_text(struct uabi_sbuf *b, const char *what, const struct uabi_ksite *s)
{
	if (!s->file)
		return;
	uabi_sbuf__addf(b, "    %s: %s%s%s:%u%s\n", what, s->function ? s->function : "",
			s->function ? " (" : "", s->file, s->line, s->function ? ")" : "");
}

static void site_json(struct uabi_jw *w, struct uabi_jnode *o, const char *key,
		      const struct uabi_ksite *s)
{
	struct uabi_jnode *n;

	if (!s->file) {
		uabi_jw__null(w, o, key);
		return;
	}
	n = uabi_jw__obj(w, o, key);
	uabi_jw__str(w, n, "function", s->function);
	uabi_jw__str(w, n, "file", s->file);
	uabi_jw__u64(w, n, "line", s->line);
}

int cmd_handlers(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kernel-tree", required_argument, NULL, 'k' },
		{ "arch", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *tree = NULL, *format = "text", *out = "-";
	const char *arches[32];
	uint32_t narch = 0;
	char *archlist = NULL;
	struct uabi_kio *k = NULL;
	struct uabi_diag d;
	struct uabi_sbuf b = { 0 };
	struct uabi_jw w;
	struct uabi_jnode *root = NULL, *arr = NULL;
	bool json;
	char *text = NULL;
	int c, ret = 0;

	uabi_diag__clear(&d);
	optind = 1;
	while ((c = cli_getopt("handlers", argc, argv, "ho:", opts)) != -1) {
		switch (c) {
		case 'k':
			tree = optarg;
			break;
		case 'a':
			free(archlist);
			archlist = strdup(optarg);
			if (!archlist)
				return UABI_E_INPUT;
			break;
		case 'f':
			format = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
			help(stdout);
			free(archlist);
			return 0;
		default:
			free(archlist);
			return UABI_E_INPUT;	/* cli_getopt said why */
		}
	}
	if (!tree) {
		free(archlist);
		return cli_usage_error("handlers", "--kernel-tree is required");
	}
	if (optind >= argc) {
		free(archlist);
		return cli_usage_error("handlers", "expected at least one COMMAND");
	}
	if (strcmp(format, "text") && strcmp(format, "json")) {
		free(archlist);
		return cli_usage_error("handlers", "--format: expected text or json, got '%s'", format);
	}
	json = !strcmp(format, "json");
	if (archlist && strspn(archlist, ",") == strlen(archlist)) {
		ret = cli_usage_error("handlers", "--arch: expected a comma list of kernel arch dirs");
		goto out;
	}
	if (archlist) {
		for (char *p = strtok(archlist, ","); p; p = strtok(NULL, ",")) {
			bool known = false;

			for (size_t i = 0; i < sizeof(default_arches) / sizeof(default_arches[0]); i++)
				known |= !strcmp(p, default_arches[i]);
			if (!known || narch == 32) {
				ret = cli_usage_error("handlers", "--arch: '%s' is not a kernel arch with "
							"a compat pair (arm64, mips, powerpc, riscv, s390, x86)", p);
				goto out;
			}
			arches[narch++] = p;
		}
	} else {
		for (size_t i = 0; i < sizeof(default_arches) / sizeof(default_arches[0]); i++)
			arches[narch++] = default_arches[i];
	}
	for (int i = optind; i < argc; i++) {
		const char *s = argv[i];
		bool ok = *s && strlen(s) < 200;

		for (; *s && ok; s++)
			ok = (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_';
		if (!ok) {
			ret = cli_usage_error("handlers", "'%s' is not an ioctl macro name "
						"(upper-case letters, digits, _)", argv[i]);
			goto out;
		}
	}
	if ((ret = cli_check_output(out)))
		goto out;
	if (uabi_kio__read_default(tree, false, &k, &d)) {
		ret = cli_report(&d);
		goto out;
	}
	/* a name the tree neither defines nor names is a typo, not a fact */
	for (int i = optind; i < argc; i++)
		if (!uabi_kio__knows(k, argv[i])) {
			ret = cli_usage_error("handlers", "%s: no code of the tree (%s) names it, and no "
						"#define of it there builds an ioctl number (_IO, _IOR, "
						"_IOW, _IOWR)", argv[i], tree);
			goto out;
		}
	if (json) {
		root = uabi_jw__init(&w);
		arr = uabi_jw__arr(&w, root, "commands");
	}
	for (int i = optind; i < argc; i++) {
		for (uint32_t a = 0; a < narch; a++) {
			struct uabi_kio_place p;

			if (uabi_kio__place(k, argv[i], arches[a], &p)) {
				uabi_diag__input(&d, ENOMEM, "%s: out of memory", tree);
				ret = cli_report(&d);
				goto out;
			}
			if (json) {
				struct uabi_jnode *o = uabi_jw__push_obj(&w, arr), *e;

				uabi_jw__str(&w, o, "command", argv[i]);
				uabi_jw__str(&w, o, "arch", arches[a]);
				uabi_jw__str(&w, o, "status", uabi_kio_status__str(p.status));
				uabi_jw__str(&w, o, "why", p.why);
				uabi_jw__str(&w, o, "label", p.label);
				site_json(&w, o, "handler", &p.handler);
				site_json(&w, o, "native", &p.native);
				if (p.entry.file) {
					e = uabi_jw__obj(&w, o, "entry");
					uabi_jw__str(&w, e, "object", p.entry_object);
					uabi_jw__str(&w, e, "function", p.entry.function);
					uabi_jw__str(&w, e, "compat_field", p.compat_field);
				uabi_jw__str(&w, e, "compat_ioctl", p.compat);
					uabi_jw__u64(&w, e, "equally_close", p.nentries);
					uabi_jw__str(&w, e, "file", p.entry.file);
					uabi_jw__u64(&w, e, "line", p.entry.line);
				} else {
					uabi_jw__null(&w, o, "entry");
				}
				uabi_jw__str(&w, o, "size_tolerant", p.size_tolerant);
				uabi_jw__str(&w, o, "ignores_arg", p.ignores_arg);
				continue;
			}
			uabi_sbuf__addf(&b, "%s on %s: %s (%s)\n", argv[i], arches[a],
					uabi_kio_status__str(p.status), p.why ? p.why : "");
			if (p.label && strcmp(p.label, argv[i]))
				uabi_sbuf__addf(&b, "    label: %s\n", p.label);
			site_text(&b, "handler", &p.handler);
			site_text(&b, "native", &p.native);
			if (p.entry.file && p.nentries > 1)
				uabi_sbuf__addf(&b, "    entry: %s%s%s (%s:%u), %s = %s, one of %u equally "
						"close\n", p.entry_object ? p.entry_object : "?",
						p.entry.function ? " in " : "",
						p.entry.function ? p.entry.function : "",
						p.entry.file, p.entry.line,
						p.compat_field ? p.compat_field : ".compat_ioctl",
						p.compat ? p.compat : "(none)", p.nentries);
			else if (p.entry.file)
				uabi_sbuf__addf(&b, "    entry: %s%s%s (%s:%u), %s = %s\n",
						p.entry_object ? p.entry_object : "?",
						p.entry.function ? " in " : "",
						p.entry.function ? p.entry.function : "", p.entry.file,
						p.entry.line,
						p.compat_field ? p.compat_field : ".compat_ioctl",
						p.compat ? p.compat : "(none)");
			if (p.size_tolerant)
				uabi_sbuf__addf(&b, "    size-tolerant: %s (a 32-bit argument that lacks "
						"only the tail padding is read right; uabi check compares "
						"the layouts)\n", p.size_tolerant);
			if (p.ignores_arg)
				uabi_sbuf__addf(&b, "    argument unread: %s\n", p.ignores_arg);
		}
	}
	text = json ? uabi_jw__text(&w, &d) : uabi_sbuf__finish(&b, &d);
	if (!text) {
		ret = cli_report(&d);
		goto out;
	}
	if (uabi_file__write_atomic(out, text, strlen(text), &d))
		ret = cli_report(&d);
out:
	if (json && root)
		uabi_jw__free(&w);
	if (json || !text)
		uabi_sbuf__free(&b);
	free(text);
	uabi_kio__free(k);
	free(archlist);
	return ret;
}
