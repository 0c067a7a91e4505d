// SPDX-License-Identifier: MIT
/* core/sha256: the FIPS 180-4 examples (and NIST's long message), whole
 * and fed in pieces that cross the 64-byte blocks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/sha256.h"

static void hex_of(const char *data, size_t len, size_t piece, char hex[65])
{
	struct uabi_sha256 s;

	uabi_sha256__init(&s);
	for (size_t o = 0; o < len; o += piece)
		uabi_sha256__update(&s, data + o, len - o < piece ? len - o : piece);
	uabi_sha256__hex(&s, hex);
}

static void test_vectors(void **state)
{
	static const struct {
		const char *msg, *want;
	} v[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	char hex[65];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		size_t len = strlen(v[i].msg);

		hex_of(v[i].msg, len, len ? len : 1, hex);
		assert_string_equal(hex, v[i].want);
		hex_of(v[i].msg, len, 7, hex);
		assert_string_equal(hex, v[i].want);
	}
}

/* one million 'a': NIST's long example, in 1000-byte updates */
static void test_million(void **state)
{
	char *a = malloc(1000000), hex[65];

	(void)state;
	assert_non_null(a);
	memset(a, 'a', 1000000);
	hex_of(a, 1000000, 1000, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	hex_of(a, 1000000, 63, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_million),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
