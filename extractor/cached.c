// SPDX-License-Identifier: MIT
/* The extraction cache in front of uabi_extract__run (cached.h). */
#include "cached.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../core/cache.h"
#include "../core/json.h"
#include "../core/strv.h"
#include "extract.h"

#ifndef UABI_VERSION
#define UABI_VERSION "0"
#endif

/* --all: at most this many directories of a tree are listed, this deep */
#define WALK_MAX_DIRS 20000u
#define WALK_MAX_DEPTH 16

static struct uabi_cache cache;
static int cache_state;		/* 0 not opened yet, 1 open, -1 off */

static void close_cache(void)
{
	uabi_cache__close(&cache);
}

static bool enabled(const struct uabi_input_spec *spec)
{
	const char *off = getenv("UABI_NO_CACHE");

	return !spec->no_cache && !spec->keep_temps && !(off && *off);
}

/* The process's cache, opened on first use; NULL when there is none. */
static struct uabi_cache *get_cache(void)
{
	char dir[PATH_MAX];
	struct uabi_diag d;

	if (cache_state)
		return cache_state > 0 ? &cache : NULL;
	cache_state = -1;
	if (!uabi_cache__default_dir(dir, sizeof(dir)))
		return NULL;
	uabi_diag__clear(&d);
	if (uabi_cache__open(&cache, dir, uabi_cache__default_max(), &d))
		return NULL;
	atexit(close_cache);
	cache_state = 1;
	return &cache;
}

static void key_strv(struct uabi_cache_key *k, const char *tag, const char *const *v, uint32_t n)
{
	uabi_cache_key__u64(k, tag, n);
	for (uint32_t i = 0; i < n; i++)
		uabi_cache_key__str(k, tag, v[i]);
}

static void key1(const struct uabi_input_spec *spec, const struct uabi_profile *p, char hex[65])
{
	static const char *const env[] = {
		"CPATH", "C_INCLUDE_PATH", "COMPILER_PATH", "GCC_EXEC_PREFIX", "CCC_OVERRIDE_OPTIONS",
		"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "UABI_MAX_COMPILES",
	};
	char libc[UABI_MAX_LIBC_DIRS][PATH_MAX];
	struct uabi_cache_key k;
	struct uabi_diag d;
	uint32_t n, nlibc = 0;

	uabi_diag__clear(&d);
	uabi_cache_key__init(&k);
	uabi_cache_key__str(&k, "format", "uabi extraction cache 2");
	uabi_cache_key__str(&k, "uabi", UABI_VERSION);
	uabi_cache_key__program(&k, "uabi-binary", "/proc/self/exe");

	uabi_cache_key__str(&k, "profile", p->name);
	uabi_cache_key__str(&k, "arch", p->arch);
	uabi_cache_key__str(&k, "triplet", p->triplet);
	uabi_cache_key__str(&k, "model", p->model);
	uabi_cache_key__str(&k, "endian", p->endian);
	for (n = 0; n < UABI_PROFILE_MAX_ARGS && p->cc[n]; n++)
		;
	key_strv(&k, "cc", p->cc, n);
	for (n = 0; n < UABI_PROFILE_MAX_ARGS && p->ld[n]; n++)
		;
	key_strv(&k, "ld", p->ld, n);
	uabi_cache_key__str(&k, "prelude", p->prelude);
	uabi_cache_key__u64(&k, "shadows", p->nshadows);
	for (uint32_t i = 0; i < p->nshadows; i++) {
		uabi_cache_key__str(&k, "shadow-path", p->shadows[i].path);
		uabi_cache_key__str(&k, "shadow-text", p->shadows[i].text);
	}
	uabi_cache_key__program(&k, "cc-binary", p->cc[0]);
	uabi_cache_key__program(&k, "ld-binary", p->ld[0]);
	for (size_t i = 0; i < sizeof(env) / sizeof(env[0]); i++)
		uabi_cache_key__str(&k, env[i], getenv(env[i]));

	uabi_cache_key__str(&k, "kind", uabi_input_kind__str(spec->kind));
	key_strv(&k, "headers", spec->headers, spec->nheaders);
	uabi_cache_key__u64(&k, "all", spec->all);
	key_strv(&k, "roots", spec->roots, spec->nroots);
	uabi_cache_key__u64(&k, "arg-decls", spec->narg_decls);
	for (uint32_t i = 0; i < spec->narg_decls; i++) {
		uabi_cache_key__str(&k, "arg-name", spec->arg_decls[i].name);
		uabi_cache_key__str(&k, "arg-type", spec->arg_decls[i].type);
	}
	uabi_cache_key__u64(&k, "use-linker", spec->use_linker);
	/* the C library's directories (their files are dependencies) */
	if (uabi_input__libc_dirs(spec, p, libc, &nlibc, &d))
		uabi_cache_key__str(&k, "libc-error", d.msg);
	uabi_cache_key__u64(&k, "libc", nlibc);
	for (uint32_t i = 0; i < nlibc; i++)
		uabi_cache_key__str(&k, "libc-dir", libc[i]);
	uabi_cache_key__hex(&k, hex);
}

/* ------------------------------------------------------------------ */
/* dependencies                                                         */
/* ------------------------------------------------------------------ */

/* The directory part of path ("" for none), into buf. */
static void dir_of(const char *path, char *buf, size_t len)
{
	const char *slash = strrchr(path, '/');

	snprintf(buf, len, "%.*s", slash ? (int)(slash - path) : 0, path);
}

/* Every directory under root/rel (rel itself included), no symlink followed. */
static void walk(const char *root, const char *rel, int depth, struct uabi_strv *dirs)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *dir;

	if (depth > WALK_MAX_DEPTH || dirs->n >= WALK_MAX_DIRS)
		return;
	snprintf(path, sizeof(path), "%s%s%s", root, *rel ? "/" : "", rel);
	dir = opendir(path);
	if (!dir)
		return;
	uabi_strv__addf(dirs, "%s", rel);
	while ((de = readdir(dir))) {
		char sub[PATH_MAX], full[PATH_MAX * 2];
		struct stat st;

		if (de->d_name[0] == '.' && (!de->d_name[1] || (de->d_name[1] == '.' && !de->d_name[2])))
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		snprintf(full, sizeof(full), "%s/%s", root, sub);
		if (!lstat(full, &st) && S_ISDIR(st.st_mode))
			walk(root, sub, depth + 1, dirs);
	}
	closedir(dir);
}

/* What a C library file ("<sysroot>/" rel) depended on: its content where
 * the compiler found it (the first libc directory that has it; absolute),
 * and where a new file would shadow it: its directory under every include
 * root of the tree (relative) and every libc directory (absolute). */
static void libc_deps(char libc[][PATH_MAX], uint32_t nlibc, char incroot[][PATH_MAX],
		      uint32_t nroots, const char *rel, struct uabi_strv *files, struct uabi_strv *dirs)
{
	char full[PATH_MAX * 2], buf[PATH_MAX * 2];
	bool found = false;
	struct stat st;

	for (uint32_t r = 0; r < nroots; r++) {
		snprintf(full, sizeof(full), "%s%s%s", incroot[r], *incroot[r] ? "/" : "", rel);
		dir_of(full, buf, sizeof(buf));
		uabi_strv__addf(dirs, "%s", buf);
	}
	for (uint32_t i = 0; i < nlibc; i++) {
		snprintf(full, sizeof(full), "%s/%s", libc[i], rel);
		dir_of(full, buf, sizeof(buf));
		uabi_strv__addf(dirs, "%s", buf);
		if (!found && stat(full, &st) == 0) {
			uabi_strv__addf(files, "%s", full);
			found = true;
		}
	}
}

/* What the extraction of l for spec and p depended on, under root. */
static void collect_deps(const struct uabi_input_spec *spec, const struct uabi_profile *p,
			 const char *root, const struct uabi_layout *l, struct uabi_strv *files,
			 struct uabi_strv *dirs)
{
	char incroot[2][PATH_MAX], buf[PATH_MAX], libc[UABI_MAX_LIBC_DIRS][PATH_MAX];
	uint32_t nroots = 0, nlibc = 0;
	const struct uabi_input_facts *in = &l->input;
	struct uabi_diag d;

	if (spec->kind == UABI_INPUT_KERNEL_TREE) {
		snprintf(incroot[nroots++], PATH_MAX, "arch/%s/include/uapi", p->arch);
		snprintf(incroot[nroots++], PATH_MAX, "include/uapi");
		uabi_strv__addf(files, "Makefile");
		uabi_strv__addf(files, "include/uapi/asm-generic/Kbuild");
		uabi_strv__addf(files, "arch/%s/include/uapi/asm/Kbuild", p->arch);
		uabi_strv__addf(dirs, "arch/%s/include/uapi/asm", p->arch);
	} else {
		size_t rl = strlen(root);

		uabi_diag__clear(&d);
		if (!uabi_input__asm_dir(spec, root, p, buf, sizeof(buf), &d) && buf[0] &&
		    !strncmp(buf, root, rl) && buf[rl] == '/')
			snprintf(incroot[nroots++], PATH_MAX, "%s", buf + rl + 1);
		incroot[nroots++][0] = '\0';
		uabi_strv__addf(files, "linux/version.h");
		uabi_strv__addf(dirs, "%s", "");
	}
	uabi_diag__clear(&d);
	if (uabi_input__libc_dirs(spec, p, libc, &nlibc, &d))
		nlibc = 0;
	for (uint32_t i = 0; i < in->nfiles; i++) {
		const char *f = in->files[i];

		if (f && !strncmp(f, "<sysroot>/", 10)) {
			libc_deps(libc, nlibc, incroot, nroots, f + 10, files, dirs);
			continue;
		}
		if (!f || f[0] == '<' || f[0] == '/')
			continue;
		uabi_strv__addf(files, "%s", f);
		/* the directory it would be found in under every include root */
		for (uint32_t r = 0; r < nroots; r++) {
			size_t n = strlen(incroot[r]);
			const char *sub;

			if (n && (strncmp(f, incroot[r], n) || f[n] != '/'))
				continue;
			sub = n ? f + n + 1 : f;
			for (uint32_t r2 = 0; r2 < nroots; r2++) {
				char full[PATH_MAX * 2];

				snprintf(full, sizeof(full), "%s%s%s", incroot[r2], *incroot[r2] ? "/" : "",
					 sub);
				dir_of(full, buf, sizeof(buf));
				uabi_strv__addf(dirs, "%s", buf);
			}
		}
	}
	for (uint32_t i = 0; i < in->nextra_files; i++) {
		const char *f = in->extra_files[i];

		if (f && !strncmp(f, "<sysroot>/", 10))
			libc_deps(libc, nlibc, incroot, nroots, f + 10, files, dirs);
		else if (f)
			uabi_strv__addf(files, "%s", f);
	}
	for (uint32_t i = 0; i < in->nextra_dirs; i++)
		if (in->extra_dirs[i])
			uabi_strv__addf(dirs, "%s", in->extra_dirs[i]);
	if (spec->all) {
		if (spec->kind == UABI_INPUT_KERNEL_TREE) {
			walk(root, "include/uapi", 0, dirs);
			snprintf(buf, sizeof(buf), "arch/%s/include/uapi", p->arch);
			walk(root, buf, 0, dirs);
		} else {
			walk(root, "", 0, dirs);
		}
	}
}

/* ------------------------------------------------------------------ */
/* run                                                                  */
/* ------------------------------------------------------------------ */

/* A hit parsed into *out, its input.root that of spec; false (the entry
 * rejected as corrupt) if the blob is no dump. */
static bool from_hit(struct uabi_cache *c, const struct uabi_input_spec *spec,
		     struct uabi_cache_hit *hit, struct uabi_layout **out)
{
	struct uabi_diag d;
	char *root;

	uabi_diag__clear(&d);
	if (uabi_json__parse_layout(hit->path, hit->blob, strlen(hit->blob), out, &d) ||
	    !(root = uabi_arena__strdup(&(*out)->arena, spec->root))) {
		uabi_layout__free(*out);
		*out = NULL;
		uabi_cache__reject(c, hit);
		return false;
	}
	(*out)->input.root = root;
	return true;
}

/* The blob of an entry: the dump, then when the layout has any (--all) a
 * NUL and its input.header_deps one a line (what an incremental
 * extraction needs and the dump does not say). malloc'd, its length in *len; NULL on error. */
static char *with_header_deps(const struct uabi_layout *l, size_t *len)
{
	struct uabi_diag d;
	char *dump, *blob;
	size_t n, off;

	uabi_diag__clear(&d);
	dump = uabi_json__dump_layout(l, &d);
	if (!dump)
		return NULL;
	if (!l->input.nheader_deps) {
		*len = strlen(dump);	/* the dump alone, as before --all kept any */
		return dump;
	}
	n = strlen(dump) + 1;
	for (uint32_t i = 0; i < l->input.nheader_deps; i++)
		n += strlen(l->input.header_deps[i]) + 1;
	blob = realloc(dump, n + 1);
	if (!blob) {
		free(dump);
		return NULL;
	}
	off = strlen(blob) + 1;
	for (uint32_t i = 0; i < l->input.nheader_deps; i++)
		off += (size_t)sprintf(blob + off, "%s\n", l->input.header_deps[i]);
	*len = off;
	return blob;
}

/* The header deps after the dump of a blob into l's input. */
static bool read_header_deps(const char *blob, size_t len, struct uabi_layout *l)
{
	const char *p = blob + strlen(blob) + 1, *end = blob + len;
	uint32_t n = 0;

	if (p > end)
		return true;	/* none */
	for (const char *q = p; q < end; q++)
		n += *q == '\n';
	l->input.header_deps = uabi_arena__alloc(&l->arena, ((size_t)n + 1) * sizeof(char *));
	if (!l->input.header_deps)
		return false;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		char *str;

		if (!nl)
			return false;
		str = uabi_arena__alloc(&l->arena, (size_t)(nl - p) + 1);
		if (!str)
			return false;
		memcpy(str, p, (size_t)(nl - p));
		str[nl - p] = '\0';
		l->input.header_deps[l->input.nheader_deps++] = str;
		p = nl + 1;
	}
	return true;
}

/* Store l under key. text: the caller wants l's dump as well: the blob
 * (the dump, NUL-terminated, then its header deps) comes back in *text
 * and the dump's length in *len, so it is not made twice; *text stays
 * NULL when the blob could not be made. */
static void store(struct uabi_cache *c, const struct uabi_input_spec *spec,
		  const struct uabi_profile *p, const char *key, const char *root,
		  const struct uabi_layout *l, struct timespec since,
		  const struct uabi_cache_near *near, char **text, size_t *tlen)
{
	struct uabi_strv files = { 0 }, dirs = { 0 };
	struct uabi_cache_deps deps = { .root = root, .since = since };
	struct uabi_diag d;
	char *blob;
	size_t len = 0;
	int err;

	/* a limit's verdict (a header skipped, an ioctl whose added header
	 * the compiler stopped in) depends on the limit and the machine */
	for (uint32_t i = 0; i < l->input.nskipped + l->nioctls; i++) {
		bool skip = i < l->input.nskipped;
		const char *why = skip ? l->input.skipped[i].reason : l->ioctls[i - l->input.nskipped].reason;

		if (why && (strstr(why, UABI_EXTRACT_TIMEOUT_REASON) || strstr(why, UABI_EXTRACT_MEMORY_REASON) ||
			    strstr(why, UABI_EXTRACT_FSIZE_REASON))) {
			if (spec->verbose)
				uabi_eprintf("uabi: %s: not cached: %s: %s", p->name,
					     skip ? l->input.skipped[i].header
						  : l->ioctls[i - l->input.nskipped].name, why);
			return;
		}
	}
	uabi_diag__clear(&d);
	blob = with_header_deps(l, &len);
	if (!blob)
		return;
	collect_deps(spec, p, root, l, &files, &dirs);
	for (uint32_t i = 0; near && i < near->ndeps; i++)
		uabi_strv__addf(near->deps[i].kind == 'f' ? &files : &dirs, "%s", near->deps[i].path);
	if (files.oom || dirs.oom) {
		err = uabi_diag__input(&d, ENOMEM, "out of memory");
	} else {
		deps.files = (const char *const *)files.v;
		deps.nfiles = files.n;
		deps.dirs = (const char *const *)dirs.v;
		deps.ndirs = dirs.n;
		err = uabi_cache__store(c, key, &deps, blob, len, &d);
	}
	if (err == -EAGAIN && spec->verbose)
		uabi_eprintf("uabi: %s: not cached: an input changed during the extraction", p->name);
	else if (err == -EFBIG && spec->verbose)
		uabi_eprintf("uabi: %s: not cached: larger than the cache bound (UABI_CACHE_MAX_MIB)",
			     p->name);
	else if (err && err != -EAGAIN && err != -EFBIG)
		uabi_cache__warn(c, UABI_CACHE_WARN_IO, "%s (the extraction cache is not written)", d.msg);
	uabi_strv__free(&files);
	uabi_strv__free(&dirs);
	if (text) {
		*text = blob;
		*tlen = strlen(blob);
	} else {
		free(blob);
	}
}

static bool known_dep(const struct uabi_cache_near *near, char kind, const char *path)
{
	for (uint32_t i = 0; i < near->ndeps; i++)
		if (near->deps[i].kind == kind && !strcmp(near->deps[i].path, path))
			return true;
	return false;
}

/* Every regular file under root/rel, relative to root, into out. */
static void files_under(const char *root, const char *rel, int depth, struct uabi_strv *out)
{
	char path[PATH_MAX * 2];
	struct dirent *de;
	DIR *dir;

	if (depth > WALK_MAX_DEPTH || out->n >= WALK_MAX_DIRS)
		return;
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	dir = opendir(path);
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		char sub[PATH_MAX * 2];
		struct stat st;

		if (de->d_name[0] == '.' && (!de->d_name[1] || (de->d_name[1] == '.' && !de->d_name[2])))
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		snprintf(path, sizeof(path), "%s/%s", root, sub);
		if (lstat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode))
			files_under(root, sub, depth + 1, out);
		else
			uabi_strv__addf(out, "%s", sub);
	}
	closedir(dir);
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files that differ between near's entry and the tree now: the changed
 * ones it lists, and in each directory whose listing changed the entries
 * it did not list (new ones; a new directory: every file under it). false
 * when a change is not a header's (the Makefile, a Kbuild file, the C
 * library's), which only a full extraction follows. */
static bool changed_files(const char *root, const struct uabi_cache_near *near, struct uabi_strv *out)
{
	for (uint32_t i = 0; i < near->ndeps; i++) {
		const struct uabi_cache_dep *dep = &near->deps[i];
		const char *base = strrchr(dep->path, '/');
		char path[PATH_MAX * 2];
		struct dirent *de;
		DIR *dir;

		if (!dep->changed)
			continue;
		if (dep->path[0] == '/')
			return false;
		base = base ? base + 1 : dep->path;
		if (dep->kind == 'f') {
			size_t n = strlen(base);

			if (n < 3 || strcmp(base + n - 2, ".h") || !strcmp(dep->path, "linux/version.h"))
				return false;
			uabi_strv__addf(out, "%s", dep->path);
			continue;
		}
		snprintf(path, sizeof(path), "%s%s%s", root, *dep->path ? "/" : "", dep->path);
		dir = opendir(path);
		if (!dir)
			continue;	/* gone: its files are changed 'f' deps */
		while ((de = readdir(dir))) {
			char sub[PATH_MAX * 2];
			struct stat st;

			if (de->d_name[0] == '.' &&
			    (!de->d_name[1] || (de->d_name[1] == '.' && !de->d_name[2])))
				continue;
			snprintf(sub, sizeof(sub), "%s%s%s", dep->path, *dep->path ? "/" : "", de->d_name);
			snprintf(path, sizeof(path), "%s/%s", root, sub);
			if (lstat(path, &st))
				continue;
			if (S_ISDIR(st.st_mode) && !known_dep(near, 'd', sub))
				files_under(root, sub, 0, out);
			else if (!S_ISDIR(st.st_mode) && !known_dep(near, 'f', sub))
				uabi_strv__addf(out, "%s", sub);
		}
		closedir(dir);
	}
	return !out->oom;
}

/* A cache miss of --all starts from the nearest entry
 * (uabi_extract__run_incremental) unless UABI_INCREMENTAL=0 is in the
 * environment (every header extracted again, as before). */
static bool incremental_on(void)
{
	const char *v = getenv("UABI_INCREMENTAL");

	return !v || strcmp(v, "0");
}

/* From near's entry: its dump and header deps, the files changed since,
 * then uabi_extract__run_incremental. -ESTALE for a full run. */
static int incremental(const struct uabi_input_spec *spec, const struct uabi_profile *p,
		       const char *root, const struct uabi_cache_near *near,
		       struct uabi_layout **out, struct uabi_diag *d)
{
	struct uabi_layout *old = NULL;
	struct uabi_strv changed = { 0 };
	struct uabi_diag pd;
	uint32_t k = 0;
	int err;

	uabi_diag__clear(&pd);
	if (!changed_files(root, near, &changed) ||
	    uabi_json__parse_layout(near->path, near->blob, strlen(near->blob), &old, &pd) ||
	    !read_header_deps(near->blob, near->len, old) ||
	    !(old->input.root = uabi_arena__strdup(&old->arena, spec->root))) {
		uabi_layout__free(old);
		uabi_strv__free(&changed);
		return -ESTALE;
	}
	if (changed.n)
		qsort(changed.v, changed.n, sizeof(*changed.v), cmp_strp);
	for (uint32_t i = 0; i < changed.n; i++) {
		if (k && !strcmp(changed.v[k - 1], changed.v[i])) {
			free(changed.v[i]);
			continue;
		}
		changed.v[k++] = changed.v[i];
	}
	changed.n = k;
	if (spec->verbose)
		uabi_eprintf("uabi: %s: %u files changed since the cached result", p->name, changed.n);
	err = uabi_extract__run_incremental(spec, p, old, (const char *const *)changed.v, changed.n,
					    out, d);
	uabi_layout__free(old);
	uabi_strv__free(&changed);
	return err;
}

/* uabi_extract__run_cached; with text, a hit whose dump text takes the
 * spec's root comes back as that text (*text, its length in *len; *out
 * NULL) instead of parsed, and a miss's dump as store() made it (with
 * *out; *text NULL when it could not be made). */
static int run_cached(const struct uabi_input_spec *spec, const struct uabi_profile *p,
		      struct uabi_layout **out, char **text, size_t *len, struct uabi_diag *d)
{
	struct uabi_cache *c = enabled(spec) ? get_cache() : NULL;
	struct uabi_cache_near near;
	struct uabi_cache_hit hit;
	struct timespec since;
	char root[PATH_MAX], key[65];
	int err;

	*out = NULL;
	if (!c || !realpath(spec->root, root))
		return uabi_extract__run(spec, p, out, d);
	key1(spec, p, key);
	if (uabi_cache__lookup(c, key, root, &hit) == 1) {
		bool ok = false;

		if (text) {
			*text = uabi_json__dump_set_root(hit.blob, strlen(hit.blob), spec->root, len);
			ok = *text != NULL;
		}
		if (!ok)
			ok = from_hit(c, spec, &hit, out);
		free(hit.blob);
		if (ok) {
			if (spec->verbose)
				uabi_eprintf("uabi: %s: cache hit", p->name);
			return 0;
		}
	}
	if (spec->verbose)
		uabi_eprintf("uabi: %s: cache miss", p->name);
	clock_gettime(CLOCK_REALTIME, &since);
	/* incremental --all (docs/extract.md, "Incremental `--all`"); off
	 * with UABI_INCREMENTAL=0 */
	if (spec->all && incremental_on() && uabi_cache__nearest(c, key, root, &near) == 1) {
		err = incremental(spec, p, root, &near, out, d);
		if (!err) {
			store(c, spec, p, key, root, *out, since, &near, text, len);
			uabi_cache_near__free(&near);
			return 0;
		}
		uabi_cache_near__free(&near);
		if (err != -ESTALE)
			return err;
		if (spec->verbose)
			uabi_eprintf("uabi: %s: extracting every header", p->name);
	}
	err = uabi_extract__run(spec, p, out, d);
	if (!err)
		store(c, spec, p, key, root, *out, since, NULL, text, len);
	return err;
}

int uabi_extract__run_cached(const struct uabi_input_spec *spec, const struct uabi_profile *p,
			     struct uabi_layout **out, struct uabi_diag *d)
{
	return run_cached(spec, p, out, NULL, NULL, d);
}

int uabi_extract__dump_cached(const struct uabi_input_spec *spec, const struct uabi_profile *p,
			      char **text, size_t *len, struct uabi_diag *d)
{
	struct uabi_layout *l = NULL;
	int err;

	*text = NULL;
	err = run_cached(spec, p, &l, text, len, d);
	if (!err && !*text) {
		*text = uabi_json__dump_layout(l, d);
		if (*text)
			*len = strlen(*text);
		else
			err = d->err ? -d->err : -EINVAL;
	}
	uabi_layout__free(l);
	return err;
}

void uabi_extract__cache_prepare(const struct uabi_input_spec *spec,
				 const struct uabi_profile *const *sel, uint32_t n)
{
	struct uabi_cache *c = enabled(spec) ? get_cache() : NULL;
	char root[PATH_MAX], key[65];

	if (!c || !realpath(spec->root, root))
		return;
	for (uint32_t i = 0; i < n; i++) {
		key1(spec, sel[i], key);
		uabi_cache__lookup(c, key, root, NULL);
	}
}
