// SPDX-License-Identifier: MIT
#include "extract.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/fileio.h"
#include "../core/fnv.h"
#include "../core/sbuf.h"
#include "../core/sha256.h"
#include "asmtext.h"
#include "discover.h"
#include "dwarf.h"
#include "hasinclude.h"
#include "incdeps.h"
#include "macros.h"
#include "pptaint.h"
#include "reloc.h"
#include "spawn.h"

/* A string and the index of what it names, for sorted lookups in place of
 * a linear search inside a loop (headers are untrusted: a loop over one
 * list times another made uabi quadratic in the ioctls of a header). */
struct name_idx {
	const char *s;		/* or NULL */
	uint32_t idx;
};

struct deplist {
	char **v;
	uint32_t n;
	uint32_t cap;	/* slots of v (grown by doubling) */
	bool oom;
};

/* One ioctl candidate while extracting. */
struct cand {
	const struct uabi_macro *m;
	char macro[16];
	char *arg_type;		/* malloc'd or NULL */
	const struct uabi_arg_decl *decl;	/* --arg-types line that set arg_type, or NULL */
	bool applicable;
	char *reason;		/* malloc'd */
	uint32_t probe_line;
	char *missing;		/* the argument's tag, not defined in the translation
				 * unit (malloc'd), or NULL */
	const char *supplier;	/* the header added to the probe for it (c->extra), or NULL */
};

struct ctx {
	const struct uabi_input_spec *spec;
	const struct uabi_profile *p;
	struct uabi_work w;
	struct uabi_cpp cpp;
	char *includes;		/* prelude + #include lines */
	struct cand *cands;
	uint32_t ncands;
	struct name_idx *cand_ix;	/* cands by name (index_cands), or NULL */
	bool *root_ok;
	char **root_reason;
	uint32_t *root_line;
	/* the headers could write assembler text (asmtext.h): compile with
	 * -S and check it before assembling; where the first sign is */
	bool asm_risk;
	bool def_risk;		/* a #define body could carry assembler text
				 * (uabi_asm__cpp_code_risk): a risk where the
				 * probe's own lines reach it */
	bool std_def_risk;	/* the same in c->std_text */
	char risk_file[PATH_MAX];
	uint32_t risk_line;
	/* the compiler's and the C library's headers the probe pass entered
	 * ("<compiler>/stddef.h", "<sysroot>/sys/time.h"), which the -dD pass
	 * (c->cpp) may not have: recorded in input.files */
	char **cc_files;
	uint32_t ncc_files;
	struct uabi_diag *d;
	/* the group of headers this translation unit includes (all of the
	 * selected ones, or a part: extract_run) and the probe line of the
	 * first one's #include (the others follow, one a line) */
	const char **hdrs;
	uint32_t nhdrs;
	uint32_t first_include_line;
	/* a compile of the group failed in headers: what the compiler said,
	 * for attribute_errors (malloc'd, or NULL) */
	char *group_err;
	const char *group_src;	/* the source it compiled (macros.c, probe.c) */
	/* --all: the index in hdrs of the header the last tool run was in
	 * when a limit stopped it (its -H trace: the last header of the
	 * group entered at depth 1), or -1 */
	long stalled;
	/* the limit that stopped the last tool run: -ETIMEDOUT (--timeout),
	 * -ENOMEM (--memory-limit), -EFBIG (the output's file-size limit),
	 * or 0 */
	int limit_err;
	/* every tree file the first screen of the headers entered (relative
	 * to the root; the C library's as "<sysroot>/..."): what the result
	 * depends on, skipped headers too */
	char **seen;
	uint32_t nseen;
	/* --all: the group's next -dD pass without supplied headers stands for
	 * screen_missing (written with -MD: the files it lists, as `cc -M`
	 * does): fold_screen before it, fold_record to fill seen from it;
	 * screen_wanted when it cannot (the compile failed, or it entered a
	 * file screen_missing charges or refuses): extract_groups screens */
	bool fold_screen;
	bool fold_record;
	bool screen_wanted;
	/* ioctls an earlier compile of the same group found not applicable
	 * (name, reason): dropping a header does not make them compile */
	char **na;
	uint32_t nna;
	uint32_t cap_na;	/* slots of na (grown by doubling) */
	char **warnings;	/* said at the end (warn_once) */
	uint32_t nwarnings;
	uint32_t cap_warnings;	/* slots of warnings (grown by doubling) */
	/* --all: why the group's headers are not judged at all (refuse()):
	 * extract_groups splits the group until the header alone says it */
	char refusal[768];
	/* --all: headers of the group (indexes into hdrs) that #undef an
	 * ioctl macro another header of the group defines: compiled in a
	 * later group, without it (find_ioctls) */
	uint32_t *iso;
	uint32_t niso;
	/* --all: where the uapi headers define tags and ioctl macros
	 * (discover.h), and the headers added after the group's for what its
	 * ioctls use but do not include (supply()): extra[i] for the ioctl or
	 * macro named for_name[i] */
	struct uabi_defs defs;
	char **extra;
	char **for_name;
	uint32_t nextra;
	uint32_t ncompiled;	/* how many of them the last compile included */
	bool no_extra;		/* this compile without them: they broke it */
	/* the ones whose #include line the errors of a compile started at
	 * (drop_faulty), kept out since, with the names they were for */
	char **drop_hdr, **drop_for;
	/* per kept-out header: 0, or the limit that stopped the compiler in
	 * it (limit_stop: -ETIMEDOUT, -ENOMEM, -EFBIG) */
	int *drop_limit;
	uint32_t ndrop;
	/* the index in extra of the added header a limit stopped the last
	 * run in (its -H trace), or -1 */
	long stalled_extra;
	char (*sel)[PATH_MAX];	/* the selected headers and their asm/ twins */
	uint32_t nsel;
	const struct uabi_macro **plain;	/* their object-like macros that are no ioctl */
	uint32_t nplain;
	/* the -dD pass's output, kept for the probe (probe_head) */
	char *macros_text;
	/* clang: the same with <stddef.h> entered after the headers
	 * (split_stddef), or NULL */
	char *std_text;
	/* the probe's text before its own lines when it is compiled without
	 * a preprocessor run of its own (probe_head), once built; head_state
	 * 0 not tried, 1 built, -1 the probe needs its own run; std_*: the
	 * same for a probe that includes <stddef.h> (from std_text), and
	 * std_cpp what the head's text entered */
	char *head;
	int head_state;
	char *std_head;
	int std_head_state;
	struct uabi_cpp std_cpp;
	/* the macros that act where expanded, of each head's text
	 * (uabi_taint__build): the probe's own lines must expand none */
	struct uabi_taint taint, std_taint;
	/* --all: "IOCTL\tFILE" for every file defining a macro an ioctl's
	 * expansion may reach (uabi_cpp__macro_reach), for header_deps */
	char **mdeps;
	uint32_t nmdeps;
	uint32_t cap_mdeps;	/* slots of mdeps (grown by doubling) */
	bool mdeps_oom;
	/* an incremental extraction (uabi_extract__run_incremental): a group
	 * that does not compile whole gives up (-ESTALE) rather than split */
	bool strict;
	/* --all: the headers' textual closures and what their files say of
	 * macros (incdeps.h), for check_foreign; made on first use */
	struct uabi_incdeps *inc;
	/* --all: "HEADER\tFILE" for a macro a header's closure uses in
	 * #define bodies only and FILE, outside that closure, defines in its
	 * group (check_foreign: a provider), for header_deps */
	struct deplist *fdeps;
	/* an incremental extraction: the headers the cached result's ioctls
	 * took from suppliers (supply()), tried in a group's first -dD pass
	 * (seed_pass); pointers into the cached layout */
	const struct seed *seeds;
	uint32_t nseeds;
	/* seed_pass's outcome for prepare_tu: the pass's text cut where the
	 * supplied headers begin with the -MD list of that part (round 0's),
	 * the whole text (round 1's when supply() asks for the same headers
	 * for the same names), and those pairs */
	char *seed_head, *seed_dep, *seed_text;
	char **seed_extra, **seed_for;
	uint32_t nseed_extra;
	/* pass_macros: this text (and -MD list) instead of a compiler run,
	 * once */
	const char *canned, *canned_dep;
};

/* A supplier the cached result's ioctl name (of header hdr, its macro on
 * line of its file) used. */
struct seed {
	const char *hdr;
	const char *supplier;
	const char *name;
	uint32_t line;
};

static const char *profile_name(const struct ctx *c)
{
	return c->p->name;
}

/* First lines of a compiler's stderr, for the diagnostic detail: only
 * what lies in files the compiler may read, paths relative to the tree. */
static void set_detail_lines(struct ctx *c, const char *err, const char *source, int max)
{
	struct uabi_diag *d = c->d;
	char buf[sizeof(d->detail)];
	char *shown = uabi_work__diagnostics(&c->w, err, source);
	size_t o = 0;
	int lines = 0;

	for (const char *p = shown ? shown : ""; *p && lines < max && o + 2 < sizeof(buf); p++) {
		buf[o++] = *p;
		if (*p == '\n')
			lines++;
	}
	buf[o] = '\0';
	free(shown);
	uabi_diag__set_detail(d, buf);
}

static bool resolve_include(const struct uabi_work *w, const char *name, char *path, size_t len);

/*
 * A run of a group's preprocessor with -H (screen_missing, pass_macros
 * under --all) that the time limit stopped: both compilers print each file
 * they enter to stderr, unbuffered, one dot a level (". /path/linux/x.h"),
 * so the last depth-1 line that is a header of the group names the one
 * being read when it stopped. Its index in c->hdrs, or -1 (no trace: a
 * compile, an assembler, a linker).
 */
static long stalled_header(struct ctx *c, const char *errfile)
{
	uint32_t n = c->nhdrs + c->ncompiled;
	char *text = NULL, **wants;
	long found = -1;

	if (!c->spec->all || !c->nhdrs || uabi_file__read(errfile, &text, NULL, NULL) != 0)
		return -1;
	/* where each header is, spelled as the compiler will; then the
	 * headers supply() added, which the compile includes after them */
	wants = calloc(n, sizeof(*wants));
	for (uint32_t i = 0; wants && i < n; i++) {
		char want[PATH_MAX];

		if (resolve_include(&c->w, i < c->nhdrs ? c->hdrs[i] : c->extra[i - c->nhdrs], want,
				    sizeof(want)))
			wants[i] = strdup(want);
	}
	for (const char *p = text; wants && *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		for (uint32_t i = 0; len > 2 && p[0] == '.' && p[1] == ' ' && i < n; i++) {
			if (wants[i] && strlen(wants[i]) == len - 2 && !memcmp(wants[i], p + 2, len - 2)) {
				found = i;
				break;
			}
		}
		p = e ? e + 1 : p + len;
	}
	for (uint32_t i = 0; wants && i < n; i++)
		free(wants[i]);
	free(wants);
	free(text);
	if (found >= (long)c->nhdrs) {
		c->stalled_extra = found - (long)c->nhdrs;
		found = -1;
	}
	return found;
}

/* Remove from a compiler's stderr what -H printed (the lines of dots and
 * a file, gcc's "Multiple include guards may be useful for:" and the
 * files after it, at the end), in place: what the compiler said. */
static void strip_trace(char *err)
{
	char *o = err;

	for (char *p = err; p && *p;) {
		char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p + 1) : strlen(p), k = 0;

		while (k < len && p[k] == '.')
			k++;
		if (!strncmp(p, "Multiple include guards may be useful for:\n", 43))
			break;
		if (!k || k >= len || p[k] != ' ') {
			memmove(o, p, len);
			o += len;
		}
		p += len;
	}
	if (o)
		*o = '\0';
}

/* Run argv; stdout goes to the scratch file `outname` if given. */
static int run_tool(struct ctx *c, const char **argv, const char *what, const char *outname,
		    struct uabi_run *run)
{
	char outfile[PATH_MAX + 16];

	char errfile[PATH_MAX + 16];
	int err;

	if (c->spec->verbose) {
		char line[8192];

		uabi_spawn__format((char *const *)argv, line, sizeof(line));
		uabi_eprintf("uabi: %s: %s", profile_name(c), line);
	}
	snprintf(errfile, sizeof(errfile), "%s/%s.err", c->w.dir, what);
	if (outname)
		snprintf(outfile, sizeof(outfile), "%s/%s", c->w.dir, outname);
	err = uabi_spawn__run_out((char *const *)argv, outname ? outfile : NULL, errfile, run, c->d);
	c->limit_err = err ? run->limit : 0;
	c->stalled_extra = -1;
	c->stalled = c->limit_err ? stalled_header(c, errfile) : -1;
	if (err)
		uabi_diag__prefix(c->d, "%s", profile_name(c));
	return err;
}

/* Whether err is the last tool run's stop by a limit (run_tool): the run
 * would only stop again, and --all skips the header it was in. */
static bool limit_stop(const struct ctx *c, int err)
{
	return err && err == c->limit_err;
}

/* The reason --all gives for what limit (limit_stop's error) stopped the
 * compiler in (extract.h: such a dump is not cached). */
static void limit_reason(const struct ctx *c, int limit, char *buf, size_t len)
{
	if (limit == -ENOMEM)
		snprintf(buf, len, "the compiler ran out of its %llu MiB " UABI_EXTRACT_MEMORY_REASON,
			 c->spec->memory_mib ? c->spec->memory_mib : UABI_SPAWN_MEMORY_MIB);
	else if (limit == -EFBIG)
		snprintf(buf, len, "the compiler's output reached the %u MiB " UABI_EXTRACT_FSIZE_REASON,
			 UABI_SPAWN_FSIZE_MIB);
	else
		snprintf(buf, len, "the compiler ran past the %u s " UABI_EXTRACT_TIMEOUT_REASON,
			 c->spec->timeout_s ? c->spec->timeout_s : UABI_SPAWN_TIMEOUT_S);
}

/* Run a step whose only outcome is success or a toolchain error naming
 * it ("assembling the probe", "linking the probe"), with the first lines
 * of what the tool said about files inside the tree. */
static int run_step(struct ctx *c, const char **argv, const char *what, const char *doing)
{
	struct uabi_run run;
	int err = run_tool(c, argv, what, NULL, &run);

	if (err)
		return err;
	if (run.status != 0) {
		err = uabi_diag__toolchain(c->d, EIO, "%s: %s failed (%s exited %d)", profile_name(c),
					   doing, argv[0], run.status);
		set_detail_lines(c, run.err, NULL, 12);
	}
	uabi_run__free(&run);
	return err;
}

/*
 * A header of the group is not judged, for a reason no compiler error
 * shows (a reserved name, a macro too big to expand): an input error
 * naming file:line (relative to the tree) and the reason, or with --all
 * -EAGAIN with c->refusal set and no compiler errors: the group is split
 * until one header alone is refused (a header cannot lay the blame on
 * another one with forged line markers), and that one is skipped.
 */
static int refuse(struct ctx *c, const char *file, uint32_t line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int refuse(struct ctx *c, const char *file, uint32_t line, const char *fmt, ...)
{
	char rel[PATH_MAX], why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	snprintf(c->refusal, sizeof(c->refusal), "%s:%u: %s",
		 file && *file ? uabi_work__relpath(&c->w, file, rel, sizeof(rel)) : "<unknown>", line, why);
	if (c->spec->all) {
		free(c->group_err);
		c->group_err = NULL;
		return -EAGAIN;
	}
	return uabi_diag__input(c->d, EPERM, "%s: %s", profile_name(c), c->refusal);
}

/* A header that names an identifier or macro __uabi_* (reserved for the
 * probe's own names, which uabi reads back from DWARF) could forge an
 * ioctl's number or type: refused (refuse()). text is -E output; lines
 * attributed to skip (the probe itself) do not count, NULL: none. */
static int check_reserved(struct ctx *c, const char *text, const char *skip)
{
	char file[PATH_MAX], ident[128];
	uint32_t line;

	if (!uabi_cpp__find_reserved(text, skip, file, sizeof(file), &line, ident, sizeof(ident)))
		return 0;
	if (strchr(ident, '$'))
		return refuse(c, file, line, "%s: an identifier with '$' (both compilers take it,"
			      " uabi's readers of macros do not, and could see another macro); not"
			      " allowed in a uapi header", ident);
	if (!strncmp(ident, "__uabi_builtin_", 15))
		return refuse(c, file, line, "__%s__: its value depends on how the header is"
			      " compiled (the path, the include depth, the headers before it, hosted"
			      " or freestanding, the date and time), so its layout would too; not"
			      " allowed in a uapi header", ident + 15);
	return refuse(c, file, line, "%s: identifiers and macros named __uabi_* are reserved for"
		      " uabi's probe", ident);
}

/*
 * A header that #undefs or redefines a macro the compiler predefines
 * (__SIZEOF_LONG__, __CHAR_BIT__, ...) compiles differently from what uabi
 * checks (the probe compiled from the -dD text, -x cpp-output, gets the
 * predefined macros back) and changes every header after it; one that
 * #undefs or redefines the kernel's ioctl encoding (_IOC_NRSHIFT, _IOR,
 * ...) after <linux/ioctl.h> gives numbers the kernel's _IOC_* fields do
 * not decode, and changes the headers after it; one that #defines a
 * keyword or operator the probe is written with (sizeof, _Alignof,
 * struct, long, ...) changes what the probe measures (the profile's
 * pointer and long sizes: every header of the run). All are refused
 * (refuse()): with --all the header is skipped with the reason, alone.
 */
static int check_meddling(struct ctx *c, const char *text)
{
	struct uabi_cpp_meddle pre, ioc, word;
	char path[PATH_MAX];
	uint32_t after = 0;

	/* the prelude includes the tree's <linux/ioctl.h> (write_includes) */
	if (resolve_include(&c->w, "linux/ioctl.h", path, sizeof(path)))
		after = c->first_include_line;
	if (uabi_cpp__meddling(text, after, &pre, &ioc, &word))
		return uabi_diag__input(c->d, ENOMEM, "%s: out of memory", profile_name(c));
	if (pre.found)
		return refuse(c, pre.file, pre.line, "%s: %s a macro the compiler predefines is not"
			      " allowed (the headers would compile differently from what uabi checks)",
			      pre.name, pre.undef ? "#undef of" : "redefining");
	if (ioc.found)
		return refuse(c, ioc.file, ioc.line, "%s: %s the kernel's ioctl encoding"
			      " (asm-generic/ioctl.h) is not allowed (its numbers would not be the"
			      " kernel's, and it would change those of every header after it)",
			      ioc.name, ioc.undef ? "#undef of" : "redefining");
	if (word.found)
		return refuse(c, word.file, word.line, "%s: a macro named as a C keyword or operator"
			      " uabi's probe is written with is not allowed (the probe would measure"
			      " something else, e.g. every size of the profile)", word.name);
	return 0;
}

static bool in_tree(void *ctx, const char *file)
{
	return uabi_work__in_tree(ctx, file);
}

/* A header whose files use __has_include (hasinclude.h) could sense
 * uabi's scratch files and show it a layout no program sees: refused
 * (refuse()). */
static int check_hasinclude(struct ctx *c)
{
	struct uabi_hasinc_use use;
	int r = uabi_hasinc__find(&c->cpp, in_tree, &c->w, &use);

	if (r == -EINTR)
		return uabi_diag__input(c->d, EINTR, "%s: interrupted", profile_name(c));
	if (r < 0)
		return uabi_diag__input(c->d, ENOMEM, "%s: out of memory", profile_name(c));
	if (!r)
		return 0;
	if (use.paste)
		return refuse(c, use.file, use.line, "%s: a macro that pastes tokens on an #if line"
			      " could build __has_include or __STDC_HOSTED__, which tell uabi's compile"
			      " from a program's; not allowed in a uapi header", use.name);
	if (use.hosted)
		return refuse(c, use.file, use.line, "%s: a program's compile predefines it (hosted,"
			      " with the C library's stdc-predef.h) and uabi's does not: the header"
			      " could show uabi another layout; not allowed in a uapi header", use.name);
	if (!strcmp(use.name, "__STDC_HOSTED__"))
		return refuse(c, use.file, use.line, "__STDC_HOSTED__: uabi compiles freestanding (0)"
			      " where a program is hosted (1): the header could show uabi another"
			      " layout; not allowed in a uapi header");
	if (strncmp(use.name, "__has_include", 13))
		return refuse(c, use.file, use.line, "%s: reaches __has_include, __STDC_HOSTED__ or a"
			      " macro only a program's compile predefines, which tell uabi's compile"
			      " from a program's; not allowed in a uapi header", use.name);
	return refuse(c, use.file, use.line, "%s: __has_include tests whether a file exists, outside"
		      " the tree too (the header could tell uabi's compile from a program's); not"
		      " allowed in a uapi header", use.name);
}

/* A header that leaves #pragma pack (or another layout pragma) in force
 * after its end packs every header and program line after it: refused
 * (refuse()). */
static int check_pragmas(struct ctx *c, const char *text)
{
	char file[PATH_MAX], what[96];
	uint32_t line;

	if (!uabi_cpp__pragma_leak(text, file, sizeof(file), &line, what, sizeof(what)))
		return 0;
	return refuse(c, file, line, "%s: the header leaves this layout pragma in force after its end"
		      " (every header and program line after it would be laid out by it); not"
		      " allowed in a uapi header", what);
}

/* The probe's opening: the profile's prelude, <linux/ioctl.h> where the
 * tree has it (a header may use _IOR without including it: if_tun.h
 * relies on the program's <sys/ioctl.h>; not the C library's copy, which
 * is another kernel's), then one #include a header. *first gets the
 * 1-based line of the first header's #include. */
static int write_includes(const struct uabi_work *w, const char *const *hdrs, uint32_t n,
			  char *const *extra, uint32_t nextra, char **text, uint32_t *first,
			  struct uabi_diag *d)
{
	const struct uabi_profile *p = w->profile;
	char path[PATH_MAX];
	struct uabi_sbuf b;
	uint32_t lines = 0;

	uabi_sbuf__init(&b);
	uabi_sbuf__addf(&b, "/* generated by uabi for profile %s */\n", p->name);
	if (p->prelude)
		uabi_sbuf__addf(&b, "%s\n", p->prelude);
	/* three lines either way: the headers' lines stay where they were */
	if (resolve_include(w, "linux/ioctl.h", path, sizeof(path)))
		uabi_sbuf__addf(&b, "/* the tree's <linux/ioctl.h>: a header may use _IOR without it */\n"
				"#include <linux/ioctl.h>\n\n");
	else
		uabi_sbuf__addf(&b, "/* the tree has no <linux/ioctl.h> */\n\n\n");
	for (size_t i = 0; b.s && i < b.len; i++)
		lines += b.s[i] == '\n';
	for (uint32_t i = 0; i < n; i++)
		uabi_sbuf__addf(&b, "#include <%s>\n", hdrs[i]);
	/* what the headers use without including it (supply()), after them */
	for (uint32_t i = 0; i < nextra; i++) {
		bool again = false;

		for (uint32_t j = 0; j < i && !again; j++)
			again = !strcmp(extra[j], extra[i]);
		if (!again)
			uabi_sbuf__addf(&b, "#include <%s>\n", extra[i]);
	}
	if (first)
		*first = lines + 1;
	*text = uabi_sbuf__finish(&b, d);
	return *text ? 0 : -ENOMEM;
}

int uabi_extract__write_includes(const struct uabi_work *w, const char *const *hdrs, uint32_t n,
				 char *const *extra, uint32_t nextra, char **text, struct uabi_diag *d)
{
	if (!hdrs) {
		hdrs = w->spec->headers;
		n = w->spec->nheaders;
	}
	return write_includes(w, hdrs, n, extra, nextra, text, NULL, d);
}

/* Write text as the scratch file `name`; path gets its full path. */
static int write_file(struct ctx *c, const char *name, const char *text, char *path, size_t len)
{
	uabi_work__path(&c->w, name, path, len);
	return uabi_file__write_scratch(path, text, strlen(text), c->d);
}

/* Find an include name in the include path; path gets incdir/name as the
 * compiler will spell it (no realpath: a symlinked tree stays inside). */
static bool resolve_include(const struct uabi_work *w, const char *name, char *path, size_t len)
{
	struct stat st;

	for (uint32_t i = 0; i < w->nincdirs; i++) {
		snprintf(path, len, "%s/%s", w->incdirs[i], name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			return true;
	}
	return false;
}

static void add_marker(struct uabi_sbuf *b, uint32_t line, const char *path);

/* "# LINE "PATH" 2" (a return to PATH), malloc'd; NULL: out of memory. */
static char *return_marker(uint32_t line, const char *path)
{
	struct uabi_diag d;
	struct uabi_sbuf b;

	uabi_sbuf__init(&b);
	add_marker(&b, line, path);
	uabi_sbuf__adds(&b, " 2");
	return uabi_sbuf__finish(&b, &d);
}

/*
 * The -dD pass of a clang profile ends with #include <stddef.h> after
 * the headers (macros.c's line std_line), so that a probe that includes
 * it there (probe_wants_stddef) is compiled from this text too (build_head).
 * The preprocessor writes as it reads, so the headers' part is what the
 * pass without that line writes: the text up to the marker returning to
 * macros.c's line std_line, then the newline clang ends its output with.
 * *text (the run's output) becomes that part; *whole gets the text as
 * written. False when the text is not made that way, or when the run
 * failed and its stderr names a file of stddef's part or the #include
 * line (a diagnostic of the part the pass without it lacks; clang keeps
 * preprocessing after a fatal error, saying nothing more): the caller
 * runs the pass again without the line.
 */
static bool split_stddef(const char *src, uint32_t std_line, const struct uabi_run *run, char **text,
			 char **whole)
{
	char *t = *text, *part = NULL, *m1 = return_marker(std_line, src),
	     *m2 = return_marker(std_line + 1, src);
	size_t len = strlen(t), cut = 0, end, l1 = m1 ? strlen(m1) : 0;
	bool found = false, ok = false;

	if (!m1 || !m2)
		goto out;
	/* the last return to line std_line (a header's forged marker can only
	 * come before it), and the text after it enters a file */
	for (const char *q = t; (q = strstr(q, m1)); q++) {
		if ((q == t || q[-1] == '\n') && q[l1] == '\n') {
			cut = (size_t)(q - t) + l1 + 1;
			found = true;
		}
	}
	if (!found || strncmp(t + cut, "# 1 \"", 5))
		goto out;
	/* it ends with the return to the next line and clang's newline */
	if (len < 2 || t[len - 1] != '\n' || t[len - 2] != '\n')
		goto out;
	end = len - 2;
	while (end > cut && t[end - 1] != '\n')
		end--;
	if (end <= cut || len - 2 - end != strlen(m2) || memcmp(t + end, m2, len - 2 - end))
		goto out;
	if (run->status != 0) {
		char at[PATH_MAX + 16];

		snprintf(at, sizeof(at), "%s:%u:", src, std_line);
		if (strstr(run->err, at))
			goto out;
		for (size_t i = cut; i < end;) {
			const char *e = memchr(t + i, '\n', end - i);
			size_t n = e ? (size_t)(e - (t + i)) : end - i;
			char file[PATH_MAX];
			size_t o = 0;
			const char *q = t + i;

			if (n > 3 && q[0] == '#' && q[1] == ' ' && (q = memchr(q, '"', n))) {
				for (q++; q < t + i + n && *q != '"' && o + 1 < sizeof(file); q++) {
					if (*q == '\\' && q + 1 < t + i + n)
						q++;
					file[o++] = *q;
				}
				file[o] = '\0';
				if (!o || o + 1 >= sizeof(file) || (strcmp(file, src) && strstr(run->err, file)))
					goto out;
			}
			i += n + 1;
		}
	}
	part = malloc(cut + 2);
	if (!part)
		goto out;
	memcpy(part, t, cut);
	part[cut] = '\n';
	part[cut + 1] = '\0';
	*whole = t;
	*text = part;
	ok = true;
out:
	free(m1);
	free(m2);
	return ok;
}

/* cc -E -dD over the headers: macros, tags, files. The output goes to
 * stdout (a file), which both compilers leave in place when they fail, so
 * the files entered are checked before anything the compiler said is
 * looked at: a header that reaches outside the tree is an input error
 * and none of the compiler's words about that file are printed. A clang
 * profile's pass also enters <stddef.h> after the headers (split_stddef;
 * c->std_text), where it can, and once more without it where it cannot;
 * not a pass that stands for the screen (its -MD list would name
 * <stddef.h> as a file the headers read). */
static int fold_deps(struct ctx *c, const char *dep, const char *src);
static int missing_include(struct ctx *c, const char *errtext);

static int pass_macros(struct ctx *c)
{
	const char *argv[96];
	struct uabi_run run = { 0 };
	char src[PATH_MAX], out[PATH_MAX], dep[PATH_MAX];
	char *text = NULL, *with_std = NULL;
	/* the group's headers alone: what screen_missing would include */
	bool fold = c->fold_screen && !c->ncompiled;
	bool std = strstr(c->p->cc[0], "clang") != NULL && !fold;
	uint32_t std_line = 1;
	int n = 0, err, ran;

	c->fold_screen = false;
	if (std) {
		struct uabi_sbuf b;

		for (const char *q = c->includes; *q; q++)
			std_line += *q == '\n';
		uabi_sbuf__init(&b);
		uabi_sbuf__adds(&b, c->includes);
		uabi_sbuf__adds(&b, "#include <stddef.h>\n");
		with_std = uabi_sbuf__finish(&b, c->d);
		if (!with_std)
			return -ENOMEM;
	}
again:
	err = write_file(c, "macros.c", std ? with_std : c->includes, src, sizeof(src));
	if (err) {
		free(with_std);
		return err;
	}
	uabi_work__path(&c->w, "macros.i", out, sizeof(out));
	uabi_work__path(&c->w, "screen.d", dep, sizeof(dep));
	n = 0;
	uabi_work__cc_argv(&c->w, argv, &n);
	argv[n++] = "-E";
	argv[n++] = "-dD";
	if (c->spec->all)
		argv[n++] = "-H";	/* stalled_header(); strip_trace() */
	if (fold) {
		argv[n++] = "-MD";
		argv[n++] = "-MF";
		argv[n++] = dep;
	}
	argv[n++] = src;
	argv[n] = NULL;
	if (c->canned) {
		/* seed_pass ran the compiler: its text for this pass */
		const char *canned = c->canned, *canned_dep = c->canned_dep;

		c->canned = c->canned_dep = NULL;
		err = write_file(c, "macros.i", canned, out, sizeof(out));
		if (!err && fold)
			err = write_file(c, "screen.d", canned_dep ? canned_dep : "", dep, sizeof(dep));
		if (!err && !(run.err = strdup("")))
			err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		if (err) {
			free(with_std);
			return err;
		}
		run.status = 0;
		ran = 0;
	} else {
		ran = run_tool(c, argv, "macros", "macros.i", &run);
		if (!ran && c->spec->all)
			strip_trace(run.err);
	}
	if (fold && !ran) {
		/* a missing file fails the compile; one the screen charges or
		 * refuses is listed: the screen says which header, its way */
		err = run.status != 0 ? 0 : fold_deps(c, dep, src);
		if (err || run.status != 0 || c->screen_wanted) {
			c->screen_wanted = !err;
			uabi_run__free(&run);
			return err ? err : -EAGAIN;
		}
	}
	free(c->std_text);
	c->std_text = NULL;
	if (std && !limit_stop(c, ran) &&
	    (ran || uabi_file__read(out, &text, NULL, NULL) != 0 ||
	     !split_stddef(src, std_line, &run, &text, &c->std_text))) {
		/* today's pass, exactly: without the line (a run that did
		 * not end, too: what it says is that pass's; not one the time
		 * limit stopped, which would cost that time again) */
		free(text);
		text = NULL;
		if (!ran)
			uabi_run__free(&run);
		run = (struct uabi_run){ 0 };
		std = false;
		goto again;
	}
	free(with_std);
	with_std = NULL;
	if (text || uabi_file__read(out, &text, NULL, NULL) == 0) {
		err = uabi_cpp__parse(&c->cpp, text);
		/* a macro body counts where the probe's lines reach it: a probe
		 * preprocessed on its own has its expansions in its -E text
		 * (preprocess_probe), one compiled from this text is checked
		 * line by line (probe_lines_risk) */
		c->asm_risk = uabi_asm__cpp_code_risk(text, c->risk_file, sizeof(c->risk_file),
						      &c->risk_line, &c->def_risk);
		for (uint32_t i = 0; i < c->spec->nroots && !c->asm_risk; i++)
			c->asm_risk = uabi_asm__code_risk(c->spec->roots[i]);
		/* kept for the probe (probe_head); freed with the group */
		free(c->macros_text);
		c->macros_text = text;
		if (err) {
			uabi_run__free(&run);
			return uabi_diag__input(c->d, -err, "%s: out of memory", profile_name(c));
		}
		err = uabi_work__check_includes(&c->w, &c->cpp, src, c->d);
		if (err) {
			uabi_diag__prefix(c->d, "%s", profile_name(c));
			uabi_run__free(&run);
			return err;
		}
		/* macros.c itself names nothing reserved: every line counts,
		 * whatever file a #line makes it look like */
		err = check_reserved(c, text, NULL);
		if (!err)
			err = check_meddling(c, text);
		if (!err)
			err = check_hasinclude(c);
		if (!err)
			err = check_pragmas(c, text);
		if (err) {
			uabi_run__free(&run);
			return err;
		}
	} else if (!ran && run.status == 0) {
		uabi_run__free(&run);
		return uabi_diag__toolchain(c->d, EIO, "%s: %s wrote no output", profile_name(c), argv[0]);
	}
	if (ran)
		return ran;
	if (run.status != 0 && c->spec->all) {
		/* extract_run finds the headers at fault and compiles the rest */
		free(c->group_err);
		c->group_err = run.err;
		c->group_src = "macros.c";
		return -EAGAIN;
	}
	if (run.status != 0 && (err = missing_include(c, run.err))) {
		uabi_run__free(&run);
		return err;
	}
	if (run.status != 0) {
		err = uabi_diag__toolchain(c->d, EIO, "%s: the headers do not preprocess (%s exited %d)",
					   profile_name(c), argv[0], run.status);
		set_detail_lines(c, run.err, src, 12);
		uabi_run__free(&run);
		return err;
	}
	uabi_run__free(&run);
	return 0;
}

/* by s (NULL first), then idx */
static int cmp_name_idx(const void *a, const void *b)
{
	const struct name_idx *x = a, *y = b;
	int r = !x->s || !y->s ? (x->s != NULL) - (y->s != NULL) : strcmp(x->s, y->s);

	if (r)
		return r;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* The first entry of v[0..n) (sorted by cmp_name_idx) whose s is s: its
 * position, or n. Equal names follow it, by idx. */
static uint32_t name_idx_find(const struct name_idx *v, uint32_t n, const char *s)
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (!v[mid].s || strcmp(v[mid].s, s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].s && !strcmp(v[lo].s, s) ? lo : n;
}

/* c->cands by macro name (c->cand_ix), built when the candidates are. */
static int index_cands(struct ctx *c)
{
	free(c->cand_ix);
	c->cand_ix = malloc(((size_t)c->ncands + 1) * sizeof(*c->cand_ix));
	if (!c->cand_ix)
		return -ENOMEM;
	for (uint32_t i = 0; i < c->ncands; i++)
		c->cand_ix[i] = (struct name_idx){ c->cands[i].m->name, i };
	if (c->ncands)
		qsort(c->cand_ix, c->ncands, sizeof(*c->cand_ix), cmp_name_idx);
	return 0;
}

/* The first candidate (lowest index) named name, or NULL; the next ones of
 * that name are c->cand_ix[pos + 1...] (*pos: its place there). */
static struct cand *cand_find(struct ctx *c, const char *name, uint32_t *pos)
{
	uint32_t i;

	if (!c->cand_ix && index_cands(c))
		return NULL;
	i = name_idx_find(c->cand_ix, c->ncands, name);
	if (pos)
		*pos = i;
	return i < c->ncands ? &c->cands[c->cand_ix[i].idx] : NULL;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* sel[0..nsel) sorted by cmp_path (find_ioctls) */
bool uabi_extract__asm_twin(const char *h, char *buf, size_t len)
{
	const char *base = strrchr(h, '/');

	if (!base || !strncmp(h, "asm/", 4))
		return false;
	return (size_t)snprintf(buf, len, "asm%s", base) < len;
}

static bool is_selected_file(struct ctx *c, const char *file, char (*sel)[PATH_MAX], uint32_t nsel)
{
	(void)c;
	return nsel && bsearch(file, sel, nsel, sizeof(*sel), cmp_path);
}

static void cands_free(struct ctx *c)
{
	for (uint32_t i = 0; i < c->ncands; i++) {
		free(c->cands[i].arg_type);
		free(c->cands[i].reason);
		free(c->cands[i].missing);
	}
	free(c->cands);
	c->cands = NULL;
	c->ncands = 0;
	free(c->cand_ix);
	c->cand_ix = NULL;
	free(c->sel);
	c->sel = NULL;
	c->nsel = 0;
	free(c->plain);
	c->plain = NULL;
	c->nplain = 0;
}

/* The tag part ("struct x") of an argument type that needs the tag's body:
 * one that starts with a tag and is no pointer to it. */
static bool tag_of(const char *type, char *buf, size_t len)
{
	const char *p = type, *q;

	if (strncmp(p, "struct ", 7) && strncmp(p, "union ", 6))
		return false;
	q = strchr(p, ' ') + 1;
	while (*q == '_' || (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
	       (*q >= '0' && *q <= '9'))
		q++;
	/* a pointer to the tag has a size whether the tag has a body or not
	 * (agpgart.h: _IOWR(..., struct agp_allocate*), a tag never defined) */
	if (strchr(q, '*'))
		return false;
	snprintf(buf, len, "%.*s", (int)(q - p), p);
	return true;
}

/* Whether a declared argument type (a type id of l, typedefs and
 * qualifiers followed) has a size: not void, not an undefined enum. */
static bool declared_complete(const struct uabi_layout *l, uint32_t t)
{
	for (int hops = 0; t < l->ntypes && hops < 64; hops++) {
		const struct uabi_type *ty = &l->types[t];

		if (ty->kind != UABI_KIND_TYPEDEF && ty->kind != UABI_KIND_CONST &&
		    ty->kind != UABI_KIND_VOLATILE)
			return ty->size > 0 && !ty->declaration;
		t = ty->ref;
	}
	return false;
}

/*
 * The user's --arg-types: the named ioctl's argument is the declared type,
 * whatever its number says. The name must be an ioctl of the selected
 * headers (on a side of a diff, c->spec->label set, it may be absent: the
 * ioctl may be new or removed), a struct or union it names must be
 * defined for this ABI, and the type must compile (checked after the
 * probe, declared_errors): each an input error naming file:line.
 */
static int apply_decls(struct ctx *c)
{
	for (uint32_t i = 0; i < c->spec->narg_decls; i++) {
		const struct uabi_arg_decl *a = &c->spec->arg_decls[i];
		struct cand *k = cand_find(c, a->name, NULL);
		char tag[1024];

		if (!c->cand_ix)
			return uabi_diag__input(c->d, ENOMEM, "out of memory");
		if (!k && c->spec->label)
			continue;
		if (!k)
			return uabi_diag__input(c->d, ENOENT, "%s:%u: %s is not an ioctl of the selected"
						" headers", a->file, a->line, a->name);
		if (tag_of(a->type, tag, sizeof(tag)) && !uabi_cpp__has_tag(&c->cpp, tag))
			return uabi_diag__input(c->d, ENOENT, "%s:%u: %s: %s is not defined by the selected"
						" headers", a->file, a->line, a->name, tag);
		free(k->arg_type);
		free(k->reason);
		k->reason = NULL;
		k->arg_type = strdup(a->type);
		if (!k->arg_type)
			return uabi_diag__input(c->d, ENOMEM, "out of memory");
		k->decl = a;
		k->applicable = true;
	}
	return 0;
}

/* A declared type the compiler rejected (an unknown typedef name): an
 * input error, not a quiet not-applicable. */
static int declared_errors(struct ctx *c)
{
	for (uint32_t i = 0; i < c->ncands; i++) {
		const struct cand *k = &c->cands[i];

		if (k->decl && !k->applicable)
			return uabi_diag__input(c->d, EINVAL, "%s:%u: %s: '%s' does not compile with the"
						" selected headers (%s)", k->decl->file, k->decl->line,
						k->decl->name, k->decl->type,
						k->reason ? k->reason : "unknown type");
	}
	return 0;
}

/* A warning for the end of a successful extraction, said once however
 * often the group is compiled (c->warnings). */
static void warn_once(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn_once(struct ctx *c, const char *fmt, ...)
{
	char *text;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (c->nwarnings == c->cap_warnings) {
		uint32_t cap = c->cap_warnings ? c->cap_warnings * 2 : 16;
		char **v = cap > c->cap_warnings ? realloc(c->warnings, (size_t)cap * sizeof(*v)) : NULL;

		if (!v) {
			free(text);
			return;
		}
		c->warnings = v;
		c->cap_warnings = cap;
	}
	c->warnings[c->nwarnings++] = text;
}

/* c->warnings without the repeats (a group compiled again says its
 * warnings again), the first of each kept in place: sorted by text, not
 * compared pairwise. */
static void warnings_unique(struct ctx *c)
{
	struct name_idx *v = malloc(((size_t)c->nwarnings + 1) * sizeof(*v));
	uint32_t k = 0;

	if (!v)
		return;
	for (uint32_t i = 0; i < c->nwarnings; i++)
		v[i] = (struct name_idx){ c->warnings[i], i };
	if (c->nwarnings)
		qsort(v, c->nwarnings, sizeof(*v), cmp_name_idx);
	for (uint32_t i = 1; i < c->nwarnings; i++) {
		if (!strcmp(v[i - 1].s, v[i].s)) {
			free(c->warnings[v[i].idx]);
			c->warnings[v[i].idx] = NULL;
		}
	}
	for (uint32_t i = 0; i < c->nwarnings; i++)
		if (c->warnings[i])
			c->warnings[k++] = c->warnings[i];
	c->nwarnings = k;
	free(v);
}

static bool is_selected_file(struct ctx *c, const char *file, char (*sel)[PATH_MAX], uint32_t nsel);
static int check_undefs(struct ctx *c, char (*sel)[PATH_MAX], uint32_t nsel);
static int check_entries(struct ctx *c);
static bool extra_has(const struct ctx *c, uint32_t n, const char *hdr, const char *name);
static int check_foreign(struct ctx *c);
static bool in_list(const char *const *v, uint32_t n, const char *s);

static int cmp_need(const void *a, const void *b)
{
	return strcmp(((const struct uabi_cpp_need *)a)->file, ((const struct uabi_cpp_need *)b)->file);
}

/* A tag whose name is an object-like macro naming another identifier
 * (linux/nvme_ioctl.h: `#define nvme_admin_cmd nvme_passthru_cmd`, and
 * NVME_IOCTL_ADMIN_CMD takes a struct nvme_admin_cmd): whether the tag it
 * becomes has a body; tag (len bytes) gets that tag when it has. */
static bool alias_has_tag(struct ctx *c, char *tag, size_t len)
{
	char now[512];
	const char *sp = strchr(tag, ' ');

	if (!sp)
		return false;
	snprintf(now, sizeof(now), "%s", tag);
	for (int hops = 0; hops < 8; hops++) {
		const char *id = strchr(now, ' ') + 1;
		const struct uabi_macro *m = uabi_cpp__find(&c->cpp, id);
		char next[512];

		if (!m || m->funclike || !uabi_cpp__is_ident(m->body))
			return false;
		snprintf(next, sizeof(next), "%.*s %s", (int)(sp - tag), tag, m->body);
		if (uabi_cpp__has_tag(&c->cpp, next)) {
			snprintf(tag, len, "%s", next);
			return true;
		}
		snprintf(now, sizeof(now), "%s", next);
	}
	return false;
}

/* uabi_cpp__macro_reach: the file of macro m decides an ioctl of the
 * group (the one being added: the last candidate). */
static void note_macro(void *ctx, const struct uabi_macro *m)
{
	struct ctx *c = ctx;
	char rel[PATH_MAX], **v;

	uabi_work__relpath(&c->w, m->file, rel, sizeof(rel));
	if (c->mdeps_oom || rel[0] == '<' || rel[0] == '/')
		return;
	v = c->mdeps;
	if (c->nmdeps == c->cap_mdeps) {
		/* doubling: one slot at a time was quadratic (2,600 ioctls) */
		v = realloc(c->mdeps, (c->cap_mdeps ? c->cap_mdeps * 2 : 256) * sizeof(*v));
		if (v)
			c->cap_mdeps = c->cap_mdeps ? c->cap_mdeps * 2 : 256;
	}
	if (!v || asprintf(&v[c->nmdeps], "%s\t%s", c->cands[c->ncands - 1].m->name, rel) < 0) {
		if (v)
			c->mdeps = v;
		c->mdeps_oom = true;
		return;
	}
	c->mdeps = v;
	c->nmdeps++;
}

/* The first builtin macro that takes its value from the place of use that
 * a macro's expansion may reach (uabi_cpp__macro_reach). */
struct where_dep {
	const char *name;
};

static void note_where_dep(void *ctx, const struct uabi_macro *m)
{
	static const char *const names[] = {
		"__LINE__", "__FILE__", "__FILE_NAME__", "__COUNTER__", "__INCLUDE_LEVEL__",
		"__BASE_FILE__", "__DATE__", "__TIME__", "__TIMESTAMP__",
	};
	struct where_dep *wd = ctx;
	const char *p = m->body;
	size_t len;

	while (!wd->name && (p = uabi_cpp__next_ident(p, &len))) {
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (len == strlen(names[i]) && !strncmp(p, names[i], len))
				wd->name = names[i];
		p += len;
	}
}

/* Which object-like macros of the selected headers are ioctl numbers, and
 * of what: expand each with the macro table of the -dD pass until an _IO*
 * constructor call shows. */
static int find_ioctls(struct ctx *c)
{
	char (*sel)[PATH_MAX];
	uint32_t nsel = 0;
	int err = 0;

	/* the selected headers and their asm/ twins */
	sel = calloc(c->nhdrs * 2 + 1, sizeof(*sel));
	c->cands = calloc(c->cpp.nmacros + 1, sizeof(*c->cands));
	c->plain = calloc(c->cpp.nmacros + 1, sizeof(*c->plain));
	if (!sel || !c->cands || !c->plain) {
		free(sel);
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	}
	for (uint32_t i = 0; i < c->nhdrs; i++) {
		char twin[PATH_MAX];

		if (resolve_include(&c->w, c->hdrs[i], sel[nsel], PATH_MAX))
			nsel++;
		if (uabi_extract__asm_twin(c->hdrs[i], twin, sizeof(twin)) &&
		    resolve_include(&c->w, twin, sel[nsel], PATH_MAX))
			nsel++;
	}
	if (nsel)
		qsort(sel, nsel, sizeof(*sel), cmp_path);
	for (uint32_t i = 0; i < c->cpp.nmacros && !err; i++) {
		const struct uabi_macro *m = &c->cpp.macros[i];
		struct uabi_ioc_call call;
		struct cand *k;
		char type[1024];
		int r;

		if (m->funclike || !*m->body || !strncmp(m->name, "__uabi", 6) ||
		    !is_selected_file(c, m->file, sel, nsel))
			continue;
		r = uabi_cpp__ioctl_scan(&c->cpp, m, &call);
		if (r == -EINTR)
			err = uabi_diag__toolchain(c->d, EINTR, "%s: interrupted", profile_name(c));
		else if (r == -E2BIG)
			err = refuse(c, m->file, m->line, "%s: macro expansion exceeds %u bytes", m->name,
				     UABI_MACRO_BUDGET);
		if (r != 1) {
			if (!r)
				c->plain[c->nplain++] = m;
			continue;
		}
		k = &c->cands[c->ncands++];
		k->m = m;
		if (c->spec->all)
			uabi_cpp__macro_reach(&c->cpp, m, note_macro, c);
		snprintf(k->macro, sizeof(k->macro), "%s", call.macro);
		k->applicable = true;
		if (call.nargs == 3 && strcmp(call.macro, "_IOC") && *call.args[2])
			k->arg_type = strdup(call.args[2]);
		else if (call.nargs == 4 && uabi_sizeof_operand(call.args[3], type, sizeof(type)))
			k->arg_type = strdup(type);
		uabi_ioc_call__free(&call);
		if (k->arg_type && tag_of(k->arg_type, type, sizeof(type)) &&
		    !uabi_cpp__has_tag(&c->cpp, type) && !alias_has_tag(c, type, sizeof(type))) {
			k->applicable = false;
			k->missing = strdup(type);
			k->reason = malloc(strlen(type) + 64);
			if (k->reason)
				sprintf(k->reason, "%s is not defined for this ABI", type);
		} else {
			/* __LINE__, __FILE__...: a number that depends on where it
			 * is used (in the probe: uabi's scratch path) is no
			 * number of the header's */
			struct where_dep wd = { 0 };

			uabi_cpp__macro_reach(&c->cpp, m, note_where_dep, &wd);
			if (wd.name) {
				k->applicable = false;
				k->reason = malloc(strlen(wd.name) + 96);
				if (k->reason)
					sprintf(k->reason, "its number depends on %s it is used (%s):"
						" not a number of the header",
						strstr(wd.name, "DATE") || strstr(wd.name, "TIME") ?
						"when" : "where",
						wd.name);
			}
		}
	}
	if (!err && index_cands(c))
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
	/* a name two selected headers define differently: the compiler
	 * takes the last one for a program including both; said, not merged */
	for (uint32_t i = 0; i < c->cpp.nredefined && !err; i++) {
		const struct uabi_macro *r = &c->cpp.redefined[i];
		const struct cand *now;
		struct uabi_ioc_call call;
		char a[PATH_MAX], b[PATH_MAX];

		if (!is_selected_file(c, r->file, sel, nsel))
			continue;
		now = cand_find(c, r->name, NULL);
		if (!now || !strcmp(now->m->file, r->file) || !uabi_cpp__ioctl_call(&c->cpp, r, &call))
			continue;
		uabi_ioc_call__free(&call);
		warn_once(c, "uabi: %s: warning: %s is defined in %s:%u and differently in %s:%u;"
			  " judged as the last (what a program including both gets)", profile_name(c),
			  r->name, uabi_work__relpath(&c->w, r->file, a, sizeof(a)), r->line,
			  uabi_work__relpath(&c->w, now->m->file, b, sizeof(b)), now->m->line);
	}
	if (!err)
		err = check_undefs(c, sel, nsel);
	if (!err || err == -EAGAIN) {
		int r = check_entries(c);

		err = r && r != -EAGAIN ? r : err ? err : r;
	}
	if (!err || err == -EAGAIN) {
		int r = check_foreign(c);

		err = r && r != -EAGAIN ? r : err ? err : r;
	}
	c->sel = sel;
	c->nsel = nsel;
	if (err)
		return err;
	for (uint32_t i = 0; i + 1 < c->nna; i += 2) {
		uint32_t pos;

		if (!cand_find(c, c->na[i], &pos))
			continue;
		for (; pos < c->ncands && !strcmp(c->cand_ix[pos].s, c->na[i]); pos++) {
			struct cand *k = &c->cands[c->cand_ix[pos].idx];

			if (k->applicable) {
				k->applicable = false;
				free(k->reason);
				k->reason = strdup(c->na[i + 1]);
			}
		}
	}
	return err ? err : apply_decls(c);
}

/* Which header of the group (index into c->hdrs) a file was entered
 * through: the include entries of the -dD pass followed out to the probe's
 * own #include line; -1 when none is (the probe, a pseudo file). */
static long owner_of(const struct ctx *c, const char *file)
{
	const char *f = file;

	for (int hop = 0; f && hop < 256; hop++) {
		const struct uabi_include *in = NULL;

		for (uint32_t i = 0; i < c->cpp.nincludes && !in; i++)
			if (!strcmp(c->cpp.includes[i].file, f))
				in = &c->cpp.includes[i];
		if (!in || !in->from)
			return -1;
		if (c->cpp.nincludes && !strcmp(in->from, c->cpp.includes[0].file)) {
			long t = (long)in->line - (long)c->first_include_line;

			return t >= 0 && t < (long)c->nhdrs ? t : -1;
		}
		f = in->from;
	}
	return -1;
}

/*
 * A header that #undefs an ioctl macro of another header of its group
 * (M1) would make that header's ioctl vanish from the judged ones. With
 * --all it is isolated: c->iso gets it and find_ioctls returns -EAGAIN,
 * and extract_groups compiles it in a later group, each header judged as
 * it compiles without the other. Without --all (the headers the user
 * named, together): said, as a redefinition is.
 */
static int check_undefs(struct ctx *c, char (*sel)[PATH_MAX], uint32_t nsel)
{
	for (uint32_t i = 0; i < c->cpp.nundefs; i++) {
		const struct uabi_undef *u = &c->cpp.undefs[i];
		struct uabi_ioc_call call;
		char a[PATH_MAX], b[PATH_MAX];
		long who, whose;
		bool known = false;

		if (u->def.funclike || !is_selected_file(c, u->def.file, sel, nsel) ||
		    !uabi_cpp__ioctl_call(&c->cpp, &u->def, &call))
			continue;
		uabi_ioc_call__free(&call);
		who = owner_of(c, u->file);
		whose = owner_of(c, u->def.file);
		if (!c->spec->all) {
			warn_once(c, "uabi: %s: warning: %s, defined in %s:%u, is #undef'd in %s:%u;"
				  " not judged (what a program including both gets)", profile_name(c),
				  u->def.name, uabi_work__relpath(&c->w, u->def.file, a, sizeof(a)),
				  u->def.line, uabi_work__relpath(&c->w, u->file, b, sizeof(b)), u->line);
			continue;
		}
		if (who < 0 || who == whose)
			continue;
		if (!c->iso) {
			c->iso = calloc(c->nhdrs + 1, sizeof(*c->iso));
			if (!c->iso)
				return uabi_diag__input(c->d, ENOMEM, "out of memory");
		}
		for (uint32_t j = 0; j < c->niso; j++)
			known |= c->iso[j] == (uint32_t)who;
		if (!known)
			c->iso[c->niso++] = (uint32_t)who;
	}
	return c->niso ? -EAGAIN : 0;
}

/*
 * --all: a header of the group whose text did not compile as it does
 * alone because another header defined its include guard first (and
 * maybe its ioctl names: they vanish, or are judged at the other header's
 * file:line). The first entry of the header's file must #define its guard
 * (discover.h), or where it has none its ioctl names that no #if other
 * than a guard surrounds (names under an #if may be absent for this ABI);
 * one that does not goes to c->iso, compiled in a later group as
 * check_undefs' are, and alone it is what a program including it gets.
 */
static int check_entries(struct ctx *c)
{
	struct uabi_cpp_need *needs;
	const char **names;
	char (*paths)[PATH_MAX];
	uint32_t nneeds = 0, nnames = 0, total = 0;
	int err = 0;

	if (!c->spec->all || (c->nhdrs < 2 && !c->ncompiled) || !c->defs.n || !c->macros_text)
		return 0;
	for (uint32_t j = 0; j < c->defs.n; j++)
		total += c->defs.v[j].guard || (c->defs.v[j].macro && !c->defs.v[j].cond);
	needs = calloc(c->nhdrs + c->ncompiled + 1, sizeof(*needs));
	names = calloc(total + c->ncompiled + 1, sizeof(*names));
	paths = calloc(c->nhdrs + c->ncompiled + 1, sizeof(*paths));
	if (!needs || !names || !paths) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto out;
	}
	/* the group's headers, then the headers supply() added (their guard
	 * only: a header of the group that defines it first takes their
	 * definitions away from the ioctls that use them) */
	for (uint32_t i = 0; i < c->nhdrs + c->ncompiled; i++) {
		bool added = i >= c->nhdrs;
		const char *h = added ? c->extra[i - c->nhdrs] : c->hdrs[i], *guard = NULL;
		uint32_t first = nnames;

		if ((added && extra_has(c, i - c->nhdrs, h, NULL)) ||
		    !resolve_include(&c->w, h, paths[nneeds], PATH_MAX))
			continue;
		/* the guard when there is one: it stands for the whole file */
		for (uint32_t j = 0; j < c->defs.n && !guard; j++)
			if (c->defs.v[j].guard && !strcmp(c->defs.v[j].header, h))
				guard = c->defs.v[j].name;
		if (guard)
			names[nnames++] = guard;
		for (uint32_t j = 0; j < c->defs.n && !guard && !added; j++)
			if (c->defs.v[j].macro && !c->defs.v[j].cond && !strcmp(c->defs.v[j].header, h))
				names[nnames++] = c->defs.v[j].name;
		if (nnames == first)
			continue;
		needs[nneeds] = (struct uabi_cpp_need){ .file = paths[nneeds], .names = names + first,
							.nnames = nnames - first };
		nneeds++;
	}
	qsort(needs, nneeds, sizeof(*needs), cmp_need);
	if (nneeds && uabi_cpp__check_entries(c->macros_text, needs, nneeds)) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto out;
	}
	for (uint32_t k = 0; k < nneeds; k++) {
		char rel[PATH_MAX];
		bool known = false;
		uint32_t who = UINT32_MAX;

		if (needs[k].ok)
			continue;
		for (uint32_t i = 0; i < c->nhdrs && who == UINT32_MAX; i++) {
			char path[PATH_MAX];

			if (resolve_include(&c->w, c->hdrs[i], path, sizeof(path)) &&
			    !strcmp(path, needs[k].file))
				who = i;
		}
		if (who == UINT32_MAX) {
			/* an added header: the group's header that defined
			 * its guard (the macro table's definition) goes to a
			 * later group instead */
			const struct uabi_macro *m = uabi_cpp__find(&c->cpp, needs[k].names[0]);

			for (uint32_t i = 0; m && i < c->nhdrs && who == UINT32_MAX; i++) {
				char path[PATH_MAX];

				if (resolve_include(&c->w, c->hdrs[i], path, sizeof(path)) &&
				    !strcmp(path, m->file))
					who = i;
			}
			if (who == UINT32_MAX)
				continue;
			if (c->spec->verbose)
				uabi_eprintf("uabi: %s: %s defines %s, the include guard of %s, which an"
					     " ioctl of its group uses: compiled in a later group",
					     profile_name(c), c->hdrs[who], needs[k].names[0],
					     uabi_work__relpath(&c->w, needs[k].file, rel, sizeof(rel)));
		} else if (c->spec->verbose) {
			uabi_eprintf("uabi: %s: %s: its first entry does not define %s%s (another"
				     " header of its group defined its guard first?): compiled in a"
				     " later group", profile_name(c),
				     uabi_work__relpath(&c->w, needs[k].file, rel, sizeof(rel)),
				     needs[k].nnames > 1 ? "all of " : "", needs[k].names[0]);
		}
		if (!c->iso) {
			c->iso = calloc(c->nhdrs + 1, sizeof(*c->iso));
			if (!c->iso) {
				err = uabi_diag__input(c->d, ENOMEM, "out of memory");
				goto out;
			}
		}
		for (uint32_t j = 0; j < c->niso; j++)
			known |= c->iso[j] == who;
		if (!known)
			c->iso[c->niso++] = who;
	}
	if (c->niso)
		err = -EAGAIN;
out:
	free(needs);
	free(names);
	free(paths);
	return err;
}

static void dep_add(struct deplist *dl, const char *header, const char *dep);

static int cmp_u64key(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* An identifier the expansion of a header's ioctl may read (check_foreign). */
struct reach_id {
	uint64_t id;
	uint32_t hdr;
};

static int cmp_reach_id(const void *a, const void *b)
{
	const struct reach_id *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->hdr < y->hdr ? -1 : x->hdr > y->hdr;
}

struct reach_ctx {
	struct reach_id *v;
	uint32_t n, cap;
	uint32_t hdr;
	bool oom;
};

/* uabi_cpp__macro_reach: the identifiers of m's body, for header rc->hdr */
static void note_reach(void *ctx, const struct uabi_macro *m)
{
	struct reach_ctx *rc = ctx;
	const char *p = m->body;
	size_t len;

	while (!rc->oom && (p = uabi_cpp__next_ident(p, &len))) {
		if (rc->n == rc->cap) {
			uint32_t cap = rc->cap ? rc->cap * 2 : 1024;
			struct reach_id *v = realloc(rc->v, (size_t)cap * sizeof(*v));

			if (!v) {
				rc->oom = true;
				return;
			}
			rc->v = v;
			rc->cap = cap;
		}
		rc->v[rc->n++] = (struct reach_id){ uabi_incdeps__hash(p, len), rc->hdr };
		p += len;
	}
}

/* check_foreign's view of one file of the -dD text. */
struct ffile {
	const char *name;	/* as the markers spell it (in c->macros_text) */
	size_t len;
	long owner;		/* owner_of, or -1 */
	uint32_t node;		/* its incdeps node, or UINT32_MAX */
	bool c_or_libc;		/* "<compiler>/...", "<sysroot>/...", "<generated>/..." */
};

/*
 * --all: a macro defined (or #undef'd) in the group's -dD pass by a file of
 * the tree a header X brought in, whose name another header Y of the group
 * uses (an identifier of a file of Y's textual closure, incdeps.h, entered
 * after the directive, or of Y's ioctls' expansions) without that file in
 * its closure: `#define __u32 __u64` in X turns Y's `__u32 a;` into a
 * __u64, `#define b b[4]` Y's member b into an array, and nothing says so.
 * X goes to c->iso (compiled in a later group, as check_undefs' are), so Y
 * is judged as without it, unless it is harmless to Y:
 *  - Y's closure defines the name too: harmless when the tokens are the
 *    same and Y does not test it (#ifndef), or when Y's own definition is
 *    in force where Y uses it (no use in a file entered after X's
 *    directive, none in Y's ioctls' expansions, which the probe makes last);
 *  - it does not: harmless when Y's code and #if lines do not use it (only
 *    #define bodies: a provider, as supply() gives one; "HEADER\tFILE" goes
 *    to c->fdeps, for header_deps), and for an #undef, when no file defines
 *    the name.
 * The C library's and the compiler's headers are no X (written to be
 * included in any order), nor the files the prelude entered. 0, -EAGAIN
 * with c->iso set, or -ENOMEM.
 */
static int check_foreign(struct ctx *c)
{
	const uint32_t **cn = NULL;
	uint32_t *ncn = NULL, nn, words, nfiles = 0, fcap = 0;
	uint64_t *bits = NULL, *vb = NULL;
	struct ffile *files = NULL, *cur = NULL;
	const char *p;
	bool *said = NULL;
	size_t *entered = NULL;
	struct reach_ctx rc = { 0 };
	uint64_t *defd = NULL;
	uint32_t ndefd = 0, cdefd = 0;
	int err = 0;

	if (!c->spec->all || c->nhdrs < 2 || !c->macros_text)
		return 0;
	if (!c->inc && uabi_incdeps__new(&c->w, &c->inc, c->d))
		return -ENOMEM;
	if (!c->fdeps && !(c->fdeps = calloc(1, sizeof(*c->fdeps))))
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	cn = calloc(c->nhdrs + 1, sizeof(*cn));
	ncn = calloc(c->nhdrs + 1, sizeof(*ncn));
	said = calloc(c->nhdrs + 1, sizeof(*said));
	if (!cn || !ncn || !said) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto out;
	}
	for (uint32_t i = 0; i < c->nhdrs && !err; i++)
		err = uabi_incdeps__closure_nodes(c->inc, c->hdrs[i], &cn[i], &ncn[i], c->d);
	if (err)
		goto out;
	/* bits[node]: the headers whose closure has it */
	nn = uabi_incdeps__nnodes(c->inc);
	words = (c->nhdrs + 63) / 64;
	bits = calloc((size_t)nn * words + 1, sizeof(*bits));
	vb = calloc(words + 1, sizeof(*vb));
	if (!bits || !vb) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto out;
	}
	for (uint32_t i = 0; i < c->nhdrs; i++)
		for (uint32_t j = 0; j < ncn[i]; j++)
			bits[(size_t)cn[i][j] * words + i / 64] |= 1ull << (i % 64);
	entered = calloc((size_t)nn + 1, sizeof(*entered));
	if (!entered) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto out;
	}
	/* every name the text #defines, for its #undefs */
	for (p = c->macros_text; (p = strstr(p, "\n#define ")); p++) {
		uint64_t name, text;
		const char *e = strchr(p + 1, '\n');
		char *line = strndup(p + 9, e ? (size_t)(e - p - 9) : strlen(p + 9));

		if (!line) {
			err = uabi_diag__input(c->d, ENOMEM, "out of memory");
			goto out;
		}
		if (!uabi_incdeps__def_hash(line, &name, &text)) {
			if (ndefd == cdefd) {
				uint64_t *v = realloc(defd, (cdefd = cdefd ? cdefd * 2 : 1024) * sizeof(*v));

				if (!v) {
					free(line);
					err = uabi_diag__input(c->d, ENOMEM, "out of memory");
					goto out;
				}
				defd = v;
			}
			defd[ndefd++] = name;
		}
		free(line);
	}
	if (ndefd)
		qsort(defd, ndefd, sizeof(*defd), cmp_u64key);
	/* the identifiers each header's ioctls expand through (the probe
	 * expands them after every header: a definition made after the
	 * header's own, or an #undef, changes them) */
	{
		const char *last = NULL;
		long o = -1;

		for (uint32_t k = 0; k < c->ncands && !rc.oom; k++) {
			if (c->cands[k].m->file != last) {
				last = c->cands[k].m->file;
				o = owner_of(c, last);
			}
			if (o < 0)
				continue;
			rc.hdr = (uint32_t)o;
			uabi_cpp__macro_reach(&c->cpp, c->cands[k].m, note_reach, &rc);
		}
		if (rc.oom) {
			err = uabi_diag__input(c->d, ENOMEM, "out of memory");
			goto out;
		}
		if (rc.n)
			qsort(rc.v, rc.n, sizeof(*rc.v), cmp_reach_id);
	}
	/* pass 0: where each file was last entered (entered[node], an offset
	 * + 1); pass 1: the directives */
	for (int pass = 0; pass < 2 && !err; pass++)
	for (p = c->macros_text, cur = NULL; *p && !err;) {
		const char *e = strchr(p, '\n'), *next;
		bool undef;
		uint64_t name, text = 0;
		const uint32_t *users;
		const char *nstart;
		uint32_t nusers;
		size_t nlen, off;
		bool any = false;

		if (!e)
			e = p + strlen(p);
		next = *e ? e + 1 : e;
		if (p[0] == '#' && p[1] == ' ' && p[2] >= '0' && p[2] <= '9') {
			/* # N "file" flags: the file the lines after it are of */
			const char *q = memchr(p, '"', (size_t)(e - p)), *qe;
			char path[PATH_MAX], rel[PATH_MAX];
			size_t n;

			cur = NULL;
			if (!q || !(qe = memchr(q + 1, '"', (size_t)(e - q - 1))) || q[1] == '<' ||
			    (n = (size_t)(qe - q - 1)) >= sizeof(path) || memchr(q + 1, '\\', n)) {
				p = next;
				continue;
			}
			for (uint32_t i = 0; i < nfiles && !cur; i++)
				if (files[i].len == n && !strncmp(files[i].name, q + 1, n))
					cur = &files[i];
			if (!pass && cur && cur->node < nn) {
				/* flag 1: entered here */
				for (const char *f = qe + 1; f < e; f++)
					if (*f == '1' && f[-1] == ' ' && (f + 1 == e || f[1] == ' '))
						entered[cur->node] = (size_t)(p - c->macros_text) + 1;
			}
			if (!cur) {
				if (nfiles == fcap) {
					struct ffile *v = realloc(files, (fcap = fcap ? fcap * 2 : 64) *
								  sizeof(*v));

					if (!v) {
						err = uabi_diag__input(c->d, ENOMEM, "out of memory");
						break;
					}
					files = v;
				}
				cur = &files[nfiles++];
				memcpy(path, q + 1, n);
				path[n] = '\0';
				cur->name = q + 1;
				cur->len = n;
				cur->owner = owner_of(c, path);
				uabi_work__relpath(&c->w, path, rel, sizeof(rel));
				cur->node = uabi_incdeps__node(c->inc, rel);
				cur->c_or_libc = rel[0] == '<';
				if (cur->node < nn && !entered[cur->node])
					entered[cur->node] = (size_t)(p - c->macros_text) + 1;
			}
			p = next;
			continue;
		}
		if (!pass) {
			p = next;
			continue;
		}
		undef = !strncmp(p, "#undef ", 7);
		/* the C library's and the compiler's headers are written to
		 * be included in any order (and are no patch's) */
		if ((!undef && strncmp(p, "#define ", 8)) || !cur || cur->owner < 0 || cur->c_or_libc) {
			p = next;
			continue;
		}
		{
			char *line = strndup(p + (undef ? 7 : 8), (size_t)(e - p) - (undef ? 7 : 8));

			if (!line) {
				err = uabi_diag__input(c->d, ENOMEM, "out of memory");
				break;
			}
			if (uabi_incdeps__def_hash(line, &name, &text)) {
				free(line);
				p = next;
				continue;
			}
			free(line);
		}
		if (undef)
			text = 0;
		off = (size_t)(p - c->macros_text) + 1;
		nstart = p + (undef ? 7 : 8);
		while (*nstart == ' ')
			nstart++;
		for (nlen = 0; nstart + nlen < e && (nstart[nlen] == '_' || isalnum((unsigned char)nstart[nlen]));)
			nlen++;
		p = next;
		err = uabi_incdeps__users(c->inc, name, &users, &nusers, c->d);
		if (err)
			break;
		memset(vb, 0, words * sizeof(*vb));
		for (uint32_t u = 0; u < nusers; u++)
			for (uint32_t w = 0; w < words; w++)
				vb[w] |= bits[(size_t)users[u] * words + w];
		for (uint32_t w = 0; w < words; w++) {
			if (cur->node != UINT32_MAX)
				vb[w] &= ~bits[(size_t)cur->node * words + w];
			any |= vb[w] != 0;
		}
		if (!any)
			continue;
		for (uint32_t y = 0; y < c->nhdrs; y++) {
			uint32_t same = 0, other = 0;
			bool code = false, cond = false, use = false, hazard, reached;
			struct reach_id key = { name, y };

			if (!(vb[y / 64] >> (y % 64) & 1) || y == (uint32_t)cur->owner)
				continue;
			for (uint32_t j = 0; j < ncn[y]; j++) {
				const uint64_t *t;
				uint32_t k = uabi_incdeps__node_defines(c->inc, cn[y][j], name, &t);

				for (uint32_t i = 0; i < k; i++) {
					if (text && t[i] == text)
						same++;
					else
						other++;
				}
				/* a file this compile did not enter after X's
				 * directive: nothing of it was read with it */
				if (entered[cn[y][j]] <= off)
					continue;
				code |= uabi_incdeps__node_uses(c->inc, cn[y][j], name, UABI_INCDEPS_CODE);
				cond |= uabi_incdeps__node_uses(c->inc, cn[y][j], name, UABI_INCDEPS_COND);
				use |= uabi_incdeps__node_uses(c->inc, cn[y][j], name, UABI_INCDEPS_ANY);
			}
			reached = rc.n && bsearch(&key, rc.v, rc.n, sizeof(*rc.v), cmp_reach_id);
			if (!use && !reached)
				continue;
			/* code, cond, use: of the files of Y's closure entered
			 * after the directive; reached: in Y's ioctls' expansions,
			 * which the probe makes after every header */
			if (same + other) {
				/* Y defines it: its own definition is in force where
				 * its code and #if lines use it, unless X's came first
				 * and Y tests it (#ifndef), and in its ioctls'
				 * expansions, unless X's came after */
				hazard = (other || undef) ? reached || code : cond;
			} else if (undef) {
				/* it drops what another file provides Y */
				hazard = (reached || use) && ndefd &&
					 bsearch(&name, defd, ndefd, sizeof(*defd), cmp_u64key);
			} else {
				/* a name no file of Y's defines: X's definition
				 * changes what Y's code and #if lines make of it;
				 * used only in Y's #define bodies, it is what a
				 * provider gives (supply(): meye.h's controls are
				 * V4L2_CID_USER_MEYE_BASE + n, of v4l2-controls.h) */
				hazard = code;
			}
			if (!hazard && !undef && !(same + other)) {
				/* a provider: Y's #define bodies use it */
				char rel[PATH_MAX], path[PATH_MAX];

				snprintf(path, sizeof(path), "%.*s", (int)cur->len, cur->name);
				dep_add(c->fdeps, c->hdrs[y], uabi_work__relpath(&c->w, path, rel,
										 sizeof(rel)));
			}
			if (!hazard)
				continue;
			if (!said[cur->owner]) {
				bool known = false;

				said[cur->owner] = true;
				if (c->spec->verbose) {
					char rel[PATH_MAX], path[PATH_MAX];

					snprintf(path, sizeof(path), "%.*s", (int)cur->len, cur->name);
					uabi_eprintf("uabi: %s: %s %s %.*s, which %s uses otherwise (%s):"
						     " compiled in a later group", profile_name(c),
						     c->hdrs[cur->owner], undef ? "#undefs" : "#defines",
						     (int)nlen, nstart, c->hdrs[y],
						     uabi_work__relpath(&c->w, path, rel, sizeof(rel)));
				}
				if (!c->iso && !(c->iso = calloc(c->nhdrs + 1, sizeof(*c->iso)))) {
					err = uabi_diag__input(c->d, ENOMEM, "out of memory");
					break;
				}
				for (uint32_t j = 0; j < c->niso; j++)
					known |= c->iso[j] == (uint32_t)cur->owner;
				if (!known)
					c->iso[c->niso++] = (uint32_t)cur->owner;
			}
			break;
		}
	}
	if (!err && c->fdeps->oom)
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
	if (!err && c->niso)
		err = -EAGAIN;
out:
	free(cn);
	free(ncn);
	free(bits);
	free(vb);
	free(files);
	free(said);
	free(entered);
	free(defd);
	free(rc.v);
	return err;
}

static const char *const base_probe[][2] = {
	{ "char", "char" }, { "short", "short" }, { "int", "int" }, { "long", "long" },
	{ "llong", "long long" }, { "float", "float" }, { "double", "double" },
	{ "ldouble", "long double" }, { "ptr", "void *" }, { "bool", "_Bool" },
};

/* The 1-based number of the line being written, newlines counted once. */
static uint32_t line_now(const struct uabi_sbuf *b, size_t *counted, uint32_t *lines)
{
	for (; *counted < b->len; (*counted)++)
		*lines += b->s[*counted] == '\n';
	return *lines + 1;
}

/* Whether a type spelling names a type of <stddef.h> (a whole token). */
static bool names_stddef_type(const char *s)
{
	static const char *const names[] = { "size_t", "ptrdiff_t", "wchar_t", "max_align_t" };

	for (const char *p = s; p && *p; p++) {
		if (p != s && (p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z') ||
			       (p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= '0' && p[-1] <= '9')))
			continue;
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			size_t n = strlen(names[i]);
			char e;

			if (strncmp(p, names[i], n))
				continue;
			e = p[n];	/* inside the string: p matched n characters */
			if (e != '_' && !(e >= 'a' && e <= 'z') && !(e >= 'A' && e <= 'Z') &&
			    !(e >= '0' && e <= '9'))
				return true;
		}
	}
	return false;
}

/* An ioctl argument or root spelled with size_t (BLKBSZGET: _IOR(0x12,
 * 112, size_t)) compiles in a program that has <stddef.h>: the probe
 * includes it then, after the headers, from the compiler's freestanding
 * headers (input.files records it as <compiler>/stddef.h, and verify
 * includes it again when it is listed). */
static bool probe_wants_stddef(const struct ctx *c)
{
	for (uint32_t i = 0; i < c->ncands; i++)
		if (c->cands[i].applicable && names_stddef_type(c->cands[i].arg_type))
			return true;
	for (uint32_t i = 0; i < c->spec->nroots; i++)
		if (c->root_ok[i] && names_stddef_type(c->spec->roots[i]))
			return true;
	return false;
}

static void write_probe(struct ctx *c, struct uabi_sbuf *b)
{
	size_t counted = 0;
	uint32_t lines = 0;

	uint32_t nappl = 0;

	uabi_sbuf__addf(b, "%s", c->includes);
	if (probe_wants_stddef(c))
		uabi_sbuf__addf(b, "#include <stddef.h>\n");
	/* the members' names are reserved too: a header's #define x would
	 * break them, and __uabi_* is refused (check_reserved) */
	uabi_sbuf__addf(b, "/* base type alignments: offset of __uabi_x after a char */\n");
	for (size_t i = 0; i < sizeof(base_probe) / sizeof(base_probe[0]); i++)
		uabi_sbuf__addf(b, "struct __uabi_b_%s { char __uabi_c; %s __uabi_x; };\n", base_probe[i][0],
				base_probe[i][1]);
	uabi_sbuf__addf(b, "#ifdef __SIZEOF_INT128__\nstruct __uabi_b_int128 { char __uabi_c; __int128 __uabi_x; };\n"
		     "enum { __uabi_ba_int128 = __builtin_offsetof(struct __uabi_b_int128, __uabi_x),"
		     " __uabi_bs_int128 = sizeof(__int128) };\n#endif\n");
	uabi_sbuf__addf(b, "enum {\n");
	for (size_t i = 0; i < sizeof(base_probe) / sizeof(base_probe[0]); i++)
		uabi_sbuf__addf(b, "\t__uabi_ba_%s = __builtin_offsetof(struct __uabi_b_%s, __uabi_x),"
			     " __uabi_bs_%s = sizeof(%s),\n",
			  base_probe[i][0], base_probe[i][0], base_probe[i][0], base_probe[i][1]);
	uabi_sbuf__addf(b, "};\n");

	for (uint32_t i = 0; i < c->ncands; i++)
		nappl += c->cands[i].applicable;
	if (nappl)
		uabi_sbuf__addf(b, "enum { __uabi_k_read = _IOC_READ, __uabi_k_write = _IOC_WRITE,"
			     " __uabi_k_nrshift = _IOC_NRSHIFT, __uabi_k_nrmask = _IOC_NRMASK,"
			     " __uabi_k_typeshift = _IOC_TYPESHIFT, __uabi_k_typemask = _IOC_TYPEMASK,"
			     " __uabi_k_sizeshift = _IOC_SIZESHIFT, __uabi_k_sizemask = _IOC_SIZEMASK,"
			     " __uabi_k_dirshift = _IOC_DIRSHIFT, __uabi_k_dirmask = _IOC_DIRMASK };\n");
	/* clang's enumerators also take what it can fold ((0, 1): a comma
	 * expression), its _Static_assert only an integer constant
	 * expression, as gcc's enumerators do and the kernel's switch cases
	 * need; gcc gets nothing more (its reason stays the enumerator's) */
	/* no message: a string of the probe's own would send its -E text
	 * through -S (asmtext.h) though no header wrote one (clang takes the
	 * C2x form in gnu17, -w quiets its note) */
	uabi_sbuf__addf(b, "#ifdef __clang__\n#define __uabi_ice(x) _Static_assert((x) || 1);\n"
		     "#else\n#define __uabi_ice(x)\n#endif\n");
	uabi_sbuf__addf(b, "/* ioctls: number, _IOC fields, argument type */\n");
	for (uint32_t i = 0; i < c->ncands; i++) {
		struct cand *k = &c->cands[i];
		const char *nm = k->m->name;

		k->probe_line = 0;
		if (!k->applicable)
			continue;
		k->probe_line = line_now(b, &counted, &lines);
		uabi_sbuf__addf(b, "enum { __uabi_n_%s = (%s) }; __uabi_ice(%s)", nm, nm, nm);
		if (k->arg_type)
			/* a declared TYPE must be a type name, not an expression
			 * that __typeof__ would take (a macro of a number) */
			uabi_sbuf__addf(b, k->decl ? " typedef %s __uabi_arg_%s;"
						   : " typedef __typeof__(%s) __uabi_arg_%s;",
					k->arg_type, nm);
		uabi_sbuf__addf(b, "\n");
	}
	uabi_sbuf__addf(b, "/* extra ABI roots */\n");
	for (uint32_t i = 0; i < c->spec->nroots; i++) {
		c->root_line[i] = 0;
		if (!c->root_ok[i])
			continue;
		c->root_line[i] = line_now(b, &counted, &lines);
		uabi_sbuf__addf(b, "typedef __typeof__(%s) __uabi_root_%u;\n", c->spec->roots[i], i);
	}
	uabi_sbuf__addf(b, "/* alignment of every tag, as the compiler sees it */\nenum {\n");
	for (uint32_t i = 0; i < c->cpp.ntags; i++)
		uabi_sbuf__addf(b, "\t__uabi_al_%u = _Alignof(%s),\n", i, c->cpp.tags[i]);
	uabi_sbuf__addf(b, "\t__uabi_al_end = 0\n};\n");
}

/* The candidate whose probe line is ln among c->cands[lined[0..n)]
 * (ascending probe lines), or NULL; without lined (out of memory) a
 * linear search. */
static struct cand *cand_at_line(struct ctx *c, const uint32_t *lined, uint32_t n, unsigned long ln)
{
	uint32_t lo = 0, hi = n;

	if (!lined) {
		for (uint32_t i = 0; i < c->ncands; i++)
			if (c->cands[i].probe_line == ln)
				return &c->cands[i];
		return NULL;
	}
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (c->cands[lined[mid]].probe_line < ln)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && c->cands[lined[lo]].probe_line == ln ? &c->cands[lined[lo]] : NULL;
}

/* Mark the ioctls and roots whose probe lines the compiler rejected.
 * Returns the number marked (errors elsewhere are extract_groups' or the
 * caller's: attribute_errors). */
static uint32_t blame(struct ctx *c, const char *errtext, const char *probe)
{
	size_t plen = strlen(probe);
	char last_error[512] = "";
	uint32_t marked = 0, nlined = 0;
	const char *p = errtext;
	/* the candidates with a probe line, in line order (write_probe
	 * writes them in index order, a line each) */
	uint32_t *lined = malloc(((size_t)c->ncands + 1) * sizeof(*lined));

	for (uint32_t i = 0; lined && i < c->ncands; i++)
		if (c->cands[i].probe_line)
			lined[nlined++] = i;

	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		const char *err = memmem(p, len, ": error: ", 9);

		if (err) {
			const char *msg = err + 9;

			snprintf(last_error, sizeof(last_error), "%.*s", (int)(len - (size_t)(msg - p)), msg);
		}
		if (len > plen + 1 && !strncmp(p, probe, plen) && p[plen] == ':') {
			unsigned long ln = strtoul(p + plen + 1, NULL, 10);

			struct cand *k = cand_at_line(c, lined, nlined, ln);

			if (k && k->applicable) {
				k->applicable = false;
				free(k->reason);
				k->reason = strdup(last_error[0] ? last_error : "does not compile");
				marked++;
			}
			for (uint32_t i = 0; i < c->spec->nroots; i++) {
				if (c->root_ok[i] && c->root_line[i] == ln) {
					c->root_ok[i] = false;
					free(c->root_reason[i]);
					c->root_reason[i] = strdup(last_error[0] ? last_error : "does not compile");
					marked++;
				}
			}
		}
		/* clang names our line in the error itself, gcc in a note after
		 * an error located in the header: either marks it */
		if (!e)
			break;
		p = e + 1;
	}
	free(lined);
	return marked;
}

/* --all: keep what blame() marked for the next compile of this group
 * (extract_groups), as name/reason pairs in c->na: per name the first
 * candidate marked, unless c->na has the name already. Candidates are
 * taken by name (c->cand_ix) and c->na's names found by binary search. */
static void remember_na(struct ctx *c)
{
	uint32_t nold = c->nna / 2;
	struct name_idx *old = malloc(((size_t)nold + 1) * sizeof(*old));
	const char *done = NULL;

	if (!old || (!c->cand_ix && index_cands(c))) {
		free(old);
		return;
	}
	for (uint32_t j = 0; j < nold; j++)
		old[j] = (struct name_idx){ c->na[2 * j], j };
	if (nold)
		qsort(old, nold, sizeof(*old), cmp_name_idx);
	for (uint32_t p = 0; p < c->ncands; p++) {
		const struct cand *k = &c->cands[c->cand_ix[p].idx];

		if (k->applicable || !k->probe_line || !k->reason)
			continue;
		/* per name the first marked candidate (by index within the
		 * name) decides: kept, or c->na had the name already */
		if (done && !strcmp(done, k->m->name))
			continue;
		done = k->m->name;
		if (name_idx_find(old, nold, k->m->name) < nold)
			continue;
		if (c->nna + 2 > c->cap_na) {
			uint32_t cap = c->cap_na ? c->cap_na * 2 : 16;
			char **v = cap > c->cap_na ? realloc(c->na, (size_t)cap * sizeof(*v)) : NULL;

			if (!v)
				break;
			c->na = v;
			c->cap_na = cap;
		}
		c->na[c->nna] = strdup(k->m->name);
		c->na[c->nna + 1] = strdup(k->reason);
		if (!c->na[c->nna] || !c->na[c->nna + 1]) {
			free(c->na[c->nna]);
			free(c->na[c->nna + 1]);
			break;
		}
		c->nna += 2;
	}
	free(old);
}

static void na_clear(struct ctx *c)
{
	for (uint32_t i = 0; i < c->nna; i++)
		free(c->na[i]);
	free(c->na);
	c->na = NULL;
	c->nna = 0;
	c->cap_na = 0;
}

/* The assembly of the probe (probe.s) holds nothing but what a compiler
 * writes for types and constants: else an input error naming the header
 * line whose string wrote it, when one did, or only the profile. */
static int check_assembly(struct ctx *c, const char *s)
{
	char path[PATH_MAX], file[PATH_MAX], rel[PATH_MAX];
	char *text = NULL, *cpp = NULL;
	const char *why;
	enum uabi_asm_where where = UABI_ASM_NOWHERE;
	uint32_t line, fline = 0;
	int err;

	err = uabi_file__read(s, &text, NULL, c->d);
	if (err) {
		uabi_diag__prefix(c->d, "%s", profile_name(c));
		return err;
	}
	if (uabi_asm__check(text, &line, &why) == 0) {
		free(text);
		return 0;
	}
	/* the -dD pass names a string where its macro defines it; the
	 * probe's own pass (what was compiled) where it is used */
	for (int i = 0; i < 2 && where == UABI_ASM_NOWHERE; i++) {
		uabi_work__path(&c->w, i ? "probe.i" : "macros.i", path, sizeof(path));
		if (uabi_file__read(path, &cpp, NULL, NULL) == 0)
			where = uabi_asm__locate(cpp, text, line, file, sizeof(file), &fline);
		free(cpp);
		cpp = NULL;
	}
	if (where != UABI_ASM_NOWHERE)
		uabi_work__relpath(&c->w, file, rel, sizeof(rel));
	if (where == UABI_ASM_STRING)
		err = uabi_diag__input(c->d, EPERM, "%s: %s:%u: assembler text in a header (asm statement"
				       " or section attribute) is not allowed", profile_name(c), rel, fline);
	else if (where == UABI_ASM_FUNCTION)
		err = uabi_diag__input(c->d, EPERM, "%s: %s:%u: a function defined in a header is not"
				       " allowed (its code is assembler text)", profile_name(c), rel, fline);
	else
		err = uabi_diag__input(c->d, EPERM, "%s: assembler text in a header (asm statement,"
				       " section attribute or function) is not allowed: the probe's"
				       " assembly has %s", profile_name(c), why);
	free(cpp);
	free(text);
	return err;
}

/* Assemble the checked probe.s into obj: the profile's compiler driver,
 * its target options, no -g (the text carries its own debug info). */
static int assemble_probe(struct ctx *c, const char *s, const char *obj)
{
	const char *argv[96];
	int n = 0;

	for (int i = 0; c->p->cc[i] && n < 40; i++)
		argv[n++] = c->p->cc[i];
	argv[n++] = "-c";
	argv[n++] = "-x";
	argv[n++] = "assembler";
	argv[n++] = s;
	argv[n++] = "-o";
	argv[n++] = obj;
	argv[n] = NULL;
	return run_step(c, argv, "assemble", "assembling the probe");
}

/* Record the compiler's and the C library's files a pass over the probe
 * entered (c->cc_files). */
static int add_cc_files(struct ctx *c, const struct uabi_cpp *cpp)
{
	for (uint32_t i = 0; i < cpp->nfiles; i++) {
		char rel[PATH_MAX], **v;

		uabi_work__recorded_path(&c->w, cpp->files[i], rel, sizeof(rel));
		if (strncmp(rel, "<compiler>/", 11) && strncmp(rel, "<sysroot>/", 10))
			continue;
		v = realloc(c->cc_files, (c->ncc_files + 1) * sizeof(*v));
		if (!v || !(v[c->ncc_files] = strdup(rel))) {
			if (v)
				c->cc_files = v;
			return uabi_diag__input(c->d, ENOMEM, "out of memory");
		}
		c->cc_files = v;
		c->ncc_files++;
	}
	return 0;
}

/*
 * Preprocess probe.c (src) into probe.i (ipath): stdout to a file, which
 * both compilers leave in place when they fail, so what the headers made
 * of this pass is checked before anything the compiler said is looked at.
 * A header can tell this pass from the -dD one (a file of the scratch
 * directory that exists only now, say), so its files are checked again
 * here, and the compile then reads nothing but this checked text. Also
 * whether the text could carry assembler text (c->asm_risk). run gets the
 * -E run (its status and stderr) when 0 is returned.
 */
static int preprocess_probe(struct ctx *c, const char *src, char *ipath, size_t ilen,
			    struct uabi_run *run)
{
	struct uabi_cpp cpp = { 0 };
	const char *argv[96];
	char *text = NULL;
	int n = 0, err;

	uabi_work__path(&c->w, "probe.i", ipath, ilen);
	uabi_work__cc_argv(&c->w, argv, &n);
	argv[n++] = "-E";
	argv[n++] = src;
	argv[n] = NULL;
	err = run_tool(c, argv, "probe-E", "probe.i", run);
	if (err)
		return err;
	if (uabi_file__read(ipath, &text, NULL, NULL) != 0) {
		err = uabi_diag__toolchain(c->d, EIO, "%s: %s wrote no preprocessed probe (exited %d)",
					   profile_name(c), argv[0], run->status);
		uabi_run__free(run);
		return err;
	}
	err = uabi_cpp__parse(&cpp, text);
	if (err)
		err = uabi_diag__input(c->d, -err, "out of memory");
	else
		err = uabi_work__check_includes(&c->w, &cpp, src, c->d);
	if (!err)
		err = add_cc_files(c, &cpp);
	uabi_cpp__free(&cpp);
	if (!err)
		err = uabi_work__check_directives(&c->w, text, c->d);
	if (!err && !c->asm_risk)
		c->asm_risk = uabi_asm__cpp_risk(text, c->risk_file, sizeof(c->risk_file),
						 &c->risk_line);
	if (err)
		uabi_diag__prefix(c->d, "%s", profile_name(c));
	else	/* the headers' lines, as this pass made them */
		err = check_reserved(c, text, src);
	free(text);
	if (err)
		uabi_run__free(run);
	return err;
}

/*
 * The probe without a preprocessor run of its own. The -dD pass already
 * preprocessed (and checked) the headers: their text, with the -dD lines
 * blanked, is what a run over the probe would give for its #include
 * lines, and the probe's own lines need only the macros as the headers
 * left them. So probe.i is that text (its markers naming probe.c), the
 * last #define of every macro a header defined, then the probe's own
 * lines as written, and clang, which expands macros in preprocessed input
 * (the compile of probe.i always did, for the predefined ones), expands
 * them while it compiles. One compiler run fewer per translation unit.
 *
 * Only where that text is what the run over the probe would give: clang
 * (gcc's preprocessed input takes no #define), a probe with <stddef.h>
 * only from the pass that entered it too (std_head), no pragma but
 * #pragma pack in the files entered (push_macro, pop_macro, poison and
 * clang's final act on macros, and -E prints neither push_macro nor
 * pop_macro, nor a _Pragma that runs them), no line of a file entered
 * (but its #defines) or of the probe that expands a macro that could run
 * a _Pragma or give __COUNTER__, __BASE_FILE__ or __TIMESTAMP__ (they
 * differ where the probe's lines use them), made by ## too
 * (uabi_taint: glibc's __glibc_macro_warning1 is defined, never
 * expanded), and every
 * -dD line at the place of a #define or #undef in the file it names (a
 * macro that writes "#define" at the start of a line is the run over the
 * probe's to refuse). Else (head_state -1) the probe is preprocessed on
 * its own. Assembler text is checked as before (c->asm_risk: -S).
 */
struct dd_op {
	const char *name;
	size_t nlen;
	const char *line;	/* the -dD line, without its newline */
	size_t len;
	bool define;
};

struct src_file {
	char *text;		/* NULL: not read */
	size_t len;		/* its bytes (a NUL among them too) */
	uint32_t *lines;	/* offsets of line starts */
	uint32_t nlines;
	bool bad;		/* unreadable */
};

static int cmp_str_key(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* Read f (path) and index its lines, once; false if it cannot be read. */
static bool load_src(struct src_file *f, const char *path)
{
	if (!f->text && !f->bad) {
		size_t len = 0;

		if (uabi_file__read(path, &f->text, &len, NULL) != 0 || len >= UINT32_MAX) {
			f->bad = true;
		} else {
			uint32_t n = 1;

			f->len = len;
			for (size_t i = 0; i < len; i++)
				n += f->text[i] == '\n';
			f->lines = malloc((n + 1) * sizeof(*f->lines));
			if (!f->lines) {
				f->bad = true;
			} else {
				f->lines[f->nlines++] = 0;
				for (size_t i = 0; i < len; i++)
					if (f->text[i] == '\n')
						f->lines[f->nlines++] = (uint32_t)(i + 1);
			}
		}
	}
	return !f->bad;
}

/* Whether line ln (1-based) of f starts a #define (or #undef) directive
 * whose macro name follows on the same line. */
static bool directive_at(struct src_file *f, const char *path, uint32_t ln, bool define)
{
	const char *p, *word = define ? "define" : "undef";
	size_t wl = strlen(word);

	if (!load_src(f, path) || ln == 0 || ln > f->nlines)
		return false;
	p = f->text + f->lines[ln - 1];
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p++ != '#')
		return false;
	while (*p == ' ' || *p == '\t')
		p++;
	return !strncmp(p, word, wl) && (p[wl] == ' ' || p[wl] == '\t');
}

static bool is_ident_char(char ch)
{
	return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* "# LINE "PATH"" (no newline), the name escaped as the compilers do. */
static void add_marker(struct uabi_sbuf *b, uint32_t line, const char *path)
{
	uabi_sbuf__addf(b, "# %u \"", line);
	for (const char *k = path; *k; k++) {
		if (*k == '"' || *k == '\\')
			uabi_sbuf__addc(b, '\\');
		uabi_sbuf__addc(b, *k);
	}
	uabi_sbuf__addc(b, '"');
}

/* Build c->head from c->macros_text (std: c->std_head from c->std_text,
 * whose files c->std_cpp has); false when the probe needs its own
 * preprocessor run (see above). -ENOMEM aside, an error is the one the
 * run over the probe would have given (uabi_work__check_directives). */
static int build_head(struct ctx *c, bool std, bool *ok)
{
	const char *text = std ? c->std_text : c->macros_text;
	const struct uabi_cpp *cpp = std ? &c->std_cpp : &c->cpp;
	char **head = std ? &c->std_head : &c->head;
	struct uabi_taint *taint = std ? &c->std_taint : &c->taint;
	char mpath[PATH_MAX], ppath[PATH_MAX], file[PATH_MAX] = "";
	struct src_file *files = NULL;
	struct dd_op *ops = NULL;
	uint32_t nops = 0, cap = 0, line = 1, *slot = NULL, nslot = 1, includes_lines = 0;
	long cur = -1;		/* index of file in cpp->files, -1 none */
	/* pseudo: in <built-in> or <command line>, the compiler's own
	 * definitions (given again to the compile); back: the main file was
	 * returned to, the predefinitions and -include are over */
	bool pseudo = false, back = false, first = true;
	const char **hit;
	struct uabi_sbuf b;
	int err = 0;

	*ok = false;
	if (!text)
		return 0;
	uabi_work__path(&c->w, "macros.c", mpath, sizeof(mpath));
	uabi_work__path(&c->w, "probe.c", ppath, sizeof(ppath));
	uabi_taint__free(taint);
	if (uabi_taint__build(taint, text))
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	files = calloc(cpp->nfiles + 1, sizeof(*files));
	if (!files)
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	uabi_sbuf__init(&b);
	/* no file expands a macro that acts (or writes a pragma but pack) */
	for (uint32_t i = 0; i < cpp->nfiles; i++) {
		if (cpp->files[i][0] == '<')
			continue;
		if (!load_src(&files[i], cpp->files[i]) ||
		    uabi_taint__src_acts(taint, files[i].text, files[i].len))
			goto out;
	}
	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n >= 3 && p[0] == '#' && p[1] == ' ' && p[2] >= '0' && p[2] <= '9') {
			/* a marker: # LINE "FILE" FLAGS */
			const char *q = p + 2, *f;
			size_t o = 0;

			line = (uint32_t)strtoul(q, NULL, 10);
			while (q < p + n && *q != '"')
				q++;
			for (f = q + 1; q < p + n && f < p + n && *f != '"' && o + 1 < sizeof(file); f++) {
				if (*f == '\\' && f + 1 < p + n)
					f++;
				file[o++] = *f;
			}
			file[o] = '\0';
			if (q >= p + n || f >= p + n || *f != '"')
				goto out;	/* no name, or too long */
			if (first && strcmp(file, mpath))
				goto out;	/* the main file spelled another way */
			if (!strcmp(file, mpath)) {
				/* the main file: probe.c, whose first lines these are */
				add_marker(&b, line, ppath);
				uabi_sbuf__addn(&b, f + 1, (size_t)(p + n - f - 1));
				uabi_sbuf__addc(&b, '\n');
				pseudo = false;
				if (!first)
					back = true;
			} else {
				uabi_sbuf__addn(&b, p, n);
				uabi_sbuf__addc(&b, '\n');
				pseudo = file[0] == '<';
				if (pseudo && back)
					goto out;	/* a #line naming a pseudo file */
			}
			hit = cpp->nfiles ? bsearch(file, cpp->files, cpp->nfiles,
						      sizeof(*cpp->files), cmp_str_key) : NULL;
			cur = hit ? (long)(hit - cpp->files) : -1;
			first = false;
		} else if ((n > 8 && !memcmp(p, "#define ", 8)) || (n > 7 && !memcmp(p, "#undef ", 7))) {
			bool define = p[1] == 'd';
			const char *nm = p + (define ? 8 : 7), *ne = nm;

			while (ne < p + n && is_ident_char(*ne))
				ne++;
			if (ne == nm)
				goto out;
			if (!pseudo) {
				if (cur < 0 || !directive_at(&files[cur], cpp->files[cur], line, define))
					goto out;
				if (nops == cap) {
					struct dd_op *v = realloc(ops, (cap ? cap * 2 : 256) * sizeof(*v));

					if (!v) {
						err = uabi_diag__input(c->d, ENOMEM, "out of memory");
						goto out;
					}
					ops = v;
					cap = cap ? cap * 2 : 256;
				}
				ops[nops++] = (struct dd_op){ nm, (size_t)(ne - nm), p, n, define };
			}
			uabi_sbuf__addc(&b, '\n');	/* blanked: lines keep their numbers */
			line++;
		} else {
			/* a #pragma other than pack may act on macros
			 * (push_macro, poison, clang final) */
			if (n > 8 && !memcmp(p, "#pragma ", 8) &&
			    (n < 12 || memcmp(p + 8, "pack", 4) || is_ident_char(p[12])))
				goto out;
			uabi_sbuf__addn(&b, p, n);
			uabi_sbuf__addc(&b, '\n');
			line++;
		}
		p = e ? e + 1 : p + n;
	}
	/* the headers' text is what the run over the probe checks */
	{
		char *t = uabi_sbuf__finish(&b, c->d);

		if (!t) {
			err = -ENOMEM;
			goto out;
		}
		err = uabi_work__check_directives(&c->w, t, c->d);
		if (err) {
			uabi_diag__prefix(c->d, "%s", profile_name(c));
			free(t);
			goto out;
		}
		uabi_sbuf__init(&b);
		uabi_sbuf__adds(&b, t);
		free(t);
	}
	/* the last definition of every macro the headers left defined, in
	 * the order they were defined last (the name's last op wins) */
	while (nslot < 2 * nops + 2)
		nslot *= 2;
	slot = malloc(nslot * sizeof(*slot));
	if (!slot) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto out;
	}
	memset(slot, 0xff, nslot * sizeof(*slot));
	for (uint32_t i = 0; i < nops; i++) {
		uint32_t h = uabi_fnv1a32(ops[i].name, ops[i].nlen);

		for (h &= nslot - 1; slot[h] != UINT32_MAX; h = (h + 1) & (nslot - 1))
			if (ops[slot[h]].nlen == ops[i].nlen && !memcmp(ops[slot[h]].name, ops[i].name, ops[i].nlen))
				break;
		if (slot[h] != UINT32_MAX)
			ops[slot[h]].define = false;	/* superseded */
		slot[h] = i;
	}
	/* the probe's #include <stddef.h> is the line after c->includes */
	for (const char *q = c->includes; *q; q++)
		includes_lines += *q == '\n';
	includes_lines += std;
	uabi_sbuf__adds(&b, "# 1 \"<uabi: the macros the headers left defined>\" 1\n");
	for (uint32_t i = 0; i < nops; i++) {
		if (!ops[i].define)
			continue;
		uabi_sbuf__addn(&b, ops[i].line, ops[i].len);
		uabi_sbuf__addc(&b, '\n');
	}
	add_marker(&b, includes_lines + 1, ppath);
	uabi_sbuf__adds(&b, " 2\n");
	*head = uabi_sbuf__finish(&b, c->d);
	if (!*head) {
		err = -ENOMEM;
		goto out;
	}
	*ok = true;
out:
	if (!*ok)
		uabi_sbuf__free(&b);
	for (uint32_t i = 0; i < cpp->nfiles; i++) {
		free(files[i].text);
		free(files[i].lines);
	}
	free(files);
	free(ops);
	free(slot);
	return err;
}

/* Whether c->std_text passes what a run over a probe including
 * <stddef.h> checks in its output (preprocess_probe: the files entered,
 * reserved names, assembler text) where c->macros_text passed them:
 * parses it into c->std_cpp. Else the probe has that run, which says so. */
static int check_std_text(struct ctx *c, bool *ok)
{
	char src[PATH_MAX], file[PATH_MAX], ident[128];
	struct uabi_diag d;
	uint32_t line;
	int err;

	*ok = false;
	err = uabi_cpp__parse(&c->std_cpp, c->std_text);
	if (err)
		return uabi_diag__input(c->d, -err, "out of memory");
	uabi_work__path(&c->w, "macros.c", src, sizeof(src));
	uabi_diag__clear(&d);
	if (uabi_work__check_includes(&c->w, &c->std_cpp, src, &d))
		return 0;
	if (uabi_cpp__find_reserved(c->std_text, NULL, file, sizeof(file), &line, ident, sizeof(ident)))
		return 0;
	/* a #define body only where the probe's lines reach it, as for
	 * c->macros_text (probe_lines_risk) */
	if (!c->asm_risk && uabi_asm__cpp_code_risk(c->std_text, file, sizeof(file), &line,
						    &c->std_def_risk))
		return 0;
	*ok = true;
	return 0;
}

/* Whether this round's probe can be compiled from c->head (build_head):
 * see there; *std: from c->std_head, the probe includes <stddef.h>
 * (probe_wants_stddef). Builds the head on first use. */
static int use_head(struct ctx *c, const char *probe, bool *use, bool *std)
{
	int *state;
	bool ok;
	int err;

	*use = false;
	*std = probe_wants_stddef(c);
	if (!strstr(c->p->cc[0], "clang") || (*std && !c->std_text))
		return 0;
	for (uint32_t i = 0; i < c->ncands; i++)
		if (c->cands[i].applicable && c->cands[i].decl && uabi_asm__code_risk(c->cands[i].arg_type))
			return 0;
	state = *std ? &c->std_head_state : &c->head_state;
	if (!*state) {
		ok = true;
		if (*std) {
			err = check_std_text(c, &ok);
			if (err)
				return err;
		}
		if (ok) {
			err = build_head(c, *std, &ok);
			if (err)
				return err;
		}
		*state = ok ? 1 : -1;
	}
	/* the probe's own lines (after its #include lines) expand no macro
	 * that acts: this round's, checked each round */
	*use = *state == 1 && strlen(probe) >= strlen(c->includes) &&
	       !uabi_taint__code_acts(*std ? &c->std_taint : &c->taint, probe + strlen(c->includes));
	return 0;
}

/* Write probe.i from c->head (std: c->std_head) and the probe's own lines
 * (text after c->includes and, std, its #include <stddef.h>). */
static int write_headed(struct ctx *c, bool std, const char *probe, char *ipath, size_t ilen)
{
	static const char std_line[] = "#include <stddef.h>\n";
	const char *head = std ? c->std_head : c->head;
	size_t hl = strlen(head), il = strlen(c->includes), tl = strlen(probe);
	size_t sl = std ? sizeof(std_line) - 1 : 0;
	char *t;
	int err;

	if (tl < il + sl || memcmp(probe, c->includes, il) || memcmp(probe + il, std_line, sl))
		return uabi_diag__toolchain(c->d, EINVAL, "%s: the probe does not start with its"
					    " #include lines", profile_name(c));
	il += sl;
	t = malloc(hl + tl - il + 1);
	if (!t)
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	memcpy(t, head, hl);
	memcpy(t + hl, probe + il, tl - il + 1);
	uabi_work__path(&c->w, "probe.i", ipath, ilen);
	err = uabi_file__write_scratch(ipath, t, strlen(t), c->d);
	free(t);
	return err;
}

/* Compile the probe into obj: preprocess and check it (preprocess_probe),
 * then compile the checked text. When the headers could write assembler
 * text (c->asm_risk), the compiler writes probe.s, which is checked and
 * then assembled: the assembler never sees a line uabi did not allow. */
/* What a macro reaches (uabi_cpp__macro_reach): the first whose body
 * could carry assembler text, and how many were seen. */
struct body_risk {
	struct uabi_cpp *cpp;
	const char *text;	/* the -dD text cpp was parsed from */
	const struct uabi_macro *m;
	char **strs;		/* sorted: names the -dD text #defines with a " in
				 * the line and the macro table has not (the
				 * compiler's predefined __VERSION__) */
	uint32_t nstrs;
};

static int cmp_pstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* br->strs from br->text, one pass. false: out of memory. */
static bool string_defines(struct body_risk *br)
{
	const char *t = br->text;
	uint32_t cap = 0;

	for (const char *p = t; p && *p;) {
		const char *e = strchr(p, '\n'), *q = p + 8, *s;
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len > 8 && !strncmp(p, "#define ", 8) && memchr(p, '"', len)) {
			char *name;

			for (s = q; s < p + len && (isalnum((unsigned char)*s) || *s == '_' || *s == '$'); s++)
				;
			name = strndup(q, (size_t)(s - q));
			if (!name)
				return false;
			if (uabi_cpp__find(br->cpp, name)) {
				free(name);
			} else {
				if (br->nstrs == cap) {
					char **v = realloc(br->strs, (cap = cap ? cap * 2 : 16) * sizeof(*v));

					if (!v) {
						free(name);
						return false;
					}
					br->strs = v;
				}
				br->strs[br->nstrs++] = name;
			}
		}
		p = e ? e + 1 : NULL;
	}
	if (br->nstrs)
		qsort(br->strs, br->nstrs, sizeof(*br->strs), cmp_pstr);
	return true;
}

static void note_body_risk(void *ctx, const struct uabi_macro *m)
{
	struct body_risk *br = ctx;
	const char *p = m->body;
	size_t len;

	if (br->m)
		return;
	if (uabi_asm__body_risk(m->body, m->funclike)) {
		br->m = m;
		return;
	}
	/* a name no macro of the table has: the compiler's own */
	while ((p = uabi_cpp__next_ident(p, &len))) {
		char name[256];

		if (len >= sizeof(name)) {
			br->m = m;
			return;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		if (br->nstrs && bsearch(&(const char *){ name }, br->strs, br->nstrs, sizeof(*br->strs),
					 cmp_pstr)) {
			br->m = m;
			return;
		}
		p += len;
	}
}

/* Whether the probe's own lines (text after its #include lines, which the
 * compiler expands when the probe is compiled from the -dD text) name a
 * macro whose expansion may reach a body that could carry assembler text
 * (a string, a #, an asm keyword): c->risk_file and c->risk_line then name
 * that body. Names inside the probe's own strings count too, and a macro
 * reaching more than macro_reach follows (UABI_CPP_REACH_MAX) is a risk.
 * std: the probe is compiled from c->std_text (its macros c->std_cpp). */
static bool probe_lines_risk(struct ctx *c, bool std, const char *lines)
{
	struct uabi_cpp *cpp = std ? &c->std_cpp : &c->cpp;
	struct body_risk br = { .cpp = cpp, .text = std ? c->std_text : c->macros_text };
	const char *p = lines;
	bool risk = !string_defines(&br);	/* out of memory: a risk */
	size_t len;

	while (!risk && (p = uabi_cpp__next_ident(p, &len))) {
		char name[256];
		const struct uabi_macro *m = NULL;

		if (len < sizeof(name)) {
			memcpy(name, p, len);
			name[len] = '\0';
			m = uabi_cpp__find(cpp, name);
		}
		p += len;
		if (!m)
			continue;
		br.m = NULL;
		if (!uabi_cpp__macro_reach(cpp, m, note_body_risk, &br) || br.m) {
			const struct uabi_macro *at = br.m ? br.m : m;

			snprintf(c->risk_file, sizeof(c->risk_file), "%s", at->file ? at->file : "");
			c->risk_line = at->line;
			risk = true;
		}
	}
	for (uint32_t i = 0; i < br.nstrs; i++)
		free(br.strs[i]);
	free(br.strs);
	return risk;
}

static int compile_probe(struct ctx *c, char *obj, size_t objlen)
{
	char src[PATH_MAX], ipath[PATH_MAX], asm_path[PATH_MAX];
	const char *argv[96];
	struct uabi_run run;
	bool said = false;
	int err;

	uabi_work__path(&c->w, "probe.o", obj, objlen);
	uabi_work__path(&c->w, "probe.s", asm_path, sizeof(asm_path));
	/* each round marks at least one ioctl or root (blame), so the rounds
	 * end; gcc names one failing ioctl a round where an error lies in a
	 * header's macro (s390: i8k.h, pmu.h) */
	for (uint32_t round = 0; round <= c->ncands + c->spec->nroots; round++) {
		struct uabi_sbuf b;
		int n = 0;
		uint32_t marked;
		char *text;
		bool headed = false;	/* probe.i from c->head: no -E run */
		bool std = false;	/* from c->std_head */

		uabi_sbuf__init(&b);
		write_probe(c, &b);
		text = uabi_sbuf__finish(&b, c->d);
		if (!text)
			return -ENOMEM;
		err = write_file(c, "probe.c", text, src, sizeof(src));
		if (!err)
			err = use_head(c, text, &headed, &std);
		/* compiled from the -dD text, the probe's lines are expanded by
		 * the compiler: a macro body that could carry assembler text
		 * counts where they reach it */
		if (!err && headed && (std ? c->std_def_risk : c->def_risk) && !c->asm_risk)
			c->asm_risk = strlen(text) < strlen(c->includes) ||
				      probe_lines_risk(c, std, text + strlen(c->includes));
		if (!err && headed)
			err = write_headed(c, std, text, ipath, sizeof(ipath));
		/* the files it enters are the -dD pass's */
		if (!err && headed)
			err = add_cc_files(c, std ? &c->std_cpp : &c->cpp);
		free(text);
		if (err)
			return err;
		if (headed)
			run = (struct uabi_run){ 0 };
		else
			err = preprocess_probe(c, src, ipath, sizeof(ipath), &run);
		if (err)
			return err;
		if (c->asm_risk && c->spec->verbose && !said) {
			char rel[PATH_MAX];

			said = true;
			uabi_eprintf("uabi: %s: %s:%u: the headers could write assembler text: compiling"
				     " with -S and checking it", profile_name(c),
				uabi_work__relpath(&c->w, c->risk_file, rel, sizeof(rel)), c->risk_line);
		}
		if (run.status == 0) {
			uabi_run__free(&run);
			uabi_work__cpp_output_argv(&c->w, argv, &n);
			argv[n++] = "-g";
			argv[n++] = "-O0";
			argv[n++] = "-fno-eliminate-unused-debug-types";
			/* clang's integrated assembler would parse (and obey) the
			 * headers' asm text while writing the .s: print it as is */
			if (c->asm_risk && strstr(c->p->cc[0], "clang"))
				argv[n++] = "-fno-integrated-as";
			argv[n++] = c->asm_risk ? "-S" : "-c";
			argv[n++] = ipath;
			argv[n++] = "-o";
			argv[n++] = c->asm_risk ? asm_path : obj;
			argv[n] = NULL;
			err = run_tool(c, argv, "probe", NULL, &run);
			if (err)
				return err;
			if (run.status == 0) {
				uabi_run__free(&run);
				if (!c->asm_risk)
					return 0;
				err = check_assembly(c, asm_path);
				return err ? err : assemble_probe(c, asm_path, obj);
			}
		}
		/* the line markers of probe.i keep probe.c's line numbers, so
		 * errors of either run name the probe lines as before */
		marked = blame(c, run.err, src);
		if (c->spec->all)
			remember_na(c);
		if (c->spec->all && !marked) {
			/* errors in the headers themselves: extract_run finds
			 * the headers at fault and compiles the rest */
			free(c->group_err);
			c->group_err = run.err;
			c->group_src = "probe.c";
			return -EAGAIN;
		}
		if (!marked) {
			err = uabi_diag__toolchain(c->d, EIO, "%s: the headers do not compile (%s exited %d)",
						   profile_name(c), c->p->cc[0], run.status);
			set_detail_lines(c, run.err, src, 12);
			uabi_run__free(&run);
			return err;
		}
		uabi_run__free(&run);
	}
	return uabi_diag__toolchain(c->d, EIO, "%s: the probe still fails after %u rounds", profile_name(c),
				    c->ncands + c->spec->nroots + 1);
}

static int link_probe(struct ctx *c, const char *obj, char *so, size_t solen)
{
	const char *argv[32];
	int n = 0, err;

	uabi_work__path(&c->w, "probe.so", so, solen);
	if (!c->spec->use_linker) {
		struct uabi_diag rd;

		uabi_diag__clear(&rd);
		err = uabi_reloc__object(obj, so, &rd);
		if (err != -ENOTSUP) {
			if (err)
				*c->d = rd;
			return err;
		}
		if (c->spec->verbose)
			uabi_eprintf("uabi: %s: %s; linking instead", profile_name(c), rd.msg);
	}
	for (int i = 0; c->p->ld[i] && n < 24; i++)
		argv[n++] = c->p->ld[i];
	argv[n++] = "-shared";
	argv[n++] = "-o";
	argv[n++] = so;
	argv[n++] = obj;
	argv[n] = NULL;
	return run_step(c, argv, "link", "linking the probe");
}

static const char *map_path(void *ctx, struct uabi_layout *l, const char *abs)
{
	struct ctx *c = ctx;
	char buf[PATH_MAX];

	return uabi_arena__strdup(&l->arena, uabi_work__relpath(&c->w, abs, buf, sizeof(buf)));
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int uabi_extract__hash_files(const char *root_abs, const char *const *files, uint32_t n,
			     char hex[65], struct uabi_diag *d)
{
	struct uabi_sha256 h;
	char path[PATH_MAX], lenbuf[32];

	uabi_sha256__init(&h);
	for (uint32_t i = 0; i < n; i++) {
		char *text;
		size_t len;
		int err;

		if (files[i][0] == '<')
			continue;	/* <compiler>/stddef.h, <sysroot>/sys/time.h: not the tree's */
		snprintf(path, sizeof(path), "%s/%s", root_abs, files[i]);
		err = uabi_file__read(path, &text, &len, d);
		if (err)
			return err;
		snprintf(lenbuf, sizeof(lenbuf), "%zu", len);
		uabi_sha256__update(&h, files[i], strlen(files[i]) + 1);
		uabi_sha256__update(&h, lenbuf, strlen(lenbuf) + 1);
		uabi_sha256__update(&h, text, len);
		free(text);
	}
	uabi_sha256__hex(&h, hex);
	return 0;
}

static uint64_t cval(const struct uabi_dwarf_result *r, const char *fmt, const char *name, bool *ok)
{
	char key[512];
	const struct uabi_dwarf_const *k;

	snprintf(key, sizeof(key), fmt, name);
	k = uabi_dwarf_result__const(r, key);
	if (!k) {
		*ok = false;
		return 0;
	}
	return (uint64_t)k->value;
}

/* Give base types and pointers the alignment the compiler measured. */
static void apply_base_align(struct uabi_layout *l, const struct uabi_dwarf_result *r)
{
	static const char *const ints[] = { "char", "short", "int", "long", "llong", "int128", "bool" };
	static const char *const floats[] = { "float", "double", "ldouble" };

	for (uint32_t i = 0; i < l->ntypes; i++) {
		struct uabi_type *t = &l->types[i];
		char key[64];
		const struct uabi_dwarf_const *s, *a;

		if (t->kind == UABI_KIND_POINTER) {
			a = uabi_dwarf_result__const(r, "__uabi_ba_ptr");
			if (a && !t->align) {
				t->align = (uint32_t)a->value;
				t->measured_align = true;
			}
			continue;
		}
		if (t->kind != UABI_KIND_BASE || t->align)
			continue;
		bool fl = t->encoding == UABI_ENC_FLOAT;
		const char *const *v = fl ? floats : ints;
		size_t nv = fl ? 3 : 7;

		for (size_t j = 0; j < nv; j++) {
			snprintf(key, sizeof(key), "__uabi_bs_%s", v[j]);
			s = uabi_dwarf_result__const(r, key);
			snprintf(key, sizeof(key), "__uabi_ba_%s", v[j]);
			a = uabi_dwarf_result__const(r, key);
			if (s && a && (uint64_t)s->value == t->size) {
				t->align = (uint32_t)a->value;
				t->measured_align = true;
				break;
			}
		}
	}
}

static const char **dup_strv(struct uabi_layout *l, const char *const *v, uint32_t n)
{
	const char **out = uabi_arena__alloc(&l->arena, (n + 1) * sizeof(*out));

	for (uint32_t i = 0; out && i < n; i++)
		out[i] = uabi_arena__strdup(&l->arena, v[i]);
	return out;
}

static int cmp_ioctl(const void *a, const void *b)
{
	return strcmp(((const struct uabi_ioctl *)a)->name, ((const struct uabi_ioctl *)b)->name);
}

/* a struct or union type with a name and a body */
struct tag_ent {
	int kind;		/* enum uabi_kind */
	const char *name;
	uint32_t idx;		/* in l->types */
};

/* by kind, name, then index */
static int cmp_tag_ent(const void *a, const void *b)
{
	const struct tag_ent *x = a, *y = b;
	int r = (x->kind > y->kind) - (x->kind < y->kind);

	if (!r)
		r = strcmp(x->name, y->name);
	return r ? r : (x->idx > y->idx) - (x->idx < y->idx);
}

/*
 * The alignment the probe measured for each tag of c->cpp.tags ("struct x",
 * "union y": the constant __uabi_al_<i>) on every defined struct or union
 * type of that name. The types are sorted once and each tag found by
 * binary search (tags x types string compares made a header of N structs
 * quadratic). 0, or -ENOMEM with c->d set.
 */
static int measured_tag_align(struct ctx *c, struct uabi_layout *l, const struct uabi_dwarf_result *r)
{
	struct tag_ent *v = malloc(((size_t)l->ntypes + 1) * sizeof(*v));
	uint32_t nv = 0;
	char key[64];

	if (!v)
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	for (uint32_t t = 0; t < l->ntypes; t++) {
		const struct uabi_type *ty = &l->types[t];

		if ((ty->kind == UABI_KIND_STRUCT || ty->kind == UABI_KIND_UNION) && ty->name &&
		    !ty->declaration)
			v[nv++] = (struct tag_ent){ (int)ty->kind, ty->name, t };
	}
	if (nv)
		qsort(v, nv, sizeof(*v), cmp_tag_ent);
	for (uint32_t i = 0; i < c->cpp.ntags; i++) {
		const char *sp = c->cpp.tags[i];
		struct tag_ent want = { 0 };
		const struct uabi_dwarf_const *k;
		uint32_t lo = 0, hi = nv;

		if (!strncmp(sp, "struct ", 7))
			want = (struct tag_ent){ UABI_KIND_STRUCT, sp + 7, 0 };
		else if (!strncmp(sp, "union ", 6))
			want = (struct tag_ent){ UABI_KIND_UNION, sp + 6, 0 };
		else
			continue;
		snprintf(key, sizeof(key), "__uabi_al_%u", i);
		k = uabi_dwarf_result__const(r, key);
		if (!k)
			continue;
		/* the first type of that kind and name (index 0 sorts first) */
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;

			if (cmp_tag_ent(&v[mid], &want) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < nv && v[lo].kind == want.kind && !strcmp(v[lo].name, want.name); lo++) {
			l->types[v[lo].idx].align = (uint32_t)k->value;
			l->types[v[lo].idx].measured_align = true;
		}
	}
	free(v);
	return 0;
}

static int assemble(struct ctx *c, const char *so, struct uabi_layout **out)
{
	struct uabi_dwarf_opts o = { .map_path = map_path, .map_ctx = c, .label = c->p->name };
	struct uabi_dwarf_result r = { 0 };
	struct uabi_layout *l = uabi_layout__new();
	char buf[PATH_MAX], key[512], hex[65], ver[64];
	const char **rel = NULL;
	uint32_t nrel = 0, ncc = 0;
	int err;

	if (!l)
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	err = uabi_dwarf__read(so, l, &o, &r, c->d);
	if (err) {
		uabi_diag__prefix(c->d, "%s", profile_name(c));
		goto fail;
	}
	apply_base_align(l, &r);

	/* measured alignment of every tag */
	err = measured_tag_align(c, l, &r);
	if (err)
		goto fail;

	/* profile facts */
	bool ok = true;
	uint64_t psz = cval(&r, "__uabi_bs_%s", "ptr", &ok);
	uint64_t lsz = cval(&r, "__uabi_bs_%s", "long", &ok);

	if (!ok) {
		err = uabi_diag__toolchain(c->d, EIO, "%s: probe constants missing from the DWARF of %s",
					   profile_name(c), so);
		goto fail;
	}
	l->profile.name = uabi_arena__strdup(&l->arena, c->p->name);
	l->profile.arch = uabi_arena__strdup(&l->arena, c->p->arch);
	l->profile.pointer_size = (uint32_t)psz;
	l->profile.long_size = (uint32_t)lsz;
	l->profile.model = uabi_arena__strdup(&l->arena, psz == 8 && lsz == 8 ? "LP64" :
						psz == 4 && lsz == 4 ? "ILP32" :
						psz == 8 && lsz == 4 ? "LLP64" : "other");
	l->profile.endian = uabi_arena__strdup(&l->arena, r.big_endian ? "big" : "little");
	l->profile.producer = r.producer;
	while (ncc < UABI_PROFILE_MAX_ARGS && c->p->cc[ncc])
		ncc++;
	l->profile.cc = dup_strv(l, c->p->cc, ncc);
	l->profile.ncc = ncc;
	if (c->p->model && strcmp(c->p->model, l->profile.model)) {
		err = uabi_diag__toolchain(c->d, EIO, "%s: compiler produced %s (pointer %llu, long %llu), profile expects %s",
					   profile_name(c), l->profile.model, (unsigned long long)psz,
					   (unsigned long long)lsz, c->p->model);
		goto fail;
	}
	if (c->p->endian && strcmp(c->p->endian, l->profile.endian)) {
		err = uabi_diag__toolchain(c->d, EIO, "%s: compiler produced %s-endian code, profile expects %s",
					   profile_name(c), l->profile.endian, c->p->endian);
		goto fail;
	}

	/* input facts */
	rel = calloc(c->cpp.nfiles + c->ncc_files + 1, sizeof(*rel));
	if (!rel) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto fail;
	}
	for (uint32_t i = 0; i < c->cpp.nfiles; i++) {
		uabi_work__recorded_path(&c->w, c->cpp.files[i], buf, sizeof(buf));
		if (buf[0] == '/' ||
		    (buf[0] == '<' && strncmp(buf, "<compiler>/", 11) && strncmp(buf, "<sysroot>/", 10)))
			continue;
		rel[nrel++] = uabi_arena__strdup(&l->arena, buf);
	}
	for (uint32_t i = 0; i < c->ncc_files; i++)
		rel[nrel++] = c->cc_files[i];
	qsort(rel, nrel, sizeof(*rel), cmp_cstr);
	{
		uint32_t k = 0;

		for (uint32_t i = 0; i < nrel; i++)
			if (!k || strcmp(rel[k - 1], rel[i]))
				rel[k++] = rel[i];
		nrel = k;
	}
	err = uabi_extract__hash_files(c->w.root_abs, rel, nrel, hex, c->d);
	if (err)
		goto fail;
	uabi_input__kernel_version(c->spec, ver, sizeof(ver));
	l->input.kind = uabi_arena__strdup(&l->arena, uabi_input_kind__str(c->spec->kind));
	l->input.root = uabi_arena__strdup(&l->arena, c->spec->root);
	l->input.headers = dup_strv(l, c->hdrs, c->nhdrs);
	l->input.nheaders = c->nhdrs;
	l->input.files = dup_strv(l, rel, nrel);
	l->input.nfiles = nrel;
	l->input.kernel_version = ver[0] ? uabi_arena__strdup(&l->arena, ver) : NULL;
	l->input.sha256 = uabi_arena__strdup(&l->arena, hex);

	/* ioctls */
	/* the arch's _IOC encoding, as the compiler computed it */
	uint64_t kread = 0, kwrite = 0, enc[8] = { 0 };
	static const char *const enc_names[8] = { "nrshift", "nrmask", "typeshift", "typemask",
						   "sizeshift", "sizemask", "dirshift", "dirmask" };

	ok = true;
	for (uint32_t i = 0; i < c->ncands; i++) {
		if (!c->cands[i].applicable)
			continue;
		kread = cval(&r, "%s", "__uabi_k_read", &ok);
		kwrite = cval(&r, "%s", "__uabi_k_write", &ok);
		for (int e = 0; e < 8; e++)
			enc[e] = cval(&r, "__uabi_k_%s", enc_names[e], &ok);
		if (!ok || enc[0] > 63 || enc[2] > 63 || enc[4] > 63 || enc[6] > 63) {
			err = uabi_diag__toolchain(c->d, EIO, "%s: _IOC encoding constants missing from the DWARF",
						   profile_name(c));
			goto fail;
		}
		break;
	}
	l->ioctls = uabi_arena__alloc(&l->arena, (c->ncands + 1) * sizeof(*l->ioctls));
	if (!l->ioctls) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto fail;
	}
	for (uint32_t i = 0; i < c->ncands; i++) {
		struct cand *k = &c->cands[i];
		struct uabi_ioctl *io = &l->ioctls[l->nioctls++];
		const char *nm = k->m->name;
		io->name = uabi_arena__strdup(&l->arena, nm);
		io->macro = uabi_arena__strdup(&l->arena, k->macro);
		io->arg_type = uabi_arena__strdup(&l->arena, k->arg_type);
		io->declared = k->decl != NULL;
		io->type = UABI_NO_TYPE;
		io->applicable = k->applicable;
		io->reason = uabi_arena__strdup(&l->arena, k->reason);
		io->supplier = uabi_arena__strdup(&l->arena, k->supplier);
		io->decl_file = uabi_arena__strdup(&l->arena,
						   uabi_work__relpath(&c->w, k->m->file, buf, sizeof(buf)));
		io->decl_line = k->m->line;
		if (!k->applicable)
			continue;
		ok = true;
		io->number = cval(&r, "__uabi_n_%s", nm, &ok) & 0xffffffffull;
		io->nr = (uint32_t)((io->number >> enc[0]) & enc[1]);
		io->type_field = (uint32_t)((io->number >> enc[2]) & enc[3]);
		io->size = (uint32_t)((io->number >> enc[4]) & enc[5]);
		uint64_t dir = (io->number >> enc[6]) & enc[7];
		if (!ok) {
			err = uabi_diag__toolchain(c->d, EIO, "%s: %s: ioctl constants missing from the DWARF",
						   profile_name(c), nm);
			goto fail;
		}
		io->dir = (enum uabi_ioctl_dir)(((dir & kread) && kread ? UABI_DIR_READ : 0) |
						((dir & kwrite) && kwrite ? UABI_DIR_WRITE : 0));
		if (k->arg_type) {
			const struct uabi_dwarf_root *rt;

			snprintf(key, sizeof(key), "__uabi_arg_%s", nm);
			rt = uabi_dwarf_result__root(&r, key);
			if (!rt) {
				err = uabi_diag__toolchain(c->d, EIO, "%s: %s: argument type missing from the DWARF",
							   profile_name(c), nm);
				goto fail;
			}
			io->type = rt->type;
			if (k->decl && !declared_complete(l, io->type)) {
				err = uabi_diag__input(c->d, EINVAL, "%s:%u: %s: '%s' is not a complete type"
						       " for this ABI (void, or a declared but undefined enum)",
						       k->decl->file, k->decl->line, nm, k->decl->type);
				goto fail;
			}
		}
	}
	qsort(l->ioctls, l->nioctls, sizeof(*l->ioctls), cmp_ioctl);

	/* roots */
	l->roots = uabi_arena__alloc(&l->arena, (c->spec->nroots + 1) * sizeof(*l->roots));
	for (uint32_t i = 0; l->roots && i < c->spec->nroots; i++) {
		struct uabi_root *rt = &l->roots[l->nroots++];

		rt->name = uabi_arena__strdup(&l->arena, c->spec->roots[i]);
		rt->applicable = c->root_ok[i];
		rt->reason = uabi_arena__strdup(&l->arena, c->root_reason[i]);
		rt->type = UABI_NO_TYPE;
		if (rt->applicable) {
			const struct uabi_dwarf_root *dr;

			snprintf(key, sizeof(key), "__uabi_root_%u", i);
			dr = uabi_dwarf_result__root(&r, key);
			if (dr)
				rt->type = dr->type;
		}
	}

	err = uabi_layout__finish(l, c->d);
	if (err) {
		uabi_diag__prefix(c->d, "%s", profile_name(c));
		goto fail;
	}
	free(rel);
	uabi_dwarf_result__free(&r);
	*out = l;
	return 0;
fail:
	free(rel);
	uabi_dwarf_result__free(&r);
	uabi_layout__free(l);
	return err;
}

/* What a compile of a group said about one of its headers. */
struct fault {
	bool hit;
	bool fatal;		/* a missing file or an #error: the header's own */
	/* the first error lies in the header's own file and is no
	 * redefinition (which another header may have caused) */
	bool own;
	char reason[512];	/* the first error, paths relative to the tree */
	/* screen_missing: the file it wanted, as an #include names it */
	char missing[256];
};

/* Path part of "path:line:col" ending at n: strip up to two ":digits". */
static size_t loc_len(const char *p, size_t n)
{
	for (int k = 0; k < 2; k++) {
		size_t j = n;

		while (j > 0 && p[j - 1] >= '0' && p[j - 1] <= '9')
			j--;
		if (j == n || j == 0 || p[j - 1] != ':')
			break;
		n = j - 1;
	}
	return n;
}

/*
 * Whether the compiler's stderr line p (len bytes) is an entry of an
 * include chain: clang's "In file included from F:N:" (*head: each entry
 * a line of its own, the outermost first) or gcc's "                 from
 * F:N:" continuation (the outermost last). *at gets N when F is src (the
 * probe or macros.c: the entry names one of its #include lines), else -1.
 */
static bool chain_entry(const char *p, size_t len, const char *src, size_t slen, bool *head, long *at)
{
	static const char incl[] = "In file included from ";
	size_t k = 0, st;

	while (k < len && p[k] == ' ')
		k++;
	*head = !k && len > sizeof(incl) - 1 && !strncmp(p, incl, sizeof(incl) - 1);
	if (!*head && !(k && len > k + 5 && !strncmp(p + k, "from ", 5)))
		return false;
	st = k ? k + 5 : sizeof(incl) - 1;
	*at = len > st + slen + 1 && !strncmp(p + st, src, slen) && p[st + slen] == ':'
		      ? strtol(p + st + slen + 1, NULL, 10) : -1;
	return true;
}

/*
 * A header that ends inside a declaration (`struct t { ... }` without its
 * `;`): clang reports it in the header, gcc at the next token, which is
 * the probe's first line after the #include lines ("probe.c:8:1: error:
 * expected ';', identifier or '(' before 'struct'"), or the end of
 * macros.c ("at end of input"). Such an error at line ln of the source
 * (src, the file c->group_src names) belongs to the last #include line,
 * which is returned; 0 for any other error. Only lines uabi wrote lie
 * between (blank lines and one-line comments).
 */
static uint32_t dangling_end(struct ctx *c, const char *src, unsigned long ln, const char *msg, size_t mlen)
{
	uint32_t last = 0, at = 1;
	char *text = NULL;
	bool ok = true;

	if (!c->includes || (!memmem(msg, mlen, " before ", 8) && !memmem(msg, mlen, "at end of input", 15)))
		return 0;
	for (const char *q = c->includes; *q; q++)
		last += *q == '\n';
	if (!last || ln <= last || uabi_file__read(src, &text, NULL, NULL) != 0)
		return 0;
	for (const char *q = text; q && *q && at < ln; at++) {
		const char *e = strchr(q, '\n');
		size_t n = e ? (size_t)(e - q) : strlen(q);

		if (at == last)
			ok = n > 9 && !strncmp(q, "#include ", 9);
		else if (at > last && n && !(n >= 4 && !strncmp(q, "/*", 2) && !strncmp(q + n - 2, "*/", 2)))
			ok = false;
		q = e ? e + 1 : NULL;
		if (!ok)
			break;
	}
	free(text);
	return ok && at >= ln ? last : 0;
}

/*
 * Charge the errors of c->group_err to the group's headers: an error
 * located in a header belongs to the #include line of the probe its
 * include chain starts from: the outermost entry ("In file included from
 * probe.c:N"), which is the first line of a clang chain (outermost first,
 * each line "In file included from") and the last of a gcc one (innermost
 * first, "from" continuation lines). The outermost entry is the probe's
 * own line, which no #line in a header can rename; an inner entry names
 * whatever a #line said. Both compilers print a chain only when it differs
 * from the last diagnostic's, so an error without one has the last chain
 * printed. faults[i] is for c->hdrs[i]. Returns how many headers were
 * charged.
 */
static uint32_t attribute_errors(struct ctx *c, struct fault *faults)
{
	uint32_t charged = 0;
	char src[PATH_MAX];
	size_t slen;
	long top = -1;
	bool in_chain = false;

	uabi_work__path(&c->w, c->group_src, src, sizeof(src));
	slen = strlen(src);
	for (const char *p = c->group_err; p && *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		const char *sev;
		bool head;
		long from;

		if (chain_entry(p, len, src, slen, &head, &from)) {
			/* a clang chain's inner entries: the first line was
			 * the outermost; a gcc chain's "from" lines: the last
			 * one will be */
			if (!(head && in_chain))
				top = from;
			in_chain = true;
			goto next;
		}
		in_chain = false;
		sev = memmem(p, len, ": fatal error: ", 15);
		if (!sev)
			sev = memmem(p, len, ": error: ", 9);
		if (sev) {
			size_t pl = loc_len(p, (size_t)(sev - p));
			long t = top;

			if (pl == slen && !strncmp(p, src, slen)) {
				unsigned long ln = strtoul(p + slen + 1, NULL, 10);
				long at = dangling_end(c, src, ln, sev, len - (size_t)(sev - p));

				top = -1;
				if (at >= (long)c->first_include_line &&
				    at < (long)c->first_include_line + (long)c->nhdrs) {
					/* the last header's unended declaration */
					struct fault *f = &faults[at - (long)c->first_include_line];
					char rel[PATH_MAX], want[PATH_MAX];
					const char *what = sev + 9;

					if (!f->hit) {
						charged++;
						f->hit = true;
						f->own = true;
						if (!resolve_include(&c->w, c->hdrs[at - (long)c->first_include_line],
								     want, sizeof(want)))
							snprintf(want, sizeof(want), "%s",
								 c->hdrs[at - (long)c->first_include_line]);
						snprintf(f->reason, sizeof(f->reason), "%s: error: %.*s (the header ends"
							 " inside a declaration: %s names the line after its #include)",
							 uabi_work__relpath(&c->w, want, rel, sizeof(rel)),
							 (int)(len - (size_t)(what - p)), what, c->p->cc[0]);
					}
				}
				goto next;	/* a probe line: blame()'s business */
			}
			if (t >= (long)c->first_include_line &&
			    t < (long)c->first_include_line + (long)c->nhdrs) {
				struct fault *f = &faults[t - (long)c->first_include_line];
				char line[1024], *shown;

				if (!f->hit) {
					char want[PATH_MAX];

					charged++;
					f->hit = true;
					f->own = resolve_include(&c->w, c->hdrs[t - (long)c->first_include_line],
								 want, sizeof(want)) &&
						 strlen(want) == pl && !strncmp(want, p, pl) &&
						 !memmem(p, len, "redefinition", 12) &&
						 !memmem(p, len, "conflicting types", 17);
					snprintf(line, sizeof(line), "%.*s\n", (int)(len < 1000 ? len : 1000), p);
					shown = uabi_work__diagnostics(&c->w, line, src);
					snprintf(f->reason, sizeof(f->reason), "%s",
						 shown && *shown ? shown : "an error in a file outside the tree");
					f->reason[strcspn(f->reason, "\n")] = '\0';
					free(shown);
				}
				if (memmem(p, len, ": fatal error: ", 15) || memmem(p, len, "#error", 6))
					f->fatal = true;
			}
		}
next:
		p = e ? e + 1 : NULL;
	}
	return charged;
}

/* The next path of a make rule (cc -M): whitespace-separated, "\ " an
 * escaped space (and "\<tab>"), "\#" a '#', "$$" a '$' (both compilers
 * escape so), backslash-newline a continuation. false at the end. */
static bool next_dep(const char **pp, char *buf, size_t len)
{
	const char *p = *pp;
	size_t o = 0;

	while (*p == ' ' || *p == '\t' || *p == '\n' || (*p == '\\' && p[1] == '\n'))
		p += *p == '\\' ? 2 : 1;
	if (!*p)
		return false;
	while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
		if (*p == '\\' && (p[1] == ' ' || p[1] == '\t' || p[1] == '#'))
			p++;
		else if (*p == '$' && p[1] == '$')
			p++;
		else if (*p == '\\' && p[1] == '\n')
			break;
		if (o + 1 < len)
			buf[o++] = *p;
		p++;
	}
	buf[o] = '\0';
	*pp = p;
	return true;
}

/* Record path (absolute, as a make rule lists it) in c->seen, unless it is
 * outside the tree and the C library (the compiler's, uabi's own files).
 * 0 or -ENOMEM. */
static int seen_add(struct ctx *c, const char *path)
{
	char rel[PATH_MAX], **v;

	/* the C library's files too: a change of them can change what is
	 * skipped */
	uabi_work__relpath(&c->w, path, rel, sizeof(rel));
	if (rel[0] == '/' || (rel[0] == '<' && strncmp(rel, "<sysroot>/", 10)))
		return 0;
	v = realloc(c->seen, (c->nseen + 1) * sizeof(*v));
	if (!v || !(v[c->nseen] = strdup(rel))) {
		if (v)
			c->seen = v;
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	}
	c->seen = v;
	c->nseen++;
	return 0;
}

/*
 * The make rule dep a -dD pass that compiled wrote (-MD, c->fold_screen):
 * the files screen_missing's `cc -M -MG` would list (the same includes,
 * none missing). c->screen_wanted when one is a file screen_missing charges
 * or refuses (the C library's copy of a kernel header, one outside the
 * input tree): only it says which header, and how; otherwise, with
 * c->fold_record, the files go to c->seen as that screen records them.
 * 0 or -ENOMEM.
 */
static int fold_deps(struct ctx *c, const char *dep, const char *src)
{
	char path[PATH_MAX];
	char *text = NULL;
	uint32_t nseen = c->nseen;
	bool first = true;
	const char *p;
	int err = 0;

	if (uabi_file__read(dep, &text, NULL, NULL) != 0) {
		c->screen_wanted = true;
		return 0;
	}
	for (p = text; !err && next_dep(&p, path, sizeof(path));) {
		if (first) {	/* the rule's target */
			first = false;
			continue;
		}
		if (path[0] != '/' || uabi_work__libc_kernel(&c->w, path) ||
		    !uabi_work__allows(&c->w, path, src)) {
			c->screen_wanted = true;
			break;
		}
		if (c->fold_record)
			err = seen_add(c, path);
	}
	free(text);
	if (c->screen_wanted || err) {
		/* the screen records them */
		while (c->nseen > nseen)
			free(c->seen[--c->nseen]);
	}
	return err;
}

/*
 * screen_missing found a file outside the input tree entered from the
 * group's header hdr, but `cc -M` names no #include line: a -dD pass over
 * hdr alone finds the line, as the pass of a named --header does
 * (uabi_work__check_includes: "FILE:LINE: includes a file outside the
 * input tree: ..."). -EPERM with c->d set; 0 when that pass does not enter
 * the file (or cannot run: the caller says what it knows).
 */
static int outside_line(struct ctx *c, const char *hdr)
{
	const char *argv[96];
	struct uabi_run run = { 0 };
	struct uabi_cpp cpp = { 0 };
	struct uabi_diag dd;
	char src[PATH_MAX], out[PATH_MAX], errfile[PATH_MAX];
	char *includes = NULL, *text = NULL;
	int n = 0, err;

	uabi_diag__clear(&dd);
	err = write_includes(&c->w, &hdr, 1, NULL, 0, &includes, NULL, &dd);
	if (!err) {
		uabi_work__path(&c->w, "outside.c", src, sizeof(src));
		err = uabi_file__write_scratch(src, includes, strlen(includes), &dd);
	}
	free(includes);
	if (err)
		return 0;
	uabi_work__cc_argv(&c->w, argv, &n);
	argv[n++] = "-E";
	argv[n++] = "-dD";
	argv[n++] = src;
	argv[n] = NULL;
	uabi_work__path(&c->w, "outside.i", out, sizeof(out));
	uabi_work__path(&c->w, "outside.err", errfile, sizeof(errfile));
	if (uabi_spawn__run_out((char *const *)argv, out, errfile, &run, &dd))
		return 0;
	uabi_run__free(&run);
	if (uabi_file__read(out, &text, NULL, NULL) != 0)
		return 0;
	err = uabi_cpp__parse(&cpp, text) ? 0 : uabi_work__check_includes(&c->w, &cpp, src, &dd);
	uabi_cpp__free(&cpp);
	free(text);
	if (!err)
		return 0;
	*c->d = dd;
	uabi_diag__prefix(c->d, "%s", profile_name(c));
	return err;
}

/*
 * --all, before anything is compiled: which headers of the group include a
 * file that is in no include directory (<sys/time.h>: a C library's). A
 * compile stops at the first missing file, so finding them one compile at
 * a time costs a compile each; `cc -M -MG` lists every file entered, in
 * order, and the missing ones where they were wanted, in one run. A missing
 * file is charged to the group's header entered last before it (the first
 * to include it; one that includes it through an already entered header is
 * found by the compile after). The C library's copy of a kernel header the
 * tree lacks (uabi_work__libc_kernel) is charged the same way. Files
 * entered outside the tree are an input error, as in the -dD pass.
 * faults[i] for c->hdrs[i]; returns the count.
 */
static int screen_missing(struct ctx *c, struct fault *faults, uint32_t *charged, bool record)
{
	const char *argv[96];
	char src[PATH_MAX], dep[PATH_MAX], path[PATH_MAX];
	char *text = NULL;
	struct uabi_run run = { 0 };
	int n = 0, err;
	long cur = -1;
	bool first = true;
	const char *p;
	char **wants;

	*charged = 0;
	/* missing_include calls it with the failed pass's includes alive */
	free(c->includes);
	c->includes = NULL;
	err = write_includes(&c->w, c->hdrs, c->nhdrs, NULL, 0, &c->includes, &c->first_include_line,
			     c->d);
	if (!err)
		err = write_file(c, "screen.c", c->includes, src, sizeof(src));
	if (err)
		return err;
	uabi_work__path(&c->w, "screen.d", dep, sizeof(dep));
	uabi_work__cc_argv(&c->w, argv, &n);
	argv[n++] = "-M";
	argv[n++] = "-MG";
	argv[n++] = "-H";	/* stalled_header() */
	argv[n++] = "-MF";
	argv[n++] = dep;
	argv[n++] = src;
	argv[n] = NULL;
	err = run_tool(c, argv, "screen", NULL, &run);
	if (err)
		return err;
	uabi_run__free(&run);
	if (uabi_file__read(dep, &text, NULL, NULL) != 0)
		return 0;	/* the compiles after say what is wrong */
	/* where each header of the group is, spelled as the compiler will */
	wants = calloc(c->nhdrs + 1, sizeof(*wants));
	if (!wants) {
		free(text);
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	}
	for (uint32_t i = 0; i < c->nhdrs; i++) {
		char want[PATH_MAX];

		if (resolve_include(&c->w, c->hdrs[i], want, sizeof(want)))
			wants[i] = strdup(want);
	}
	p = text;
	while (next_dep(&p, path, sizeof(path))) {
		if (first) {	/* the rule's target */
			first = false;
			continue;
		}
		if (path[0] != '/') {
			/* a missing file, as the #include spelled it */
			if (cur >= 0 && !faults[cur].hit) {
				faults[cur].hit = true;
				faults[cur].fatal = true;
				(*charged)++;
				snprintf(faults[cur].missing, sizeof(faults[cur].missing), "%s", path);
				if (c->w.nlibc)
					snprintf(faults[cur].reason, sizeof(faults[cur].reason),
						 "includes <%.400s>, which is neither in the uapi tree nor"
						 " in the C library's headers", path);
				else
					snprintf(faults[cur].reason, sizeof(faults[cur].reason),
						 "includes <%.400s>, which is in no include directory of the"
						 " uapi tree (a C library header, or one the tree lacks)", path);
			}
			continue;
		}
		if (uabi_work__libc_kernel(&c->w, path)) {
			/* found only as the C library's copy: another kernel's */
			if (cur >= 0 && !faults[cur].hit) {
				char rel[PATH_MAX];

				faults[cur].hit = true;
				faults[cur].fatal = true;
				(*charged)++;
				snprintf(faults[cur].reason, sizeof(faults[cur].reason),
					 "includes %.400s, the C library's copy of a kernel header the"
					 " tree lacks", uabi_work__relpath(&c->w, path, rel, sizeof(rel)));
				snprintf(faults[cur].missing, sizeof(faults[cur].missing), "%s",
					 strncmp(rel, "<sysroot>/", 10) ? rel : rel + 10);
			}
			continue;
		}
		if (!uabi_work__allows(&c->w, path, src)) {
			char rel[PATH_MAX], real[PATH_MAX];

			/* the file itself, and the name in the tree or the
			 * sysroot that led out (a symlink) */
			uabi_work__relpath(&c->w, path, rel, sizeof(rel));
			if (!realpath(path, real))
				snprintf(real, sizeof(real), "%s", rel);
			/* an input error, with --all too (clang lists a file
			 * __has_include found as a dependency as well), at
			 * its #include line where a pass over the header
			 * alone finds it */
			err = cur >= 0 ? outside_line(c, c->hdrs[cur]) : 0;
			if (!err)
				err = uabi_diag__input(c->d, EPERM, "%s: %s includes a file outside the"
						       " input tree: %s%s%s%s", profile_name(c),
						       cur >= 0 ? c->hdrs[cur] : "a header", real,
						       strcmp(real, rel) ? " (through " : "",
						       strcmp(real, rel) ? rel : "",
						       strcmp(real, rel) ? ")" : "");
			break;
		}
		for (uint32_t i = 0; i < c->nhdrs; i++) {
			if (wants[i] && !strcmp(wants[i], path)) {
				cur = i;
				break;
			}
		}
		if (record && (err = seen_add(c, path)))
			break;
	}
	for (uint32_t i = 0; i < c->nhdrs; i++)
		free(wants[i]);
	free(wants);
	free(text);
	return err;
}

/*
 * A -dD pass of named headers (not --all) failed: whether one of them
 * includes a file that is in no include directory, as the screen of --all
 * finds it (an input error, the reason --all skips the header with:
 * "x86_64: linux/x.h: includes <y.h>, which is ..."). -ENOENT with c->d
 * set; 0 when none does (the compiler's errors are then the message);
 * another -errno when the screen could not run.
 */
/*
 * The compiler's own "file not found" error of a failed -dD pass (errtext),
 * as one line: the #include directive as the tree's file writes it (quotes,
 * include_next), where, and through which header of the run ("x86_64:
 * linux/m3.h: linux/m.h:2: #include <linux/nowhere.h>, which is ..."). 1
 * when d is set, 0 when the text names no such error in a file of the tree.
 */
static int missing_from_error(struct ctx *c, const char *errtext)
{
	char src[PATH_MAX], file[PATH_MAX], rel[PATH_MAX], dir[256];
	const char *p, *why;
	unsigned long ln = 0;
	long top = -1;
	char *text = NULL;
	size_t slen;

	uabi_work__path(&c->w, "macros.c", src, sizeof(src));
	slen = strlen(src);
	file[0] = '\0';
	for (p = errtext; p && *p && !file[0];) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		const char *sev = memmem(p, len, ": fatal error: ", 15);
		bool head;
		long at;

		/* only the chain's entry from macros.c names it: clang's
		 * first line, gcc's last */
		if (chain_entry(p, len, src, slen, &head, &at) && at >= 0)
			top = at - (long)c->first_include_line;
		if (sev && (memmem(sev, len - (size_t)(sev - p), "file not found", 14) ||
			    memmem(sev, len - (size_t)(sev - p), "No such file or directory", 25))) {
			size_t pl = loc_len(p, (size_t)(sev - p));

			if (pl < sizeof(file) && pl < (size_t)(sev - p)) {
				memcpy(file, p, pl);
				file[pl] = '\0';
				ln = strtoul(p + pl + 1, NULL, 10);
			}
		}
		p = e ? e + 1 : NULL;
	}
	if (!file[0] || !ln || top < 0 || top >= (long)c->nhdrs || !uabi_work__in_tree(&c->w, file) ||
	    uabi_file__read(file, &text, NULL, NULL) != 0)
		return 0;
	/* line ln of the file, white space trimmed */
	p = text;
	for (unsigned long i = 1; p && i < ln; i++) {
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	if (!p) {
		free(text);
		return 0;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	snprintf(dir, sizeof(dir), "%.*s", (int)strcspn(p, "\r\n"), p);
	free(text);
	if (dir[0] != '#')
		return 0;
	for (size_t n = strlen(dir); n && (dir[n - 1] == ' ' || dir[n - 1] == '\t'); n--)
		dir[n - 1] = '\0';
	if (strstr(dir, "include_next"))
		why = "which no include directory after this file's has";
	else if (c->w.nlibc)
		why = "which is neither in the uapi tree nor in the C library's headers";
	else
		why = "which is in no include directory of the uapi tree (a C library header, or one the"
		      " tree lacks)";
	{
		char want[PATH_MAX];
		bool own = resolve_include(&c->w, c->hdrs[top], want, sizeof(want)) && !strcmp(want, file);

		if (own)
			uabi_diag__input(c->d, ENOENT, "%s: %s:%lu: %s, %s", profile_name(c), c->hdrs[top], ln,
					 dir, why);
		else
			uabi_diag__input(c->d, ENOENT, "%s: %s: %s:%lu: %s, %s", profile_name(c), c->hdrs[top],
					 uabi_work__relpath(&c->w, file, rel, sizeof(rel)), ln, dir, why);
	}
	return 1;
}

static int missing_include(struct ctx *c, const char *errtext)
{
	struct fault *faults;
	uint32_t charged = 0;
	int err;

	if (errtext && missing_from_error(c, errtext))
		return -ENOENT;
	faults = calloc(c->nhdrs + 1, sizeof(*faults));
	if (!faults)
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	err = screen_missing(c, faults, &charged, false);
	for (uint32_t i = 0; !err && i < c->nhdrs; i++) {
		if (faults[i].hit) {
			err = uabi_diag__input(c->d, ENOENT, "%s: %s: %s", profile_name(c), c->hdrs[i],
					       faults[i].reason);
			break;
		}
	}
	free(faults);
	return err;
}

/* Free n (header, name) pairs and their two arrays. */
static void free_pairs(char **hdr, char **name, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		free(hdr[i]);
		free(name[i]);
	}
	free(hdr);
	free(name);
}

/* Free the headers supply() added. */
static void extra_free(struct ctx *c)
{
	free_pairs(c->extra, c->for_name, c->nextra);
	c->extra = c->for_name = NULL;
	c->nextra = c->ncompiled = 0;
	c->no_extra = false;
	free_pairs(c->drop_hdr, c->drop_for, c->ndrop);
	c->drop_hdr = c->drop_for = NULL;
	free(c->drop_limit);
	c->drop_limit = NULL;
	c->ndrop = 0;
}

/* Whether hdr is a header drop_faulty() kept out. */
static bool dropped(const struct ctx *c, const char *hdr)
{
	for (uint32_t i = 0; i < c->ndrop; i++)
		if (!strcmp(c->drop_hdr[i], hdr))
			return true;
	return false;
}

/* Free what one translation unit built, for the next compile. */
static void tu_reset(struct ctx *c)
{
	cands_free(c);
	uabi_cpp__free(&c->cpp);
	memset(&c->cpp, 0, sizeof(c->cpp));
	free(c->includes);
	c->includes = NULL;
	free(c->group_err);
	c->group_err = NULL;
	c->asm_risk = false;
	c->def_risk = false;
	c->std_def_risk = false;
	free(c->macros_text);
	c->macros_text = NULL;
	free(c->head);
	c->head = NULL;
	c->head_state = 0;
	free(c->std_text);
	c->std_text = NULL;
	free(c->std_head);
	c->std_head = NULL;
	c->std_head_state = 0;
	uabi_cpp__free(&c->std_cpp);
	memset(&c->std_cpp, 0, sizeof(c->std_cpp));
	uabi_taint__free(&c->taint);
	uabi_taint__free(&c->std_taint);
}

/* Whether hdr is among the first n added headers (for name, unless NULL). */
static bool extra_has(const struct ctx *c, uint32_t n, const char *hdr, const char *name)
{
	for (uint32_t i = 0; i < n; i++)
		if (!strcmp(c->extra[i], hdr) && (!name || !strcmp(c->for_name[i], name)))
			return true;
	return false;
}

static int extra_add(struct ctx *c, const char *hdr, const char *name)
{
	char **e = realloc(c->extra, (c->nextra + 1) * sizeof(*e));
	char **f;

	if (!e)
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	c->extra = e;
	f = realloc(c->for_name, (c->nextra + 1) * sizeof(*f));
	if (!f)
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	c->for_name = f;
	e[c->nextra] = strdup(hdr);
	f[c->nextra] = strdup(name);
	if (!e[c->nextra] || !f[c->nextra]) {
		free(e[c->nextra]);
		free(f[c->nextra]);
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	}
	c->nextra++;
	return 0;
}

static void set_reason(struct cand *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_reason(struct cand *k, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) >= 0) {
		free(k->reason);
		k->reason = text;
	}
	va_end(ap);
}

/* Whether the translation unit entered the header of include name hdr
 * (then what it lacks is under a condition this ABI does not meet:
 * linux/kvm.h's struct kvm_x86_mce outside x86, judged as without --all). */
static bool tu_entered(struct ctx *c, const char *hdr)
{
	char path[PATH_MAX], a[PATH_MAX], b[PATH_MAX];

	if (!resolve_include(&c->w, hdr, path, sizeof(path)))
		return false;
	uabi_work__relpath(&c->w, path, a, sizeof(a));
	for (uint32_t i = 0; i < c->cpp.nfiles; i++)
		if (!strcmp(c->cpp.files[i], path) ||
		    !strcmp(uabi_work__relpath(&c->w, c->cpp.files[i], b, sizeof(b)), a))
			return true;
	return false;
}

/*
 * --all: what an ioctl of the group uses and no header of the translation
 * unit defines, found in the definitions index of the uapi headers
 * (c->defs): the argument's tag (linux/fs.h's FS_IOC_FIEMAP takes struct
 * fiemap, defined in linux/fiemap.h, which fs.h does not include; the
 * kernel's own code includes both), or an ioctl macro another header
 * defines (btrfs.h's BTRFS_IOC_GET_FSLABEL is linux/fs.h's
 * FS_IOC_GETFSLABEL). The defining header is added to c->extra, to be
 * included after the group's headers, so a verdict does not depend on which
 * headers share the translation unit. A tag defined differently in several
 * headers stays not applicable, with a reason naming them; one that its
 * header, once included, still does not define (#if) likewise. *added gets
 * how many headers were added; 0 or -ENOMEM.
 */
static int supply(struct ctx *c, uint32_t *added)
{
	char a[PATH_MAX];
	int err;

	*added = 0;
	for (uint32_t i = 0; i < c->ncands; i++) {
		struct cand *k = &c->cands[i];
		const struct uabi_def *e;
		uint32_t n, differ = 0;
		bool entered = false;

		if (!k->missing || k->decl || !(e = uabi_defs__find(&c->defs, k->missing, &n)))
			continue;
		for (uint32_t j = 1; j < n; j++)
			differ += e[j].macro || e[j].body != e[0].body;
		/* a definer the translation unit already entered (the ioctl's own
		 * header) defines it under a condition this ABI does not meet:
		 * the reason stays what it is without --all */
		for (uint32_t j = 0; j < n && !entered; j++)
			entered = tu_entered(c, e[j].header) &&
				  !extra_has(c, c->ncompiled, e[j].header, NULL);
		if (entered)
			continue;
		if (differ) {
			struct uabi_sbuf b;
			char *list;

			uabi_sbuf__init(&b);
			for (uint32_t j = 0; j < n; j++)
				uabi_sbuf__addf(&b, "%s%s", j ? (j + 1 == n ? " and " : ", ") : "",
						e[j].header);
			list = uabi_sbuf__finish(&b, c->d);
			if (!list)
				return -ENOMEM;
			set_reason(k, "%s is defined differently in %s, and %s includes none of them",
				   k->missing, list, uabi_work__relpath(&c->w, k->m->file, a, sizeof(a)));
			free(list);
			continue;
		}
		if (extra_has(c, c->ncompiled, e[0].header, NULL)) {
			set_reason(k, "%s is not defined for this ABI (%s defines it under a condition"
				   " this ABI does not meet)", k->missing, e[0].header);
			continue;
		}
		if (dropped(c, e[0].header))
			continue;	/* prepare_tu says why */
		if (!extra_has(c, c->nextra, e[0].header, NULL))
			(*added)++;
		if ((err = extra_add(c, e[0].header, k->m->name)))
			return err;
	}
	for (uint32_t i = 0; i < c->nplain; i++) {
		const struct uabi_macro *m = c->plain[i];
		const char *p = m->body;

		while (*p) {
			const struct uabi_def *e;
			char id[256];
			size_t n = 0;
			uint32_t ne;

			if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
				p += (*p >= '0' && *p <= '9') ? strspn(p, "0123456789abcdefABCDEFxXuUlL") : 1;
				continue;
			}
			while (p[n] == '_' || (p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z') ||
			       (p[n] >= '0' && p[n] <= '9'))
				n++;
			snprintf(id, sizeof(id), "%.*s", (int)(n < 255 ? n : 255), p);
			p += n;
			if (uabi_cpp__find(&c->cpp, id) || !(e = uabi_defs__find(&c->defs, id, &ne)) ||
			    !e[0].macro || extra_has(c, c->ncompiled, e[0].header, NULL) ||
			    extra_has(c, c->nextra, e[0].header, m->name) || tu_entered(c, e[0].header) ||
			    dropped(c, e[0].header))
				continue;
			/* the first header that defines it: an ioctl macro two
			 * headers define is said by find_ioctls when both are in */
			if (!extra_has(c, c->nextra, e[0].header, NULL))
				(*added)++;
			if ((err = extra_add(c, e[0].header, m->name)))
				return err;
		}
	}
	return 0;
}

/* Free what one translation unit built, for the next group. */
static void group_reset(struct ctx *c)
{
	for (uint32_t i = 0; c->root_reason && i < c->spec->nroots; i++) {
		free(c->root_reason[i]);
		c->root_reason[i] = NULL;
		c->root_ok[i] = false;
		c->root_line[i] = 0;
	}
	extra_free(c);
	tu_reset(c);
	c->refusal[0] = '\0';
	free(c->iso);
	c->iso = NULL;
	c->niso = 0;
}

/* Compile the group c->hdrs into one layout; -EAGAIN (with c->group_err)
 * when, extracting --all, the headers themselves do not compile. */
/* Whether the errors of the last compile (c->group_err) come from the
 * headers supply() added: an include chain that starts at one of their
 * #include lines, after the group's. */
/* bad[u] for the u-th unique added header of the last compile whose
 * #include line an include chain of its errors (c->group_err) starts at;
 * the count of unique ones in *nuniq. bad has c->ncompiled slots. */
static void faulty_extras(struct ctx *c, bool *bad, uint32_t *nuniq)
{
	char src[PATH_MAX], key[PATH_MAX + 2];

	*nuniq = 0;
	for (uint32_t i = 0; i < c->ncompiled; i++)
		*nuniq += !extra_has(c, i, c->extra[i], NULL);
	if (!*nuniq || !c->group_err || !c->group_src)
		return;
	uabi_work__path(&c->w, c->group_src, src, sizeof(src));
	snprintf(key, sizeof(key), "%s:", src);
	for (const char *p = strstr(c->group_err, key); p; p = strstr(p + 1, key)) {
		unsigned long ln = strtoul(p + strlen(key), NULL, 10);
		const char *e = strchr(p, '\n');
		const char *sev = memmem(p, e ? (size_t)(e - p) : strlen(p), ": error: ", 9);

		/* gcc's error after a supplier that ends inside a declaration */
		if (sev && (p == c->group_err || p[-1] == '\n'))
			ln = dangling_end(c, src, ln, sev, e ? (size_t)(e - sev) : strlen(sev)) ?: ln;
		if (ln >= c->first_include_line + c->nhdrs &&
		    ln < c->first_include_line + c->nhdrs + *nuniq)
			bad[ln - c->first_include_line - c->nhdrs] = true;
	}
}

static bool extra_at_fault(struct ctx *c)
{
	bool *bad = calloc(c->ncompiled + 1, sizeof(*bad)), any = false;
	uint32_t nuniq;

	if (!bad)
		return true;	/* drop_faulty says out of memory */
	faulty_extras(c, bad, &nuniq);
	for (uint32_t u = 0; u < nuniq && !any; u++)
		any = bad[u];
	free(bad);
	return any;
}

/*
 * The added headers whose own #include line an error of the last compile
 * starts its include chain at (extra_at_fault says whether any does):
 * kept out from now on (c->drop_hdr, with the names they were for), the
 * others kept, so that linux/fiemap.h still gives fs.h's FS_IOC_FIEMAP
 * its struct where powerpc's asm/termbits.h breaks the probe. With only,
 * that header is kept out instead, for the limit that stopped the run in
 * it (limit: limit_stop's error, which the ioctls' reason names). The
 * count of headers kept out, 0 when no line names one; -ENOMEM.
 */
static int drop_faulty(struct ctx *c, const char *only, int limit)
{
	uint32_t nuniq = 0, kept = 0, ndropped = 0;
	const char **uh;
	bool *bad;
	char **dh, **df;
	int *dl;

	if ((!only && (!c->group_err || !c->group_src)) || !c->ncompiled)
		return 0;
	uh = calloc(c->ncompiled + 1, sizeof(*uh));
	bad = calloc(c->ncompiled + 1, sizeof(*bad));
	dh = realloc(c->drop_hdr, (c->ndrop + c->nextra + 1) * sizeof(*dh));
	if (dh)
		c->drop_hdr = dh;
	df = realloc(c->drop_for, (c->ndrop + c->nextra + 1) * sizeof(*df));
	if (df)
		c->drop_for = df;
	dl = realloc(c->drop_limit, (c->ndrop + c->nextra + 1) * sizeof(*dl));
	if (dl)
		c->drop_limit = dl;
	if (!uh || !bad || !dh || !df || !dl) {
		free(uh);
		free(bad);
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	}
	/* the unique ones in the order write_includes wrote them */
	for (uint32_t i = 0, u = 0; i < c->ncompiled; i++)
		if (!extra_has(c, i, c->extra[i], NULL))
			uh[u++] = c->extra[i];
	if (only) {
		while (uh[nuniq])
			nuniq++;
		for (uint32_t u = 0; u < nuniq; u++)
			bad[u] = !strcmp(uh[u], only);
	} else {
		faulty_extras(c, bad, &nuniq);
	}
	for (uint32_t u = 0; u < nuniq; u++)
		ndropped += bad[u];
	for (uint32_t i = 0; ndropped && i < c->nextra; i++) {
		bool drop = false;

		for (uint32_t u = 0; u < nuniq && !drop; u++)
			drop = bad[u] && !strcmp(uh[u], c->extra[i]);
		if (drop) {
			c->drop_hdr[c->ndrop] = c->extra[i];
			c->drop_limit[c->ndrop] = limit;
			c->drop_for[c->ndrop++] = c->for_name[i];
		} else {
			c->extra[kept] = c->extra[i];
			c->for_name[kept++] = c->for_name[i];
		}
	}
	if (ndropped)
		c->nextra = c->ncompiled = kept;
	free(uh);
	free(bad);
	return (int)ndropped;
}

/* Preprocess the group with the headers supply() added (unless
 * c->no_extra) and find its ioctls. */
static int compile_tu(struct ctx *c)
{
	int err;

	tu_reset(c);
	c->ncompiled = c->no_extra ? 0 : c->nextra;
	err = write_includes(&c->w, c->hdrs, c->nhdrs, c->no_extra ? NULL : c->extra,
			     c->no_extra ? 0 : c->nextra, &c->includes, &c->first_include_line, c->d);
	if (!err)
		err = pass_macros(c);
	if (!err)
		err = find_ioctls(c);
	return err;
}

static void seed_free(struct ctx *c)
{
	free(c->seed_head);
	free(c->seed_dep);
	free(c->seed_text);
	for (uint32_t i = 0; i < c->nseed_extra; i++) {
		free(c->seed_extra[i]);
		free(c->seed_for[i]);
	}
	free(c->seed_extra);
	free(c->seed_for);
	c->seed_head = c->seed_dep = c->seed_text = NULL;
	c->seed_extra = c->seed_for = NULL;
	c->nseed_extra = 0;
	c->canned = c->canned_dep = NULL;
}

struct seed_ord {
	const struct seed *s;
	uint32_t at;		/* its header's place in c->hdrs */
};

/* by header place, then line: the order supply() meets the ioctls in */
static int cmp_seed_ord(const void *a, const void *b)
{
	const struct seed_ord *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->s->line != y->s->line)
		return x->s->line < y->s->line ? -1 : 1;
	return strcmp(x->s->name, y->s->name);
}

/* A -dD line marker l (len bytes): "# N "NAME" FLAGS", NAME escaped as
 * the compilers do. *line N, *name its start (escaped, up to the closing
 * quote), *enter flag 1. false when l is no marker. */
static bool marker_of(const char *l, size_t len, uint32_t *line, const char **name, size_t *nlen,
		      bool *enter)
{
	const char *e = l + len, *q;
	char *end;
	unsigned long n;

	if (len < 5 || l[0] != '#' || l[1] != ' ' || l[2] < '0' || l[2] > '9')
		return false;
	n = strtoul(l + 2, &end, 10);
	if (end >= e || end[0] != ' ' || end + 1 >= e || end[1] != '"')
		return false;
	*name = end + 2;
	for (q = *name; q < e && *q != '"'; q++)
		if (*q == '\\')
			q++;
	if (q >= e)
		return false;
	*nlen = (size_t)(q - *name);
	*enter = false;
	for (q++; q < e; q++)
		*enter |= q[0] == ' ' && q + 1 < e && q[1] == '1' && (q + 2 == e || q[2] == ' ');
	*line = (uint32_t)n;
	return true;
}

/* Where the -dD text t of a pass over src leaves the headers of the group
 * for the ones supply() added (src's line from on): the first line marker
 * that enters a file from src at or after that line, or the end. NULL
 * when src has anything else there (then it is not cut). */
static const char *seed_cut(const char *t, const char *src, uint32_t from)
{
	size_t sl = strlen(src);
	bool in_src = false;
	uint32_t line = 0;
	const char *l = t;

	while (*l) {
		const char *e = strchr(l, '\n'), *name;
		size_t len = e ? (size_t)(e - l) : strlen(l), nlen;
		uint32_t n;
		bool enter;

		if (marker_of(l, len, &n, &name, &nlen, &enter)) {
			if (in_src && line >= from && enter)
				return l;
			in_src = nlen == sl && !strncmp(name, src, sl);
			line = n;
		} else {
			if (in_src && line >= from && len)
				return NULL;
			line++;
		}
		l = e ? e + 1 : l + len;
	}
	return l;
}

/*
 * An incremental extraction's group: its first -dD pass includes, after
 * the group's headers, the suppliers the cached result's ioctls used
 * (c->seeds), as round 1 of prepare_tu would, so that one compiler run
 * serves both rounds when supply() asks for them again. Round 0 is what
 * the pass without them gives: the text up to where they begin
 * (seed_cut; the preprocessor had not met them yet) and the -MD list of
 * the files that part entered, the first ones the list names. Only for a
 * group whose round 0 is the pass that stands for the screen (-MD, no
 * <stddef.h>): the seeded pass enters <stddef.h> after the suppliers, as
 * round 1 does. Whatever does not fit (the pass fails or says anything,
 * a file list in another order, a name the list would escape) leaves
 * nothing, and the rounds run as they do without seeds. 0, or -EINTR,
 * -ETIMEDOUT (the pass ran past the time limit) and -ENOMEM.
 */
static int seed_pass(struct ctx *c)
{
	const char *argv[96];
	struct uabi_run run = { 0 };
	struct seed_ord *ord;
	struct uabi_cpp pc = { 0 };
	struct uabi_sbuf b;
	char src[PATH_MAX], out[PATH_MAX], dep[PATH_MAX], path[PATH_MAX];
	char *includes = NULL, *text = NULL, *dtext = NULL, *body = NULL;
	bool clang = strstr(c->p->cc[0], "clang") != NULL;
	uint32_t n = 0, first = 0, k = 0;
	const char *cut, *p;
	int err = 0, ran, an = 0;

	if (!c->nseeds || !c->fold_screen || c->nextra || c->no_extra)
		return 0;
	ord = calloc(c->nseeds, sizeof(*ord));
	if (!ord)
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	for (uint32_t i = 0; i < c->nseeds; i++)
		for (uint32_t j = 0; j < c->nhdrs; j++)
			if (!strcmp(c->seeds[i].hdr, c->hdrs[j])) {
				ord[n++] = (struct seed_ord){ &c->seeds[i], j };
				break;
			}
	if (n)
		qsort(ord, n, sizeof(*ord), cmp_seed_ord);
	c->seed_extra = calloc(n + 1, sizeof(char *));
	c->seed_for = calloc(n + 1, sizeof(char *));
	if (!c->seed_extra || !c->seed_for) {
		free(ord);
		seed_free(c);
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	}
	for (uint32_t i = 0; i < n; i++) {
		c->seed_extra[i] = strdup(ord[i].s->supplier);
		c->seed_for[i] = strdup(ord[i].s->name);
		c->nseed_extra++;
		if (!c->seed_extra[i] || !c->seed_for[i]) {
			free(ord);
			seed_free(c);
			return uabi_diag__input(c->d, ENOMEM, "out of memory");
		}
	}
	free(ord);
	if (!n)
		goto none;
	/* the text round 1 would preprocess: pass_macros's macros.c */
	err = write_includes(&c->w, c->hdrs, c->nhdrs, c->seed_extra, n, &includes, &first, c->d);
	if (err)
		goto out;
	uabi_sbuf__init(&b);
	uabi_sbuf__adds(&b, includes);
	if (clang)
		uabi_sbuf__adds(&b, "#include <stddef.h>\n");
	body = uabi_sbuf__finish(&b, c->d);
	if (!body) {
		err = -ENOMEM;
		goto out;
	}
	err = write_file(c, "macros.c", body, src, sizeof(src));
	if (err)
		goto out;
	uabi_work__path(&c->w, "seed.i", out, sizeof(out));
	uabi_work__path(&c->w, "seed.d", dep, sizeof(dep));
	uabi_work__cc_argv(&c->w, argv, &an);
	argv[an++] = "-E";
	argv[an++] = "-dD";
	argv[an++] = "-MD";
	argv[an++] = "-MF";
	argv[an++] = dep;
	argv[an++] = src;
	argv[an] = NULL;
	ran = run_tool(c, argv, "seed", "seed.i", &run);
	if (ran == -EINTR || limit_stop(c, ran)) {
		/* the group's own headers, most likely: the rounds would
		 * only stop again */
		err = ran;
		goto out;
	}
	if (ran)
		uabi_diag__clear(c->d);	/* the rounds run it again, and say */
	if (ran || run.status != 0 || (run.err && *run.err) || uabi_file__read(out, &text, NULL, NULL) ||
	    uabi_file__read(dep, &dtext, NULL, NULL))
		goto none;
	/* round 0's text: up to the first supplier's line */
	cut = seed_cut(text, src, first + c->nhdrs);
	if (!cut || !(c->seed_head = strndup(text, (size_t)(cut - text)))) {
		if (cut)
			err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto none;
	}
	/* round 0's -MD list: the files that part entered, in the order of
	 * their first entry, which the list keeps */
	if (uabi_cpp__parse(&pc, c->seed_head)) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto none;
	}
	uabi_sbuf__init(&b);
	p = dtext;
	if (!next_dep(&p, path, sizeof(path)))
		goto none_b;
	uabi_sbuf__addf(&b, "%s", path);
	for (uint32_t i = 0; i < pc.nincludes; i++) {
		const char *f = pc.includes[i].file;
		bool again = false;

		for (uint32_t j = 0; j < i && !again; j++)
			again = !strcmp(pc.includes[j].file, f);
		if (again)
			continue;
		if (!next_dep(&p, path, sizeof(path)) || strcmp(path, f) || strpbrk(f, " \t\n\\#$:"))
			goto none_b;
		uabi_sbuf__addf(&b, " %s", f);
		k++;
	}
	uabi_sbuf__adds(&b, "\n");
	/* the rest: files only the suppliers (and <stddef.h>) entered */
	while (next_dep(&p, path, sizeof(path)))
		for (uint32_t i = 0; i < pc.nincludes; i++)
			if (!strcmp(pc.includes[i].file, path))
				goto none_b;
	c->seed_dep = uabi_sbuf__finish(&b, c->d);
	if (!c->seed_dep || !k) {
		err = c->seed_dep ? 0 : -ENOMEM;
		goto none;
	}
	c->seed_text = text;
	text = NULL;
	goto out;
none_b:
	free(uabi_sbuf__finish(&b, c->d));
none:
	seed_free(c);
out:
	uabi_cpp__free(&pc);
	uabi_run__free(&run);
	free(includes);
	free(body);
	free(text);
	free(dtext);
	return err;
}

/* Whether supply() asked for the seeded pass's headers, for the same
 * names in the same order: then that pass is round 1's. */
static bool seed_matches(const struct ctx *c)
{
	if (!c->seed_text || c->nextra != c->nseed_extra)
		return false;
	for (uint32_t i = 0; i < c->nextra; i++)
		if (strcmp(c->extra[i], c->seed_extra[i]) || strcmp(c->for_name[i], c->seed_for[i]))
			return false;
	return true;
}

/* prepare_tu's rounds: compile, supply(), again while it adds a header. */
static int rounds(struct ctx *c)
{
	uint32_t added;
	int err;

	for (int round = 0;; round++) {
		if (round == 0 && c->seed_head) {
			c->canned = c->seed_head;
			c->canned_dep = c->seed_dep;
		} else if (round == 1 && seed_matches(c)) {
			c->canned = c->seed_text;
			c->canned_dep = NULL;
		}
		err = compile_tu(c);
		c->canned = c->canned_dep = NULL;
		if (err == -EAGAIN && !c->no_extra && extra_at_fault(c)) {
			/* without the added headers that broke it, else none */
			int r = drop_faulty(c, NULL, 0);

			if (r < 0)
				return r;
			c->no_extra = !r;
			continue;
		}
		if (limit_stop(c, err) && !c->strict && !c->no_extra && c->stalled_extra >= 0 &&
		    c->stalled_extra < (long)c->ncompiled) {
			/* a limit stopped the run in an added header (its -H
			 * trace): without it, its ioctls not applicable naming
			 * it and the limit */
			int lim = c->limit_err, r = drop_faulty(c, c->extra[c->stalled_extra], lim);

			if (r < 0)
				return r;
			if (r > 0) {
				uabi_diag__clear(c->d);
				continue;
			}
		}
		if (err)
			return err;
		if (c->no_extra || !c->defs.n || round == 4)
			break;
		if ((err = supply(c, &added)))
			return err;
		if (!added)
			break;
	}
	return 0;
}

/* The group's translation unit, with the headers its ioctls need
 * (supply(), a few rounds: an added header may need another); when those
 * break the compile, without them, their ioctls not applicable with the
 * reason. An incremental run tries the cached result's suppliers first
 * (seed_pass). */
static int prepare_tu(struct ctx *c)
{
	int err;

	err = seed_pass(c);
	if (!err)
		err = rounds(c);
	seed_free(c);
	if (err)
		return err;
	for (uint32_t i = 0; i < c->ncands; i++) {
		struct cand *k = &c->cands[i];

		for (uint32_t j = 0; j < c->nextra; j++) {
			if (strcmp(c->for_name[j], k->m->name))
				continue;
			if (!c->no_extra) {
				k->supplier = c->extra[j];
			} else if (k->applicable || k->missing) {
				k->applicable = false;
				set_reason(k, "%s is defined in %s, which does not compile with the"
					   " headers of its group", k->missing ? k->missing : k->m->name,
					   c->extra[j]);
			}
			break;
		}
		for (uint32_t j = 0; j < c->ndrop; j++) {
			if (strcmp(c->drop_for[j], k->m->name) || !(k->applicable || k->missing) ||
			    k->supplier)
				continue;
			k->applicable = false;
			if (c->drop_limit[j]) {
				char why[160];

				limit_reason(c, c->drop_limit[j], why, sizeof(why));
				set_reason(k, "%s is defined in %s, on which %s", k->missing ? k->missing :
					   k->m->name, c->drop_hdr[j], why);
			} else {
				set_reason(k, "%s is defined in %s, which does not compile with the"
					   " headers of its group", k->missing ? k->missing : k->m->name,
					   c->drop_hdr[j]);
			}
			break;
		}
	}
	return 0;
}

static int run_group(struct ctx *c, struct uabi_layout **out)
{
	const struct uabi_input_spec *spec = c->spec;
	char obj[PATH_MAX], so[PATH_MAX];
	int err;

	group_reset(c);
again:
	err = prepare_tu(c);
	if (err)
		return err;
	for (uint32_t i = 0; i < spec->nroots; i++) {
		char tag[512];

		c->root_ok[i] = true;
		free(c->root_reason[i]);
		c->root_reason[i] = NULL;
		if (tag_of(spec->roots[i], tag, sizeof(tag)) && !uabi_cpp__has_tag(&c->cpp, tag)) {
			c->root_ok[i] = false;
			c->root_reason[i] = malloc(strlen(tag) + 64);
			if (c->root_reason[i])
				sprintf(c->root_reason[i], "%s is not defined for this ABI", tag);
		}
	}
	err = compile_probe(c, obj, sizeof(obj));
	if (err == -EAGAIN && !c->no_extra && extra_at_fault(c)) {
		/* the added headers may be what broke it: without the ones
		 * its errors start at, else without any */
		int r = drop_faulty(c, NULL, 0);

		if (r < 0)
			return r;
		c->no_extra = !r;
		goto again;
	}
	if (!err)
		err = declared_errors(c);
	if (!err)
		err = link_probe(c, obj, so, sizeof(so));
	if (!err)
		err = assemble(c, so, out);
	return err;
}

struct hlist {
	const char **v;
	uint32_t n;
};

struct skip {
	const char *header;
	char *reason;
};

/* An ioctl name two groups define at different places: the first one is
 * judged; the other is said, not merged. */
static void merge_conflict(void *ctx, const struct uabi_ioctl *kept, const struct uabi_ioctl *dropped)
{
	struct ctx *c = ctx;

	uabi_eprintf("uabi: %s: warning: %s is defined in %s:%u and in %s:%u; judged as the first",
		     profile_name(c), kept->name, kept->decl_file ? kept->decl_file : "?",
		     kept->decl_line, dropped->decl_file ? dropped->decl_file : "?", dropped->decl_line);
}

static int cmp_skip(const void *a, const void *b)
{
	return strcmp(((const struct skip *)a)->header, ((const struct skip *)b)->header);
}

/* The headers an ioctl can belong to: each header of hdrs and its asm/
 * twin, as the dump spells files (rel[2i], rel[2i+1]; NULL when absent). */
static char **owner_files(struct ctx *c, const char *const *hdrs, uint32_t n)
{
	char **rel = calloc(2 * (size_t)n + 1, sizeof(*rel));

	for (uint32_t i = 0; rel && i < n; i++) {
		char abs[PATH_MAX], buf[PATH_MAX], twin[PATH_MAX];

		if (resolve_include(&c->w, hdrs[i], abs, sizeof(abs)))
			rel[2 * i] = strdup(uabi_work__relpath(&c->w, abs, buf, sizeof(buf)));
		if (uabi_extract__asm_twin(hdrs[i], twin, sizeof(twin)) &&
		    resolve_include(&c->w, twin, abs, sizeof(abs)))
			rel[2 * i + 1] = strdup(uabi_work__relpath(&c->w, abs, buf, sizeof(buf)));
	}
	return rel;
}

static void owner_files_free(char **rel, uint32_t n)
{
	for (uint32_t i = 0; rel && i < 2 * n; i++)
		free(rel[i]);
	free(rel);
}

/* Whether file is header h (or its asm/ twin) in some include directory:
 * file ends with "/h" ("/asm/BASE"). For a header that is gone. */
static bool ends_as(const char *file, const char *h)
{
	size_t fl = strlen(file), hl = strlen(h);
	const char *base = strrchr(h, '/');
	char twin[PATH_MAX];

	if (fl >= hl && (fl == hl || file[fl - hl - 1] == '/') && !strcmp(file + fl - hl, h))
		return true;
	if (!base || !strncmp(h, "asm/", 4))
		return false;
	snprintf(twin, sizeof(twin), "asm%s", base);
	hl = strlen(twin);
	return fl >= hl && (fl == hl || file[fl - hl - 1] == '/') && !strcmp(file + fl - hl, twin);
}

/* The header of hdrs[0..n) an ioctl declared in file belongs to, or -1. */
static int header_of_decl(char **rel, const char *const *hdrs, uint32_t n, const char *file)
{
	for (uint32_t i = 0; file && i < 2 * n; i++)
		if (rel[i] && !strcmp(rel[i], file))
			return (int)(i / 2);
	for (uint32_t i = 0; file && i < n; i++)
		if (!rel[2 * i] && ends_as(file, hdrs[i]))
			return (int)i;
	return -1;
}

static void dep_add(struct deplist *dl, const char *header, const char *dep)
{
	if (dl->oom || !dep)
		return;
	if (dl->n == dl->cap) {
		uint32_t cap = dl->cap ? dl->cap * 2 : 256;
		char **v = cap > dl->cap ? realloc(dl->v, (size_t)cap * sizeof(*v)) : NULL;

		if (!v) {
			dl->oom = true;
			return;
		}
		dl->v = v;
		dl->cap = cap;
	}
	if (asprintf(&dl->v[dl->n], "%s\t%s", header, dep) < 0) {
		dl->oom = true;
		return;
	}
	dl->n++;
}

/* What an ioctl not applicable waits for: the tag the reason names
 * ("struct x is not defined for this ABI": "?x"), else the identifiers it
 * quotes ("use of undeclared identifier 'bool'": "?bool"), else "*". */
static void na_deps(struct deplist *dl, const char *header, const char *reason)
{
	const char *r = reason ? reason : "", *sp, *q;
	char word[256];
	bool any = false;

	if ((!strncmp(r, "struct ", 7) || !strncmp(r, "union ", 6) || !strncmp(r, "enum ", 5)) &&
	    (sp = strchr(r, ' ')) && strstr(r, " is not defined")) {
		size_t n = strcspn(sp + 1, " ");

		snprintf(word, sizeof(word), "?%.*s", (int)(n < 200 ? n : 200), sp + 1);
		dep_add(dl, header, word);
		return;
	}
	for (q = strchr(r, '\''); q; q = strchr(q + 1, '\'')) {
		const char *e = strchr(q + 1, '\'');
		size_t n;

		if (!e)
			break;
		n = (size_t)(e - q - 1);
		if (n && n < 200) {
			snprintf(word, sizeof(word), "?%.*s", (int)n, q + 1);
			dep_add(dl, header, word);
			any = true;
		}
		q = e;
	}
	if (!any)
		dep_add(dl, header, "*");
}

struct by_file {
	const char *file;	/* an ioctl's decl_file, or NULL */
	uint32_t idx;		/* its index in l->ioctls */
};

/* by decl_file (NULL first), then index */
static int cmp_by_file(const void *a, const void *b)
{
	const struct by_file *x = a, *y = b;
	int r = !x->file || !y->file ? (x->file != NULL) - (y->file != NULL) : strcmp(x->file, y->file);

	if (r)
		return r;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* owner[i]: the header of hdrs[0..n) l->ioctls[i] belongs to, or -1; one
 * header_of_decl per distinct decl_file (ioctls sorted by file), so the
 * cost is n log n in ioctls, not ioctls x headers. */
static int ioctl_owners(const struct uabi_layout *l, char **rel, const char *const *hdrs,
			uint32_t n, int *owner)
{
	struct by_file *v = malloc(((size_t)l->nioctls + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	for (uint32_t i = 0; i < l->nioctls; i++)
		v[i] = (struct by_file){ l->ioctls[i].decl_file, i };
	if (l->nioctls)
		qsort(v, l->nioctls, sizeof(*v), cmp_by_file);
	for (uint32_t i = 0; i < l->nioctls; i++) {
		if (i && !cmp_by_file(&(struct by_file){ v[i - 1].file, 0 }, &(struct by_file){ v[i].file, 0 }))
			owner[v[i].idx] = owner[v[i - 1].idx];
		else
			owner[v[i].idx] = header_of_decl(rel, hdrs, n, v[i].file);
	}
	free(v);
	return 0;
}

/* l->input.header_deps of an --all extraction whose groups were hdrs
 * (judged and skipped): per judged header, the files defining the macros
 * its ioctls expand (c->mdeps) and the types they reach, and what its
 * ioctls that are not applicable wait for. The types are walked once per
 * header (the ioctls taken header by header), not once per ioctl: a
 * header of N ioctls on one big type costs the type once. */
static int set_header_deps(struct ctx *c, struct uabi_layout *l)
{
	const char *const *hdrs = l->input.headers;
	uint32_t n = l->input.nheaders, *mark = NULL, *stack = NULL, *order = NULL, *start = NULL;
	uint32_t gen = 0;
	int *owner = NULL;
	char **rel = owner_files(c, hdrs, n);
	struct deplist dl = { 0 };
	int err = 0;

	mark = calloc((size_t)l->ntypes + 1, sizeof(*mark));
	stack = malloc(((size_t)l->ntypes + 1) * sizeof(*stack));
	order = malloc(((size_t)l->nioctls + 1) * sizeof(*order));
	owner = malloc(((size_t)l->nioctls + 1) * sizeof(*owner));
	start = calloc((size_t)n + 2, sizeof(*start));
	if (!rel || !mark || !stack || !order || !owner || !start || c->mdeps_oom) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto out;
	}
	if (ioctl_owners(l, rel, hdrs, n, owner)) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto out;
	}
	/* order: the ioctls grouped by owner (-1 first), a counting sort */
	for (uint32_t i = 0; i < l->nioctls; i++)
		start[owner[i] + 1]++;
	for (uint32_t o = 0, sum = 0; o <= n; o++) {
		uint32_t k = start[o];

		start[o] = sum;
		sum += k;
	}
	for (uint32_t i = 0; i < l->nioctls; i++)
		order[start[owner[i] + 1]++] = i;
	for (uint32_t k = 0; k < l->nioctls; k++) {
		const struct uabi_ioctl *io = &l->ioctls[order[k]];
		int o = owner[order[k]];
		const char *h = o >= 0 ? hdrs[o] : "";
		uint32_t ns = 0;

		if (o < 0) {
			dep_add(&dl, "", "*");
			continue;
		}
		if (!k || owner[order[k - 1]] != o)
			gen++;
		dep_add(&dl, h, io->decl_file);
		if (io->supplier) {
			/* what the added header reads: a macro of its closure
			 * can size the type it gives (attacker F1 of session 6:
			 * struct t_arg's char c[TLEN], TLEN in a file the
			 * supplier includes), whatever the types' files say */
			const char *const *cl;
			uint32_t ncl;

			if (!c->inc && uabi_incdeps__new(&c->w, &c->inc, c->d)) {
				err = -ENOMEM;
				goto out;
			}
			err = uabi_incdeps__closure(c->inc, io->supplier, &cl, &ncl, c->d);
			if (err)
				goto out;
			for (uint32_t i = 0; i < ncl; i++)
				dep_add(&dl, h, cl[i]);
			/* and any file that defines its tag (=TAG): a new or
			 * changed definer makes the tag ambiguous or another
			 * header's (attacker F3 of session 6); a file that
			 * only uses it (videodev2.h's struct timeval) does not */
			if (io->arg_type) {
				const char *a = io->arg_type, *sp = strchr(a, ' ');
				char word[256];

				if (sp && (!strncmp(a, "struct ", 7) || !strncmp(a, "union ", 6) ||
					   !strncmp(a, "enum ", 5))) {
					size_t wl = strspn(sp + 1, "abcdefghijklmnopqrstuvwxyz"
							   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

					if (wl && wl < sizeof(word) - 1) {
						snprintf(word, sizeof(word), "=%.*s", (int)wl, sp + 1);
						dep_add(&dl, h, word);
					}
				}
			}
		}
		if (!io->applicable) {
			na_deps(&dl, h, io->reason);
			continue;
		}
		if (io->type < l->ntypes && mark[io->type] != gen) {
			mark[io->type] = gen;
			stack[ns++] = io->type;
		}
		while (ns) {
			const struct uabi_type *t = &l->types[stack[--ns]];

			dep_add(&dl, h, t->decl_file);
			for (uint32_t m = 0; m <= t->nmembers; m++) {
				uint32_t r = m < t->nmembers ? t->members[m].type : t->ref;

				if (m < t->nmembers)
					dep_add(&dl, h, t->members[m].decl_file);
				if (r < l->ntypes && mark[r] != gen) {
					mark[r] = gen;
					stack[ns++] = r;
				}
			}
		}
	}
	for (uint32_t i = 0; i < c->nmdeps; i++) {
		char *tab = strchr(c->mdeps[i], '\t');
		const struct uabi_ioctl *io;
		int o;

		*tab = '\0';
		io = uabi_layout__ioctl(l, c->mdeps[i]);
		*tab = '\t';
		o = io ? owner[io - l->ioctls] : -1;
		if (o >= 0)
			dep_add(&dl, hdrs[o], tab + 1);
	}
	/* the providers of macros check_foreign found (header\tfile) */
	for (uint32_t i = 0; c->fdeps && i < c->fdeps->n; i++) {
		char *tab = strchr(c->fdeps->v[i], '\t');

		*tab = '\0';
		if (in_list(hdrs, n, c->fdeps->v[i]))
			dep_add(&dl, c->fdeps->v[i], tab + 1);
		*tab = '\t';
	}
	if (dl.oom) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto out;
	}
	if (dl.n)
		qsort(dl.v, dl.n, sizeof(*dl.v), cmp_cstr);
	{
		uint32_t k = 0;

		for (uint32_t i = 0; i < dl.n; i++) {
			if (k && !strcmp(dl.v[k - 1], dl.v[i])) {
				free(dl.v[i]);
				continue;
			}
			dl.v[k++] = dl.v[i];
		}
		dl.n = k;
	}
	l->input.header_deps = dup_strv(l, (const char *const *)dl.v, dl.n);
	l->input.nheader_deps = l->input.header_deps ? dl.n : 0;
	if (!l->input.header_deps)
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
out:
	for (uint32_t i = 0; i < dl.n; i++)
		free(dl.v[i]);
	free(dl.v);
	free(mark);
	free(stack);
	free(order);
	free(owner);
	free(start);
	owner_files_free(rel, n);
	return err;
}

/*
 * --all: compile the headers in as few translation units as they allow.
 * A failing compile charges its errors to headers (attribute_errors); a
 * header whose error is its own (a missing file, #error) or that fails
 * alone is skipped with the compiler's first line; one that fails only
 * beside others goes to a later group; errors charged to no header split
 * the group in two. Every step drops a header or splits a group, so the
 * compiles are bounded by twice the headers. The groups' layouts become
 * one (uabi_layout__merge).
 */
/* The most group compiles (a screen or a compile of a group) --all makes
 * for n headers: UABI_MAX_COMPILES from the environment (a count, at
 * least 1), else 4 n + 64 (the 6.1 uapi tree takes 7 for 229 headers;
 * headers that fail beside others are regrouped, which a hostile tree
 * could make quadratic). */
static uint32_t max_compiles(uint32_t n)
{
	const char *v = getenv("UABI_MAX_COMPILES");
	char *e;
	unsigned long m;

	if (v && *v) {
		errno = 0;
		m = strtoul(v, &e, 10);
		if (!*e && !errno && m >= 1 && m <= 1u << 30)
			return (uint32_t)m;
	}
	return n <= (1u << 28) ? 4 * n + 64 : 1u << 30;
}

/* After a screen charged faults[i].hit headers of c->hdrs: whether one not
 * charged may include one charged or the file it wanted (its textual
 * closure, incdeps.h, has the header, or a path tried for that file): the
 * screen lists a file once, so the next one would charge that header
 * (then worth a screen of its own rather than a -dD pass that fails). Only
 * how many runs it takes depends on the answer. */
static bool screen_chain(struct ctx *c, const struct fault *faults)
{
	if (!c->inc && uabi_incdeps__new(&c->w, &c->inc, c->d))
		return true;
	for (uint32_t j = 0; j < c->nhdrs; j++) {
		const char *const *cl;
		uint32_t ncl;

		if (faults[j].hit)
			continue;
		if (uabi_incdeps__closure(c->inc, c->hdrs[j], &cl, &ncl, c->d))
			return true;
		for (uint32_t i = 0; i < c->nhdrs; i++) {
			char path[PATH_MAX], rel[PATH_MAX];
			size_t ml = strlen(faults[i].missing);

			if (!faults[i].hit)
				continue;
			if (resolve_include(&c->w, c->hdrs[i], path, sizeof(path)) &&
			    uabi_incdeps__has(cl, ncl, uabi_work__relpath(&c->w, path, rel, sizeof(rel))))
				return true;
			for (uint32_t k = 0; ml && k < ncl; k++) {
				size_t l = strlen(cl[k]);

				if (l > ml && cl[k][l - ml - 1] == '/' && !strcmp(cl[k] + l - ml, faults[i].missing))
					return true;
			}
		}
	}
	return false;
}

static int extract_groups(struct ctx *c, const char **hdrs, uint32_t n, const char *const *bad,
			  uint32_t nbad, struct uabi_layout **out)
{
	const uint32_t limit = max_compiles(n);
	/* every group but the first is queued after a compile */
	struct hlist *queue = calloc((size_t)limit + 2, sizeof(*queue));
	struct skip *skips = calloc(n + nbad + 1, sizeof(*skips));
	struct fault *faults = calloc(n + 1, sizeof(*faults));
	struct uabi_layout *all = NULL;
	uint32_t qhead = 0, qtail = 0, nskips = 0, ncompiles = 0;
	bool limited = false;
	int err = 0;

	if (!queue || !skips || !faults) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto out;
	}
	queue[qtail].v = malloc((n + 1) * sizeof(char *));
	if (!queue[qtail].v) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto out;
	}
	memcpy(queue[qtail].v, hdrs, n * sizeof(char *));
	queue[qtail++].n = n;
	for (uint32_t i = 0; i < nbad; i++) {
		skips[nskips].header = bad[i];
		skips[nskips++].reason = strdup("the file name has a character other than A-Z a-z 0-9"
						" _ . , + - / (kernel uapi names have none): it cannot be"
						" #included as written");
	}
	while (qhead < qtail && !err) {
		struct hlist *g = &queue[qhead++];

		/* screened: no header of the group includes a file the screen
		 * charges; chain: the last screen charged one another includes */
		bool screened = false, chain = false;

		while (g->n && !err) {
			struct uabi_layout *l = NULL;
			uint32_t charged = 0, kept = 0, nretry = 0;
			const char **retry;

			c->hdrs = g->v;
			c->nhdrs = g->n;
			memset(faults, 0, g->n * sizeof(*faults));
			if (ncompiles++ >= limit) {
				/* this group and every one queued: not judged */
				for (struct hlist *q = g; q < queue + qtail; q++) {
					for (uint32_t i = 0; i < q->n; i++) {
						char why[160];

						snprintf(why, sizeof(why), "not judged: the run reached its limit"
							 " of %u group compiles (UABI_MAX_COMPILES)", limit);
						skips[nskips].header = q->v[i];
						skips[nskips++].reason = strdup(why);
					}
					q->n = 0;
				}
				qhead = qtail;
				limited = true;
				break;
			}
			if (!screened) {
				/* again until no header is charged: one that
				 * includes a charged header is charged next */
				bool record = qhead == 1 && !c->nseen;

				group_reset(c);
				if (chain || (record && !c->strict)) {
					/* a cold run's first group has files missing,
					 * mostly: the screen first */
					err = screen_missing(c, faults, &charged, record);
					if (limit_stop(c, err))
						goto stalled;
					if (err)
						break;
					screened = !charged;
					chain = charged && screen_chain(c, faults);
				} else {
					/* the group's first -dD pass lists the files
					 * (-MD): one run less when none is missing */
					c->fold_screen = true;
					c->fold_record = record;
					c->screen_wanted = false;
				}
			}
			err = charged ? -EAGAIN : run_group(c, &l);
			if (c->screen_wanted) {
				/* the -dD pass failed or entered a file the
				 * screen charges: the screen, as without the
				 * fold, and the group compiled after it */
				c->screen_wanted = false;
				group_reset(c);
				err = screen_missing(c, faults, &charged, c->fold_record);
				if (limit_stop(c, err))
					goto stalled;
				if (err)
					break;
				screened = !charged;
				chain = charged && screen_chain(c, faults);
				err = charged ? -EAGAIN : run_group(c, &l);
			} else if (!screened && !charged && !c->fold_screen) {
				screened = true;	/* the -dD pass stood for it */
			}
			c->fold_screen = false;
			if (!err) {
				if (!all) {
					all = l;
				} else {
					int r = uabi_layout__merge(all, l, merge_conflict, c, c->d);

					err = r < 0 ? r : 0;
					uabi_layout__free(l);
				}
				break;
			}
stalled:
			if (limit_stop(c, err) && !c->strict) {
				/* a limit stopped a run of the group: one alone is
				 * skipped; the header its trace was in
				 * (stalled_header) is compiled alone, the rest
				 * without it, so that one costs one more stopped
				 * run (a stop in a compile, which has no trace:
				 * one a halving, as for an error charged to none) */
				long k = c->stalled;
				struct hlist *h;

				c->fold_screen = false;
				c->screen_wanted = false;
				uabi_diag__clear(c->d);
				err = 0;
				if (g->n == 1) {
					char why[160];

					limit_reason(c, c->limit_err, why, sizeof(why));
					skips[nskips].header = g->v[0];
					skips[nskips++].reason = strdup(why);
					g->n = 0;
					continue;
				}
				h = &queue[qtail++];
				h->n = k >= 0 && k < (long)g->n ? 1 : g->n - g->n / 2;
				h->v = malloc((h->n + 1) * sizeof(char *));
				if (!h->v) {
					err = uabi_diag__input(c->d, ENOMEM, "out of memory");
					break;
				}
				if (h->n == 1 && k >= 0 && k < (long)g->n) {
					h->v[0] = g->v[k];
					memmove(g->v + k, g->v + k + 1, (g->n - (uint32_t)k - 1) * sizeof(char *));
					g->n--;
				} else {
					memcpy(h->v, g->v + g->n / 2, h->n * sizeof(char *));
					g->n /= 2;
				}
				if (c->spec->verbose)
					uabi_eprintf("uabi: %s: a limit stopped a run of the group;"
						     " %s alone, %u others", profile_name(c),
						     h->n == 1 ? h->v[0] : "the second half", g->n);
				continue;
			}
			if (limit_stop(c, err)) {
				err = -ESTALE;	/* a cold run splits it */
				break;
			}
			if (err != -EAGAIN)
				break;
			if (!charged && c->strict) {
				err = -ESTALE;	/* a cold run would regroup */
				break;
			}
			err = 0;
			for (uint32_t i = 0; !charged && i < c->niso; i++) {
				/* check_undefs: to a later group, not skipped */
				struct fault *f = &faults[c->iso[i]];

				f->hit = true;
				snprintf(f->reason, sizeof(f->reason), "changes a macro another header"
					 " of its group uses");
			}
			if (!charged)
				charged = c->niso;
			if (!charged)
				charged = attribute_errors(c, faults);
			if (charged && charged == g->n && g->n > 1) {
				/* every header charged: beside errors of their own, they
				 * may only conflict with one another (<time.h> and
				 * linux/time.h both define struct itimerspec, the error
				 * in the C library's file): those with an error of their
				 * own (fatal, or in their own file: coda.h's int64_t) are
				 * skipped, the others halved, as for errors charged to
				 * none; one alone that fails is skipped */
				for (uint32_t i = 0; i < g->n; i++) {
					if (!faults[i].fatal && !faults[i].own) {
						g->v[kept++] = g->v[i];
						continue;
					}
					skips[nskips].header = g->v[i];
					skips[nskips++].reason = strdup(faults[i].reason);
				}
				g->n = kept;
				if (c->spec->verbose)
					uabi_eprintf("uabi: %s: %u of the group's headers do not compile with"
						     " it, each its own way; %u left, in halves",
						     profile_name(c), charged - kept, kept);
				if (g->n < 2)
					continue;	/* one left: compiled alone */
				charged = 0;
			}
			if (!charged && g->n > 1) {
				/* split: the second half is a new group */
				struct hlist *h = &queue[qtail++];

				h->n = g->n - g->n / 2;
				h->v = malloc((h->n + 1) * sizeof(char *));
				if (!h->v) {
					err = uabi_diag__input(c->d, ENOMEM, "out of memory");
					break;
				}
				memcpy(h->v, g->v + g->n / 2, h->n * sizeof(char *));
				g->n /= 2;
				continue;
			}
			if (!charged && c->refusal[0]) {
				/* refused alone (refuse()) */
				faults[0].hit = true;
				faults[0].fatal = true;
				snprintf(faults[0].reason, sizeof(faults[0].reason), "%s", c->refusal);
			} else if (!charged) {
				faults[0].hit = true;
				faults[0].fatal = true;
				snprintf(faults[0].reason, sizeof(faults[0].reason), "does not compile for"
					 " this ABI (%s exited with errors in no file of the tree)",
					 c->p->cc[0]);
			}
			retry = malloc((g->n + 1) * sizeof(char *));
			if (!retry) {
				err = uabi_diag__input(c->d, ENOMEM, "out of memory");
				break;
			}
			for (uint32_t i = 0; i < g->n; i++) {
				if (!faults[i].hit) {
					g->v[kept++] = g->v[i];
				} else if (faults[i].fatal || g->n == 1 || charged == g->n) {
					skips[nskips].header = g->v[i];
					skips[nskips++].reason = strdup(faults[i].reason);
				} else {
					retry[nretry++] = g->v[i];
				}
			}
			g->n = kept;
			if (nretry) {
				queue[qtail].v = retry;
				queue[qtail++].n = nretry;
			} else {
				free(retry);
			}
			if (c->spec->verbose)
				uabi_eprintf("uabi: %s: %u of the group's headers do not compile with it;"
					     " %u left", profile_name(c), charged, kept);
		}
	}
	if (!err && !all && c->strict && !nskips)
		err = -ESTALE;
	if (!err && !all && c->strict && !(all = uabi_layout__new()))
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");	/* only skips */
	if (!err && !all && !n) {
		err = uabi_diag__input(c->d, ENOENT, "%s: no header of the tree defines an ioctl command"
				       " under a name uabi can judge; %s: %s", profile_name(c),
				       skips[0].header, skips[0].reason ? skips[0].reason : "");
	} else if (!err && !all && limited) {
		/* the run's bound, not the headers: nothing judged is an error */
		err = uabi_diag__toolchain(c->d, EIO, "%s: none of the %u headers judged; %s: %s",
					   profile_name(c), n, skips[nskips - 1].header,
					   skips[nskips - 1].reason ? skips[nskips - 1].reason : "");
	} else if (!err && !all) {
		/* none compiles: the ABI's base facts from a probe of no
		 * header, every header recorded as skipped (the report's
		 * coverage says so; a gate sees them not judged) */
		c->hdrs = NULL;
		c->nhdrs = 0;
		err = run_group(c, &all);
		if (err)
			uabi_diag__prefix(c->d, "%s: none of the %u headers compiles for this ABI,"
					  " and a probe of none fails", profile_name(c), n);
	}
	if (!err && nskips) {
		struct uabi_skipped_header *sk;

		qsort(skips, nskips, sizeof(*skips), cmp_skip);
		sk = uabi_arena__alloc(&all->arena, nskips * sizeof(*sk));
		if (!sk) {
			err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		} else {
			for (uint32_t i = 0; i < nskips; i++) {
				sk[i].header = uabi_arena__strdup(&all->arena, skips[i].header);
				sk[i].reason = uabi_arena__strdup(&all->arena, skips[i].reason ?
								  skips[i].reason : "out of memory");
			}
			all->input.skipped = sk;
			all->input.nskipped = nskips;
		}
	}
	if (!err && c->nseen) {
		all->input.extra_files = dup_strv(all, (const char *const *)c->seen, c->nseen);
		all->input.nextra_files = all->input.extra_files ? c->nseen : 0;
	}
	if (!err && qtail > 1) {
		/* several translation units: the identity covers every file */
		char hex[65];

		qsort(all->input.headers, all->input.nheaders, sizeof(char *), cmp_cstr);
		err = uabi_extract__hash_files(c->w.root_abs, all->input.files, all->input.nfiles,
					       hex, c->d);
		if (!err)
			all->input.sha256 = uabi_arena__strdup(&all->arena, hex);
	}
	if (!err && qtail > 1)
		/* the types in the order of one unit of every group (dwarf.c's
		 * from the sorted roots), not group after group: the order an
		 * incremental extraction, whose groups differ, gives too */
		err = uabi_layout__reorder(all, c->d);
	if (!err)
		err = set_header_deps(c, all);
out:
	for (uint32_t i = 0; i < qtail; i++)
		free(queue[i].v);
	for (uint32_t i = 0; i < nskips; i++)
		free(skips[i].reason);
	free(queue);
	free(skips);
	free(faults);
	if (err)
		uabi_layout__free(all);
	else
		*out = all;
	return err;
}

/* What an incremental extraction starts from (uabi_extract__run_incremental). */
struct incr {
	const struct uabi_layout *old;
	const char *const *changed;	/* sorted */
	uint32_t nchanged;
	char **texts;			/* the changed files' text now (NULL: gone) */
};

static bool in_list(const char *const *v, uint32_t n, const char *s)
{
	for (uint32_t i = 0; i < n; i++)
		if (v[i] && !strcmp(v[i], s))
			return true;
	return false;
}

/* Whether identifier w appears as a word in a changed file's text. */
static bool changed_names(const struct incr *in, const char *w)
{
	size_t n = strlen(w);

	for (uint32_t i = 0; i < in->nchanged; i++) {
		for (const char *p = in->texts[i]; p && (p = strstr(p, w)); p += n) {
			bool before = p > in->texts[i] && (p[-1] == '_' || (p[-1] >= '0' && p[-1] <= '9') ||
							   ((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z'));
			char a = p[n];
			bool after = a == '_' || (a >= '0' && a <= '9') || ((a | 0x20) >= 'a' && (a | 0x20) <= 'z');

			if (!before && !after)
				return true;
		}
	}
	return false;
}

/* The dependency entries of header h in the sorted deps[0..n) ("H\tDEP"):
 * the index of the first, *count of them. */
static uint32_t deps_of(const char *const *deps, uint32_t n, const char *h, uint32_t *count)
{
	size_t hl = strlen(h);
	uint32_t lo = 0, hi = n, first;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int r = strncmp(deps[mid], h, hl);

		if (!r)
			r = deps[mid][hl] == '\t' ? 0 : (unsigned char)deps[mid][hl] - '\t';
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	while (lo < n && !strncmp(deps[lo], h, hl) && deps[lo][hl] == '\t')
		lo++;
	*count = lo - first;
	return first;
}

/* Keep the entries of v[0..*n) that keep() accepts, in order. */
#define FILTER(v, n, keep_expr) do {						\
	uint32_t k_ = 0;							\
	for (uint32_t i_ = 0; i_ < (n); i_++) {					\
		__typeof__((v)[0]) it = (v)[i_];				\
		if (keep_expr)							\
			(v)[k_++] = it;						\
	}									\
	(n) = k_;								\
} while (0)

/* Whether a type reachable from t is declared in a changed file. */
static bool root_changed(const struct uabi_layout *l, uint32_t t, const struct incr *in)
{
	bool *seen = calloc((size_t)l->ntypes + 1, sizeof(*seen));
	uint32_t *stack = malloc(((size_t)l->ntypes + 1) * sizeof(*stack)), ns = 0;
	bool hit = !seen || !stack;

	if (!hit && t < l->ntypes) {
		seen[t] = true;
		stack[ns++] = t;
	}
	while (!hit && ns) {
		const struct uabi_type *ty = &l->types[stack[--ns]];

		hit = ty->decl_file && uabi_incdeps__has(in->changed, in->nchanged, ty->decl_file);
		for (uint32_t m = 0; m <= ty->nmembers && !hit; m++) {
			uint32_t r = m < ty->nmembers ? ty->members[m].type : ty->ref;

			if (r < l->ntypes && !seen[r]) {
				seen[r] = true;
				stack[ns++] = r;
			}
		}
	}
	free(seen);
	free(stack);
	return hit;
}

/* c->seeds: the suppliers old's ioctls of the headers re used. */
static int incr_seeds(struct ctx *c, const struct uabi_layout *old, const char **re, uint32_t nre)
{
	char **rel = owner_files(c, re, nre);
	struct seed *v = calloc(old->nioctls + 1, sizeof(*v));
	uint32_t n = 0;

	if (!rel || !v) {
		owner_files_free(rel, nre);
		free(v);
		return uabi_diag__input(c->d, ENOMEM, "out of memory");
	}
	for (uint32_t i = 0; i < old->nioctls; i++) {
		const struct uabi_ioctl *io = &old->ioctls[i];
		int o;

		if (!io->supplier || !io->name)
			continue;
		o = header_of_decl(rel, re, nre, io->decl_file);
		if (o >= 0)
			v[n++] = (struct seed){ re[o], io->supplier, io->name, io->decl_line };
	}
	owner_files_free(rel, nre);
	c->seeds = v;
	c->nseeds = n;
	return 0;
}

/* Whether a changed file's text has `struct|union|enum TAG {` (white
 * space between, none of the words part of a longer identifier). */
static bool changed_defines_tag(const struct incr *in, const char *tag)
{
	size_t n = strlen(tag);

	for (uint32_t i = 0; i < in->nchanged; i++) {
		const char *t = in->texts[i];

		for (const char *p = t; p && (p = strstr(p, tag)); p += n) {
			const char *q = p + n, *b = p;
			size_t kl;

			if (p > t && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
				continue;
			if (isalnum((unsigned char)*q) || *q == '_')
				continue;
			while (*q == ' ' || *q == '\t' || *q == '\n')
				q++;
			if (*q != '{')
				continue;
			while (b > t && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\n'))
				b--;
			for (kl = 0; b - kl > t && (isalnum((unsigned char)b[-1 - (long)kl]) ||
						     b[-1 - (long)kl] == '_');)
				kl++;
			if ((kl == 6 && (!strncmp(b - 6, "struct", 6))) || (kl == 5 && !strncmp(b - 5, "union", 5)) ||
			    (kl == 4 && !strncmp(b - 4, "enum", 4)))
				return true;
		}
	}
	return false;
}

/*
 * The incremental --all: the headers of hdrs whose result may differ from
 * in->old (their #include closure or their header_deps holds a changed
 * file, a word an ioctl not applicable waits for is in a changed file, or
 * they are new), with the headers that provided them what their closure
 * lacks, compiled as one group; the old layout without those headers and
 * the ones gone, merged with it, its types in the one-unit order. -ESTALE
 * (nothing said) when only a cold run can tell: the group does not compile
 * whole, a root or the whole layout depends on a changed file, or a third
 * of the headers or more would be compiled again.
 */
static int extract_incremental(struct ctx *c, const char **hdrs, uint32_t n, const struct incr *in,
			       struct uabi_layout **out)
{
	const struct uabi_layout *old = in->old;
	const char *const *deps = old->input.header_deps;
	uint32_t ndeps = old->input.nheader_deps, nre = 0, cnt, first;
	struct uabi_incdeps *g = NULL;
	struct uabi_layout *res = NULL, *fresh = NULL;
	const char **re = calloc(n + 1, sizeof(*re)), **kept = NULL;
	const char **why = calloc(n + 1, sizeof(*why));
	const char *const *pre;
	uint32_t npre;
	uint64_t **cdefs = NULL;
	uint32_t *ncdefs = NULL;
	bool *mark = calloc(n + 1, sizeof(*mark));
	char **rel = NULL;
	uint32_t nkept = 0, kcap = 0, nrel = 0;
	int err;

	*out = NULL;
	if (!re || !mark || !why) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto out;
	}
	err = uabi_incdeps__new(&c->w, &g, c->d);
	if (err)
		goto out;
	/* the whole layout, or a root, depends on a changed file */
	first = deps_of(deps, ndeps, "", &cnt);
	if (cnt) {
		err = -ESTALE;
		goto out;
	}
	for (uint32_t i = 0; i < old->nroots && !err; i++)
		err = root_changed(old, old->roots[i].type, in) ? -ESTALE : 0;
	if (err)
		goto out;
	/* the macros the changed files define now (a header whose closure
	 * uses one only in #define bodies takes it from them: check_foreign) */
	cdefs = calloc(in->nchanged + 1, sizeof(*cdefs));
	ncdefs = calloc(in->nchanged + 1, sizeof(*ncdefs));
	if (!cdefs || !ncdefs) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto out;
	}
	for (uint32_t j = 0; j < in->nchanged; j++)
		if (in->texts[j] && uabi_incdeps__text_defines(in->texts[j], strlen(in->texts[j]), &cdefs[j],
							       &ncdefs[j])) {
			err = uabi_diag__input(c->d, ENOMEM, "out of memory");
			goto out;
		}
	/* the affected headers */
	for (uint32_t i = 0; i < n; i++) {
		const char *const *cl;
		const uint32_t *cn;
		uint32_t ncl, ncn;
		bool known = in_list(old->input.headers, old->input.nheaders, hdrs[i]);

		for (uint32_t j = 0; !known && j < old->input.nskipped; j++)
			known = !strcmp(old->input.skipped[j].header, hdrs[i]);
		if (!known) {
			mark[i] = true;
			why[i] = "new";
			continue;
		}
		err = uabi_incdeps__closure(g, hdrs[i], &cl, &ncl, c->d);
		if (!err)
			err = uabi_incdeps__closure_nodes(g, hdrs[i], &cn, &ncn, c->d);
		if (err)
			goto out;
		for (uint32_t j = 0; j < in->nchanged && !mark[i]; j++)
			if ((mark[i] = uabi_incdeps__has(cl, ncl, in->changed[j])))
				why[i] = in->changed[j];
		/* __has_include, __COUNTER__, a computed #include: any change */
		for (uint32_t j = 0; j < ncn && !mark[i] && in->nchanged; j++)
			if ((mark[i] = uabi_incdeps__node_volatile(g, cn[j])))
				why[i] = uabi_incdeps__rel(g, cn[j]);
		/* a macro a changed file defines that the closure uses only in
		 * #define bodies and does not define: what check_foreign
		 * leaves beside it (a provider) */
		for (uint32_t j = 0; j < in->nchanged && !mark[i]; j++) {
			for (uint32_t k = 0; k < ncdefs[j] && !mark[i]; k++) {
				bool used = false, other = false;

				for (uint32_t m = 0; m < ncn && !other; m++) {
					const uint64_t *t;

					used |= uabi_incdeps__node_uses(g, cn[m], cdefs[j][k], UABI_INCDEPS_ANY);
					other = uabi_incdeps__node_uses(g, cn[m], cdefs[j][k], UABI_INCDEPS_CODE) ||
						uabi_incdeps__node_defines(g, cn[m], cdefs[j][k], &t);
				}
				mark[i] = used && !other;
				if (mark[i])
					why[i] = in->changed[j];
			}
		}
		first = deps_of(deps, ndeps, hdrs[i], &cnt);
		for (uint32_t j = first; j < first + cnt && !mark[i]; j++) {
			const char *dep = strchr(deps[j], '\t') + 1;

			if (!strcmp(dep, "*"))
				mark[i] = true;
			else if (dep[0] == '?')
				mark[i] = changed_names(in, dep + 1);
			else if (dep[0] == '=')
				mark[i] = changed_defines_tag(in, dep + 1);
			else
				mark[i] = uabi_incdeps__has(in->changed, in->nchanged, dep);
			if (mark[i])
				why[i] = dep;
		}
	}
	/* their providers: the first header whose closure has a file the
	 * affected one depends on beyond its own closure, until none is new;
	 * none for a file the group enters anyway: one of an affected
	 * header's closure, or of <linux/ioctl.h>'s (every unit includes it
	 * first: write_includes), or the compiler's <stddef.h> (typedefs and
	 * NULL, offsetof: without it a type of it is an error, the group
	 * does not compile and a full run tells; drm/amdgpu_drm.h's closure
	 * has it under a BSD #if, and brought drm.h's asm text along) */
	err = uabi_incdeps__closure(g, "linux/ioctl.h", &pre, &npre, c->d);
	if (err)
		goto out;
	for (bool more = true; more;) {
		more = false;
		for (uint32_t i = 0; i < n; i++) {
			const char *const *cl;
			uint32_t ncl;

			if (!mark[i])
				continue;
			first = deps_of(deps, ndeps, hdrs[i], &cnt);
			if (!cnt)
				continue;
			err = uabi_incdeps__closure(g, hdrs[i], &cl, &ncl, c->d);
			if (err)
				goto out;
			for (uint32_t j = first; j < first + cnt; j++) {
				const char *dep = strchr(deps[j], '\t') + 1;

				bool entered = false;

				if (dep[0] == '?' || dep[0] == '*' ||
				    uabi_incdeps__has(cl, ncl, dep) || uabi_incdeps__has(pre, npre, dep) ||
				    !strcmp(dep, "<compiler>/stddef.h"))
					continue;
				for (uint32_t k = 0; k < n && !entered; k++) {
					const char *const *mcl;
					uint32_t nmcl;

					if (k == i || !mark[k])
						continue;
					err = uabi_incdeps__closure(g, hdrs[k], &mcl, &nmcl, c->d);
					if (err)
						goto out;
					entered = uabi_incdeps__has(mcl, nmcl, dep);
				}
				if (entered)
					continue;
				for (uint32_t k = 0; k < n; k++) {
					const char *const *pcl;
					uint32_t npcl;

					if (k == i)
						continue;
					err = uabi_incdeps__closure(g, hdrs[k], &pcl, &npcl, c->d);
					if (err)
						goto out;
					if (!uabi_incdeps__has(pcl, npcl, dep))
						continue;
					if (!mark[k]) {
						more = mark[k] = true;
						why[k] = hdrs[i];
					}
					break;
				}
			}
		}
	}
	for (uint32_t i = 0; i < n; i++)
		if (mark[i])
			re[nre++] = hdrs[i];
	if (c->spec->verbose) {
		struct uabi_sbuf b;
		char *list;

		uabi_eprintf("uabi: %s: %u of %u headers to extract again", profile_name(c), nre, n);
		/* and why: the changed file, dependency or header that marked each */
		uabi_sbuf__init(&b);
		for (uint32_t i = 0; i < n; i++)
			if (mark[i])
				uabi_sbuf__addf(&b, "%s%s (%s)", b.len ? ", " : "", hdrs[i],
						why[i] ? why[i] : "?");
		list = uabi_sbuf__finish(&b, c->d);
		if (list && *list)
			uabi_eprintf("uabi: %s: again: %s", profile_name(c), list);
		free(list);
	}
	if (nre * 2 > n) {
		err = -ESTALE;
		goto out;
	}
	if (nre) {
		c->strict = true;
		err = incr_seeds(c, old, re, nre);
		if (!err)
			err = extract_groups(c, re, nre, NULL, 0, &fresh);
		free((void *)c->seeds);
		c->seeds = NULL;
		c->nseeds = 0;
		if (err)
			goto out;
		/* an ioctl the cold result could judge and the group cannot: a
		 * header outside the group provided its type (a typedef the C
		 * library gives under a condition the closure does not see:
		 * FIOQSIZE's loff_t on powerpc); only a full run tells */
		/* known gap of the merge: an array of arrays' inner dimension
		 * (a type of its own in one unit's DWARF) would be shared with
		 * an equal array of the cached result, and the dump would not
		 * be the cold run's byte for byte (v4l2-controls.h's
		 * __u8 [6][16]): a full run instead */
		for (uint32_t i = 0; i < fresh->ntypes; i++) {
			const struct uabi_type *t = &fresh->types[i];

			if (t->kind == UABI_KIND_ARRAY && t->ref < fresh->ntypes &&
			    fresh->types[t->ref].kind == UABI_KIND_ARRAY) {
				if (c->spec->verbose)
					uabi_eprintf("uabi: %s: an array of arrays is compiled again: extracting"
						     " every header", profile_name(c));
				err = -ESTALE;
				goto out;
			}
		}
		for (uint32_t i = 0; i < fresh->nioctls; i++) {
			const struct uabi_ioctl *was = uabi_layout__ioctl(old, fresh->ioctls[i].name);

			if (!fresh->ioctls[i].applicable && was && was->applicable) {
				err = -ESTALE;
				goto out;
			}
		}
	}

	/* the old layout without the headers extracted again or gone */
	res = uabi_layout__new();
	if (!res) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto out;
	}
	err = uabi_layout__merge(res, old, NULL, NULL, c->d);
	if (err < 0)
		goto out;
	res->input.header_deps = dup_strv(res, old->input.header_deps, old->input.nheader_deps);
	res->input.nheader_deps = old->input.nheader_deps;
	nrel = res->input.nheaders;
	rel = owner_files(c, res->input.headers, nrel);
	if (!rel || !res->input.header_deps) {
		err = uabi_diag__input(c->d, ENOMEM, "out of memory");
		goto out;
	}
	{
		const char *const *hv = res->input.headers;
		uint32_t hn = res->input.nheaders;

		FILTER(res->ioctls, res->nioctls,
		       ({ int o_ = header_of_decl(rel, hv, hn, it.decl_file);
			  o_ < 0 || (!in_list(re, nre, hv[o_]) && in_list(hdrs, n, hv[o_])); }));
	}
	FILTER(res->input.headers, res->input.nheaders, !in_list(re, nre, it) && in_list(hdrs, n, it));
	{
		struct uabi_skipped_header *sk = (struct uabi_skipped_header *)res->input.skipped;

		FILTER(sk, res->input.nskipped,
		       !in_list(re, nre, it.header) && in_list(hdrs, n, it.header));
	}
	/* files: what the kept headers' closures reach */
	for (uint32_t i = 0; i < res->input.nheaders; i++) {
		const char *const *cl;
		uint32_t ncl;

		err = uabi_incdeps__closure(g, res->input.headers[i], &cl, &ncl, c->d);
		if (err)
			goto out;
		if (nkept + ncl > kcap) {
			const char **v = realloc(kept, (kcap = (nkept + ncl) * 2 + 64) * sizeof(*v));

			if (!v) {
				err = uabi_diag__input(c->d, ENOMEM, "out of memory");
				goto out;
			}
			kept = v;
		}
		memcpy(kept + nkept, cl, ncl * sizeof(*cl));
		nkept += ncl;
		/* and the files they take from other headers (a type's
		 * declaring file a header supply() added gave: riscv32 reads
		 * linux/time.h so), which the cold run enters too */
		first = deps_of(deps, ndeps, res->input.headers[i], &cnt);
		if (nkept + cnt > kcap) {
			const char **v = realloc(kept, (kcap = (nkept + cnt) * 2 + 64) * sizeof(*v));

			if (!v) {
				err = uabi_diag__input(c->d, ENOMEM, "out of memory");
				goto out;
			}
			kept = v;
		}
		for (uint32_t j = first; j < first + cnt && !err; j++) {
			const char *dep = strchr(deps[j], '\t') + 1, *const *dcl;
			uint32_t ndcl;

			if (dep[0] == '?' || dep[0] == '*')
				continue;
			kept[nkept++] = dep;
			/* with what that file includes: its closure, by the
			 * include name of the directory it is in */
			for (uint32_t k = 0; k < c->w.nincdirs; k++) {
				char drel[PATH_MAX];
				size_t rl;

				uabi_work__relpath(&c->w, c->w.incdirs[k], drel, sizeof(drel));
				rl = strlen(drel);
				if (strncmp(dep, drel, rl) || dep[rl] != '/')
					continue;
				err = uabi_incdeps__closure(g, dep + rl + 1, &dcl, &ndcl, c->d);
				if (!err && nkept + ndcl + cnt > kcap) {
					const char **v = realloc(kept, (kcap = (nkept + ndcl + cnt) * 2 + 64) *
								 sizeof(*v));

					if (!v)
						err = uabi_diag__input(c->d, ENOMEM, "out of memory");
					else
						kept = v;
				}
				if (!err) {
					memcpy(kept + nkept, dcl, ndcl * sizeof(*dcl));
					nkept += ndcl;
				}
				break;
			}
		}
		if (err)
			goto out;
	}
	if (nkept)
		qsort(kept, nkept, sizeof(*kept), cmp_cstr);
	FILTER(res->input.files, res->input.nfiles, it[0] == '<' || uabi_incdeps__has(kept, nkept, it));
	/* the header deps of the kept headers */
	FILTER(res->input.header_deps, res->input.nheader_deps, ({
		char h_[PATH_MAX];
		snprintf(h_, sizeof(h_), "%.*s", (int)strcspn(it, "\t"), it);
		in_list(res->input.headers, res->input.nheaders, h_); }));

	/* only the types the kept ioctls reach: a type of a changed file
	 * reached by no kept one must not stand for its new version, which
	 * the merge would take it for when its name, file, line and size
	 * stay (a member changed from int to long on i386) */
	err = uabi_layout__reorder(res, c->d);
	if (err)
		goto out;
	if (fresh) {
		const char **hd = res->input.header_deps;
		uint32_t nhd = res->input.nheader_deps;

		err = uabi_layout__merge(res, fresh, merge_conflict, c, c->d);
		if (err < 0)
			goto out;
		/* merge does not carry them: old and new, sorted */
		res->input.header_deps = uabi_arena__alloc(&res->arena, ((size_t)nhd +
					 fresh->input.nheader_deps + 1) * sizeof(char *));
		if (!res->input.header_deps) {
			err = uabi_diag__input(c->d, ENOMEM, "out of memory");
			goto out;
		}
		memcpy(res->input.header_deps, hd, nhd * sizeof(*hd));
		for (uint32_t i = 0; i < fresh->input.nheader_deps; i++)
			res->input.header_deps[nhd++] = uabi_arena__strdup(&res->arena,
									  fresh->input.header_deps[i]);
		qsort(res->input.header_deps, nhd, sizeof(char *), cmp_cstr);
		res->input.nheader_deps = nhd;
		if (fresh->input.nextra_files) {
			res->input.extra_files = dup_strv(res, fresh->input.extra_files,
							  fresh->input.nextra_files);
			res->input.nextra_files = res->input.extra_files ? fresh->input.nextra_files : 0;
		}
	}
	/* headers as a cold run orders them: several groups sort them */
	{
		bool sorted = true;

		for (uint32_t i = 1; i < old->input.nheaders && sorted; i++)
			sorted = strcmp(old->input.headers[i - 1], old->input.headers[i]) < 0;
		if (sorted) {
			qsort(res->input.headers, res->input.nheaders, sizeof(char *), cmp_cstr);
		} else {
			const char **v = uabi_arena__alloc(&res->arena, ((size_t)res->input.nheaders + 1) *
							   sizeof(*v));
			uint32_t k = 0;

			if (!v) {
				err = uabi_diag__input(c->d, ENOMEM, "out of memory");
				goto out;
			}
			for (uint32_t i = 0; i < n; i++)
				if (in_list(res->input.headers, res->input.nheaders, hdrs[i]))
					v[k++] = hdrs[i];
			for (uint32_t i = 0; i < k; i++)
				v[i] = uabi_arena__strdup(&res->arena, v[i]);
			res->input.headers = v;
			res->input.nheaders = k;
		}
	}
	/* a file the cached result read that the new one does not, and no
	 * change explains (on riscv32 the cold run read linux/time.h through
	 * a group whose other headers failed): only a full run tells whether
	 * the tree as it is now makes it read */
	for (uint32_t i = 0; i < old->input.nfiles; i++) {
		const char *f = old->input.files[i];

		if (!in_list(res->input.files, res->input.nfiles, f) &&
		    !in_list(in->changed, in->nchanged, f)) {
			if (c->spec->verbose)
				uabi_eprintf("uabi: %s: %s was read before and is not now: extracting"
					     " every header", profile_name(c), f);
			err = -ESTALE;
			goto out;
		}
	}
	{
		char hex[65];

		err = uabi_extract__hash_files(c->w.root_abs, res->input.files, res->input.nfiles, hex,
					       c->d);
		if (!err && !(res->input.sha256 = uabi_arena__strdup(&res->arena, hex)))
			err = uabi_diag__input(c->d, ENOMEM, "out of memory");
	}
	if (!err)
		err = uabi_layout__reorder(res, c->d);
out:
	for (uint32_t j = 0; cdefs && j < in->nchanged; j++)
		free(cdefs[j]);
	free(cdefs);
	free(ncdefs);
	free(why);
	owner_files_free(rel, nrel);
	free(kept);
	free(re);
	free(mark);
	uabi_incdeps__free(g);
	uabi_layout__free(fresh);
	if (err < 0) {
		uabi_layout__free(res);
		return err;
	}
	*out = res;
	return 0;
}

/* A run of the named headers stopped (the time limit): the message names
 * them after the profile ("x86_64: linux/a.h, linux/b.h: clang: stopped
 * after ..."), the first three and how many more. */
static void name_headers(struct ctx *c)
{
	char names[512] = "", msg[sizeof(c->d->msg)];
	const char *rest = c->d->msg;
	size_t pl = strlen(profile_name(c)), o = 0;

	for (uint32_t i = 0; i < c->nhdrs && i < 3 && o < sizeof(names); i++)
		o += (size_t)snprintf(names + o, sizeof(names) - o, "%s%s", i ? ", " : "", c->hdrs[i]);
	if (c->nhdrs > 3 && o < sizeof(names))
		snprintf(names + o, sizeof(names) - o, " and %u more", c->nhdrs - 3);
	if (!strncmp(rest, profile_name(c), pl) && rest[pl] == ':' && rest[pl + 1] == ' ')
		rest += pl + 2;
	snprintf(msg, sizeof(msg), "%s: %s: %s", profile_name(c), names, rest);
	snprintf(c->d->msg, sizeof(c->d->msg), "%s", msg);
}

static int extract_run(const struct uabi_input_spec *spec, const struct uabi_profile *p,
		       const struct incr *inc, struct uabi_layout **out, struct uabi_diag *d)
{
	struct ctx c = { .spec = spec, .p = p, .d = d };
	char abs[PATH_MAX];
	const char *missing;
	char **found = NULL, **scanned = NULL;
	const char **hdrs = NULL, **bad = NULL;
	uint32_t nfound = 0, nhdrs = 0, nscanned = 0, nbad = 0;
	int err;

	*out = NULL;
	if (!uabi_profile__has_tools(p, spec->use_linker, &missing))
		return uabi_diag__toolchain(d, ENOENT, "%s: %s not found (install it, or pass --skip-missing)",
					    p->name, missing);
	err = uabi_input__check(spec, d);
	if (err)
		return err;
	err = uabi_work__init(&c.w, spec, p, d);
	if (err) {
		uabi_work__fini(&c.w);
		return err;
	}
	for (uint32_t i = 0; i < spec->nheaders; i++) {
		if (!uabi_discover__name_ok(spec->headers[i])) {
			err = uabi_diag__input(d, EINVAL, "%s: --header %s: the name has a character other"
					       " than A-Z a-z 0-9 _ . , + - /", p->name, spec->headers[i]);
			goto out;
		}
		if (!resolve_include(&c.w, spec->headers[i], abs, sizeof(abs))) {
			char where[PATH_MAX];

			err = uabi_diag__input(d, ENOENT, "%s: --header %s: not found in %s", p->name,
					       spec->headers[i], uabi_input__where(spec, where, sizeof(where)));
			goto out;
		}
	}
	c.root_ok = calloc(spec->nroots + 1, sizeof(*c.root_ok));
	c.root_reason = calloc(spec->nroots + 1, sizeof(*c.root_reason));
	c.root_line = calloc(spec->nroots + 1, sizeof(*c.root_line));
	if (!c.root_ok || !c.root_reason || !c.root_line) {
		err = uabi_diag__input(d, ENOMEM, "out of memory");
		goto out;
	}
	if (!spec->all) {
		c.hdrs = spec->headers;
		c.nhdrs = spec->nheaders;
		err = run_group(&c, out);
		if (limit_stop(&c, err))
			name_headers(&c);
		goto out;
	}
	/* --all: the discovered headers, narrowed by --header */
	err = uabi_discover__scan(&c.w, &found, &nfound, &scanned, &nscanned, &c.defs, d);
	if (err) {
		uabi_diag__prefix(d, "%s", p->name);
		goto out;
	}
	hdrs = calloc(nfound + 1, sizeof(*hdrs));
	bad = calloc(nfound + 1, sizeof(*bad));
	if (!hdrs || !bad) {
		err = uabi_diag__input(d, ENOMEM, "out of memory");
		goto out;
	}
	for (uint32_t i = 0; i < nfound; i++) {
		bool asked = !spec->nheaders;

		for (uint32_t j = 0; j < spec->nheaders && !asked; j++)
			asked = !strcmp(spec->headers[j], found[i]);
		if (asked && !uabi_discover__name_ok(found[i]))
			bad[nbad++] = found[i];
		else if (asked)
			hdrs[nhdrs++] = found[i];
	}
	if (!nhdrs && !nbad) {
		err = uabi_diag__input(d, ENOENT, "%s: no header of the tree defines an ioctl command%s",
				       p->name, spec->nheaders ? " among the --header ones" : "");
		goto out;
	}
	if (spec->verbose)
		uabi_eprintf("uabi: %s: %u headers define ioctl commands", p->name, nhdrs);
	/* names refused as written (bad) are said by a whole run */
	err = inc && !nbad ? extract_incremental(&c, hdrs, nhdrs, inc, out)
			   : extract_groups(&c, hdrs, nhdrs, bad, nbad, out);
	if (!err) {
		/* what the result also depends on: every header discovery
		 * read (a skipped header's text, a wrapper macro), for the
		 * cache; not part of the dump */
		struct uabi_layout *l = *out;

		l->input.extra_files = dup_strv(l, (const char *const *)scanned, nscanned);
		l->input.nextra_files = l->input.extra_files ? nscanned : 0;
		/* every header discovery selects, not narrowed by --header (an
		 * incremental run's merged layout covers what a cold run would) */
		l->input.all = spec->all && !spec->nheaders;
	}
out:
	warnings_unique(&c);
	for (uint32_t i = 0; i < c.nwarnings; i++) {
		if (!err)
			uabi_eprintf("%s", c.warnings[i]);
		free(c.warnings[i]);
	}
	free(c.warnings);
	for (uint32_t i = 0; i < c.nmdeps; i++)
		free(c.mdeps[i]);
	free(c.mdeps);
	uabi_incdeps__free(c.inc);
	for (uint32_t i = 0; c.fdeps && i < c.fdeps->n; i++)
		free(c.fdeps->v[i]);
	if (c.fdeps)
		free(c.fdeps->v);
	free(c.fdeps);
	group_reset(&c);
	uabi_defs__free(&c.defs);
	na_clear(&c);
	for (uint32_t i = 0; i < c.nseen; i++)
		free(c.seen[i]);
	free(c.seen);
	free(hdrs);
	free(bad);
	uabi_discover__free(found, nfound);
	uabi_discover__free(scanned, nscanned);
	free(c.root_reason);
	free(c.root_ok);
	free(c.root_line);
	for (uint32_t i = 0; i < c.ncc_files; i++)
		free(c.cc_files[i]);
	free(c.cc_files);
	uabi_work__fini(&c.w);
	return err;
}

int uabi_extract__run(const struct uabi_input_spec *spec, const struct uabi_profile *p,
		      struct uabi_layout **out, struct uabi_diag *d)
{
	/* the caller names the side (spec->label) with the profile: the CLI
	 * groups identical messages of several profiles under one subject */
	return extract_run(spec, p, NULL, out, d);
}

int uabi_extract__run_incremental(const struct uabi_input_spec *spec, const struct uabi_profile *p,
				  const struct uabi_layout *old, const char *const *changed,
				  uint32_t nchanged, struct uabi_layout **out, struct uabi_diag *d)
{
	struct incr in = { .old = old, .changed = changed, .nchanged = nchanged };
	char path[PATH_MAX];
	int err;

	*out = NULL;
	if (!spec->all || spec->narg_decls)
		return -ESTALE;
	in.texts = calloc(nchanged + 1, sizeof(*in.texts));
	if (!in.texts)
		return uabi_diag__input(d, ENOMEM, "out of memory");
	for (uint32_t i = 0; i < nchanged; i++) {
		struct uabi_diag dd;

		uabi_diag__clear(&dd);
		snprintf(path, sizeof(path), "%s/%s", spec->root, changed[i]);
		if (changed[i][0] != '<' && uabi_file__read(path, &in.texts[i], NULL, &dd))
			in.texts[i] = NULL;
	}
	err = extract_run(spec, p, &in, out, d);
	for (uint32_t i = 0; i < nchanged; i++)
		free(in.texts[i]);
	free(in.texts);
	if (err == -ESTALE)
		uabi_diag__clear(d);
	return err;
}
