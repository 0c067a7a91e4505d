// SPDX-License-Identifier: MIT
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "fnv.h"
#include "intr.h"
#include "sbuf.h"

#define MAGIC "uabi-cache 1 "
#define HEADER_MAX 256		/* longest header line */
#define TMP_PREFIX ".tmp-"
#define TMP_MAX_AGE_S 3600	/* a temp file this old belongs to a run that died */

/* ------------------------------------------------------------------ */
/* where, how big                                                       */
/* ------------------------------------------------------------------ */

bool uabi_cache__default_dir(char *buf, size_t len)
{
	const char *v = getenv("UABI_CACHE_DIR");

	buf[0] = '\0';
	if (v && *v) {
		snprintf(buf, len, "%s", v);
		return true;
	}
	v = getenv("XDG_CACHE_HOME");
	if (v && v[0] == '/') {
		snprintf(buf, len, "%s/uabi/extract", v);
		return true;
	}
	v = getenv("HOME");
	if (v && *v) {
		snprintf(buf, len, "%s/.cache/uabi/extract", v);
		return true;
	}
	return false;
}

unsigned long long uabi_cache__default_max(void)
{
	const char *v = getenv("UABI_CACHE_MAX_MIB");
	unsigned long long mib;
	char *end;

	if (!v || !*v)
		return UABI_CACHE_DEFAULT_MIB << 20;
	errno = 0;
	mib = strtoull(v, &end, 10);
	if (*v < '0' || *v > '9' || *end || errno || mib > (1ull << 40)) {
		uabi_eprintf("uabi: warning: UABI_CACHE_MAX_MIB='%s' is not a whole number of MiB: "
			     "using %llu", v, UABI_CACHE_DEFAULT_MIB);
		return UABI_CACHE_DEFAULT_MIB << 20;
	}
	return mib << 20;
}

/* ------------------------------------------------------------------ */
/* memo: hashes by path, valid while the stat identity holds           */
/* ------------------------------------------------------------------ */

struct memo_ent {
	char *key;		/* "f/abs/path" or "d/abs/path" */
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	char hex[65];
};

struct uabi_cache_memo {
	struct memo_ent *v;
	size_t cap, n;		/* cap a power of two, or 0 */
};

static uint64_t str_hash(const char *s)
{
	return uabi_fnv1a64(s, strlen(s));
}

static struct memo_ent *memo_find(struct uabi_cache_memo *m, const char *key, bool add)
{
	size_t i;

	if (add && (m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		struct memo_ent *v = calloc(cap, sizeof(*v));

		if (!v)
			return NULL;
		for (size_t j = 0; j < m->cap; j++) {
			if (!m->v[j].key)
				continue;
			for (i = str_hash(m->v[j].key) & (cap - 1); v[i].key; i = (i + 1) & (cap - 1))
				;
			v[i] = m->v[j];
		}
		free(m->v);
		m->v = v;
		m->cap = cap;
	}
	if (!m->cap)
		return NULL;
	for (i = str_hash(key) & (m->cap - 1); m->v[i].key; i = (i + 1) & (m->cap - 1))
		if (!strcmp(m->v[i].key, key))
			return &m->v[i];
	if (!add)
		return NULL;
	m->v[i].key = strdup(key);
	if (!m->v[i].key)
		return NULL;
	m->n++;
	return &m->v[i];
}

static bool same_stat(const struct memo_ent *e, const struct stat *st)
{
	return e->dev == st->st_dev && e->ino == st->st_ino && e->size == st->st_size &&
	       e->mtime.tv_sec == st->st_mtim.tv_sec && e->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

static void memo_put(struct uabi_cache_memo *m, const char *key, const struct stat *st,
		     const char *hex)
{
	struct memo_ent *e = memo_find(m, key, true);

	if (!e)
		return;	/* out of memory: the hash is computed again next time */
	e->dev = st->st_dev;
	e->ino = st->st_ino;
	e->size = st->st_size;
	e->mtime = st->st_mtim;
	memcpy(e->hex, hex, 65);
}

/* The content hash of a regular file; false if it cannot be read. */
static bool hash_content(const char *path, const struct stat *st, char hex[65])
{
	struct uabi_sha256 h;
	struct stat fst;
	char buf[65536];
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ssize_t r;

	if (fd < 0)
		return false;
	if (fstat(fd, &fst) || !S_ISREG(fst.st_mode) || fst.st_ino != st->st_ino ||
	    fst.st_dev != st->st_dev) {
		close(fd);
		return false;
	}
	uabi_sha256__init(&h);
	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			close(fd);
			return false;
		}
		uabi_sha256__update(&h, buf, (size_t)r);
	}
	close(fd);
	uabi_sha256__hex(&h, hex);
	return true;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The hash of a directory's sorted entry names; false if it cannot be listed. */
/* 'd' directory, 'f' regular file, 'l' symlink, 'o' anything else (from
 * d_type, or lstat when the filesystem does not say). */
static char entry_kind(const char *dir, const struct dirent *de)
{
	unsigned char t = de->d_type;
	char p[PATH_MAX];
	struct stat st;

	if (t == DT_UNKNOWN && snprintf(p, sizeof(p), "%s/%s", dir, de->d_name) < (int)sizeof(p) &&
	    !lstat(p, &st))
		t = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG
			: S_ISLNK(st.st_mode) ? DT_LNK : DT_FIFO;
	return t == DT_DIR ? 'd' : t == DT_REG ? 'f' : t == DT_LNK ? 'l' : 'o';
}

/* The sha256 of a directory's sorted entries, each "name/kind". */
static bool hash_listing(const char *path, char hex[65])
{
	struct uabi_sha256 h;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	bool ok = true;
	DIR *dir = opendir(path);

	if (!dir)
		return false;
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			char **v = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof(*v));

			if (!v) {
				ok = false;
				break;
			}
			names = v;
		}
		/* the name and what it is: a file replaced by a symlink to the
		 * same bytes changes what a walk that skips symlinks reads */
		if (!(names[n] = malloc(strlen(de->d_name) + 3))) {
			ok = false;
			break;
		}
		sprintf(names[n], "%s/%c", de->d_name, entry_kind(path, de));
		n++;
	}
	closedir(dir);
	if (ok && n)
		qsort(names, n, sizeof(*names), cmp_str);
	uabi_sha256__init(&h);
	for (size_t i = 0; i < n; i++) {
		uabi_sha256__update(&h, names[i], strlen(names[i]) + 1);
		free(names[i]);
	}
	free(names);
	uabi_sha256__hex(&h, hex);
	return ok;
}

/* One dependency to hash, and what the memo learns from it. */
struct dep_job {
	char kind;		/* 'f' content, 'd' listing */
	const char *rel;
	char want[65];		/* deps_match: the manifest's hash */
	char hex[65];		/* the hash now */
	bool late;		/* changed after since */
	bool fresh;		/* hashed now, not taken from the memo: st is its identity */
	struct stat st;
};

static void dep_path(const char *root, const char *rel, char *path, size_t len)
{
	if (rel[0] == '/')
		snprintf(path, len, "%s", rel);
	else
		snprintf(path, len, "%s%s%s", root, *rel ? "/" : "", rel);
}

/*
 * The current hash of dependency j->rel under root: kind 'f' (content) or
 * 'd' (listing); "-" when absent, "!" when it is not what kind wants or
 * cannot be read. With since set, j->late tells whether it changed after.
 * Reads the memo and never writes it, so that several threads can hash at
 * once (dep_learn writes it afterwards, in one thread).
 */
static void dep_hash_ro(const struct uabi_cache *c, const char *root, const struct timespec *since,
			struct dep_job *j)
{
	char path[PATH_MAX + 2], key[PATH_MAX + 8];
	struct memo_ent *e;
	struct stat *st = &j->st;

	j->late = false;
	j->fresh = false;
	dep_path(root, j->rel, path, sizeof(path));
	if (stat(path, st)) {
		snprintf(j->hex, 65, "%s", errno == ENOENT || errno == ENOTDIR ? "-" : "!");
		return;
	}
	if (since && (since->tv_sec || since->tv_nsec)) {
		/* strictly after (uabi_cache_deps.since says which clock).
		 * Not the ctime: other processes hard-linking a shared tree
		 * (t_copy_tree, cp -al) change it without changing a byte */
		if (st->st_mtim.tv_sec > since->tv_sec ||
		    (st->st_mtim.tv_sec == since->tv_sec && st->st_mtim.tv_nsec > since->tv_nsec))
			j->late = true;
	}
	if (j->kind == 'f' ? !S_ISREG(st->st_mode) : !S_ISDIR(st->st_mode)) {
		snprintf(j->hex, 65, "!");
		return;
	}
	snprintf(key, sizeof(key), "%c%s", j->kind, path);
	e = c->memo ? memo_find(c->memo, key, false) : NULL;
	if (e && same_stat(e, st)) {
		memcpy(j->hex, e->hex, 65);
		return;
	}
	if (!(j->kind == 'f' ? hash_content(path, st, j->hex) : hash_listing(path, j->hex))) {
		snprintf(j->hex, 65, "!");
		return;
	}
	j->fresh = true;
}

/* What dep_hash_ro hashed afresh goes into the memo. */
static void dep_learn(struct uabi_cache *c, const char *root, const struct dep_job *j)
{
	char path[PATH_MAX + 2], key[PATH_MAX + 8];

	if (!j->fresh || !c->memo)
		return;
	dep_path(root, j->rel, path, sizeof(path));
	snprintf(key, sizeof(key), "%c%s", j->kind, path);
	memo_put(c->memo, key, &j->st, j->hex);
}

/* dep_hash_ro then dep_learn for one dependency: its hash into hex. */
static void dep_hash(struct uabi_cache *c, char kind, const char *root, const char *rel,
		     char hex[65])
{
	struct dep_job j = { .kind = kind, .rel = rel };

	dep_hash_ro(c, root, NULL, &j);
	dep_learn(c, root, &j);
	memcpy(hex, j.hex, 65);
}

/* A kernel tree's scan depends on ~56,000 files (1.1 GB): hashing them
 * takes ~1 s on one core at ~1 GB/s (nettle, SHA instructions), so a list
 * this long is hashed in HASH_THREADS threads, HASH_CHUNK at a time (a
 * lookup stops at the first chunk with a mismatch). */
#define HASH_THREADS 2
#define HASH_PAR_MIN 256
#define HASH_CHUNK 4096

struct dep_pool {
	const struct uabi_cache *c;
	const char *root;
	const struct timespec *since;
	struct dep_job *v;
	size_t n, next;
};

static void *pool_work(void *arg)
{
	struct dep_pool *p = arg;
	size_t i;

	while ((i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED)) < p->n)
		dep_hash_ro(p->c, p->root, p->since, &p->v[i]);
	return NULL;
}

/* Hash v[0..n) (in several threads when there are many; one when a thread
 * cannot be made), then teach the memo. */
static void dep_hash_all(struct uabi_cache *c, const char *root, const struct timespec *since,
			 struct dep_job *v, size_t n)
{
	struct dep_pool p = { .c = c, .root = root, .since = since, .v = v, .n = n };
	pthread_t t[HASH_THREADS - 1];
	int nt = 0;

	if (n >= HASH_PAR_MIN)
		while (nt < HASH_THREADS - 1 && !uabi_intr__pthread_create(&t[nt], pool_work, &p))
			nt++;
	pool_work(&p);
	for (int i = 0; i < nt; i++)
		pthread_join(t[i], NULL);
	for (size_t i = 0; i < n; i++)
		dep_learn(c, root, &v[i]);
}

/* ------------------------------------------------------------------ */
/* open, warn, keys                                                     */
/* ------------------------------------------------------------------ */

int uabi_cache__open(struct uabi_cache *c, const char *dir, unsigned long long max_bytes,
		     struct uabi_diag *d)
{
	void *page;

	memset(c, 0, sizeof(*c));
	snprintf(c->dir, sizeof(c->dir), "%s", dir);
	c->max_bytes = max_bytes;
	c->memo = calloc(1, sizeof(*c->memo));
	if (!c->memo)
		return uabi_diag__input(d, ENOMEM, "out of memory");
	page = mmap(NULL, sizeof(unsigned), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED) {
		free(c->memo);
		c->memo = NULL;
		return uabi_diag__input(d, errno, "extraction cache: %s", strerror(errno));
	}
	c->warned = page;
	return 0;
}

void uabi_cache__close(struct uabi_cache *c)
{
	if (c->memo) {
		for (size_t i = 0; i < c->memo->cap; i++)
			free(c->memo->v[i].key);
		free(c->memo->v);
		free(c->memo);
		c->memo = NULL;
	}
	if (c->warned)
		munmap((void *)c->warned, sizeof(unsigned));
	c->warned = NULL;
}

void uabi_cache__warn(struct uabi_cache *c, unsigned bit, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	if (c->warned) {
		/* one line per run, even from several forked workers */
		if (__atomic_fetch_or(c->warned, bit, __ATOMIC_SEQ_CST) & bit)
			return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	uabi_eprintf("uabi: warning: %s", msg);
}

void uabi_cache_key__init(struct uabi_cache_key *k)
{
	uabi_sha256__init(&k->h);
}

/* tag NUL, length (decimal, or "null") NUL, bytes: no two field lists
 * hash the same text */
static void key_field(struct uabi_cache_key *k, const char *tag, const void *v, size_t len)
{
	char lenbuf[32];

	uabi_sha256__update(&k->h, tag, strlen(tag) + 1);
	if (v)
		snprintf(lenbuf, sizeof(lenbuf), "%zu", len);
	else
		snprintf(lenbuf, sizeof(lenbuf), "null");
	uabi_sha256__update(&k->h, lenbuf, strlen(lenbuf) + 1);
	if (v)
		uabi_sha256__update(&k->h, v, len);
}

void uabi_cache_key__str(struct uabi_cache_key *k, const char *tag, const char *s)
{
	key_field(k, tag, s, s ? strlen(s) : 0);
}

void uabi_cache_key__u64(struct uabi_cache_key *k, const char *tag, uint64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	key_field(k, tag, buf, strlen(buf));
}

/* prog on PATH (or prog itself with a '/') into out; false if none is executable. */
static bool find_program(const char *prog, char *out, size_t len)
{
	const char *path = getenv("PATH");

	if (!prog || !*prog)
		return false;
	if (strchr(prog, '/')) {
		snprintf(out, len, "%s", prog);
		return access(out, X_OK) == 0;
	}
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *e = strchr(path, ':');
		size_t n = e ? (size_t)(e - path) : strlen(path);
		struct stat st;

		snprintf(out, len, "%.*s%s%s", (int)n, n ? path : ".", "/", prog);
		if (!stat(out, &st) && S_ISREG(st.st_mode) && !access(out, X_OK))
			return true;
		path += n;
		if (*path == ':')
			path++;
	}
	return false;
}

void uabi_cache_key__program(struct uabi_cache_key *k, const char *tag, const char *prog)
{
	char found[PATH_MAX], real[PATH_MAX];
	struct stat st;

	if (!find_program(prog, found, sizeof(found)) || !realpath(found, real) || stat(real, &st)) {
		uabi_cache_key__str(k, tag, "missing");
		return;
	}
	uabi_cache_key__str(k, tag, real);
	uabi_cache_key__u64(k, "size", (uint64_t)st.st_size);
	uabi_cache_key__u64(k, "mtime", (uint64_t)st.st_mtim.tv_sec * 1000000000ull +
					 (uint64_t)st.st_mtim.tv_nsec);
}

void uabi_cache_key__hex(struct uabi_cache_key *k, char hex[65])
{
	uabi_sha256__hex(&k->h, hex);
}

/* ------------------------------------------------------------------ */
/* entries                                                              */
/* ------------------------------------------------------------------ */

static bool is_hex64(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[64] == '\0';
}

static bool hex_ok(const char *key)
{
	return key && is_hex64(key);
}

/* DIR/k1[0:2]/k1 */
static void key_dir(const struct uabi_cache *c, const char *key, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%.2s/%s", c->dir, key, key);
}

struct entry {
	const char *manifest;	/* into the entry's buffer */
	size_t mlen;
	const char *blob;
	size_t blen;
	char blob_sha[65];
};

static void sha_hex(const void *data, size_t len, char hex[65])
{
	struct uabi_sha256 h;

	uabi_sha256__init(&h);
	uabi_sha256__update(&h, data, len);
	uabi_sha256__hex(&h, hex);
}

/* Header, lengths and manifest hash (name); false when corrupt. */
static bool parse_entry(const char *buf, size_t size, const char *name, struct entry *e)
{
	const char *nl = memchr(buf, '\n', size < HEADER_MAX ? size : HEADER_MAX);
	char line[HEADER_MAX + 1], hex[65], tail;
	unsigned long long ml, bl;
	size_t hl;

	if (!nl || strncmp(buf, MAGIC, strlen(MAGIC)))
		return false;
	hl = (size_t)(nl - buf) + 1;
	memcpy(line, buf, hl - 1);
	line[hl - 1] = '\0';
	if (sscanf(line + strlen(MAGIC), "%llu %llu %64s%c", &ml, &bl, e->blob_sha, &tail) != 3 ||
	    !is_hex64(e->blob_sha))
		return false;
	if (ml > size || bl > size || hl + ml + bl != size)
		return false;
	e->manifest = buf + hl;
	e->mlen = (size_t)ml;
	e->blob = e->manifest + e->mlen;
	e->blen = (size_t)bl;
	if (e->mlen && e->manifest[e->mlen - 1] != '\n')
		return false;
	sha_hex(e->manifest, e->mlen, hex);
	return !strcmp(hex, name);
}

/* One manifest line at *p (before end) into j (rel malloc'd); *p moves
 * past it. false when malformed (j->rel NULL) or out of memory (j->rel
 * NULL, *oom). */
static bool parse_dep(const char **p, const char *end, struct dep_job *j, bool *oom)
{
	const char *l = *p, *nl = memchr(l, '\n', (size_t)(end - l)), *sp;
	size_t hl, pl;

	j->rel = NULL;
	if (!nl || nl - l < 5 || (l[0] != 'f' && l[0] != 'd') || l[1] != ' ')
		return false;
	sp = memchr(l + 2, ' ', (size_t)(nl - l - 2));
	if (!sp)
		return false;
	hl = (size_t)(sp - l - 2);
	pl = (size_t)(nl - sp - 1);
	if (hl > 64 || pl >= PATH_MAX || memchr(sp + 1, '\0', pl))
		return false;
	j->kind = l[0];
	memcpy(j->want, l + 2, hl);
	j->want[hl] = '\0';
	if (!(hl == 64 && is_hex64(j->want)) && strcmp(j->want, "-") && strcmp(j->want, "!"))
		return false;
	if (!(j->rel = strndup(sp + 1, pl))) {
		*oom = true;
		return false;
	}
	*p = nl + 1;
	return true;
}

/* 1: every dependency the manifest lists has its recorded hash; 0: one
 * differs (or memory ran out); -1: the manifest is malformed. */
static int deps_match(struct uabi_cache *c, const struct entry *e, const char *root)
{
	const char *p = e->manifest, *end = e->manifest + e->mlen;
	struct dep_job *v = malloc(HASH_CHUNK * sizeof(*v));
	int ret = 1;

	if (!v)
		return 0;
	while (ret == 1 && p < end) {
		bool oom = false;
		size_t n = 0;

		while (n < HASH_CHUNK && p < end && parse_dep(&p, end, &v[n], &oom))
			n++;
		if (n < HASH_CHUNK && p < end)
			ret = oom ? 0 : -1;
		if (ret == 1)
			dep_hash_all(c, root, NULL, v, n);
		for (size_t i = 0; i < n; i++) {
			if (ret == 1 && strcmp(v[i].want, v[i].hex))
				ret = 0;
			free((char *)v[i].rel);
		}
	}
	free(v);
	return ret;
}

/* Read an entry file whole; 0, or -errno (-ENOENT: gone, -EINVAL: not a regular file). */
static int read_entry(const char *path, char **buf, size_t *size)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	size_t off = 0;
	char *b;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	b = malloc((size_t)st.st_size + 1);
	if (!b) {
		close(fd);
		return -ENOMEM;
	}
	while (off < (size_t)st.st_size) {
		ssize_t r = read(fd, b + off, (size_t)st.st_size - off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		off += (size_t)r;
	}
	close(fd);
	b[off] = '\0';
	*buf = b;
	*size = off;
	return 0;
}

static void drop_corrupt(struct uabi_cache *c, const char *path)
{
	unlink(path);
	uabi_cache__warn(c, UABI_CACHE_WARN_CORRUPT, "extraction cache: removed a corrupt entry %s",
			 path);
}

struct cand {
	char name[65];
	struct timespec mtime;
};

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	/* most recently used first */
	if (x->mtime.tv_sec != y->mtime.tv_sec)
		return x->mtime.tv_sec < y->mtime.tv_sec ? 1 : -1;
	if (x->mtime.tv_nsec != y->mtime.tv_nsec)
		return x->mtime.tv_nsec < y->mtime.tv_nsec ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* The entries of key, most recently used first, into *out (malloc'd, *n
 * of them, the key directory into kdir); false when there is none. */
static bool list_cands(struct uabi_cache *c, const char key[65], char *kdir, size_t klen,
		       struct cand **out, size_t *out_n)
{
	char path[PATH_MAX + 80];
	struct cand *cands = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	DIR *dir;

	*out = NULL;
	*out_n = 0;
	if (!hex_ok(key))
		return false;
	key_dir(c, key, kdir, klen);
	dir = opendir(kdir);
	if (!dir) {
		if (errno != ENOENT && errno != ENOTDIR)
			uabi_cache__warn(c, UABI_CACHE_WARN_IO, "extraction cache: %s: %s", kdir,
					 strerror(errno));
		return false;
	}
	while ((de = readdir(dir))) {
		struct stat st;

		if (!is_hex64(de->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", kdir, de->d_name);
		if (lstat(path, &st))
			continue;
		if (n == cap) {
			struct cand *v = realloc(cands, (cap = cap ? cap * 2 : 8) * sizeof(*v));

			if (!v)
				break;
			cands = v;
		}
		memcpy(cands[n].name, de->d_name, 65);
		cands[n].mtime = st.st_mtim;
		n++;
	}
	closedir(dir);
	if (n)
		qsort(cands, n, sizeof(*cands), cmp_cand);
	*out = cands;
	*out_n = n;
	return true;
}

int uabi_cache__lookup(struct uabi_cache *c, const char key[65], const char *root,
		       struct uabi_cache_hit *hit)
{
	char kdir[PATH_MAX], path[PATH_MAX + 80];
	struct cand *cands = NULL;
	size_t n = 0;
	int ret = 0;

	if (hit)
		memset(hit, 0, sizeof(*hit));
	if (!list_cands(c, key, kdir, sizeof(kdir), &cands, &n))
		return 0;
	for (size_t i = 0; i < n && !ret; i++) {
		struct entry e;
		char *buf = NULL, hex[65];
		size_t size = 0;
		int m, err;

		snprintf(path, sizeof(path), "%s/%s", kdir, cands[i].name);
		err = read_entry(path, &buf, &size);
		if (err == -ENOENT)
			continue;	/* evicted meanwhile */
		if (err == -EINVAL || err == -ELOOP) {	/* not a regular file */
			drop_corrupt(c, path);
			continue;
		}
		if (err) {
			uabi_cache__warn(c, UABI_CACHE_WARN_IO, "extraction cache: %s: %s", path,
					 strerror(-err));
			continue;
		}
		m = parse_entry(buf, size, cands[i].name, &e) ? deps_match(c, &e, root) : -1;
		if (m == 1 && !hit) {
			ret = 1;	/* the hashes are in the memo: all a warm-up wants */
		} else if (m == 1) {
			sha_hex(e.blob, e.blen, hex);
			if (strcmp(hex, e.blob_sha))
				m = -1;
		}
		if (m < 0) {
			drop_corrupt(c, path);
		} else if (m == 1 && hit) {
			hit->blob = malloc(e.blen + 1);
			if (hit->blob) {
				memcpy(hit->blob, e.blob, e.blen);
				hit->blob[e.blen] = '\0';
				hit->len = e.blen;
				snprintf(hit->path, sizeof(hit->path), "%s", path);
				utimensat(AT_FDCWD, path, NULL, 0);	/* recently used */
				ret = 1;
			}
		}
		free(buf);
	}
	free(cands);
	return ret;
}

void uabi_cache_near__free(struct uabi_cache_near *near)
{
	free(near->blob);
	for (uint32_t i = 0; i < near->ndeps; i++)
		free(near->deps[i].path);
	free(near->deps);
	memset(near, 0, sizeof(*near));
}

/* The manifest of e into near->deps, each compared with the tree now;
 * false when it is malformed or memory runs out. */
static bool near_deps(struct uabi_cache *c, const struct entry *e, const char *root,
		      struct uabi_cache_near *near)
{
	const char *p = e->manifest, *end = e->manifest + e->mlen;
	uint32_t cap = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *sp;
		char want[65], have[65];
		struct uabi_cache_dep *dep;
		size_t hl, pl;

		if (!nl || nl - p < 5 || (p[0] != 'f' && p[0] != 'd') || p[1] != ' ')
			return false;
		sp = memchr(p + 2, ' ', (size_t)(nl - p - 2));
		if (!sp)
			return false;
		hl = (size_t)(sp - p - 2);
		pl = (size_t)(nl - sp - 1);
		if (hl > 64 || pl >= PATH_MAX || memchr(sp + 1, '\0', pl))
			return false;
		if (near->ndeps == cap) {
			struct uabi_cache_dep *v = realloc(near->deps, (cap = cap ? cap * 2 : 256) *
							   sizeof(*v));

			if (!v)
				return false;
			near->deps = v;
		}
		dep = &near->deps[near->ndeps];
		dep->kind = p[0];
		dep->path = strndup(sp + 1, pl);
		if (!dep->path)
			return false;
		near->ndeps++;
		memcpy(want, p + 2, hl);
		want[hl] = '\0';
		dep_hash(c, p[0], root, dep->path, have);
		dep->changed = strcmp(want, have) != 0;
		p = nl + 1;
	}
	return true;
}

int uabi_cache__nearest(struct uabi_cache *c, const char key[65], const char *root,
			struct uabi_cache_near *near)
{
	char kdir[PATH_MAX], path[PATH_MAX + 80];
	struct cand *cands = NULL;
	size_t n = 0;
	int ret = 0;

	memset(near, 0, sizeof(*near));
	if (!list_cands(c, key, kdir, sizeof(kdir), &cands, &n))
		return 0;
	for (size_t i = 0; i < n && !ret; i++) {
		struct entry e;
		char *buf = NULL, hex[65];
		size_t size = 0;

		snprintf(path, sizeof(path), "%s/%s", kdir, cands[i].name);
		if (read_entry(path, &buf, &size))
			continue;
		if (parse_entry(buf, size, cands[i].name, &e)) {
			sha_hex(e.blob, e.blen, hex);
			if (!strcmp(hex, e.blob_sha) && near_deps(c, &e, root, near) &&
			    (near->blob = malloc(e.blen + 1))) {
				memcpy(near->blob, e.blob, e.blen);
				near->blob[e.blen] = '\0';
				near->len = e.blen;
				snprintf(near->path, sizeof(near->path), "%s", path);
				ret = 1;
			} else {
				uabi_cache_near__free(near);
			}
		}
		free(buf);
	}
	free(cands);
	return ret;
}

void uabi_cache__reject(struct uabi_cache *c, const struct uabi_cache_hit *hit)
{
	if (hit->path[0])
		drop_corrupt(c, hit->path);
}

/* Sorted, unique copy of v (pointers borrowed); NULL on out of memory. */
static const char **sorted_unique(const char *const *v, uint32_t n, uint32_t *out_n)
{
	const char **s = calloc(n + 1, sizeof(*s));
	uint32_t k = 0;

	if (!s)
		return NULL;
	for (uint32_t i = 0; i < n; i++)
		if (v[i])
			s[k++] = v[i];
	if (k)
		qsort(s, k, sizeof(*s), cmp_str);
	n = k;
	k = 0;
	for (uint32_t i = 0; i < n; i++)
		if (!k || strcmp(s[k - 1], s[i]))
			s[k++] = s[i];
	*out_n = k;
	return s;
}

/* Append "KIND HASH PATH\n" for each of v; -EINVAL (d set) for a path with
 * a newline, -EAGAIN when one changed after since. */
static int add_deps(struct uabi_cache *c, struct uabi_sbuf *b, char kind,
		    const struct uabi_cache_deps *deps, const char *const *v, uint32_t n,
		    struct uabi_diag *d)
{
	uint32_t m;
	const char **s = sorted_unique(v, n, &m);
	struct dep_job *jobs = NULL;
	int err = 0;

	if (!s || !(jobs = malloc(HASH_CHUNK * sizeof(*jobs)))) {
		free(s);
		return uabi_diag__input(d, ENOMEM, "out of memory");
	}
	for (uint32_t i = 0; i < m && !err; i++)
		if (strchr(s[i], '\n'))
			err = uabi_diag__input(d, EINVAL, "extraction cache: a path with a newline");
	for (uint32_t i = 0; i < m && !err; i += HASH_CHUNK) {
		uint32_t nj = m - i < HASH_CHUNK ? m - i : HASH_CHUNK;

		for (uint32_t j = 0; j < nj; j++)
			jobs[j] = (struct dep_job){ .kind = kind, .rel = s[i + j] };
		dep_hash_all(c, deps->root, &deps->since, jobs, nj);
		for (uint32_t j = 0; j < nj; j++) {
			if (jobs[j].late)
				err = -EAGAIN;
			uabi_sbuf__addf(b, "%c %s %s\n", kind, jobs[j].hex, jobs[j].rel);
		}
	}
	free(jobs);
	free(s);
	return err;
}

static bool write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		len -= (size_t)w;
	}
	return true;
}

int uabi_cache__store(struct uabi_cache *c, const char key[65], const struct uabi_cache_deps *deps,
		      const char *blob, size_t len, struct uabi_diag *d)
{
	char kdir[PATH_MAX], tmp[PATH_MAX + 32], final[PATH_MAX + 80], name[65], bsha[65];
	char header[HEADER_MAX];
	struct uabi_sbuf b;
	char *manifest;
	size_t mlen, hlen;
	int err, fd;

	if (!hex_ok(key))
		return uabi_diag__input(d, EINVAL, "extraction cache: bad key");
	uabi_sbuf__init(&b);
	err = add_deps(c, &b, 'f', deps, deps->files, deps->nfiles, d);
	if (!err)
		err = add_deps(c, &b, 'd', deps, deps->dirs, deps->ndirs, d);
	manifest = uabi_sbuf__finish(&b, err ? NULL : d);
	if (err || !manifest) {
		free(manifest);
		return err ? err : -ENOMEM;
	}
	mlen = strlen(manifest);
	sha_hex(manifest, mlen, name);
	sha_hex(blob, len, bsha);
	hlen = (size_t)snprintf(header, sizeof(header), MAGIC "%zu %zu %s\n", mlen, len, bsha);
	if (hlen + mlen + len > c->max_bytes) {
		free(manifest);
		return -EFBIG;
	}
	key_dir(c, key, kdir, sizeof(kdir));
	err = uabi_file__mkdirs(kdir, d);
	if (err) {
		free(manifest);
		return err;
	}
	snprintf(tmp, sizeof(tmp), "%s/" TMP_PREFIX "XXXXXX", kdir);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = uabi_diag__input(d, errno, "extraction cache: %s: %s", kdir, strerror(errno));
		free(manifest);
		return err;
	}
	fchmod(fd, 0644);
	if (!write_all(fd, header, hlen) || !write_all(fd, manifest, mlen) ||
	    !write_all(fd, blob, len)) {
		err = uabi_diag__input(d, errno ? errno : EIO, "extraction cache: %s: %s", tmp,
				       strerror(errno ? errno : EIO));
		close(fd);
		unlink(tmp);
		free(manifest);
		return err;
	}
	free(manifest);
	if (close(fd)) {
		err = uabi_diag__input(d, errno, "extraction cache: %s: %s", tmp, strerror(errno));
		unlink(tmp);
		return err;
	}
	snprintf(final, sizeof(final), "%s/%s", kdir, name);
	if (rename(tmp, final)) {
		err = uabi_diag__input(d, errno, "extraction cache: %s: %s", final, strerror(errno));
		unlink(tmp);
		return err;
	}
	uabi_cache__evict(c, c->max_bytes);
	return 0;
}

/* ------------------------------------------------------------------ */
/* size bound                                                           */
/* ------------------------------------------------------------------ */

struct victim {
	char *path;
	unsigned long long size;
	struct timespec mtime;
};

static int cmp_victim(const void *a, const void *b)
{
	const struct victim *x = a, *y = b;

	/* least recently used first */
	if (x->mtime.tv_sec != y->mtime.tv_sec)
		return x->mtime.tv_sec < y->mtime.tv_sec ? -1 : 1;
	if (x->mtime.tv_nsec != y->mtime.tv_nsec)
		return x->mtime.tv_nsec < y->mtime.tv_nsec ? -1 : 1;
	return strcmp(x->path, y->path);
}

static bool is_hex2(const char *s)
{
	for (int i = 0; i < 2; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[2] == '\0';
}

/* Entries of one key directory into *v; stale temp files removed. */
static void scan_key_dir(const char *kdir, struct victim **v, size_t *n, size_t *cap,
			 unsigned long long *total)
{
	char path[PATH_MAX + 80];
	struct dirent *de;
	time_t now = time(NULL);
	DIR *dir = opendir(kdir);

	if (!dir)
		return;
	while ((de = readdir(dir))) {
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", kdir, de->d_name);
		if (!strncmp(de->d_name, TMP_PREFIX, strlen(TMP_PREFIX))) {
			if (!lstat(path, &st) && S_ISREG(st.st_mode) &&
			    now - st.st_mtim.tv_sec > TMP_MAX_AGE_S)
				unlink(path);
			continue;
		}
		if (!is_hex64(de->d_name) || lstat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		if (*n == *cap) {
			struct victim *nv = realloc(*v, (*cap = *cap ? *cap * 2 : 64) * sizeof(*nv));

			if (!nv)
				break;
			*v = nv;
		}
		(*v)[*n].path = strdup(path);
		if (!(*v)[*n].path)
			break;
		(*v)[*n].size = (unsigned long long)st.st_size;
		(*v)[*n].mtime = st.st_mtim;
		*total += (unsigned long long)st.st_size;
		(*n)++;
	}
	closedir(dir);
}

unsigned long long uabi_cache__evict(struct uabi_cache *c, unsigned long long max_bytes)
{
	struct victim *v = NULL;
	size_t n = 0, cap = 0;
	unsigned long long total = 0;
	struct dirent *de, *ke;
	char sub[PATH_MAX + 8], kdir[PATH_MAX + 80];
	DIR *top = opendir(c->dir);

	if (!top)
		return 0;
	/* only DIR/xx/<64 hex>/<64 hex> is ours: nothing else is touched */
	while ((de = readdir(top))) {
		DIR *sd;

		if (!is_hex2(de->d_name))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", c->dir, de->d_name);
		sd = opendir(sub);
		if (!sd)
			continue;
		while ((ke = readdir(sd))) {
			if (!is_hex64(ke->d_name) || strncmp(ke->d_name, de->d_name, 2))
				continue;
			snprintf(kdir, sizeof(kdir), "%s/%s", sub, ke->d_name);
			scan_key_dir(kdir, &v, &n, &cap, &total);
		}
		closedir(sd);
	}
	closedir(top);
	if (total > max_bytes && n) {
		qsort(v, n, sizeof(*v), cmp_victim);
		for (size_t i = 0; i < n && total > max_bytes; i++) {
			if (!unlink(v[i].path) || errno == ENOENT)
				total -= v[i].size;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
	return total;
}
