// SPDX-License-Identifier: MIT
/*
 * Discovery for --all. Every header of the profile's include path is read
 * once as text (comments removed, continuation lines joined) and its
 * #define directives are reduced to what they call: an identifier followed
 * by '(' in the body. A function-like macro is a wrapper when it calls
 * _IO, _IOR, _IOW, _IOWR, _IOC or another wrapper (DRM_IOWR calls _IOWR);
 * wrappers are found by a fixed point over the function-like macros of
 * every file read, so one defined in drm/drm.h serves drm/i915_drm.h. A
 * header defines ioctls when one of its object-like macros calls a
 * wrapper. #if is not evaluated: the text is what a reader of the header
 * sees, and a command under #ifdef __KERNEL__ is rare enough that a
 * header listed for it only compiles to no ioctl.
 */
#include "discover.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/fileio.h"
#include "../core/fnv.h"

/* The largest uapi header of 6.1 (linux/nl80211.h) is 326 KiB. */
#define DISCOVER_MAX_FILE (4u << 20)

static const char *const ioc_seeds[] = { "_IO", "_IOR", "_IOW", "_IOWR", "_IOC" };

/* Interned identifiers: id -> offset into pool; open addressing table. */
struct ids {
	char *pool;
	size_t plen, pcap;
	uint32_t *off;		/* id -> offset in pool */
	uint32_t n, cap;
	uint32_t *slot;		/* id + 1, 0 when free */
	uint32_t nslot;		/* power of two */
};

/* A growable uint32_t array. */
struct u32v {
	uint32_t *v;
	uint32_t n, cap;
};

struct fmacro {
	uint32_t name;		/* id */
	uint32_t first, n;	/* its calls in disc.fcalls */
};

struct file {
	char *path;		/* incdir/rel as walked */
	char *name;		/* its include name when it has one (rel), else NULL */
	uint32_t first, n;	/* calls of its object-like macros in disc.ocalls */
	bool ioctl;
	bool twin;		/* an asm/X.h that includes <asm-generic/X.h> */
};

/* An object-like macro (or a tag definition) of a named file, for the
 * definitions index (uabi_defs). */
struct odef {
	uint32_t name;		/* id of the macro name; UINT32_MAX for a tag */
	char *tag;		/* "struct fiemap" (malloc'd) for a tag, else NULL */
	uint32_t body;		/* hash of a tag's body, whitespace runs as one blank */
	const char *hdr;	/* the file's include name (struct file.name) */
	uint32_t first, n;	/* a macro's calls in disc.mcalls */
	bool cond;		/* under an #if other than the include guard */
	bool guard;		/* the name is the file's include guard */
};

struct disc {
	const struct uabi_work *w;
	struct uabi_diag *d;
	struct ids ids;
	struct u32v fcalls, ocalls;
	struct u32v mcalls;	/* calls of each odef macro (not once per file) */
	struct u32v seen;	/* id -> 1 + index of the last file that called it */
	struct fmacro *fm;
	uint32_t nfm, cfm;
	struct file *files;
	uint32_t nfiles, cfiles;
	char **cands;		/* include names that may be listed */
	uint32_t ncands, ccands;
	struct odef *defs;	/* with want_defs: every object-like macro and tag
				 * definition of a named file */
	uint32_t ndefs, cdefs;
	bool want_defs;
	bool *wrap;		/* id -> a wrapper (find_ioctls) */
	const char *base;	/* the incdir of the walk under way */
	bool naming;		/* its headers are include names */
};

static int nomem(struct disc *s)
{
	return uabi_diag__input(s->d, ENOMEM, "header discovery: out of memory");
}

static bool id_start(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool id_char(char c)
{
	return id_start(c) || (c >= '0' && c <= '9');
}

static bool hspace(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}


/* Room for need elements of size bytes in the array *vp points to (vp:
 * the address of any T *, copied with memcpy), *cap updated; false when
 * out of memory (the array is kept). */
static bool grow(void *vp, uint32_t *cap, uint32_t need, size_t size, uint32_t first)
{
	uint32_t c = *cap ? *cap : first;
	void *v, *p;

	if (need <= *cap)
		return true;
	while (c < need)
		c *= 2;
	memcpy(&v, vp, sizeof(v));
	if (!(p = realloc(v, (size_t)c * size)))
		return false;
	memcpy(vp, &p, sizeof(p));
	*cap = c;
	return true;
}

static bool u32_push(struct u32v *a, uint32_t x)
{
	if (!grow(&a->v, &a->cap, a->n + 1, sizeof(*a->v), 256))
		return false;
	a->v[a->n++] = x;
	return true;
}

static const char *id_str(const struct ids *t, uint32_t id)
{
	return t->pool + t->off[id];
}

static bool rehash(struct ids *t, uint32_t nslot)
{
	uint32_t *slot = calloc(nslot, sizeof(*slot));

	if (!slot)
		return false;
	for (uint32_t id = 0; id < t->n; id++) {
		const char *s = id_str(t, id);
		uint32_t i = uabi_fnv1a32(s, strlen(s)) & (nslot - 1);

		while (slot[i])
			i = (i + 1) & (nslot - 1);
		slot[i] = id + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = nslot;
	return true;
}

/* The id of the n-byte identifier p, added when new; UINT32_MAX when out of memory. */
static uint32_t intern(struct ids *t, const char *p, size_t n)
{
	uint32_t i;

	if ((t->n + 1) * 2 > t->nslot && !rehash(t, t->nslot ? t->nslot * 2 : 4096))
		return UINT32_MAX;
	for (i = uabi_fnv1a32(p, n) & (t->nslot - 1); t->slot[i]; i = (i + 1) & (t->nslot - 1)) {
		const char *s = id_str(t, t->slot[i] - 1);

		if (!strncmp(s, p, n) && !s[n])
			return t->slot[i] - 1;
	}
	if (t->plen + n + 1 > t->pcap) {
		size_t c = t->pcap ? t->pcap : 65536;
		char *q;

		while (c < t->plen + n + 1)
			c *= 2;
		if (!(q = realloc(t->pool, c)))
			return UINT32_MAX;
		t->pool = q;
		t->pcap = c;
	}
	if (!grow(&t->off, &t->cap, t->n + 1, sizeof(*t->off), 4096))
		return UINT32_MAX;
	memcpy(t->pool + t->plen, p, n);
	t->pool[t->plen + n] = '\0';
	t->off[t->n] = (uint32_t)t->plen;
	t->plen += n + 1;
	t->slot[i] = t->n + 1;
	return t->n++;
}

static void ids_free(struct ids *t)
{
	free(t->pool);
	free(t->off);
	free(t->slot);
}

/*
 * Translation phases 2 and 3 in place: backslash-newline joins lines, a
 * comment becomes one space (a block comment spanning lines keeps a
 * directive going, as in C), string and character literals are copied as
 * they are (a quote left open ends at the line's end). The text only
 * shrinks.
 */
static void clean(char *t)
{
	char *r = t, *o = t;

	/* the lines spliced first, as the compiler does (translation phase
	 * 2): a backslash-newline may fall inside a comment's end, * then /
	 * on the next line, or inside a name */
	while (*r) {
		if (r[0] == '\\' && (r[1] == '\n' || (r[1] == '\r' && r[2] == '\n')))
			r += r[1] == '\n' ? 2 : 3;
		else
			*o++ = *r++;
	}
	*o = '\0';
	r = o = t;
	while (*r) {
		if (r[0] == '/' && r[1] == '*') {
			char *e = strstr(r + 2, "*/");

			r = e ? e + 2 : r + strlen(r);
			*o++ = ' ';
		} else if (r[0] == '/' && r[1] == '/') {
			while (*r && *r != '\n')
				r++;
			*o++ = ' ';
		} else if (*r == '"' || *r == '\'') {
			char q = *r;

			*o++ = *r++;
			while (*r && *r != '\n' && *r != q) {
				if (r[0] == '\\' && r[1] && r[1] != '\n')
					*o++ = *r++;
				*o++ = *r++;
			}
			if (*r == q)
				*o++ = *r++;
		} else {
			*o++ = *r++;
		}
	}
	*o = '\0';
}

/* Append the identifiers that the body [p, e) calls (followed by '(') to
 * out; with stamp (1 + the file's index), each once per file. */
static bool body_calls(struct disc *s, const char *p, const char *e, struct u32v *out,
		       uint32_t stamp)
{
	while (p < e) {
		if (id_start(*p)) {
			const char *b = p, *q;
			uint32_t id;

			while (p < e && id_char(*p))
				p++;
			for (q = p; q < e && hspace(*q); q++)
				;
			if (q == e || *q != '(')
				continue;
			if ((id = intern(&s->ids, b, (size_t)(p - b))) == UINT32_MAX)
				return false;
			if (stamp) {
				if (!grow(&s->seen.v, &s->seen.cap, s->ids.n, sizeof(uint32_t),
					  4096))
					return false;
				while (s->seen.n < s->ids.n)
					s->seen.v[s->seen.n++] = 0;
				if (s->seen.v[id] == stamp)
					continue;
				s->seen.v[id] = stamp;
			}
			if (!u32_push(out, id))
				return false;
		} else if (*p >= '0' && *p <= '9') {
			/* a pp-number: 0x1fUL holds no identifier */
			while (p < e && (id_char(*p) || *p == '.'))
				p++;
		} else if (*p == '"' || *p == '\'') {
			char q = *p++;

			while (p < e && *p != q)
				p += (*p == '\\' && p + 1 < e) ? 2 : 1;
			p++;
		} else {
			p++;
		}
	}
	return true;
}

/* Whether the directive [p, e) (after '#') is #include <NAME>. */
static bool includes(const char *p, const char *e, const char *name)
{
	size_t n = strlen(name);

	if (e - p < 7 || strncmp(p, "include", 7))
		return false;
	for (p += 7; p < e && hspace(*p); p++)
		;
	if (e - p < (ptrdiff_t)n + 2 || *p != '<' || strncmp(p + 1, name, n) || p[n + 1] != '>')
		return false;
	for (p += n + 2; p < e && hspace(*p); p++)
		;
	return p == e;
}

/* Record the #define directives of the cleaned text t of file f (its
 * index + 1 is stamp) and whether it includes twin (asm-generic/X.h of an
 * asm/X.h, or NULL). */
/* The name a conditional directive [p, e) (after '#') opens the include
 * guard with: #ifndef G, #if !defined(G), #if !defined G; NULL (or the
 * start of G, *n its length). */
static const char *guard_test(const char *p, const char *e, size_t *n)
{
	const char *g;

	if (e - p > 6 && !strncmp(p, "ifndef", 6) && hspace(p[6])) {
		p += 6;
	} else if (e - p > 2 && !strncmp(p, "if", 2) && (hspace(p[2]) || p[2] == '!')) {
		for (p += 2; p < e && hspace(*p); p++)
			;
		if (p == e || *p++ != '!')
			return NULL;
		while (p < e && hspace(*p))
			p++;
		if (e - p < 7 || strncmp(p, "defined", 7) || id_char(p[7]))
			return NULL;
		for (p += 7; p < e && hspace(*p); p++)
			;
		if (p < e && *p == '(') {
			const char *q;

			for (q = e; q > p && hspace(q[-1]); q--)
				;
			if (q == p || q[-1] != ')')
				return NULL;
			e = q - 1;
			p++;
		}
	} else {
		return NULL;
	}
	while (p < e && hspace(*p))
		p++;
	for (g = p; p < e && id_char(*p); p++)
		;
	*n = (size_t)(p - g);
	while (p < e && hspace(*p))
		p++;
	return *n && id_start(*g) && p == e ? g : NULL;
}

/* Record the #define directives of the cleaned text t of file f (its
 * index + 1 is stamp) and whether it includes twin (asm-generic/X.h of an
 * asm/X.h, or NULL). The definitions index also gets the file's include
 * guard (its first directive tests G, its second defines G) and, per
 * macro, whether an #if other than the guard surrounds it. */
static bool scan_text(struct disc *s, const char *t, struct file *f, uint32_t stamp,
		      const char *twin)
{
	/* open conditionals; the guard's name and whether it is open */
	uint32_t depth = 0, ndir = 0;
	const char *guard = NULL;
	size_t nguard = 0;
	bool guarded = false;

	f->first = s->ocalls.n;
	for (const char *line = t; line && *line;) {
		const char *nl = strchr(line, '\n'), *e = nl ? nl : line + strlen(line), *p = line;
		const char *name;
		uint32_t dir;

		line = nl ? nl + 1 : NULL;
		while (p < e && hspace(*p))
			p++;
		if (p == e || *p != '#')
			continue;
		p++;
		while (p < e && hspace(*p))
			p++;
		dir = ndir++;
		if (e - p >= 2 && !strncmp(p, "if", 2)) {
			if (!dir)
				guard = guard_test(p, e, &nguard);
			depth++;
			continue;
		}
		if (e - p >= 5 && !strncmp(p, "endif", 5) && !id_char(p[5])) {
			if (depth && !--depth)
				guarded = false;
			continue;
		}
		if (twin && !f->twin && includes(p, e, twin)) {
			f->twin = true;
			continue;
		}
		if (e - p < 7 || strncmp(p, "define", 6) || !hspace(p[6]))
			continue;
		p += 7;
		while (p < e && hspace(*p))
			p++;
		if (p == e || !id_start(*p))
			continue;
		name = p;
		while (p < e && id_char(*p))
			p++;
		if (dir == 1 && guard && depth == 1 && (size_t)(p - name) == nguard &&
		    !strncmp(name, guard, nguard)) {
			guarded = true;
			if (s->want_defs && f->name) {
				uint32_t id = intern(&s->ids, name, nguard);
				struct odef *o;

				if (id == UINT32_MAX ||
				    !grow(&s->defs, &s->cdefs, s->ndefs + 1, sizeof(*s->defs), 1024))
					return false;
				o = &s->defs[s->ndefs++];
				*o = (struct odef){ .name = id, .hdr = f->name, .first = s->mcalls.n,
						    .guard = true };
			}
			continue;
		}
		if (p < e && *p == '(') {
			/* function-like: NAME( right after the name, no blank */
			uint32_t id = intern(&s->ids, name, (size_t)(p - name));
			struct fmacro *m;

			if (id == UINT32_MAX)
				return false;
			while (p < e && *p != ')')
				p++;
			if (p < e)
				p++;
			if (!grow(&s->fm, &s->cfm, s->nfm + 1, sizeof(*s->fm), 1024))
				return false;
			m = &s->fm[s->nfm++];
			m->name = id;
			m->first = s->fcalls.n;
			if (!body_calls(s, p, e, &s->fcalls, 0))
				return false;
			m->n = s->fcalls.n - m->first;
		} else {
			if (!body_calls(s, p, e, &s->ocalls, stamp))
				return false;
			if (s->want_defs && f->name) {
				uint32_t id = intern(&s->ids, name, (size_t)(p - name));
				struct odef *o;

				if (id == UINT32_MAX ||
				    !grow(&s->defs, &s->cdefs, s->ndefs + 1, sizeof(*s->defs), 1024))
					return false;
				o = &s->defs[s->ndefs++];
				*o = (struct odef){ .name = id, .hdr = f->name, .first = s->mcalls.n,
						    .cond = depth > (guarded ? 1u : 0u) };
				if (!body_calls(s, p, e, &s->mcalls, 0))
					return false;
				o->n = s->mcalls.n - o->first;
			}
		}
	}
	f->n = s->ocalls.n - f->first;
	return true;
}

/* The hash of the body from the '{' at p to its matching '}', runs of
 * white space hashed as one blank; *end gets the end. */
static uint32_t body_hash(const char *p, const char **end)
{
	uint32_t h = 2166136261u;
	int depth = 0;
	bool blank = false;

	for (; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v') {
			blank = true;
			continue;
		}
		if (blank)
			h = (h ^ (unsigned char)' ') * 16777619u;
		blank = false;
		h = (h ^ (unsigned char)*p) * 16777619u;
		if (*p == '{')
			depth++;
		else if (*p == '}' && --depth == 0) {
			p++;
			break;
		}
	}
	*end = p;
	return h;
}

/* Record every `struct|union|enum TAG {` of the cleaned text t of the
 * named file f (outside directives) as a tag definition. */
static bool scan_tags(struct disc *s, const char *t, const struct file *f)
{
	static const char *const kw[] = { "struct", "union", "enum" };
	bool bol = true, directive = false;

	for (const char *p = t; *p;) {
		if (*p == '\n') {
			bol = true;
			directive = false;
			p++;
			continue;
		}
		if (bol && *p == '#')
			directive = true;
		if (!hspace(*p))
			bol = false;
		if (directive || !id_start(*p) || (p > t && id_char(p[-1]))) {
			p++;
			continue;
		}
		const char *b = p, *q, *tb;
		size_t n, k;

		while (id_char(*p))
			p++;
		n = (size_t)(p - b);
		for (k = 0; k < 3; k++)
			if (strlen(kw[k]) == n && !strncmp(b, kw[k], n))
				break;
		if (k == 3)
			continue;
		for (q = p; hspace(*q) || *q == '\n'; q++)
			;
		if (!id_start(*q))
			continue;
		tb = q;
		while (id_char(*q))
			q++;
		n = (size_t)(q - tb);
		while (hspace(*q) || *q == '\n')
			q++;
		if (*q != '{')
			continue;
		struct odef *o;

		if (!grow(&s->defs, &s->cdefs, s->ndefs + 1, sizeof(*s->defs), 1024))
			return false;
		o = &s->defs[s->ndefs];
		*o = (struct odef){ .name = UINT32_MAX, .hdr = f->name };
		if (asprintf(&o->tag, "%s %.*s", kw[k], (int)n, tb) < 0)
			return false;
		s->ndefs++;
		o->body = body_hash(q, &p);
	}
	return true;
}

static bool is_h(const char *name, void *ctx)
{
	size_t n = strlen(name);

	(void)ctx;
	return n > 2 && !strcmp(name + n - 2, ".h");
}

static int add_cand(struct disc *s, const char *name)
{
	if (!grow(&s->cands, &s->ccands, s->ncands + 1, sizeof(*s->cands), 1024) ||
	    !(s->cands[s->ncands] = strdup(name)))
		return nomem(s);
	s->ncands++;
	return 0;
}

/* A header of the tree: read and scanned; an include name when naming. */
static int visit(const char *rel, void *ctx)
{
	struct disc *s = ctx;
	struct file *f;
	char *path, *text, twin[PATH_MAX];
	bool ok;
	int err;

	if (asprintf(&path, "%s/%s", s->base, rel) < 0)
		return nomem(s);
	err = uabi_file__read_under(s->w->root_abs, path, "the input tree", DISCOVER_MAX_FILE,
				    &text, NULL, s->d);
	if (err) {
		free(path);
		return err;
	}
	if (!grow(&s->files, &s->cfiles, s->nfiles + 1, sizeof(*s->files), 1024)) {
		free(path);
		free(text);
		return nomem(s);
	}
	f = &s->files[s->nfiles++];
	*f = (struct file){ .path = path };
	if (s->want_defs && s->naming && !(f->name = strdup(rel))) {
		free(text);
		return nomem(s);
	}
	clean(text);
	twin[0] = '\0';
	if (!strncmp(rel, "asm/", 4))
		snprintf(twin, sizeof(twin), "asm-generic/%s", rel + 4);
	ok = scan_text(s, text, f, s->nfiles, twin[0] ? twin : NULL);
	if (ok && f->name)
		ok = scan_tags(s, text, f);
	free(text);
	if (!ok)
		return nomem(s);
	return s->naming ? add_cand(s, rel) : 0;
}

/* A generated asm/ header: an include name, resolved later. */
static int visit_gen(const char *rel, void *ctx)
{
	return add_cand(ctx, rel);
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct file *)a)->path, ((const struct file *)b)->path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_gen(const struct disc *s, const char *dir)
{
	return s->w->gen[0] && !strcmp(dir, s->w->gen);
}

/* The asm-generic header a generated wrapper names ("asm-generic/X.h"
 * into out), false when the file is no such wrapper (a profile's shadow). */
static int gen_target(struct disc *s, const char *path, char *out, size_t len, bool *found)
{
	static const char key[] = "#include <asm-generic/";
	const char *root = s->w->real_dir[0] ? s->w->real_dir : s->w->dir;
	char *text, *p, *e;
	int err;

	*found = false;
	err = uabi_file__read_under(root, path, "the scratch directory", DISCOVER_MAX_FILE, &text,
				    NULL, s->d);
	if (err)
		return err;
	p = strstr(text, key);
	if (p) {
		p += sizeof(key) - 1 - strlen("asm-generic/");
		e = strchr(p, '>');
		if (e && (size_t)(e - p) < len && !memchr(p, '\n', (size_t)(e - p))) {
			memcpy(out, p, (size_t)(e - p));
			out[e - p] = '\0';
			*found = !strstr(out, "..");
		}
	}
	free(text);
	return 0;
}

/* The scanned file the include name resolves to on the include path (the
 * first incdir that has it; a generated wrapper stands for the
 * asm-generic header it includes), or *f NULL: resolved to a symlink, a
 * non-regular file, a shadow of uabi's, or nothing. */
static int resolve(struct disc *s, const char *name, bool via_gen, const struct file **f)
{
	const struct uabi_work *w = s->w;

	*f = NULL;
	for (uint32_t i = 0; i < w->nincdirs; i++) {
		const char *dir = w->incdirs[i];
		struct file key;
		struct stat st;
		char path[PATH_MAX];
		int n = snprintf(path, sizeof(path), "%s/%s", dir, name);

		if (n < 0 || (size_t)n >= sizeof(path) || lstat(path, &st) != 0)
			continue;
		if (!S_ISREG(st.st_mode))
			return 0;
		if (is_gen(s, dir)) {
			char target[256];
			bool found;
			int err;

			if (via_gen)
				return 0;
			if ((err = gen_target(s, path, target, sizeof(target), &found)))
				return err;
			return found ? resolve(s, target, true, f) : 0;
		}
		key.path = path;
		*f = s->nfiles ? bsearch(&key, s->files, s->nfiles, sizeof(*s->files), cmp_file) : NULL;
		/* an arch's asm/X.h that includes asm-generic/X.h (s390's
		 * ioctls.h, installed headers' one-line wrappers) offers the
		 * generic header's commands as its own */
		if (*f && !(*f)->ioctl && (*f)->twin && !via_gen) {
			char twin[PATH_MAX];

			snprintf(twin, sizeof(twin), "asm-generic/%s", name + 4);
			return resolve(s, twin, true, f);
		}
		return 0;
	}
	return 0;
}

/* Whether the uapi directory's file of name defines ioctls. */
static bool uapi_ioctl(struct disc *s, const char *name)
{
	const char *uapi = s->w->incdirs[s->w->nincdirs - 1];
	const struct file *f;
	struct file key;
	char path[PATH_MAX];
	int n = snprintf(path, sizeof(path), "%s/%s", uapi, name);

	if (n < 0 || (size_t)n >= sizeof(path))
		return false;
	key.path = path;
	f = s->nfiles ? bsearch(&key, s->files, s->nfiles, sizeof(*s->files), cmp_file) : NULL;
	return f && f->ioctl;
}

/* The wrappers (the names from which a chain of function-like macro calls
 * reaches an _IO* seed), then which files call one from an object-like
 * macro. A worklist from the seeds over the reversed calls: linear in the
 * calls, where re-scanning every macro until nothing changes took one pass
 * per link of a chain (quadratic in a header of chained wrappers). */
static int find_ioctls(struct disc *s)
{
	uint32_t nids, *start = NULL, *by = NULL, *queue = NULL, nq = 0, ncalls = 0;
	bool *wrap;

	for (size_t i = 0; i < sizeof(ioc_seeds) / sizeof(ioc_seeds[0]); i++)
		if (intern(&s->ids, ioc_seeds[i], strlen(ioc_seeds[i])) == UINT32_MAX)
			return nomem(s);
	nids = s->ids.n;
	for (uint32_t i = 0; i < s->nfm; i++)
		ncalls += s->fm[i].n;
	wrap = calloc((size_t)nids + 1, sizeof(*wrap));
	start = calloc((size_t)nids + 2, sizeof(*start));
	by = malloc(((size_t)ncalls + 1) * sizeof(*by));
	queue = malloc(((size_t)nids + 1) * sizeof(*queue));
	if (!wrap || !start || !by || !queue) {
		free(wrap);
		free(start);
		free(by);
		free(queue);
		return nomem(s);
	}
	/* by[start[c]..start[c + 1]): the macros (indexes into s->fm) that
	 * call id c */
	for (uint32_t i = 0; i < s->nfm; i++)
		for (uint32_t k = 0; k < s->fm[i].n; k++)
			start[s->fcalls.v[s->fm[i].first + k] + 1]++;
	for (uint32_t c = 0; c < nids; c++)
		start[c + 1] += start[c];
	for (uint32_t i = 0; i < s->nfm; i++)
		for (uint32_t k = 0; k < s->fm[i].n; k++)
			by[start[s->fcalls.v[s->fm[i].first + k]]++] = i;
	/* start[c] now ends c's callers: shift back */
	for (uint32_t c = nids; c > 0; c--)
		start[c] = start[c - 1];
	start[0] = 0;
	for (size_t i = 0; i < sizeof(ioc_seeds) / sizeof(ioc_seeds[0]); i++) {
		uint32_t id = intern(&s->ids, ioc_seeds[i], strlen(ioc_seeds[i]));

		if (!wrap[id]) {
			wrap[id] = true;
			queue[nq++] = id;
		}
	}
	for (uint32_t q = 0; q < nq; q++) {
		uint32_t c = queue[q];

		for (uint32_t j = start[c]; j < start[c + 1]; j++) {
			uint32_t name = s->fm[by[j]].name;

			if (!wrap[name]) {
				wrap[name] = true;
				queue[nq++] = name;
			}
		}
	}
	free(start);
	free(by);
	free(queue);
	for (uint32_t i = 0; i < s->nfiles; i++) {
		struct file *f = &s->files[i];

		for (uint32_t k = 0; k < f->n && !f->ioctl; k++)
			f->ioctl = wrap[s->ocalls.v[f->first + k]];
	}
	s->wrap = wrap;
	return 0;
}

static int cmp_def(const void *a, const void *b)
{
	const struct uabi_def *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	if (!r)
		r = strcmp(x->header, y->header);
	return r ? r : (int)x->guard - (int)y->guard;
}

/* The definitions index: every tag definition and every object-like macro
 * that calls a wrapper (an ioctl command), with the include name of its
 * file; sorted by name, then header, one entry per (name, header, body). */
static int build_defs(struct disc *s, struct uabi_defs *out)
{
	struct uabi_def *v = calloc(s->ndefs + 1, sizeof(*v));
	uint32_t n = 0;

	if (!v)
		return nomem(s);
	for (uint32_t i = 0; i < s->ndefs; i++) {
		const struct odef *o = &s->defs[i];
		bool ioctl = false;

		for (uint32_t k = 0; o->tag == NULL && k < o->n && !ioctl; k++)
			ioctl = s->wrap[s->mcalls.v[o->first + k]];
		if (!o->tag && !ioctl && !o->guard)
			continue;
		v[n].name = strdup(o->tag ? o->tag : id_str(&s->ids, o->name));
		v[n].header = strdup(o->hdr);
		v[n].body = o->body;
		v[n].macro = !o->tag && !o->guard;
		v[n].guard = o->guard;
		v[n].cond = o->cond;
		if (!v[n].name || !v[n].header) {
			free(v[n].name);
			free(v[n].header);
			out->v = v;
			out->n = n;
			uabi_defs__free(out);
			return nomem(s);
		}
		n++;
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_def);
	/* the same name, header and body twice (an #ifdef's two arms) is one */
	uint32_t k = 0;

	for (uint32_t i = 0; i < n; i++) {
		if (k && !strcmp(v[k - 1].name, v[i].name) && !strcmp(v[k - 1].header, v[i].header) &&
		    v[k - 1].body == v[i].body && v[k - 1].guard == v[i].guard) {
			/* defined without a condition if either is */
			v[k - 1].cond = v[k - 1].cond && v[i].cond;
			free(v[i].name);
			free(v[i].header);
			continue;
		}
		v[k++] = v[i];
	}
	out->v = v;
	out->n = k;
	return 0;
}

void uabi_defs__free(struct uabi_defs *defs)
{
	for (uint32_t i = 0; i < defs->n; i++) {
		free(defs->v[i].name);
		free(defs->v[i].header);
	}
	free(defs->v);
	defs->v = NULL;
	defs->n = 0;
}

const struct uabi_def *uabi_defs__find(const struct uabi_defs *defs, const char *name, uint32_t *n)
{
	uint32_t lo = 0, hi = defs->n;

	*n = 0;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (strcmp(defs->v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo + *n < defs->n && !strcmp(defs->v[lo + *n].name, name))
		(*n)++;
	return *n ? &defs->v[lo] : NULL;
}

/* Walk dir/sub (naming its headers or not). */
static int walk(struct disc *s, const char *dir, const char *sub, bool naming)
{
	s->base = dir;
	s->naming = naming;
	return uabi_file__walk(dir, sub, true, is_h, visit, s, s->d);
}

/* Read every header of the include path: the uapi directory (the last
 * incdir: its subdirectories, asm-generic/ read but not named, an
 * installed tree's multiarch dirs left to their own incdir), the asm/ of
 * the other incdirs, and the names of the generated asm/ wrappers. */
static int read_all(struct disc *s)
{
	const struct uabi_work *w = s->w;
	const char *uapi = w->incdirs[w->nincdirs - 1];
	char **top, path[PATH_MAX];
	uint32_t ntop;
	int err;

	if ((err = uabi_file__list_dir(uapi, &top, &ntop, s->d)))
		return err;
	for (uint32_t i = 0; !err && i < ntop; i++) {
		struct stat st;
		int n = snprintf(path, sizeof(path), "%s/%s", uapi, top[i]);

		if (n < 0 || (size_t)n >= sizeof(path) || lstat(path, &st) != 0 ||
		    !S_ISDIR(st.st_mode) || strstr(top[i], "-linux-"))
			continue;
		err = walk(s, uapi, top[i], strcmp(top[i], "asm-generic") != 0);
	}
	uabi_file__free_names(top, ntop);
	for (uint32_t i = 0; !err && i + 1 < w->nincdirs; i++) {
		const char *dir = w->incdirs[i];

		if (is_gen(s, dir))
			err = uabi_file__walk(dir, "asm", true, is_h, visit_gen, s, s->d);
		else
			err = walk(s, dir, "asm", true);
	}
	return err;
}

static void disc_free(struct disc *s)
{
	ids_free(&s->ids);
	free(s->fcalls.v);
	free(s->ocalls.v);
	free(s->seen.v);
	free(s->fm);
	free(s->mcalls.v);
	free(s->wrap);
	for (uint32_t i = 0; i < s->ndefs; i++)
		free(s->defs[i].tag);
	free(s->defs);
	for (uint32_t i = 0; i < s->nfiles; i++) {
		free(s->files[i].path);
		free(s->files[i].name);
	}
	free(s->files);
	uabi_file__free_names(s->cands, s->ncands);
}

void uabi_discover__free(char **names, uint32_t n)
{
	uabi_file__free_names(names, n);
}

int uabi_discover__headers(const struct uabi_work *w, char ***names, uint32_t *n,
			   struct uabi_diag *d)
{
	return uabi_discover__scan(w, names, n, NULL, NULL, NULL, d);
}

int uabi_discover__scan(const struct uabi_work *w, char ***names, uint32_t *n, char ***read,
			uint32_t *nread, struct uabi_defs *defs, struct uabi_diag *d)
{
	struct disc s = { .w = w, .d = d, .want_defs = defs != NULL };
	char **out = NULL;
	uint32_t nout = 0, cout = 0;
	int err;

	*names = NULL;
	*n = 0;
	if (read) {
		*read = NULL;
		*nread = 0;
	}
	if (w->nincdirs < 1)
		return uabi_diag__input(d, EINVAL, "header discovery: no include directory");
	if (defs)
		*defs = (struct uabi_defs){ 0 };
	if ((err = read_all(&s)) || (err = find_ioctls(&s)) || (defs && (err = build_defs(&s, defs))))
		goto out;
	if (s.nfiles)
		qsort(s.files, s.nfiles, sizeof(*s.files), cmp_file);
	if (s.ncands)
		qsort(s.cands, s.ncands, sizeof(*s.cands), cmp_str);
	for (uint32_t i = 0; i < s.ncands; i++) {
		const struct file *f;

		/* a name in two incdirs (asm/ of the arch and of gen) is one name */
		if (i + 1 < s.ncands && !strcmp(s.cands[i], s.cands[i + 1]))
			continue;
		/* only asm/ names come from more than the uapi directory: any
		 * other defines ioctls only if its uapi file does (and no
		 * earlier incdir shadows it, which resolve finds out) */
		if (strncmp(s.cands[i], "asm/", 4) && !uapi_ioctl(&s, s.cands[i]))
			continue;
		if ((err = resolve(&s, s.cands[i], false, &f)))
			goto out;
		if (!f || !f->ioctl)
			continue;
		if (!grow(&out, &cout, nout + 1, sizeof(*out), 256)) {
			err = nomem(&s);
			goto out;
		}
		out[nout++] = s.cands[i];
		s.cands[i] = NULL;
	}
	if (read && s.nfiles) {
		char **r = calloc(s.nfiles + 1, sizeof(*r)), rel[PATH_MAX];

		if (!r) {
			err = nomem(&s);
			goto out;
		}
		for (uint32_t i = 0; i < s.nfiles; i++) {
			r[i] = strdup(uabi_work__relpath(w, s.files[i].path, rel, sizeof(rel)));
			if (!r[i]) {
				uabi_file__free_names(r, i);
				err = nomem(&s);
				goto out;
			}
		}
		*read = r;
		*nread = s.nfiles;
	}
	*names = out;
	*n = nout;
	out = NULL;
	nout = 0;
out:
	uabi_file__free_names(out, nout);
	disc_free(&s);
	return err;
}

bool uabi_discover__name_ok(const char *name)
{
	if (!*name)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      strchr("_.,+-/", *p)))
			return false;
	return true;
}
