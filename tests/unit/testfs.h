/* SPDX-License-Identifier: MIT */
/* Files and directories in unit tests: what a test reads back to check
 * what the code wrote, and the small trees it writes first. Include after
 * cmocka.h. */
#ifndef UABI_TEST_FS_H
#define UABI_TEST_FS_H

#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"

/* Entries of dir (dot files included, not . and ..), sorted, joined with
 * ' ' into out (len bytes). Fails the test if dir cannot be read. */
static inline void test_list_dir(const char *dir, char *out, size_t len)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	size_t pos = 0;

	assert_true(n >= 0);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") && strcmp(names[i]->d_name, "..") && pos < len)
			pos += (size_t)snprintf(out + pos, len - pos, "%s%s", pos ? " " : "",
						names[i]->d_name);
		free(names[i]);
	}
	free(names);
}

/* The whole file, malloc'd (caller frees); fails the test if unreadable. */
static inline char *test_read_text(const char *path)
{
	struct uabi_diag d;
	char *buf;
	size_t len;

	uabi_diag__clear(&d);
	assert_int_equal(uabi_file__read(path, &buf, &len, &d), 0);
	return buf;
}

/* Write text to root/rel, making rel's directories; fails the test when
 * the file cannot be written. */
static inline void test_put_file(const char *root, const char *rel, const char *text)
{
	char path[4096], *slash;
	FILE *f;

	assert_true((size_t)snprintf(path, sizeof(path), "%s/%s", root, rel) < sizeof(path));
	for (slash = path + strlen(root) + 1; (slash = strchr(slash, '/')); slash++) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	assert_non_null(f = fopen(path, "w"));
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

#endif
