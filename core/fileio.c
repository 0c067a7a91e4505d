// SPDX-License-Identifier: MIT
#include "fileio.h"
#include "intr.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Wait until fd is ready for events (POLLIN, POLLOUT). 0, or an errno
 * value: EINTR once an interrupt is pending. */
static int wait_fd(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };
	int r;

	do
		r = uabi_intr__poll(&p, 1, -1);
	while (r == 0);
	return r < 0 ? -r : 0;
}

/* Read the open fd (path names it in messages) to its end and close it;
 * known is its fstat when the caller has it. */
#define READ_PIECE ((size_t)4 << 20)

static int read_fd(int fd, const char *path, const struct stat *known, char **buf, size_t *len,
		   struct uabi_diag *d)
{
	size_t cap = 65536, n = 0;
	char *p = NULL;
	struct stat st;
	bool wait = true;
	int err;

	if (known)
		st = *known;
	if (known || fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			close(fd);
			return uabi_diag__input(d, EISDIR, "%s: is a directory", path);
		}
		wait = !S_ISREG(st.st_mode);
		if (!wait && st.st_size > 0)
			cap = (size_t)st.st_size + 1;
	}
	p = malloc(cap);
	if (!p) {
		close(fd);
		return uabi_diag__input(d, ENOMEM, "%s: out of memory", path);
	}
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap) {
			char *q = realloc(p, cap * 2);

			if (!q) {
				err = ENOMEM;
				goto fail;
			}
			p = q;
			cap *= 2;
		}
		/* a FIFO or pipe: a read before a writer came says end of
		 * file (O_NONBLOCK), so wait first: poll reports its data, or
		 * its end once a writer has come and gone */
		if (wait && (err = wait_fd(fd, POLLIN)))
			goto fail;
		/* in pieces: a large file's read ends at an interrupt (the
		 * --deadline) within one piece */
		if (n && uabi_intr__pending()) {
			err = EINTR;
			goto fail;
		}
		r = read(fd, p + n, cap - 1 - n < READ_PIECE ? cap - 1 - n : READ_PIECE);
		if (r < 0) {
			if (errno == EINTR && !uabi_intr__pending())
				continue;
			err = errno;
			/* a FIFO or pipe with nothing yet (a writer to come, or
			 * one that has not written): wait for data or its end */
			if (err == EAGAIN || err == EWOULDBLOCK)
				err = wait_fd(fd, POLLIN);
			if (!err)
				continue;
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	p[n] = '\0';
	*buf = p;
	if (len)
		*len = n;
	return 0;
fail:
	close(fd);
	free(p);
	if (err == EINTR)
		return uabi_diag__input(d, err, "%s: interrupted", path);
	return uabi_diag__input(d, err, "%s: %s", path, strerror(err));
}

int uabi_file__read(const char *path, char **buf, size_t *len, struct uabi_diag *d)
{
	int fd;

	*buf = NULL;
	if (len)
		*len = 0;
	/* O_NONBLOCK: a FIFO without a writer does not block the open (a
	 * signal could not end it: SA_RESTART), and its reads wait in poll,
	 * which an interrupt ends; regular files ignore the flag */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return uabi_diag__input(d, errno, "%s: %s", path, strerror(errno));
	return read_fd(fd, path, NULL, buf, len, d);
}

int uabi_file__read_under(const char *root, const char *path, const char *tree, size_t max,
			  char **buf, size_t *len, struct uabi_diag *d)
{
	char real[PATH_MAX], proc[64];
	size_t rootlen = strlen(root);
	struct stat st;
	ssize_t n;
	int fd, rfd, err;

	*buf = NULL;
	if (len)
		*len = 0;
	if (uabi_intr__pending())
		return uabi_diag__input(d, EINTR, "%s: interrupted", path);
	/* O_PATH opens nothing (no device is touched, no FIFO waited for)
	 * and holds the file reached: where it lies and what it is are
	 * judged on that file, and the read is of that file, whatever the
	 * path names by then. Its /proc link is its realpath in one call;
	 * without /proc, realpath of the path. */
	fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return uabi_diag__input(d, errno, "%s: %s", path, strerror(errno));
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	n = readlink(proc, real, sizeof(real) - 1);
	if (n > 0 && real[0] == '/' && (size_t)n < sizeof(real) - 1) {
		real[n] = '\0';
	} else if (!realpath(path, real)) {
		err = errno;
		close(fd);
		return uabi_diag__input(d, err, "%s: %s", path, strerror(err));
	}
	if (strncmp(real, root, rootlen) || (real[rootlen] != '/' && strcmp(root, "/")))
		err = uabi_diag__input(d, EPERM, "%s: resolves outside %s", path, tree);
	else if (fstat(fd, &st) != 0)
		err = uabi_diag__input(d, errno, "%s: %s", path, strerror(errno));
	else if (!S_ISREG(st.st_mode))
		err = uabi_diag__input(d, EINVAL, "%s: not a regular file", path);
	else if ((uint64_t)st.st_size > max)
		err = uabi_diag__input(d, EFBIG, "%s: larger than %zu MiB", path, max >> 20);
	else
		err = 0;
	if (err) {
		close(fd);
		return err;
	}
	rfd = open(proc, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (rfd < 0)
		rfd = open(real, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
	err = errno;
	close(fd);
	if (rfd < 0)
		return uabi_diag__input(d, err, "%s: %s", path, strerror(err));
	return read_fd(rfd, path, &st, buf, len, d);
}

void uabi_file__free_names(char **names, uint32_t n)
{
	for (uint32_t i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
}

/* A directory entry: its name and its type as readdir tells it (DT_UNKNOWN
 * on filesystems that do not: lstat then). */
struct entry {
	char *name;
	unsigned char type;
};

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

static void free_entries(struct entry *v, uint32_t n)
{
	for (uint32_t i = 0; v && i < n; i++)
		free(v[i].name);
	free(v);
}

/* uabi_file__list_dir with the types. */
static int list_entries(const char *dir, struct entry **out, uint32_t *n, struct uabi_diag *d)
{
	struct entry *v = NULL;
	uint32_t cap = 0, nv = 0;
	struct dirent *de;
	DIR *dh;
	int err = 0;

	*out = NULL;
	*n = 0;
	dh = opendir(dir);
	if (!dh)
		return errno == ENOENT || errno == ENOTDIR
			       ? 0
			       : uabi_diag__input(d, errno, "%s: %s", dir, strerror(errno));
	while ((de = readdir(dh))) {
		if (de->d_name[0] == '.')
			continue;
		/* kernel file names are plain ASCII; any other name would need
		 * escaping in every report that names the file, so it is refused */
		if (uabi_escape__needed(de->d_name, false)) {
			char e[1024];

			err = uabi_diag__input(d, EINVAL, "%s/%s: a file name with control or "
					       "non-UTF-8 bytes", dir,
					       uabi_escape(e, sizeof(e), de->d_name, false));
			break;
		}
		if (nv == cap) {
			uint32_t ncap = cap ? cap * 2 : 32;
			struct entry *q = realloc(v, ncap * sizeof(*q));

			if (!q) {
				err = uabi_diag__input(d, ENOMEM, "%s: out of memory", dir);
				break;
			}
			v = q;
			cap = ncap;
		}
		if (!(v[nv].name = strdup(de->d_name))) {
			err = uabi_diag__input(d, ENOMEM, "%s: out of memory", dir);
			break;
		}
		v[nv++].type = de->d_type;
	}
	closedir(dh);
	if (err) {
		free_entries(v, nv);
		return err;
	}
	if (nv)
		qsort(v, nv, sizeof(*v), cmp_entry);
	*out = v;
	*n = nv;
	return 0;
}

int uabi_file__list_dir(const char *dir, char ***names, uint32_t *n, struct uabi_diag *d)
{
	struct entry *v;
	uint32_t nv;
	int err;

	*names = NULL;
	*n = 0;
	if ((err = list_entries(dir, &v, &nv, d)))
		return err;
	if (nv && !(*names = malloc(nv * sizeof(**names)))) {
		free_entries(v, nv);
		return uabi_diag__input(d, ENOMEM, "%s: out of memory", dir);
	}
	for (uint32_t i = 0; i < nv; i++)
		(*names)[i] = v[i].name;
	*n = nv;
	free(v);
	return 0;
}

/* out = "a/b", or b when a is "" (-ENAMETOOLONG with d set when it does not fit). */
static int join_rel(char *out, size_t size, const char *a, const char *b, struct uabi_diag *d)
{
	int n = *a ? snprintf(out, size, "%s/%s", a, b) : snprintf(out, size, "%s", b);

	if (n < 0 || (size_t)n >= size)
		return uabi_diag__input(d, ENAMETOOLONG, "%s/%s: %s", a, b, strerror(ENAMETOOLONG));
	return 0;
}

/* How deep a walk descends: input trees are a few levels deep (the uapi's
 * deepest is linux/netfilter/ipset/); a deeper one is refused, not walked
 * on the stack. */
#define WALK_MAX_DEPTH 32

static int walk(const char *base, const char *rel, bool recurse, unsigned depth,
		bool (*want)(const char *name, void *ctx), int (*visit)(const char *rel, void *ctx),
		int (*odd)(const char *rel, void *ctx), void *ctx, struct uabi_diag *d)
{
	char path[PATH_MAX], sub[PATH_MAX];
	struct entry *v;
	uint32_t n;
	int err;

	if (depth > WALK_MAX_DEPTH)
		return uabi_diag__input(d, ELOOP, "%s/%s: directories nested deeper than %u", base,
					rel, WALK_MAX_DEPTH);
	if ((err = join_rel(path, sizeof(path), base, rel, d)) ||
	    (err = list_entries(*rel ? path : base, &v, &n, d)))
		return err;
	for (uint32_t i = 0; !err && i < n; i++) {
		unsigned char type = v[i].type;

		if ((err = join_rel(sub, sizeof(sub), rel, v[i].name, d)) ||
		    (err = join_rel(path, sizeof(path), base, sub, d)))
			break;
		if (type == DT_UNKNOWN) {
			struct stat st;

			if (lstat(path, &st) != 0)
				continue;
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
		}
		if (type == DT_DIR) {
			if (recurse)
				err = walk(base, sub, true, depth + 1, want, visit, odd, ctx, d);
		} else if (type == DT_REG && (!want || want(v[i].name, ctx))) {
			err = visit(sub, ctx);
		} else if (type != DT_REG && odd && (!want || want(v[i].name, ctx))) {
			err = odd(sub, ctx);
		}
	}
	free_entries(v, n);
	return err;
}

int uabi_file__walk(const char *base, const char *rel, bool recurse,
		    bool (*want)(const char *name, void *ctx),
		    int (*visit)(const char *rel, void *ctx), void *ctx, struct uabi_diag *d)
{
	return walk(base, rel, recurse, 0, want, visit, NULL, ctx, d);
}

int uabi_file__walk_odd(const char *base, const char *rel, bool recurse,
			bool (*want)(const char *name, void *ctx),
			int (*visit)(const char *rel, void *ctx),
			int (*odd)(const char *rel, void *ctx), void *ctx, struct uabi_diag *d)
{
	return walk(base, rel, recurse, 0, want, visit, odd, ctx, d);
}

/* ------------------------------------------------------------------ */
/* output paths                                                         */
/* ------------------------------------------------------------------ */

/* What an output path is when the write starts. */
enum out_kind {
	OUT_NEW,	/* nothing there: created atomically */
	OUT_REGULAR,	/* a regular file (maybe through symlinks): replaced atomically */
	OUT_THROUGH,	/* a device, FIFO, socket: written through */
};

static int copy_path(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (n >= len)
		return -ENAMETOOLONG;
	memcpy(dst, src, n + 1);
	return 0;
}

/* Split path into its directory (into dir) and its last component. */
static const char *split(const char *path, char *dir, size_t len)
{
	const char *slash = strrchr(path, '/');

	if (!slash) {
		snprintf(dir, len, ".");
		return path;
	}
	if (slash == path)
		snprintf(dir, len, "/");
	else
		snprintf(dir, len, "%.*s", (int)(slash - path), path);
	return slash + 1;
}

/* Six characters of [A-Za-z0-9] for a temp name. */
static void rand_suffix(char out[7])
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static unsigned long counter;
	unsigned char r[6];
	struct timespec ts;
	unsigned long mix;

	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		mix = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16) ^ ++counter * 2654435761UL;
		for (int i = 0; i < 6; i++, mix >>= 5)
			r[i] = (unsigned char)mix;
	}
	for (int i = 0; i < 6; i++)
		out[i] = set[r[i] % (sizeof(set) - 1)];
	out[6] = '\0';
}

/* Create dir/.BASE.uabi-TAGXXXXXX exclusively into buf: a file opened for
 * writing (0666 under the umask; returns its fd) or a directory (0777
 * under the umask; returns 0). -errno on failure, buf "". */
static int create_unique(char *buf, size_t len, const char *dir, const char *base, const char *tag,
			 bool is_dir)
{
	for (int tries = 0; tries < 64; tries++) {
		char sfx[7];
		int fd;

		rand_suffix(sfx);
		/* keep the name under NAME_MAX whatever the base */
		if ((size_t)snprintf(buf, len, "%s/.%.180s.uabi-%s%s", dir, base, tag, sfx) >= len) {
			buf[0] = '\0';
			return -ENAMETOOLONG;
		}
		if (is_dir) {
			if (mkdir(buf, 0777) == 0)
				return 0;
		} else {
			fd = open(buf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
			if (fd >= 0)
				return fd;
		}
		if (errno != EEXIST) {
			int err = errno;

			buf[0] = '\0';
			return -err;
		}
	}
	buf[0] = '\0';
	return -EEXIST;
}

/* write(2) until done; 0 or errno. */
static int write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;

	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		off += (size_t)w;
	}
	return 0;
}

/* write(2) until done to what may block (a FIFO, pipe, device), each wait
 * in poll so that an interrupt ends it: 0 or errno (EINTR once an
 * interrupt is pending). chunk: the most one write may carry; on a fd
 * that is not O_NONBLOCK, at most PIPE_BUF after POLLOUT never blocks on
 * a pipe (poll reports POLLOUT with a page free). */
static int write_polled(int fd, const char *data, size_t len, size_t chunk, bool poll_first)
{
	size_t off = 0;
	int err;

	while (off < len) {
		size_t n = len - off < chunk ? len - off : chunk;
		ssize_t w;

		if (poll_first && (err = wait_fd(fd, POLLOUT)))
			return err;
		w = write(fd, data + off, n);
		if (w < 0) {
			err = errno;
			if (err == EINTR && !uabi_intr__pending())
				continue;
			if (err == EAGAIN || err == EWOULDBLOCK)
				err = wait_fd(fd, POLLOUT);
			if (err)
				return err;
			continue;
		}
		off += (size_t)w;
	}
	return 0;
}

/* Write to stdout, which is shared with the shell: never made O_NONBLOCK. */
static int write_stdout(const char *data, size_t len)
{
	struct stat st;

	if (fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode))
		return write_all(STDOUT_FILENO, data, len);
	return write_polled(STDOUT_FILENO, data, len, PIPE_BUF, true);
}

/* fsync a directory after a rename in it; 0 or errno. Filesystems that
 * cannot sync a directory (EINVAL) have nothing more to make durable. */
static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return errno;
	if (fsync(fd) != 0 && errno != EINVAL)
		err = errno;
	close(fd);
	return err;
}

/* Give the new file fd (or path when fd < 0) the owner and mode of old. */
static int keep_mode(int fd, const char *path, const struct stat *old)
{
	int r;

	/* chown is best effort: only root may give a file away */
	if (old->st_uid != geteuid() || old->st_gid != getegid()) {
		r = fd >= 0 ? fchown(fd, old->st_uid, old->st_gid) : chown(path, old->st_uid, old->st_gid);
		(void)r;
	}
	r = fd >= 0 ? fchmod(fd, old->st_mode & 07777) : chmod(path, old->st_mode & 07777);
	return r ? errno : 0;
}

/* Judge the output path `path`: its kind, the path an atomic replacement
 * lands on (final: symlinks resolved) and, for OUT_REGULAR, its stat. */
static int judge(const char *path, enum out_kind *kind, char *final, struct stat *st,
		 struct uabi_diag *d)
{
	size_t n = strlen(path);
	char link[PATH_MAX];
	ssize_t ln;
	int err;

	if (!n || path[n - 1] == '/')
		return uabi_diag__input(d, EISDIR, "%s: cannot write: Is a directory", path);
	if (n >= PATH_MAX)
		return uabi_diag__input(d, ENAMETOOLONG, "%s: cannot write: %s", path,
					strerror(ENAMETOOLONG));
	if (lstat(path, st) != 0) {
		if (errno != ENOENT)
			return uabi_diag__input(d, errno, "%s: cannot write: %s", path, strerror(errno));
		*kind = OUT_NEW;
		copy_path(final, PATH_MAX, path);
		return 0;
	}
	if (S_ISLNK(st->st_mode)) {
		if (stat(path, st) != 0) {
			err = errno;
			if (err != ENOENT)
				return uabi_diag__input(d, err, "%s: cannot write: %s", path, strerror(err));
			ln = readlink(path, link, sizeof(link) - 1);
			link[ln < 0 ? 0 : ln] = '\0';
			return uabi_diag__input(d, ENOENT, "%s: cannot write: dangling symlink to '%s'",
						path, link);
		}
		if (S_ISREG(st->st_mode)) {
			if (!realpath(path, final))
				return uabi_diag__input(d, errno, "%s: cannot write: %s", path,
							strerror(errno));
			*kind = OUT_REGULAR;
			return 0;
		}
	} else if (S_ISREG(st->st_mode)) {
		*kind = OUT_REGULAR;
		copy_path(final, PATH_MAX, path);
		return 0;
	}
	if (S_ISDIR(st->st_mode))
		return uabi_diag__input(d, EISDIR, "%s: cannot write: Is a directory", path);
	*kind = OUT_THROUGH;
	copy_path(final, PATH_MAX, path);
	return 0;
}

/* Replace (or create) the regular file final with data: temp file beside
 * it, fsync, rename, fsync the directory. old: the file replaced, or NULL.
 * Messages name path (what the user gave). */
static int replace(const char *path, const char *final, const struct stat *old, const char *data,
		   size_t len, struct uabi_diag *d)
{
	char dir[PATH_MAX], tmp[PATH_MAX];
	const char *base = split(final, dir, sizeof(dir));
	int fd, err;

	/* the temp file never outlives a signal, and nothing is replaced
	 * after one */
	uabi_intr__block();
	if (uabi_intr__pending()) {
		uabi_intr__unblock();
		return uabi_diag__input(d, EINTR, "%s: interrupted", path);
	}
	fd = create_unique(tmp, sizeof(tmp), dir, base, "", false);
	if (fd < 0) {
		uabi_intr__unblock();
		return uabi_diag__input(d, -fd, "%s: cannot create: %s", path, strerror(-fd));
	}
	err = write_all(fd, data, len);
	if (!err && old)
		err = keep_mode(fd, NULL, old);
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (!err && rename(tmp, final) != 0)
		err = errno;
	if (err)
		unlink(tmp);
	uabi_intr__unblock();
	if (err)
		return uabi_diag__input(d, err, "%s: cannot write: %s", path, strerror(err));
	err = sync_dir(dir);
	if (err)
		return uabi_diag__input(d, err, "%s: cannot write: %s", path, strerror(err));
	return 0;
}

/* Open what path is (a device, FIFO...) for writing, O_NONBLOCK: a FIFO
 * without a reader (ENXIO) is retried every 50 ms until one comes or an
 * interrupt arrives. fd or -errno. */
static int open_through(const char *path)
{
	struct stat st;
	int fd, r;

	for (;;) {
		fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
		if (fd >= 0)
			return fd;
		if (errno != ENXIO || stat(path, &st) != 0 || !S_ISFIFO(st.st_mode))
			return -errno;
		r = uabi_intr__poll(NULL, 0, 50);
		if (r < 0)
			return r;
	}
}

/* Write data into what path is (a device, FIFO...): no create, no rename. */
static int write_through(const char *path, const char *data, size_t len, struct uabi_diag *d)
{
	int fd = open_through(path), err;
	struct stat st;

	if (fd == -EINTR)
		return uabi_diag__input(d, EINTR, "%s: interrupted", path);
	if (fd < 0)
		return uabi_diag__input(d, -fd, "%s: cannot write: %s", path, strerror(-fd));
	/* it was judged not a regular file: if it became one meanwhile, writing
	 * in place would leave old bytes behind its end */
	if (fstat(fd, &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) {
		close(fd);
		return uabi_diag__input(d, EAGAIN, "%s: cannot write: it changed while uabi ran", path);
	}
	err = write_polled(fd, data, len, len, false);
	if (close(fd) != 0 && !err)
		err = errno;
	if (err == EINTR)
		return uabi_diag__input(d, err, "%s: interrupted", path);
	if (err)
		return uabi_diag__input(d, err, "%s: cannot write: %s", path, strerror(err));
	return 0;
}

/* The descriptor of this process a path names: /dev/stdout, /dev/stderr,
 * /dev/fd/N, /proc/self/fd/N or /proc/PID/fd/N (PID this process), or a
 * symlink chain that reaches one; -1 otherwise. Such a path is what the
 * descriptor is (a regular file the shell opened, maybe for appending, a
 * pipe, a tty): written through the descriptor, never replaced. */
static int fd_of_path(const char *path)
{
	char cur[PATH_MAX], link[PATH_MAX], pid[32];
	const char *n = NULL;

	snprintf(cur, sizeof(cur), "%s", path);
	snprintf(pid, sizeof(pid), "/proc/%ld/fd/", (long)getpid());
	for (int hop = 0; hop < 40; hop++) {
		struct stat st;
		ssize_t ln;

		if (!strcmp(cur, "/dev/stdout"))
			return STDOUT_FILENO;
		if (!strcmp(cur, "/dev/stderr"))
			return STDERR_FILENO;
		if (!strncmp(cur, "/dev/fd/", 8))
			n = cur + 8;
		else if (!strncmp(cur, "/proc/self/fd/", 14))
			n = cur + 14;
		else if (!strncmp(cur, pid, strlen(pid)))
			n = cur + strlen(pid);
		if (n) {
			char *e;
			long v = strtol(n, &e, 10);

			return *n && !*e && v >= 0 && v < INT_MAX ? (int)v : -1;
		}
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return -1;
		ln = readlink(cur, link, sizeof(link) - 1);
		if (ln < 0)
			return -1;
		link[ln] = '\0';
		if (link[0] == '/') {
			snprintf(cur, sizeof(cur), "%s", link);
		} else {
			char *slash = strrchr(cur, '/');
			size_t dl = slash ? (size_t)(slash - cur) + 1 : 0;

			if (dl + (size_t)ln >= sizeof(cur))
				return -1;
			memcpy(cur + dl, link, (size_t)ln + 1);
		}
	}
	return -1;
}

/* Write to a descriptor uabi did not open (stdout, one the shell passed):
 * never made O_NONBLOCK; a regular file is written at its offset (an
 * O_APPEND one at its end), nothing truncated or renamed. */
static int write_fd(int fd, const char *data, size_t len)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return errno;
	if (S_ISREG(st.st_mode))
		return write_all(fd, data, len);
	return write_polled(fd, data, len, PIPE_BUF, true);
}

int uabi_file__write_atomic(const char *path, const char *data, size_t len, struct uabi_diag *d)
{
	char final[PATH_MAX];
	enum out_kind kind;
	struct stat st;
	int err, fd;

	fd = strcmp(path, "-") ? fd_of_path(path) : -1;
	if (fd >= 0) {
		if (fd == STDOUT_FILENO)
			fflush(stdout);
		err = write_fd(fd, data, len);
		if (err == EINTR)
			return uabi_diag__input(d, err, "%s: interrupted", path);
		if (err)
			return uabi_diag__input(d, err, "%s: cannot write: %s", path, strerror(err));
		return 0;
	}
	if (!strcmp(path, "-")) {
		fflush(stdout);
		err = write_stdout(data, len);
		if (err == EINTR)
			return uabi_diag__input(d, err, "stdout: interrupted");
		if (err)
			return uabi_diag__input(d, err, "stdout: cannot write: %s", strerror(err));
		return 0;
	}
	err = judge(path, &kind, final, &st, d);
	if (err)
		return err;
	if (kind == OUT_THROUGH)
		return write_through(path, data, len, d);
	return replace(path, final, kind == OUT_REGULAR ? &st : NULL, data, len, d);
}

int uabi_file__write_scratch(const char *path, const char *data, size_t len, struct uabi_diag *d)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666), err;

	if (fd < 0)
		return uabi_diag__input(d, errno, "%s: cannot write: %s", path, strerror(errno));
	err = write_all(fd, data, len);
	if (close(fd) != 0 && !err)
		err = errno;
	if (err)
		return uabi_diag__input(d, err, "%s: cannot write: %s", path, strerror(err));
	return 0;
}

int uabi_file__check_output(const char *path, struct uabi_diag *d)
{
	char final[PATH_MAX], dir[PATH_MAX];
	enum out_kind kind;
	struct stat st;
	int err;

	if (!strcmp(path, "-"))
		return 0;
	if (fd_of_path(path) >= 0)	/* written through the descriptor */
		return fcntl(fd_of_path(path), F_GETFL) < 0
			       ? uabi_diag__input(d, errno, "%s: cannot write: %s", path, strerror(errno))
			       : 0;
	err = judge(path, &kind, final, &st, d);
	if (err)
		return err;
	if (kind == OUT_THROUGH) {
		if (access(path, W_OK) != 0)
			return uabi_diag__input(d, errno, "%s: cannot write: %s", path, strerror(errno));
		return 0;
	}
	/* a replacement is a new name in the directory */
	split(final, dir, sizeof(dir));
	if (stat(dir, &st) != 0)
		return uabi_diag__input(d, errno, "%s: cannot create: %s", path, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return uabi_diag__input(d, ENOTDIR, "%s: cannot create: %s", path, strerror(ENOTDIR));
	if (access(dir, W_OK | X_OK) != 0)
		return uabi_diag__input(d, errno, "%s: cannot create: %s", path, strerror(errno));
	return 0;
}

int uabi_file__mkdirs(const char *path, struct uabi_diag *d)
{
	char buf[4096];
	size_t n = strlen(path);

	if (n >= sizeof(buf))
		return uabi_diag__input(d, ENAMETOOLONG, "%s: path too long", path);
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(buf, 0777) != 0 && errno != EEXIST)
				return uabi_diag__input(d, errno, "%s: cannot create directory: %s", buf,
							strerror(errno));
			*p = c;
			if (!c)
				break;
		}
	}
	return 0;
}

int uabi_file__scratch(char *buf, const char *what, struct uabi_diag *d)
{
	const char *tmp = getenv("TMPDIR");
	int err;

	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(buf, PATH_MAX, "%s/uabi-%s-XXXXXX", tmp, what);
	if (mkdtemp(buf)) {
		uabi_intr__track_dir(buf);
		return 0;
	}
	err = errno;
	buf[0] = '\0';
	return uabi_diag__input(d, err, "cannot create a scratch directory in %s: %s", tmp,
				strerror(err));
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int uabi_file__rmtree(const char *path)
{
	struct stat st;
	int ret;

	/* a tree that is already gone is removed */
	if (lstat(path, &st) != 0 && errno == ENOENT) {
		uabi_intr__untrack_dir(path);
		return 0;
	}
	ret = nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS) ? -1 : 0;
	if (!ret)
		uabi_intr__untrack_dir(path);
	return ret;
}

/* ------------------------------------------------------------------ */
/* staged multi-file outputs                                            */
/* ------------------------------------------------------------------ */

/* The one place a stage directory is created: parent/.BASE.uabi-stage-XXXXXX
 * into buf (PATH_MAX). Whoever removes stages on a signal hooks in here. */
static int stage_mkdir(char *buf, const char *parent, const char *base, const char *target,
		       struct uabi_diag *d)
{
	int err = create_unique(buf, PATH_MAX, parent, base, "stage-", true);

	if (err)
		return uabi_diag__input(d, -err, "%s: cannot create a stage directory in %s: %s", target,
					parent, strerror(-err));
	/* removed by uabi_intr__cleanup() if a signal ends the run first */
	uabi_intr__track_dir(buf);
	return 0;
}

int uabi_stage__open(struct uabi_stage *s, const char *target, struct uabi_diag *d)
{
	char parent[PATH_MAX], up[PATH_MAX];
	const char *base;
	struct stat st;
	size_t n = strlen(target);

	memset(s, 0, sizeof(*s));
	while (n > 1 && target[n - 1] == '/')
		n--;
	if (!n)
		return uabi_diag__input(d, EINVAL, "empty output directory name");
	if (n >= sizeof(s->target))
		return uabi_diag__input(d, ENAMETOOLONG, "%s: %s", target, strerror(ENAMETOOLONG));
	memcpy(s->target, target, n);
	s->target[n] = '\0';
	if (stat(s->target, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return uabi_diag__input(d, ENOTDIR, "%s: not a directory", s->target);
		if (!realpath(s->target, s->final))
			return uabi_diag__input(d, errno, "%s: %s", s->target, strerror(errno));
		s->existed = true;
		base = split(s->final, parent, sizeof(parent));
		if (!*base)
			return uabi_diag__input(d, EINVAL, "%s: cannot stage beside the root directory",
						s->target);
		return stage_mkdir(s->dir, parent, base, s->target, d);
	}
	if (errno != ENOENT)
		return uabi_diag__input(d, errno, "%s: %s", s->target, strerror(errno));
	if (lstat(s->target, &st) == 0)
		return uabi_diag__input(d, ENOENT, "%s: dangling symlink", s->target);
	memcpy(s->final, s->target, n + 1);
	base = split(s->final, parent, sizeof(parent));
	/* the nearest existing ancestor holds the stage; the missing ones are
	 * made at commit */
	for (;;) {
		if (stat(parent, &st) == 0) {
			if (!S_ISDIR(st.st_mode))
				return uabi_diag__input(d, ENOTDIR, "%s: %s is not a directory", s->target,
							parent);
			break;
		}
		if (errno != ENOENT || !strcmp(parent, ".") || !strcmp(parent, "/"))
			return uabi_diag__input(d, errno, "%s: %s: %s", s->target, parent, strerror(errno));
		memcpy(up, parent, sizeof(up));
		split(up, parent, sizeof(parent));
	}
	return stage_mkdir(s->dir, parent, base, s->target, d);
}

int uabi_stage__path(const struct uabi_stage *s, const char *name, char *buf, size_t len,
		     struct uabi_diag *d)
{
	if (!s->dir[0] || !*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return uabi_diag__input(d, EINVAL, "%s: '%s': not a file name in the stage", s->target,
					name);
	if ((size_t)snprintf(buf, len, "%s/%s", s->dir, name) >= len)
		return uabi_diag__input(d, ENAMETOOLONG, "%s/%s: %s", s->target, name,
					strerror(ENAMETOOLONG));
	return 0;
}

/* One staged file and where it goes. */
struct staged {
	char src[PATH_MAX], dest[PATH_MAX], final[PATH_MAX];
	enum out_kind kind;
	struct stat st;
};

static int skip_dots(const struct dirent *e)
{
	return strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
}

/* Publish one judged file: a rename where the destination is a regular file
 * or new (a copy when it lies on another filesystem), else write through. */
static int publish(struct staged *f, const struct uabi_stage *s, struct uabi_diag *d)
{
	char dir[PATH_MAX];
	size_t len = 0;
	char *data;
	int err;

	if (f->kind != OUT_THROUGH) {
		err = f->kind == OUT_REGULAR ? keep_mode(-1, f->src, &f->st) : 0;
		if (err)
			return uabi_diag__input(d, err, "%s: cannot write: %s", f->dest, strerror(err));
		if (rename(f->src, f->final) == 0) {
			split(f->final, dir, sizeof(dir));
			/* the target directory itself is synced once, at the end */
			err = strcmp(dir, s->target) && strcmp(dir, s->final) ? sync_dir(dir) : 0;
			if (err)
				return uabi_diag__input(d, err, "%s: cannot write: %s", f->dest,
							strerror(err));
			return 0;
		}
		if (errno != EXDEV)
			return uabi_diag__input(d, errno, "%s: cannot write: %s", f->dest, strerror(errno));
	}
	err = uabi_file__read(f->src, &data, &len, d);
	if (err)
		return err;
	if (f->kind == OUT_THROUGH)
		err = write_through(f->dest, data, len, d);
	else
		err = replace(f->dest, f->final, f->kind == OUT_REGULAR ? &f->st : NULL, data, len, d);
	free(data);
	return err;
}

int uabi_stage__commit(struct uabi_stage *s, struct uabi_diag *d)
{
	struct dirent **names = NULL;
	struct staged *files = NULL;
	char parent[PATH_MAX];
	struct stat st;
	int n, err = 0;

	if (!s->dir[0])
		return uabi_diag__input(d, EINVAL, "%s: no open stage", s->target);
	/* publishing is not interrupted half-way, and never starts after an
	 * interrupt: the signal waits for uabi_intr__unblock() */
	uabi_intr__block();
	if (uabi_intr__pending()) {
		err = uabi_diag__input(d, EINTR, "%s: interrupted", s->target);
		goto out;
	}

	/* a new target: the stage itself becomes it, in one rename */
	if (!s->existed && lstat(s->final, &st) != 0 && errno == ENOENT) {
		split(s->final, parent, sizeof(parent));
		err = uabi_file__mkdirs(parent, d);
		if (!err && rename(s->dir, s->final) != 0)
			err = uabi_diag__input(d, errno, "%s: cannot publish: %s", s->target,
					       strerror(errno));
		if (!err) {
			uabi_intr__untrack_dir(s->dir);
			s->dir[0] = '\0';
			uabi_intr__unblock();
			err = sync_dir(parent);
			if (err)
				return uabi_diag__input(d, err, "%s: cannot publish: %s", s->target,
							strerror(err));
			return 0;
		}
		goto out;
	}
	if (!s->existed) {
		/* it appeared while uabi ran */
		if (stat(s->final, &st) != 0 || !S_ISDIR(st.st_mode)) {
			err = uabi_diag__input(d, ENOTDIR, "%s: not a directory", s->target);
			goto out;
		}
	}

	/* judge every destination before the first rename */
	n = scandir(s->dir, &names, skip_dots, alphasort);
	if (n < 0) {
		err = uabi_diag__input(d, errno, "%s: cannot read the stage: %s", s->target,
				       strerror(errno));
		goto out;
	}
	files = calloc((size_t)n + 1, sizeof(*files));
	if (!files) {
		err = uabi_diag__input(d, ENOMEM, "%s: out of memory", s->target);
		goto out_names;
	}
	for (int i = 0; i < n && !err; i++) {
		snprintf(files[i].src, PATH_MAX, "%s/%s", s->dir, names[i]->d_name);
		if ((size_t)snprintf(files[i].dest, PATH_MAX, "%s/%s", s->target, names[i]->d_name) >=
		    PATH_MAX) {
			err = uabi_diag__input(d, ENAMETOOLONG, "%s/%s: %s", s->target, names[i]->d_name,
					       strerror(ENAMETOOLONG));
			break;
		}
		err = judge(files[i].dest, &files[i].kind, files[i].final, &files[i].st, d);
	}
	for (int i = 0; i < n && !err; i++)
		err = publish(&files[i], s, d);
	if (!err) {
		err = sync_dir(s->final);
		if (err)
			err = uabi_diag__input(d, err, "%s: cannot publish: %s", s->target, strerror(err));
	}
	free(files);
out_names:
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
out:
	uabi_stage__abort(s);
	uabi_intr__unblock();
	return err;
}

void uabi_stage__abort(struct uabi_stage *s)
{
	if (s->dir[0])
		uabi_file__rmtree(s->dir);
	s->dir[0] = '\0';
}
