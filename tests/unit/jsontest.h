/* SPDX-License-Identifier: MIT */
/* Files, golden texts and JSON values for the renderer tests (include after cmocka.h;
 * tests may use jansson to parse what the renderers wrote). */
#ifndef UABI_TEST_JSONTEST_H
#define UABI_TEST_JSONTEST_H

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static inline void write_text(const char *path, const char *s)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fputs(s, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static inline json_t *parse(const char *s)
{
	json_error_t e;
	json_t *j = json_loads(s, JSON_REJECT_DUPLICATES, &e);

	if (!j)
		fail_msg("invalid json: line %d: %s", e.line, e.text);
	return j;
}

static inline json_t *at(json_t *j, const char *path)
{
	char buf[256], *save, *tok;

	snprintf(buf, sizeof(buf), "%s", path);
	for (tok = strtok_r(buf, ".", &save); tok && j; tok = strtok_r(NULL, ".", &save)) {
		if (tok[0] >= '0' && tok[0] <= '9')
			j = json_array_get(j, strtoul(tok, NULL, 10));
		else
			j = json_object_get(j, tok);
	}
	if (!j)
		fail_msg("no %s", path);
	return j;
}

static inline const char *str_at(json_t *j, const char *path)
{
	json_t *v = at(j, path);

	if (!json_is_string(v))
		fail_msg("%s is not a string", path);
	return json_string_value(v);
}

static inline json_int_t int_at(json_t *j, const char *path)
{
	json_t *v = at(j, path);

	if (!json_is_integer(v))
		fail_msg("%s is not an integer", path);
	return json_integer_value(v);
}

/* Exact text; on a mismatch the actual text goes to the build directory
 * as TEST-NAME.actual. */
static inline void assert_golden_in(const char *test, const char *got, const char *want,
				    const char *name)
{
	if (strcmp(got, want)) {
		char path[4096];
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s-%s.actual", UABI_BINARY_DIR, test, name);
		f = fopen(path, "w");
		if (f) {
			fputs(got, f);
			fclose(f);
		}
		fail_msg("%s differs from the golden text; actual in %s", name, path);
	}
}

/* got must be the checked-in example UABI_SOURCE_DIR/rel (UABI_UPDATE=1
 * rewrites it). */
static inline void assert_example_in(const char *test, const char *got, const char *rel)
{
	char path[4096];
	char *example;

	snprintf(path, sizeof(path), "%s/%s", UABI_SOURCE_DIR, rel);
	if (getenv("UABI_UPDATE"))
		write_text(path, got);
	example = read_text(path);
	if (!example)
		fail_msg("%s missing (UABI_UPDATE=1 writes it)", path);
	assert_golden_in(test, got, example, "json");
	free(example);
}

#endif
