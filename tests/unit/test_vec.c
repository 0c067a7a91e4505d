// SPDX-License-Identifier: MIT
/* core/vec.h: room for one more element. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <stdlib.h>
#include <cmocka.h>

#include "core/vec.h"

static void test_reserve_doubles(void **state)
{
	uint32_t *v = NULL, cap = 0;

	(void)state;
	/* from first, then doubled each time n reaches the capacity */
	for (uint32_t n = 0; n < 100; n++) {
		assert_int_equal(uabi_vec__reserve(&v, n, &cap, sizeof(*v), 8), 0);
		v[n] = n;
		assert_int_equal(cap, n < 8 ? 8 : n < 16 ? 16 : n < 32 ? 32 : n < 64 ? 64 : 128);
	}
	for (uint32_t n = 0; n < 100; n++)
		assert_int_equal(v[n], n);
	/* an index inside the capacity: nothing to do */
	assert_int_equal(uabi_vec__reserve(&v, 3, &cap, sizeof(*v), 8), 0);
	assert_int_equal(cap, 128);
	/* an index past it: doubled until it fits */
	assert_int_equal(uabi_vec__reserve(&v, 600, &cap, sizeof(*v), 8), 0);
	assert_int_equal(cap, 1024);
	free(v);
	/* first 0 starts at 1 */
	v = NULL;
	cap = 0;
	assert_int_equal(uabi_vec__reserve(&v, 0, &cap, sizeof(*v), 0), 0);
	assert_int_equal(cap, 1);
	free(v);
}

static void test_reserve_bounds(void **state)
{
	char *v = NULL, *before;
	uint32_t cap = 0;

	(void)state;
	assert_int_equal(uabi_vec__reserve(&v, 0, &cap, 1, 4), 0);
	before = v;
	/* a capacity that would pass UINT32_MAX: refused, nothing changed */
	cap = UINT32_MAX / 2 + 1;
	assert_int_equal(uabi_vec__reserve(&v, cap, &cap, 1, 4), -ENOMEM);
	assert_int_equal(cap, UINT32_MAX / 2 + 1);
	assert_ptr_equal(v, before);
	/* bytes that would pass SIZE_MAX: refused before any realloc */
	cap = 4;
	assert_int_equal(uabi_vec__reserve(&v, 4, &cap, SIZE_MAX / 4, 4), -ENOMEM);
	assert_int_equal(cap, 4);
	assert_ptr_equal(v, before);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reserve_doubles),
		cmocka_unit_test(test_reserve_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
