// SPDX-License-Identifier: MIT
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/fileio.h"
#include "../core/json.h"
#include "../extractor/discover.h"
#include "../extractor/extract.h"
#include "../extractor/spawn.h"

/* more headers than one dump's ioctls could name: 6.1 --all needs 3 */
#define UABI_VERIFY_MAX_EXTRA 256
#include "../extractor/verify.h"
#include "cli.h"
#include "input_opts.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: uabi verify [--kernel-tree DIR | --headers DIR] [options] DUMP...\n\n"
		"Turns every number of each dump (sizes, alignments, member offsets and sizes,\n"
		"enumerator values, ioctl numbers and sizes) into _Static_assert lines and\n"
		"compiles them against the same headers with the dump's profile. The headers\n"
		"are the ones the dump names unless --kernel-tree/--headers gives another\n"
		"place; their content must hash to the dump's input.sha256. Headers that do\n"
		"not compile together (a dump of every header, of several groups) are checked\n"
		"in halves.\n\n"
		"  --kernel-tree DIR     the headers are in this kernel source tree\n"
		"  --headers DIR         the headers are these installed headers\n"
		"  --profiles-file FILE  JSON profiles overriding or extending the built-in ones\n"
		"  --all                 the dump must cover every header of the tree that defines\n"
		"                        ioctl commands (judged, or skipped again alone): a dump\n"
		"                        of named headers, or whose \"all\" mark was removed,\n"
		"                        fails (use it on dumps from other hands, with\n"
		"                        --kernel-tree or --headers: it is required)\n"
		"  --keep-temps          keep the scratch directory with the generated source\n"
		"  -v, --verbose         print the compiler command\n"
		CLI_SYSROOT_HELP
		CLI_INPUT_LIMITS_HELP
		"\n"
		"exit codes: 0 every check compiled, 1 a check failed (the dump is wrong),\n"
		"2 usage or input error, 3 toolchain error\n");
}

static bool same_argv(const char *const *a, uint32_t na, const char *const *b)
{
	uint32_t nb = 0;

	while (b[nb])
		nb++;
	if (na != nb)
		return false;
	for (uint32_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]))
			return false;
	return true;
}

/* The dump's input.files name files of the tree: relative, never climbing
 * out, and inside it once symlinks are resolved. A dump is input like any
 * other: reading its list must not read the machine. */
static int check_file_list(const char *dump, const struct uabi_layout *l, const struct uabi_work *w,
			   struct uabi_diag *d)
{
	for (uint32_t i = 0; i < l->input.nfiles; i++) {
		const char *f = l->input.files[i];
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/%s", w->root_abs, f);
		if (!*f || f[0] == '/' || !strcmp(f, "..") || !strncmp(f, "../", 3) || strstr(f, "/../") ||
		    (strlen(f) > 3 && !strcmp(f + strlen(f) - 3, "/..")))
			return uabi_diag__input(d, EINVAL, "%s: input.files: '%s' is not a path inside the tree",
						dump, f);
		if (access(path, F_OK) == 0 && !uabi_work__allows(w, path, NULL))
			return uabi_diag__input(d, EPERM, "%s: input.files: %s lies outside the input tree",
						dump, f);
	}
	return 0;
}

static bool listed(const struct uabi_layout *l, const char *rel)
{
	for (uint32_t i = 0; i < l->input.nfiles; i++)
		if (!strcmp(l->input.files[i], rel))
			return true;
	return false;
}

/* Preprocess the verify source into out (stdout to a file, kept when the
 * compiler fails) and check the files it enters: all inside what the
 * compiler may read, and every file of the tree among the dump's
 * input.files, so that the input.sha256 just checked covers everything
 * the compile reads; and no directive a macro made (the compile of out
 * would obey it). The compile then reads out, nothing else. run gets the
 * -E run (its status and stderr) when 0 is returned. */
static int check_reads(const char *dump, const struct uabi_layout *l, const struct uabi_work *w,
		       const char *src, char *out, size_t outlen, struct uabi_run *run,
		       char ***files, uint32_t *nfiles, struct uabi_diag *d)
{
	struct uabi_cpp cpp = { 0 };
	char errfile[PATH_MAX + 32], rel[PATH_MAX];
	const char *argv[96];
	char *text = NULL;
	int n = 0, err;

	uabi_work__cc_argv(w, argv, &n);
	argv[n++] = "-E";
	argv[n++] = src;
	argv[n] = NULL;
	uabi_work__path(w, "verify.i", out, outlen);
	uabi_work__path(w, "verify-E.err", errfile, sizeof(errfile));
	err = uabi_spawn__run_out((char *const *)argv, out, errfile, run, d);
	if (err) {
		uabi_diag__prefix(d, "%s: %s", dump, l->profile.name);
		return err;
	}
	if (uabi_file__read(out, &text, NULL, d)) {
		uabi_run__free(run);
		return -EIO;
	}
	err = uabi_cpp__parse(&cpp, text);
	if (err) {
		free(text);
		uabi_run__free(run);
		return uabi_diag__input(d, -err, "%s: out of memory", dump);
	}
	err = uabi_work__check_includes(w, &cpp, src, d);
	if (!err)
		err = uabi_work__check_directives(w, text, d);
	free(text);
	if (err)
		uabi_diag__prefix(d, "%s: %s", dump, l->profile.name);
	if (!err && files && !(*files = calloc(cpp.nfiles + 1, sizeof(**files))))
		err = uabi_diag__input(d, ENOMEM, "%s: out of memory", dump);
	for (uint32_t i = 0; !err && i < cpp.nfiles; i++) {
		uabi_work__recorded_path(w, cpp.files[i], rel, sizeof(rel));
		if (files && !((*files)[(*nfiles)++] = strdup(rel)))
			err = uabi_diag__input(d, ENOMEM, "%s: out of memory", dump);
		if (rel[0] == '<' || listed(l, rel))
			continue;
		err = uabi_diag__input(d, EINVAL,
				       "%s: the headers in %s differ from those the dump was made from (%s is read now, not then)",
				       dump, w->spec->root, rel);
	}
	uabi_cpp__free(&cpp);
	if (err)
		uabi_run__free(run);
	return err;
}

/* One verification: the dump, its profile and work directory, and what the
 * translation units compiled so far have checked. */
struct vrun {
	const char *dump;
	const struct uabi_layout *l;
	const struct uabi_profile *p;
	struct uabi_work *w;
	bool verbose;
	bool split;		/* units of fewer headers: each checks what it reads */
	size_t nchecks;		/* asserts in the units that compiled */
	uint32_t nunits;
	bool *done_type, *done_ioctl;	/* checked by a unit that compiled */
	char **files;		/* the current unit's files, as input.files spells them */
	uint32_t nfiles;
	char *const *extra;	/* headers every unit includes after its own (uses_header) */
	uint32_t nextra;
	const char **names;	/* ioctl commands the dump's headers define (discovery), sorted */
	uint32_t nnames;
};

enum unit_result { UNIT_PASS, UNIT_ASSERT, UNIT_OTHER };

static void unit_files_free(struct vrun *v)
{
	for (uint32_t i = 0; i < v->nfiles; i++)
		free(v->files[i]);
	free(v->files);
	v->files = NULL;
	v->nfiles = 0;
}

static bool unit_reads(void *ctx, const char *decl_file)
{
	const struct vrun *v = ctx;

	if (!decl_file)
		return true;
	for (uint32_t i = 0; i < v->nfiles; i++)
		if (!strcmp(v->files[i], decl_file))
			return true;
	return false;
}

/* The files the #include lines of a unit enter (check_reads of them
 * alone), into v->files. 0, 1 when they do not preprocess (run->err says
 * why), or a negative errno with d set. */
static int unit_scan(struct vrun *v, const char *includes, struct uabi_run *run,
		     struct uabi_diag *d)
{
	char path[PATH_MAX + 32], out[PATH_MAX + 32];
	int err;

	unit_files_free(v);
	uabi_work__path(v->w, "verify-inc.c", path, sizeof(path));
	err = uabi_file__write_scratch(path, includes, strlen(includes), d);
	if (!err)
		err = check_reads(v->dump, v->l, v->w, path, out, sizeof(out), run, &v->files,
				  &v->nfiles, d);
	if (err)
		return err;
	if (run->status)
		return 1;
	uabi_run__free(run);
	return 0;
}

/* Write src to the scratch file NAME.c (its path into path), preprocess it
 * (check_reads: what it may read) and, if that went well, compile the
 * checked text (-fsyntax-only; stderr into NAME.err). run gets the last
 * run: status non-zero and its words when preprocessing or the compile
 * failed. 0 or a negative errno (d set). */
static int compile_checked(struct vrun *v, const char *name, const char *src, char *path,
			   size_t pathlen, struct uabi_run *run, struct uabi_diag *d)
{
	char file[64], ipath[PATH_MAX + 32], errfile[PATH_MAX + 32];
	const char *argv[96];
	int argc = 0, err;

	snprintf(file, sizeof(file), "%s.c", name);
	uabi_work__path(v->w, file, path, pathlen);
	err = uabi_file__write_scratch(path, src, strlen(src), d);
	if (!err)
		err = check_reads(v->dump, v->l, v->w, path, ipath, sizeof(ipath), run, NULL, NULL, d);
	/* a preprocessing error fails the checks as the compile would; else
	 * the checked text is compiled */
	if (err || run->status)
		return err;
	uabi_run__free(run);
	uabi_work__cpp_output_argv(v->w, argv, &argc);
	argv[argc++] = "-fsyntax-only";
	/* clang stops after 20 errors by default; gcc has no limit and no
	 * such option */
	if (strstr(v->p->cc[0], "clang"))
		argv[argc++] = "-ferror-limit=0";
	argv[argc++] = ipath;
	argv[argc] = NULL;
	if (v->verbose) {
		char line[8192];

		uabi_spawn__format((char *const *)argv, line, sizeof(line));
		uabi_eprintf("uabi: %s: %s", v->p->name, line);
	}
	snprintf(file, sizeof(file), "%s.err", name);
	uabi_work__path(v->w, file, errfile, sizeof(errfile));
	err = uabi_spawn__run((char *const *)argv, errfile, run, d);
	if (err)
		uabi_diag__prefix(d, "%s: %s", v->dump, v->p->name);
	return err;
}

/* Mark in bad[] (nlines entries, 1-based) the lines of path that the
 * compiler's words in err charge with an error: the error's own place, or
 * (gcc, for an error inside a macro's body) a "note: in expansion of
 * macro" at path that follows it. */
static void error_lines(const char *err, const char *path, bool *bad, uint32_t nlines)
{
	size_t plen = strlen(path);
	bool pending = false;

	for (const char *p = err; p && *p;) {
		const char *eol = strchr(p, '\n'), *kind;
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		bool ours = len > plen + 1 && !strncmp(p, path, plen) && p[plen] == ':';
		unsigned long ln = ours ? strtoul(p + plen + 1, NULL, 10) : 0;

		kind = memmem(p, len, ": error: ", 9);
		if (kind) {
			pending = true;
		} else if (!memmem(p, len, ": note: ", 8)) {
			if (memmem(p, len, ": warning: ", 11))
				pending = false;
			ours = false;
		}
		if (ours && pending && ln >= 1 && ln <= nlines)
			bad[ln - 1] = true;
		p = eol ? eol + 1 : NULL;
	}
}

static uint32_t count_lines(const char *s)
{
	uint32_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* What the dump says is no number, in a unit that passed: its
 * not-applicable ioctls and the ioctl commands of the headers' text it
 * lacks (uabi_verify__claims_source), each a block that must be a compile
 * error after the unit's #include lines. *res becomes UNIT_ASSERT, d
 * naming the first false claim, when one compiles (or the control block
 * does not); *nchecks += claims checked. 0 or a negative errno (d set). */
static int unit_na(struct vrun *v, const char *includes, const struct uabi_verify_filter *f,
		   enum unit_result *res, size_t *nchecks, struct uabi_diag *d)
{
	const struct uabi_layout *l = v->l;
	struct uabi_verify_claim *claims = NULL;
	struct uabi_run run = { 0 };
	char path[PATH_MAX + 32];
	char *text = NULL, *src = NULL, tag[17] = "", use[64];
	uint32_t n = 0, head, nlines, ntag = 0;
	bool *bad = NULL, control_bad = false;
	int err;

	*res = UNIT_PASS;
	/* names the headers cannot know: a part of their own sha256 */
	for (const char *h = l->input.sha256; h && *h && ntag < 16; h++)
		if ((*h >= '0' && *h <= '9') || (*h >= 'a' && *h <= 'f'))
			tag[ntag++] = *h;
	tag[ntag] = '\0';
	err = uabi_verify__claims_source(l, f, v->names, v->nnames, tag, &text, &claims, &n, d);
	if (err || !n)
		goto out;
	src = malloc(strlen(includes) + strlen(text) + 32);
	if (!src) {
		err = uabi_diag__input(d, ENOMEM, "%s: out of memory", v->dump);
		goto out;
	}
	sprintf(src, "%s%s", includes, listed(l, "<compiler>/stddef.h") ? "#include <stddef.h>\n" : "");
	head = count_lines(src);
	strcat(src, text);
	nlines = count_lines(src);
	uabi_work__path(v->w, UABI_VERIFY_USE_FILE, path, sizeof(path));
	snprintf(v->w->use_file, sizeof(v->w->use_file), "%s", path);
	snprintf(use, sizeof(use), "(int)__uabi_%s_use\n", tag);
	err = uabi_file__write_scratch(path, use, strlen(use), d);
	if (!err)
		err = compile_checked(v, "verify-na", src, path, sizeof(path), &run, d);
	if (err)
		goto out;
	bad = calloc(nlines + 1, sizeof(*bad));
	if (!bad) {
		err = uabi_diag__input(d, ENOMEM, "%s: out of memory", v->dump);
		goto out;
	}
	error_lines(run.err ? run.err : "", path, bad, nlines);
	*nchecks += n;
	for (uint32_t k = 0; k < UABI_VERIFY_CONTROL_LINES; k++)
		control_bad |= bad[head + k];
	if (control_bad) {
		*res = UNIT_ASSERT;
		uabi_diag__input(d, EINVAL, "%s: %s: verification failed: the headers break the"
				 " compile of a constant assert (they redefine what it uses), so what"
				 " the dump says is no number cannot be checked", v->dump, v->p->name);
		goto out;
	}
	for (uint32_t i = 0; i < n; i++) {
		uint32_t at = head + claims[i].line;	/* 0-based index of its 2nd line */
		const struct uabi_ioctl *io;
		bool holds = false;

		for (uint32_t k = 0; k + 2 < UABI_VERIFY_CLAIM_LINES; k++)
			holds |= bad[at + k];
		if (holds)
			continue;
		*res = UNIT_ASSERT;
		if (claims[i].ioctl == UINT32_MAX) {
			uabi_diag__input(d, EINVAL, "%s: %s: verification failed: %s is an ioctl command"
					 " of the headers and a number here, and the dump does not list"
					 " it", v->dump, v->p->name, claims[i].name);
			break;
		}
		io = &l->ioctls[claims[i].ioctl];
		uabi_diag__input(d, EINVAL, "%s: %s: verification failed: ioctl %s is marked not"
				 " applicable (%s), and its number compiles", v->dump, v->p->name,
				 io->name, io->reason ? io->reason : "no reason");
		break;
	}
out:
	uabi_run__free(&run);
	free(bad);
	free(src);
	free(text);
	free(claims);
	return err;
}

/* Compile the checks of one translation unit: the headers hdrs[0..n) and,
 * when v->split, only the items defined in files they read. *res says how
 * it went; UNIT_ASSERT and UNIT_OTHER leave the compiler's words in d (its
 * detail). 0 or a negative errno (d set). */
static int unit(struct vrun *v, const char *const *hdrs, uint32_t n, enum unit_result *res,
		struct uabi_diag *d)
{
	const struct uabi_layout *l = v->l;
	struct uabi_verify_filter filter = { .keep = unit_reads, .ctx = v };
	struct uabi_verify_stats st;
	struct uabi_run run = { 0 };
	char *includes = NULL, *checks = NULL, *src = NULL, *shown;
	char path[PATH_MAX + 32];
	size_t nerr = 0, nassert = 0;
	int err;

	*res = UNIT_OTHER;
	err = uabi_extract__write_includes(v->w, hdrs, n, v->extra, v->nextra, &includes, d);
	if (!err && v->split)
		err = unit_scan(v, includes, &run, d);
	if (err > 0) {
		/* the headers alone do not preprocess */
		uabi_diag__input(d, EINVAL, "%s: %s: verification failed: the headers do not"
				 " preprocess (%s%s)", v->dump, v->p->name, hdrs[0], n > 1 ? ", ..." : "");
		uabi_work__path(v->w, "verify-inc.c", path, sizeof(path));
		shown = uabi_work__diagnostics(v->w, run.err, path);
		uabi_diag__set_detail(d, shown ? shown : "");
		free(shown);
		err = 0;
		goto out;
	}
	if (!err)
		err = uabi_verify__source_filtered(l, v->split ? &filter : NULL, &checks, &st, d);
	if (err)
		goto out;
	src = malloc(strlen(includes) + strlen(checks) + 32);
	if (!src) {
		err = uabi_diag__input(d, ENOMEM, "%s: out of memory", v->dump);
		goto out;
	}
	/* the probe included <stddef.h> for a size_t argument (extract.c) */
	sprintf(src, "%s%s\n%s", includes,
		listed(l, "<compiler>/stddef.h") ? "#include <stddef.h>\n" : "", checks);
	err = compile_checked(v, "verify", src, path, sizeof(path), &run, d);
	if (err)
		goto out;
	v->nunits++;
	if (run.status == 0) {
		uabi_run__free(&run);
		err = unit_na(v, includes, v->split ? &filter : NULL, res, &st.checks, d);
		if (err || *res != UNIT_PASS)
			goto out;
		v->nchecks += st.checks;
		for (uint32_t i = 0; i < l->ntypes; i++)
			if (!v->split || unit_reads(v, l->types[i].decl_file))
				v->done_type[i] = true;
		for (uint32_t i = 0; i < l->nioctls; i++)
			if (!v->split || unit_reads(v, l->ioctls[i].decl_file))
				v->done_ioctl[i] = true;
		goto out;
	}
	/* one "error:" line per failed assert (the echoed source line
	 * repeats the message, so count errors, not messages); errors that
	 * are all asserts of ours: the dump is wrong; any other: the headers
	 * do not compile together (a dump of several groups) */
	for (const char *q = run.err; (q = strstr(q, ": error: ")); q += 9) {
		const char *eol = strchr(q, '\n');

		nerr++;
		if (strstr(q, "uabi: ") && (!eol || strstr(q, "uabi: ") < eol))
			nassert++;
	}
	*res = nerr && nerr == nassert ? UNIT_ASSERT : UNIT_OTHER;
	uabi_diag__input(d, EINVAL, "%s: %s: verification failed (%zu of %zu checks)", v->dump,
			 v->p->name, nassert ? nassert : 1, st.checks);
	shown = uabi_work__diagnostics(v->w, run.err, path);
	uabi_diag__set_detail(d, shown ? shown : "");
	free(shown);
out:
	uabi_run__free(&run);
	free(src);
	free(checks);
	free(includes);
	return err;
}

/* Verify the headers hdrs[0..n): in one unit, else (they do not compile
 * together: a dump extract --all made from several groups) in halves, each
 * checking what it reads. *failed is set by a unit that failed for good
 * (d holds its words). 0 or a negative errno. */
static int verify_headers(struct vrun *v, const char *const *hdrs, uint32_t n, bool *failed,
			  struct uabi_diag *d)
{
	enum unit_result res;
	int err = unit(v, hdrs, n, &res, d);

	if (err || res == UNIT_PASS)
		return err;
	if (res == UNIT_ASSERT || n < 2) {
		*failed = true;
		return 0;
	}
	if (v->verbose)
		uabi_eprintf("uabi: %s: %s: %u headers do not compile together; in halves", v->dump,
			     v->p->name, n);
	uabi_diag__clear(d);
	v->split = true;
	err = verify_headers(v, hdrs, n / 2, failed, d);
	if (!err && !*failed)
		err = verify_headers(v, hdrs + n / 2, n - n / 2, failed, d);
	return err;
}

/* Whether include name h is one of the dump's headers or the asm/ twin of
 * one (linux/kvm.h's asm/kvm.h: extract takes the ioctls of both). */
static bool str_in(const char *const *v, uint32_t n, const char *s)
{
	for (uint32_t i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

static bool dump_header(const struct uabi_layout *l, const char *h)
{
	char twin[PATH_MAX];

	for (uint32_t i = 0; i < l->input.nheaders; i++)
		if (!strcmp(l->input.headers[i], h) ||
		    (uabi_extract__asm_twin(l->input.headers[i], twin, sizeof(twin)) &&
		     !strcmp(twin, h)))
			return true;
	return false;
}

/* The ioctl commands the text of the dump's headers defines (discovery's
 * index over w's tree), sorted, malloc'd (each string too). 0 or -errno
 * with d set. */
static int dump_ioctl_names(const struct uabi_work *w, const struct uabi_layout *l,
			    const char ***names, uint32_t *n, struct uabi_diag *d)
{
	struct uabi_defs defs = { 0 };
	char **found = NULL;
	uint32_t nfound = 0;
	int err;

	*names = NULL;
	*n = 0;
	err = uabi_discover__scan(w, &found, &nfound, NULL, NULL, &defs, d);
	uabi_discover__free(found, nfound);
	if (err)
		return err;
	*names = calloc(defs.n + 1, sizeof(**names));
	if (!*names) {
		uabi_defs__free(&defs);
		return uabi_diag__input(d, ENOMEM, "out of memory");
	}
	/* defs are sorted by name */
	for (uint32_t i = 0; i < defs.n && !err; i++) {
		if (!defs.v[i].macro || !dump_header(l, defs.v[i].header))
			continue;
		if (!((*names)[*n] = strdup(defs.v[i].name)))
			err = uabi_diag__input(d, ENOMEM, "out of memory");
		else
			(*n)++;
	}
	uabi_defs__free(&defs);
	return err;
}

static bool dump_skips(const struct uabi_layout *l, const char *h)
{
	for (uint32_t i = 0; i < l->input.nskipped; i++)
		if (!strcmp(l->input.skipped[i].header, h))
			return true;
	return false;
}

/*
 * An --all dump covers every header discovery selects for its ABI: each is
 * judged or skipped, and a skipped one is skipped again when extracted
 * alone (not merely put aside: a header a dump drops, or sets aside with a
 * made-up reason, is not judged by anyone). 0 with *failed set and d
 * naming the first fault, or -errno with d set.
 */
static int check_coverage(struct vrun *v, const struct uabi_input_spec *spec, bool *failed,
			  struct uabi_diag *d)
{
	const struct uabi_layout *l = v->l;
	char **found = NULL;
	uint32_t nfound = 0;
	int err = uabi_discover__headers(v->w, &found, &nfound, d);

	if (err)
		return err;
	for (uint32_t i = 0; i < nfound && !*failed; i++) {
		/* the header itself: an asm/ twin's ioctls are judged with its
		 * linux/ header only when that one includes it, which this
		 * does not know (a dump that drops asm/nvram.h is not covered
		 * by linux/nvram.h) */
		if (str_in((const char *const *)l->input.headers, l->input.nheaders, found[i]) || dump_skips(l, found[i]))
			continue;
		uabi_diag__input(d, EINVAL, "%s: %s: verification failed: %s defines ioctl commands but"
				 " the dump neither judges nor skips it (an --all dump covers every"
				 " such header)", v->dump, v->p->name, found[i]);
		*failed = true;
	}
	uabi_discover__free(found, nfound);
	for (uint32_t i = 0; i < l->input.nskipped && !*failed; i++) {
		struct uabi_input_spec one = *spec;
		const char *h = l->input.skipped[i].header;
		struct uabi_layout *alone = NULL;
		struct uabi_diag d2;

		one.headers = &h;
		one.nheaders = 1;
		one.all = true;
		uabi_diag__clear(&d2);
		err = uabi_extract__run(&one, v->p, &alone, &d2);
		if (err == -EINTR) {
			*d = d2;
			return err;
		}
		/* alone it fails (an error is a skip too) or is skipped again */
		if (!err && !dump_skips(alone, h)) {
			uabi_diag__input(d, EINVAL, "%s: %s: verification failed: %s is skipped in the"
					 " dump (%s), but extracted alone it is judged (with the C"
					 " library options given here: --sysroot, --no-sysroot)", v->dump,
					 v->p->name, h, l->input.skipped[i].reason);
			*failed = true;
		}
		else if (v->verbose)
			uabi_eprintf("uabi: %s: %s skipped alone too", v->p->name, h);
		uabi_layout__free(alone);
	}
	return 0;
}

/* Verify one dump (path) against the headers; with need_all, the dump must
 * be an --all dump and cover every ioctl-defining header (check_coverage).
 * Returns an exit code (UABI_E_*), the first fault said on stderr. */
static int verify_one(const char *dump, const struct cli_input *over,
		      const struct uabi_profile_set *set, bool keep, bool verbose, bool need_all)
{
	struct uabi_input_spec spec = { 0 };
	struct uabi_layout *l = NULL;
	const struct uabi_profile *p;
	struct uabi_work w = { 0 };
	struct vrun v = { .dump = dump, .w = &w, .verbose = verbose };
	struct uabi_diag d;
	char hex[65];
	char *extra[UABI_VERIFY_MAX_EXTRA];
	uint32_t nextra;
	bool failed = false;
	int err, ret = 0;

	uabi_diag__clear(&d);
	err = uabi_json__read_layout(dump, &l, &d);
	if (err)
		return cli_report(&d);
	p = uabi_profiles__find(set, l->profile.name);
	if (!p) {
		uabi_diag__input(&d, ENOENT, "%s: profile '%s' is not known (give --profiles-file)", dump,
				 l->profile.name);
		ret = cli_report(&d);
		goto out;
	}
	if (!same_argv(l->profile.cc, l->profile.ncc, p->cc)) {
		uabi_diag__input(&d, EINVAL, "%s: made with compiler '%s...', profile %s now uses '%s...'",
				 dump, l->profile.ncc ? l->profile.cc[0] : "?", p->name, p->cc[0]);
		ret = cli_report(&d);
		goto out;
	}
	if (over->have_root) {
		spec.kind = over->spec.kind;
		spec.root = over->spec.root;
	} else {
		spec.kind = l->input.kind && !strcmp(l->input.kind, "headers") ? UABI_INPUT_HEADERS
									      : UABI_INPUT_KERNEL_TREE;
		spec.root = l->input.root;
	}
	spec.headers = l->input.headers;
	spec.nheaders = l->input.nheaders;
	spec.keep_temps = keep;
	spec.verbose = verbose;
	/* the C library as the dump was made with it (input.files names its
	 * files "<sysroot>/...", never where they were) */
	spec.sysroot = over->spec.sysroot;
	spec.no_sysroot = over->spec.no_sysroot;
	spec.sysroots = over->spec.sysroots;
	spec.nsysroots = over->spec.nsysroots;
	if (!over->have_root && access(spec.root, F_OK) != 0) {
		/* the dump records the root as it was given, often relative */
		uabi_diag__input(&d, ENOENT, "%s: its input root '%s' is not found from here: "
				 "give --kernel-tree or --headers", dump, spec.root);
		ret = cli_report(&d);
		goto out;
	}
	if (uabi_input__check(&spec, &d) || uabi_work__init(&w, &spec, p, &d)) {
		ret = cli_report(&d);
		goto out;
	}
	err = check_file_list(dump, l, &w, &d);
	if (err) {
		ret = cli_report(&d);
		goto out;
	}
	err = uabi_extract__hash_files(w.root_abs, l->input.files, l->input.nfiles, hex, &d);
	if (err) {
		uabi_diag__prefix(&d, "%s", dump);
		ret = cli_report(&d);
		goto out;
	}
	if (strcmp(hex, l->input.sha256)) {
		uabi_diag__input(&d, EINVAL, "%s: the headers in %s differ from those the dump was made from",
				 dump, spec.root);
		ret = cli_report(&d);
		goto out;
	}
	/* the headers extract --all added for what the ioctls' headers use
	 * without including it, after the dump's headers as the probe had them */
	nextra = 0;
	for (uint32_t i = 0; i < l->nioctls; i++) {
		bool have = !l->ioctls[i].supplier;

		for (uint32_t j = 0; j < nextra && !have; j++)
			have = !strcmp(extra[j], l->ioctls[i].supplier);
		if (!have && nextra == UABI_VERIFY_MAX_EXTRA) {
			uabi_diag__input(&d, E2BIG, "%s: its ioctls name more than %d headers in"
					 " uses_header", dump, UABI_VERIFY_MAX_EXTRA);
			ret = cli_report(&d);
			goto out;
		}
		if (!have)
			extra[nextra++] = (char *)l->ioctls[i].supplier;
	}
	err = dump_ioctl_names(&w, l, &v.names, &v.nnames, &d);
	if (err) {
		uabi_diag__prefix(&d, "%s", dump);
		ret = cli_report(&d);
		goto out;
	}
	v.l = l;
	v.p = p;
	v.extra = extra;
	v.nextra = nextra;
	v.done_type = calloc(l->ntypes + 1, sizeof(bool));
	v.done_ioctl = calloc(l->nioctls + 1, sizeof(bool));
	if (!v.done_type || !v.done_ioctl) {
		uabi_diag__input(&d, ENOMEM, "%s: out of memory", dump);
		ret = cli_report(&d);
		goto out;
	}
	err = verify_headers(&v, (const char *const *)l->input.headers, l->input.nheaders, &failed, &d);
	if (!err && !failed && need_all && !l->input.all) {
		/* --all: what the dump says it covers is not trusted */
		uabi_diag__input(&d, EINVAL, "%s: %s: verification failed: not an --all dump (its input"
				 " names %u headers, not every header that defines ioctl commands)",
				 dump, p->name, l->input.nheaders);
		failed = true;
	}
	if (!err && !failed && l->input.all)
		err = check_coverage(&v, &spec, &failed, &d);
	if (err) {
		ret = cli_report(&d);
		goto out;
	}
	if (failed) {
		cli_report(&d);
		ret = UABI_E_FINDINGS;
		goto out;
	}
	if (v.split) {
		/* every number checked by some unit: an item no unit's files
		 * define was not checked, and the dump cannot say where it is */
		uint32_t missed = 0;
		const char *first = NULL;

		for (uint32_t i = 0; i < l->nioctls; i++)
			if (l->ioctls[i].applicable && !v.done_ioctl[i] && !missed++)
				first = l->ioctls[i].name;
		for (uint32_t i = 0; i < l->ntypes; i++) {
			const struct uabi_type *t = &l->types[i];

			if (t->name && !t->declaration && strncmp(t->name, "__uabi_", 7) &&
			    !v.done_type[i] && !missed++)
				first = t->name;
		}
		if (missed) {
			uabi_diag__input(&d, EINVAL, "%s: %s: verification failed: %u items (%s, ...) are"
					 " defined in no file the headers read", dump, p->name, missed,
					 first ? first : "?");
			cli_report(&d);
			ret = UABI_E_FINDINGS;
			goto out;
		}
		printf("%s: %s: %zu checks passed (%u translation units)\n", dump, p->name, v.nchecks,
		       v.nunits);
	} else {
		printf("%s: %s: %zu checks passed\n", dump, p->name, v.nchecks);
	}
out:
	unit_files_free(&v);
	for (uint32_t i = 0; i < v.nnames; i++)
		free((char *)v.names[i]);
	free(v.names);
	free(v.done_type);
	free(v.done_ioctl);
	uabi_work__fini(&w);
	uabi_layout__free(l);
	return ret;
}

int cmd_verify(int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_INPUT_LONGOPTS,
		CLI_SYSROOT_LONGOPTS,
		{ "profiles-file", required_argument, NULL, 'P' },
		{ "keep-temps", no_argument, NULL, 'K' },
		{ "all", no_argument, NULL, 'A' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct cli_input in = { 0 };
	struct uabi_profile_set set = { 0 };
	const char *pfile = NULL;
	bool keep = false, verbose = false, need_all = false;
	struct uabi_diag d;
	int c, r, ret = 0;

	uabi_diag__clear(&d);
	optind = 1;
	while ((c = cli_getopt("verify", argc, argv, "vh", opts)) != -1) {
		r = cli_input__option(&in, "verify", c, optarg);
		if (r < 0)
			return UABI_E_INPUT;
		if (r) {
			if (c == CLI_OPT_HEADER || c == CLI_OPT_ROOT)
				return cli_usage_error("verify", "--header and --root come from the dump");
			continue;
		}
		switch (c) {
		case 'P':
			pfile = optarg;
			break;
		case 'K':
			keep = true;
			break;
		case 'A':
			need_all = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			help(stdout);
			return 0;
		default:
			return UABI_E_INPUT;	/* cli_getopt said why */
		}
	}
	if (optind >= argc)
		return cli_usage_error("verify", "missing DUMP");
	/* the tree a dump names is the dump's word too (a patch can bring a
	 * small tree of its own): --all checks against the one given */
	if (need_all && !in.have_root)
		return cli_usage_error("verify", "--all needs --kernel-tree or --headers: the tree the"
				       " dump must cover, not the one it names");
	if (cli_load_profiles(&set, pfile, &d)) {
		ret = cli_report(&d);
		uabi_profiles__free(&set);
		return ret;
	}
	for (int i = optind; i < argc; i++) {
		r = verify_one(argv[i], &in, &set, keep, verbose, need_all);
		if (r > ret)
			ret = r;
	}
	uabi_profiles__free(&set);
	return ret;
}
