// SPDX-License-Identifier: MIT
#include "fileio.h"
#include "intr.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int uabi_file__read(const char *path, char **buf, size_t *len, struct uabi_diag *d)
{
	size_t cap = 65536, n = 0;
	char *p = NULL;
	struct stat st;
	int fd, err;

	*buf = NULL;
	if (len)
		*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return uabi_diag__input(d, errno, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return uabi_diag__input(d, EISDIR, "%s: is a directory", path);
	}
	if (fstat(fd, &st) == 0 && st.st_size > 0)
		cap = (size_t)st.st_size + 1;
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
		r = read(fd, p + n, cap - 1 - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
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
	return uabi_diag__input(d, err, "%s: %s", path, strerror(err));
}

int uabi_file__write_atomic(const char *path, const char *data, size_t len, struct uabi_diag *d)
{
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 16);
	size_t off = 0;
	int fd, err;

	if (!tmp)
		return uabi_diag__input(d, ENOMEM, "%s: out of memory", path);
	snprintf(tmp, plen + 16, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = errno;
		free(tmp);
		return uabi_diag__input(d, err, "%s: cannot create: %s", path, strerror(err));
	}
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			goto fail;
		}
		off += (size_t)w;
	}
	/* mkstemp makes 0600; a report is an ordinary file */
	{
		mode_t um = umask(0);

		umask(um);
		fchmod(fd, 0666 & ~um);
	}
	if (close(fd) != 0) {
		err = errno;
		fd = -1;
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		err = errno;
		unlink(tmp);
		free(tmp);
		return uabi_diag__input(d, err, "%s: cannot write: %s", path, strerror(err));
	}
	free(tmp);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return uabi_diag__input(d, err, "%s: cannot write: %s", path, strerror(err));
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
