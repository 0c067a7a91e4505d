// SPDX-License-Identifier: MIT
/*
 * Unit tests of the result cache (core/cache.c): the exact entry file a
 * store writes, hits, misses after a content change and after a new file
 * in a listed directory, corrupt entries (removed, one warning line for the
 * run), the LRU size bound, and two processes publishing the same entry.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/cache.h"
#include "core/fileio.h"
#include "testfs.h"

/* sha256 of "abc", "bee", of the listing {"b.h", a file} ("b.h/f\0"), of "BLOB1" */
#define SHA_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_BEE "62cb81b5904a262ffaeed02abef36bfc540b09f964b8b0b636662f77ffce6714"
#define SHA_LIST_BH "6d3494d79f1d9bfcd0565d03643091f7f7df50e2b865ed57b329bb934278969c"
#define SHA_BLOB1 "bbf41c68c3f287eb4fcaef5589a1ff4bd9eb34098d03f7043298341eb748a1d3"
/* sha256 of the manifest of deps_std() over the tree of setup() */
#define SHA_MANIFEST "428a2216ebee444693a368a91f3fc57aca317340582ef8f5454e7862d3185e55"

#define KEY_A "aa00000000000000000000000000000000000000000000000000000000000001"
#define KEY_B "bb00000000000000000000000000000000000000000000000000000000000002"
#define KEY_C "cc00000000000000000000000000000000000000000000000000000000000003"

static char tmpdir[PATH_MAX], tree[PATH_MAX + 8], cdir[PATH_MAX + 8];
static char olddir[PATH_MAX];

static void put(const char *rel, const char *text)
{
	char path[PATH_MAX * 2];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tree, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "%s/uabi-test-cache-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir) || !getcwd(olddir, sizeof(olddir)))
		return -1;
	snprintf(tree, sizeof(tree), "%s/tree", tmpdir);
	snprintf(cdir, sizeof(cdir), "%s/cache", tmpdir);
	if (mkdir(tree, 0777) || chdir(tree) || mkdir("sub", 0777))
		return -1;
	put("a.h", "abc");
	put("sub/b.h", "bee");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (chdir(olddir))
		return -1;
	return uabi_file__rmtree(tmpdir);
}

static const char *const std_files[] = { "sub/b.h", "a.h", "sub/none.h", "a.h" };
static const char *const std_dirs[] = { "sub" };

/* a.h, sub/b.h, sub/none.h (absent) and the listing of sub/ */
static struct uabi_cache_deps deps_std(void)
{
	struct uabi_cache_deps d = {
		.root = tree, .files = std_files, .nfiles = 4, .dirs = std_dirs, .ndirs = 1,
	};

	return d;
}

static void open_cache(struct uabi_cache *c, unsigned long long max)
{
	struct uabi_diag d;

	uabi_diag__clear(&d);
	assert_int_equal(uabi_cache__open(c, cdir, max, &d), 0);
}

static void store(struct uabi_cache *c, const char *key, const char *blob)
{
	struct uabi_cache_deps deps = deps_std();
	struct uabi_diag d;

	uabi_diag__clear(&d);
	assert_int_equal(uabi_cache__store(c, key, &deps, blob, strlen(blob), &d), 0);
}

/* The blob of a hit, "" on a miss (static buffer). */
static const char *lookup(struct uabi_cache *c, const char *key)
{
	static char out[256];
	struct uabi_cache_hit hit;

	out[0] = '\0';
	if (uabi_cache__lookup(c, key, tree, &hit) == 1) {
		assert_int_equal(strlen(hit.blob), hit.len);
		snprintf(out, sizeof(out), "%s", hit.blob);
		free(hit.blob);
	}
	return out;
}

/* A fresh cache handle each time: a new run, nothing memoized. */
static const char *lookup_fresh(const char *key)
{
	struct uabi_cache c;
	const char *r;

	open_cache(&c, 1 << 20);
	r = lookup(&c, key);
	uabi_cache__close(&c);
	return r;
}

static void entry_path(const char *key, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%.2s/%s/%s", cdir, key, key, name);
}

static void test_store_writes_entry(void **state)
{
	struct uabi_cache c;
	char path[PATH_MAX * 2], list[1024], *text;

	(void)state;
	open_cache(&c, 1 << 20);
	store(&c, KEY_A, "BLOB1");
	/* one file named by the sha256 of its manifest, nothing else */
	snprintf(path, sizeof(path), "%s/aa/%s", cdir, KEY_A);
	test_list_dir(path, list, sizeof(list));
	assert_string_equal(list, SHA_MANIFEST);
	entry_path(KEY_A, SHA_MANIFEST, path, sizeof(path));
	text = test_read_text(path);
	assert_string_equal(text, "uabi-cache 1 232 5 " SHA_BLOB1 "\n"
			    "f " SHA_ABC " a.h\n"
			    "f " SHA_BEE " sub/b.h\n"
			    "f - sub/none.h\n"
			    "d " SHA_LIST_BH " sub\n"
			    "BLOB1");
	free(text);
	assert_string_equal(lookup(&c, KEY_A), "BLOB1");
	assert_string_equal(lookup(&c, KEY_B), "");
	uabi_cache__close(&c);
}

static void test_miss_after_content_change(void **state)
{
	struct uabi_cache c;

	(void)state;
	open_cache(&c, 1 << 20);
	store(&c, KEY_A, "BLOB1");
	assert_string_equal(lookup(&c, KEY_A), "BLOB1");
	put("sub/b.h", "bed");		/* same size, other content */
	assert_string_equal(lookup_fresh(KEY_A), "");
	/* the other version is a second entry under the same key */
	store(&c, KEY_A, "BLOB2");
	assert_string_equal(lookup_fresh(KEY_A), "BLOB2");
	put("sub/b.h", "bee");
	assert_string_equal(lookup_fresh(KEY_A), "BLOB1");
	/* an absent file that appears */
	put("sub/none.h", "");
	assert_string_equal(lookup_fresh(KEY_A), "");
	uabi_cache__close(&c);
}

static void test_miss_after_new_file_in_listed_dir(void **state)
{
	struct uabi_cache c;

	(void)state;
	open_cache(&c, 1 << 20);
	store(&c, KEY_A, "BLOB1");
	put("unlisted.h", "x");		/* the root is not a listed directory */
	assert_string_equal(lookup_fresh(KEY_A), "BLOB1");
	put("sub/new.h", "x");
	assert_string_equal(lookup_fresh(KEY_A), "");
	assert_int_equal(unlink("sub/new.h"), 0);
	assert_string_equal(lookup_fresh(KEY_A), "BLOB1");
	uabi_cache__close(&c);
}

/* Run lookups of keys[0..n) on one handle with stderr in a file; returns
 * what they printed (malloc'd). */
static char *lookups_stderr(const char *const *keys, int n, int *hits)
{
	char errpath[PATH_MAX + 16];
	struct uabi_cache c;
	int saved, fd;

	snprintf(errpath, sizeof(errpath), "%s/stderr", tmpdir);
	fflush(stderr);
	saved = dup(2);
	fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	close(fd);
	open_cache(&c, 1 << 20);
	*hits = 0;
	for (int i = 0; i < n; i++)
		*hits += *lookup(&c, keys[i]) != '\0';
	uabi_cache__close(&c);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	return test_read_text(errpath);
}

static void rewrite(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_TRUNC);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
}

static void test_corrupt_entries(void **state)
{
	static const char *const keys[] = { KEY_A, KEY_B, KEY_C };
	char pa[PATH_MAX * 2], pb[PATH_MAX * 2], pc[PATH_MAX * 2], want[PATH_MAX * 3], *text, *err;
	struct uabi_cache c;
	struct stat st;
	int hits;

	(void)state;
	open_cache(&c, 1 << 20);
	store(&c, KEY_A, "BLOB1");
	store(&c, KEY_B, "BLOB1");
	store(&c, KEY_C, "BLOB1");
	uabi_cache__close(&c);
	entry_path(KEY_A, SHA_MANIFEST, pa, sizeof(pa));
	entry_path(KEY_B, SHA_MANIFEST, pb, sizeof(pb));
	entry_path(KEY_C, SHA_MANIFEST, pc, sizeof(pc));
	/* A truncated by one byte, B's blob changed (same length), C's header */
	text = test_read_text(pa);
	rewrite(pa, text, strlen(text) - 1);
	text[strlen(text) - 1] = '2';
	rewrite(pb, text, strlen(text));
	rewrite(pc, "uabi-cache 2 232 5 x\n", 21);
	free(text);

	err = lookups_stderr(keys, 3, &hits);
	assert_int_equal(hits, 0);
	/* one line for the run: the first entry found corrupt */
	snprintf(want, sizeof(want), "uabi: warning: extraction cache: removed a corrupt entry %s\n", pa);
	assert_string_equal(err, want);
	free(err);
	assert_int_equal(stat(pa, &st), -1);
	assert_int_equal(stat(pb, &st), -1);
	assert_int_equal(stat(pc, &st), -1);

	/* stored again, it hits, silently */
	open_cache(&c, 1 << 20);
	store(&c, KEY_A, "BLOB1");
	uabi_cache__close(&c);
	err = lookups_stderr(keys, 1, &hits);
	assert_int_equal(hits, 1);
	assert_string_equal(err, "");
	free(err);

	/* a blob the caller cannot use is rejected the same way */
	{
		struct uabi_cache_hit hit;

		open_cache(&c, 1 << 20);
		assert_int_equal(uabi_cache__lookup(&c, KEY_A, tree, &hit), 1);
		assert_string_equal(hit.path, pa);
		uabi_cache__reject(&c, &hit);
		free(hit.blob);
		assert_int_equal(stat(pa, &st), -1);
		uabi_cache__close(&c);
	}
}

static unsigned long long file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return (unsigned long long)st.st_size;
}

static void set_mtime(const char *path, time_t t)
{
	struct timespec ts[2] = { { t, 0 }, { t, 0 } };

	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

static void test_size_bound_lru(void **state)
{
	char pa[PATH_MAX * 2], pb[PATH_MAX * 2], pc[PATH_MAX * 2];
	struct uabi_cache_deps deps = deps_std();
	unsigned long long one;
	struct uabi_cache c;
	struct uabi_diag d;
	char big[4096];
	time_t now = time(NULL);

	(void)state;
	entry_path(KEY_A, SHA_MANIFEST, pa, sizeof(pa));
	entry_path(KEY_B, SHA_MANIFEST, pb, sizeof(pb));
	entry_path(KEY_C, SHA_MANIFEST, pc, sizeof(pc));
	open_cache(&c, 1 << 20);
	store(&c, KEY_A, "BLOB1");
	one = file_size(pa);
	assert_int_equal(one, 84 + 232 + 5);	/* header, manifest, blob */
	uabi_cache__close(&c);

	/* room for two entries */
	open_cache(&c, 2 * one + one / 2);
	store(&c, KEY_B, "BLOB1");
	set_mtime(pa, now - 100);
	set_mtime(pb, now - 50);
	/* a hit makes A the most recently used: B goes when C comes */
	assert_string_equal(lookup(&c, KEY_A), "BLOB1");
	store(&c, KEY_C, "BLOB1");
	assert_string_equal(lookup(&c, KEY_A), "BLOB1");
	assert_string_equal(lookup(&c, KEY_B), "");
	assert_string_equal(lookup(&c, KEY_C), "BLOB1");
	assert_int_equal(uabi_cache__evict(&c, 2 * one + one / 2), 2 * one);
	/* evicting to one entry keeps the most recent (C, just looked up) */
	set_mtime(pa, now - 10);
	assert_int_equal(uabi_cache__evict(&c, one), one);
	assert_string_equal(lookup(&c, KEY_C), "BLOB1");
	assert_string_equal(lookup(&c, KEY_A), "");

	/* an entry larger than the bound is not stored */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	uabi_diag__clear(&d);
	assert_int_equal(uabi_cache__store(&c, KEY_B, &deps, big, strlen(big), &d), -EFBIG);
	assert_string_equal(lookup(&c, KEY_B), "");
	uabi_cache__close(&c);
}

static void test_changed_during_work_not_stored(void **state)
{
	struct uabi_cache_deps deps = deps_std();
	struct uabi_cache c;
	struct uabi_diag d;

	(void)state;
	clock_gettime(CLOCK_REALTIME, &deps.since);
	deps.since.tv_sec -= 10;	/* a.h was written "after" the work started */
	put("a.h", "abc");
	open_cache(&c, 1 << 20);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_cache__store(&c, KEY_A, &deps, "BLOB1", 5, &d), -EAGAIN);
	assert_string_equal(lookup(&c, KEY_A), "");
	deps.since.tv_sec += 20;
	assert_int_equal(uabi_cache__store(&c, KEY_A, &deps, "BLOB1", 5, &d), 0);
	assert_string_equal(lookup(&c, KEY_A), "BLOB1");
	uabi_cache__close(&c);
}

/* Another process hard-linking a.h (t_copy_tree on a shared tree) changes
 * its ctime, not its content nor its mtime: the result is stored. */
static void test_ctime_change_still_stored(void **state)
{
	static const char *const files[] = { "a.h" };
	struct uabi_cache_deps deps = { .root = tree, .files = files, .nfiles = 1 };
	struct timespec old[2];
	char path[PATH_MAX * 2], lnk[PATH_MAX * 2];
	struct uabi_cache c;
	struct uabi_diag d;
	struct stat st;

	(void)state;
	put("a.h", "abc");
	snprintf(path, sizeof(path), "%s/a.h", tree);
	snprintf(lnk, sizeof(lnk), "%s/a.h.link", tmpdir);
	clock_gettime(CLOCK_REALTIME, &old[0]);
	old[0].tv_sec -= 100;
	old[1] = old[0];
	assert_int_equal(utimensat(AT_FDCWD, path, old, 0), 0);
	clock_gettime(CLOCK_REALTIME, &deps.since);
	deps.since.tv_sec -= 10;
	assert_int_equal(link(path, lnk), 0);	/* ctime now, after since */
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_ctim.tv_sec > deps.since.tv_sec);
	open_cache(&c, 1 << 20);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_cache__store(&c, KEY_A, &deps, "BLOB1", 5, &d), 0);
	assert_string_equal(lookup(&c, KEY_A), "BLOB1");
	uabi_cache__close(&c);
	unlink(lnk);
}

static void test_concurrent_publish(void **state)
{
	char kdir[PATH_MAX * 2], list[1024];
	struct uabi_cache c;
	pid_t pids[2];

	(void)state;
	for (int i = 0; i < 2; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			struct uabi_cache_deps deps = deps_std();
			struct uabi_diag d;
			int bad = 0;

			open_cache(&c, 1 << 20);
			for (int k = 0; k < 200; k++) {
				uabi_diag__clear(&d);
				bad += uabi_cache__store(&c, KEY_A, &deps, "BLOB1", 5, &d) != 0;
				bad += *lookup(&c, KEY_A) == '\0';
			}
			_exit(bad ? 1 : 0);
		}
	}
	for (int i = 0; i < 2; i++) {
		int status;

		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	/* one entry, no temp file left */
	snprintf(kdir, sizeof(kdir), "%s/aa/%s", cdir, KEY_A);
	test_list_dir(kdir, list, sizeof(list));
	assert_string_equal(list, SHA_MANIFEST);
	assert_string_equal(lookup_fresh(KEY_A), "BLOB1");
}

static void test_warm_lookup(void **state)
{
	struct uabi_cache c;
	char pa[PATH_MAX * 2];
	struct stat before, after;

	(void)state;
	open_cache(&c, 1 << 20);
	store(&c, KEY_A, "BLOB1");
	entry_path(KEY_A, SHA_MANIFEST, pa, sizeof(pa));
	set_mtime(pa, 1000000);
	assert_int_equal(stat(pa, &before), 0);
	/* hit NULL: tells, touches nothing */
	assert_int_equal(uabi_cache__lookup(&c, KEY_A, tree, NULL), 1);
	assert_int_equal(uabi_cache__lookup(&c, KEY_B, tree, NULL), 0);
	assert_int_equal(stat(pa, &after), 0);
	assert_int_equal(after.st_mtim.tv_sec, 1000000);
	uabi_cache__close(&c);
}

static void test_location_and_bound(void **state)
{
	char buf[PATH_MAX];

	(void)state;
	setenv("UABI_CACHE_DIR", "/x/c", 1);
	setenv("XDG_CACHE_HOME", "/xdg", 1);
	setenv("HOME", "/home/u", 1);
	assert_true(uabi_cache__default_dir(buf, sizeof(buf)));
	assert_string_equal(buf, "/x/c");
	unsetenv("UABI_CACHE_DIR");
	assert_true(uabi_cache__default_dir(buf, sizeof(buf)));
	assert_string_equal(buf, "/xdg/uabi/extract");
	setenv("XDG_CACHE_HOME", "relative", 1);	/* ignored, as the XDG spec says */
	assert_true(uabi_cache__default_dir(buf, sizeof(buf)));
	assert_string_equal(buf, "/home/u/.cache/uabi/extract");
	unsetenv("XDG_CACHE_HOME");
	unsetenv("HOME");
	assert_false(uabi_cache__default_dir(buf, sizeof(buf)));
	assert_string_equal(buf, "");

	unsetenv("UABI_CACHE_MAX_MIB");
	assert_int_equal(uabi_cache__default_max(), 512ull << 20);
	setenv("UABI_CACHE_MAX_MIB", "3", 1);
	assert_int_equal(uabi_cache__default_max(), 3ull << 20);
	setenv("UABI_CACHE_MAX_MIB", "0", 1);
	assert_int_equal(uabi_cache__default_max(), 0);
	setenv("UABI_CACHE_MAX_MIB", "3M", 1);
	assert_int_equal(uabi_cache__default_max(), 512ull << 20);
	unsetenv("UABI_CACHE_MAX_MIB");
}

static void key_of(char hex[65], const char *a, const char *b)
{
	struct uabi_cache_key k;

	uabi_cache_key__init(&k);
	uabi_cache_key__str(&k, "x", a);
	uabi_cache_key__str(&k, "x", b);
	uabi_cache_key__hex(&k, hex);
}

static void test_key_fields(void **state)
{
	char k1[65], k2[65], k3[65], k4[65];
	struct uabi_cache_key k;

	(void)state;
	key_of(k1, "ab", "c");
	key_of(k2, "a", "bc");
	key_of(k3, NULL, "abc");
	key_of(k4, "", "abc");
	assert_string_not_equal(k1, k2);
	assert_string_not_equal(k3, k4);
	key_of(k2, "ab", "c");
	assert_string_equal(k1, k2);
	/* a program that does not exist, and one that does */
	uabi_cache_key__init(&k);
	uabi_cache_key__program(&k, "cc", "uabi-no-such-program");
	uabi_cache_key__hex(&k, k1);
	uabi_cache_key__init(&k);
	uabi_cache_key__str(&k, "cc", "missing");
	uabi_cache_key__hex(&k, k2);
	assert_string_equal(k1, k2);
	uabi_cache_key__init(&k);
	uabi_cache_key__program(&k, "cc", "sh");
	uabi_cache_key__hex(&k, k3);
	assert_string_not_equal(k1, k3);
}

/* FIPS 180-4 example values, fed whole and in pieces that cross the
 * 64-byte blocks at every offset. */
static void test_sha256_vectors(void **state)
{
	static const char abc448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char *million = malloc(1000000), hex[65];
	struct uabi_sha256 h;

	(void)state;
	assert_non_null(million);
	memset(million, 'a', 1000000);
	uabi_sha256__init(&h);
	uabi_sha256__update(&h, "abc", 3);
	uabi_sha256__hex(&h, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	uabi_sha256__init(&h);
	uabi_sha256__update(&h, abc448, strlen(abc448));
	uabi_sha256__hex(&h, hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	for (size_t first = 0; first < 130; first += 7) {
		uabi_sha256__init(&h);
		uabi_sha256__update(&h, million, first);
		uabi_sha256__update(&h, million + first, 1000);
		uabi_sha256__update(&h, million + first + 1000, 1000000 - first - 1000);
		uabi_sha256__hex(&h, hex);
		assert_string_equal(hex,
				    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	}
	free(million);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test_setup_teardown(test_store_writes_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_miss_after_content_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_miss_after_new_file_in_listed_dir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_size_bound_lru, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_during_work_not_stored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ctime_change_still_stored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_publish, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warm_lookup, setup, teardown),
		cmocka_unit_test(test_location_and_bound),
		cmocka_unit_test(test_key_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
