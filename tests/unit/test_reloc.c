// SPDX-License-Identifier: MIT
/*
 * The built-in relocator against the linkers it replaces: for every
 * target of the built-in profiles, an object relocated in-process must
 * read exactly like the same object linked with the profile's linker.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fileio.h"
#include "testrun.h"
#include "core/profile.h"
#include "extractor/dwarf.h"
#include "extractor/reloc.h"
#include "extractor/spawn.h"

static char dir[PATH_MAX];

static const char header[] =
	"struct rl_inner { unsigned char tag[3]; unsigned int bits : 5, more : 11; };\n"
	"struct rl_outer {\n"
	"	unsigned int a;\n"
	"	unsigned long long b;\n"
	"	struct rl_inner in[2];\n"
	"	union { void *p; unsigned long long u; };\n"
	"	enum rl_e { RL_A = 1, RL_B = 0x7fffffff } e;\n"
	"	char name[256];\n"
	"};\n";

static const char source[] =
	"#include \"rl.h\"\n"
	"typedef struct rl_outer __uabi_root_outer;\n"
	"enum { __uabi_k_one = 1, __uabi_k_big = 0xc008aeba };\n";

static int setup(void **state)
{
	char t[] = "/tmp/uabi-test-reloc-XXXXXX";

	if (!mkdtemp(t))
		return -1;
	snprintf(dir, sizeof(dir), "%s", t);
	return 0;
}

static int teardown(void **state)
{
	uabi_file__rmtree(dir);
	return 0;
}

static void read_so(const char *path, struct uabi_layout **l, struct uabi_dwarf_result *res)
{
	struct uabi_dwarf_opts o = { .label = "test" };
	struct uabi_diag d;

	*l = uabi_layout__new();
	memset(res, 0, sizeof(*res));
	uabi_diag__clear(&d);
	if (uabi_dwarf__read(path, *l, &o, res, &d))
		fprintf(stderr, "%s\n", d.msg);
	assert_int_equal(d.cls, UABI_OK);
}

static void same(const char *a, const char *b)
{
	assert_true((a == NULL) == (b == NULL));
	if (a)
		assert_string_equal(a, b);
}

static void compare(const struct uabi_layout *x, const struct uabi_dwarf_result *rx,
		    const struct uabi_layout *y, const struct uabi_dwarf_result *ry)
{
	assert_int_equal(x->ntypes, y->ntypes);
	for (uint32_t i = 0; i < x->ntypes; i++) {
		const struct uabi_type *s = &x->types[i], *t = &y->types[i];

		assert_int_equal(s->kind, t->kind);
		same(s->name, t->name);
		assert_int_equal(s->size, t->size);
		assert_int_equal(s->count, t->count);
		assert_int_equal(s->ref, t->ref);
		same(s->decl_file, t->decl_file);
		assert_int_equal(s->decl_line, t->decl_line);
		assert_int_equal(s->nmembers, t->nmembers);
		for (uint32_t m = 0; m < s->nmembers; m++) {
			same(s->members[m].name, t->members[m].name);
			assert_int_equal(s->members[m].bit_offset, t->members[m].bit_offset);
			assert_int_equal(s->members[m].bit_size, t->members[m].bit_size);
			assert_int_equal(s->members[m].decl_line, t->members[m].decl_line);
		}
		assert_int_equal(s->nenumerators, t->nenumerators);
		for (uint32_t e = 0; e < s->nenumerators; e++) {
			same(s->enumerators[e].name, t->enumerators[e].name);
			assert_int_equal(s->enumerators[e].value, t->enumerators[e].value);
		}
	}
	assert_int_equal(rx->nconsts, ry->nconsts);
	for (uint32_t i = 0; i < rx->nconsts; i++) {
		same(rx->consts[i].name, ry->consts[i].name);
		assert_int_equal(rx->consts[i].value, ry->consts[i].value);
	}
	assert_int_equal(rx->nroots, ry->nroots);
	same(rx->producer, ry->producer);
	assert_int_equal(rx->big_endian, ry->big_endian);
}

static void check_profile(const struct uabi_profile *p)
{
	char src[PATH_MAX + 8], hdr[PATH_MAX + 8], obj[PATH_MAX + 8], linked[PATH_MAX + 16],
		relocated[PATH_MAX + 16];
	const char *argv[32];
	struct uabi_layout *x, *y;
	struct uabi_dwarf_result rx, ry;
	struct uabi_diag d;
	const struct uabi_type *root;
	int n = 0;

	snprintf(hdr, sizeof(hdr), "%s/rl.h", dir);
	snprintf(src, sizeof(src), "%s/rl.c", dir);
	snprintf(obj, sizeof(obj), "%s/%s.o", dir, p->name);
	snprintf(linked, sizeof(linked), "%s/%s-ld.so", dir, p->name);
	snprintf(relocated, sizeof(relocated), "%s/%s-rl.so", dir, p->name);
	assert_int_equal(uabi_file__write_atomic(hdr, header, strlen(header), NULL), 0);
	assert_int_equal(uabi_file__write_atomic(src, source, strlen(source), NULL), 0);
	for (int i = 0; p->cc[i]; i++)
		argv[n++] = p->cc[i];
	argv[n++] = "-g";
	argv[n++] = "-c";
	argv[n++] = "-fno-eliminate-unused-debug-types";
	argv[n++] = src;
	argv[n++] = "-o";
	argv[n++] = obj;
	argv[n] = NULL;
	test_run(argv);
	n = 0;
	for (int i = 0; p->ld[i]; i++)
		argv[n++] = p->ld[i];
	argv[n++] = "-shared";
	argv[n++] = "-o";
	argv[n++] = linked;
	argv[n++] = obj;
	argv[n] = NULL;
	test_run(argv);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_reloc__object(obj, relocated, &d), 0);

	read_so(linked, &x, &rx);
	read_so(relocated, &y, &ry);
	compare(x, &rx, y, &ry);
	/* and the numbers are the right ones, not just equal */
	assert_int_equal(rx.nroots, 1);
	root = &y->types[ry.roots[0].type];
	assert_string_equal(root->name, "rl_outer");
	assert_int_equal(root->nmembers, 6);
	assert_string_equal(root->members[5].name, "name");
	assert_int_equal(root->members[1].bit_offset, strcmp(p->name, "i386") ? 64 : 32);
	assert_int_equal(root->decl_line, 2);
	assert_non_null(strstr(root->decl_file, "/rl.h"));
	assert_int_equal(uabi_dwarf_result__const(&ry, "__uabi_k_big")->value, 0xc008aeba);
	uabi_dwarf_result__free(&rx);
	uabi_dwarf_result__free(&ry);
	uabi_layout__free(x);
	uabi_layout__free(y);
}

static void test_all_profiles(void **state)
{
	struct uabi_profile_set set;
	unsigned checked = 0;

	assert_int_equal(uabi_profiles__builtin(&set, NULL), 0);
	for (uint32_t i = 0; i < set.n; i++) {
		if (!uabi_profile__has_tools(&set.v[i], true, NULL)) {
			fprintf(stderr, "test_reloc: %s: toolchain missing, not checked\n", set.v[i].name);
			continue;
		}
		check_profile(&set.v[i]);
		checked++;
	}
	/* all 15 toolchains are installed where the tests run (scripts/deps.sh) */
	assert_int_equal(checked, set.n);
	uabi_profiles__free(&set);
}

static void test_refuses_non_objects(void **state)
{
	char text[PATH_MAX + 8], out[PATH_MAX + 8], linked[PATH_MAX + 16];
	struct uabi_diag d;

	snprintf(text, sizeof(text), "%s/text.o", dir);
	snprintf(out, sizeof(out), "%s/out.so", dir);
	snprintf(linked, sizeof(linked), "%s/x86_64-ld.so", dir);
	assert_int_equal(uabi_file__write_atomic(text, "hello\n", 6, NULL), 0);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_reloc__object(text, out, &d), -EINVAL);
	assert_int_equal(d.cls, UABI_E_INPUT);
	assert_non_null(strstr(d.msg, "text.o: not a relocatable ELF object"));
	assert_int_not_equal(access(out, F_OK), 0);
	/* an already linked object is not relocatable either */
	uabi_diag__clear(&d);
	assert_int_equal(uabi_reloc__object(linked, out, &d), -EINVAL);
	assert_int_not_equal(access(out, F_OK), 0);
}

/* A relocation it does not know is refused with -ENOTSUP (the caller then
 * links), naming it, and nothing is written. The x86_64 object of the first
 * test, relabelled as SPARC V9, has only relocation types unknown there. */
static void test_refuses_unknown_relocations(void **state)
{
	char obj[PATH_MAX + 16], odd[PATH_MAX + 16], out[PATH_MAX + 16];
	struct uabi_diag d;
	char *buf;
	size_t len;

	snprintf(obj, sizeof(obj), "%s/x86_64.o", dir);
	snprintf(odd, sizeof(odd), "%s/sparc.o", dir);
	snprintf(out, sizeof(out), "%s/sparc.so", dir);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_file__read(obj, &buf, &len, &d), 0);
	buf[18] = 43;	/* e_machine = EM_SPARCV9, little-endian */
	buf[19] = 0;
	assert_int_equal(uabi_file__write_atomic(odd, buf, len, &d), 0);
	free(buf);
	assert_int_equal(uabi_reloc__object(odd, out, &d), -ENOTSUP);
	assert_int_equal(d.cls, UABI_E_TOOLCHAIN);
	assert_non_null(strstr(d.msg, "sparc.o: relocation type "));
	assert_non_null(strstr(d.msg, " not handled by the built-in relocator"));
	assert_int_not_equal(access(out, F_OK), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_profiles),
		cmocka_unit_test(test_refuses_non_objects),
		cmocka_unit_test(test_refuses_unknown_relocations),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
