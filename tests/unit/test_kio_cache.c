// SPDX-License-Identifier: MIT
/*
 * Unit tests of the kernel facts cache (kernel/kio_cache.c): the blob of
 * two scanned C texts read back exactly (every count and string, the same
 * placements), blobs cut short or corrupted rejected, and
 * uabi_kio__read_cached over a small tree: a hit, a miss after a content
 * change and after a new file, no miss for a change in a skipped
 * directory, a corrupt entry answered by a scan, $UABI_NO_CACHE.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/cache.h"
#include "core/fileio.h"
#include "core/sha256.h"
#include "kernel/ioctls.h"
#include "kernel/kio_cache.h"
#include "kernel/kio_priv.h"
#include "testfs.h"

static const char text_a[] =
	"#include \"foo_compat.c\"\n"
	"#define FOO_GET _IOR('f', 1, int)\n"
	"static long foo_ioctl(struct file *f, unsigned int cmd, unsigned long arg)\n"
	"{\n"
	"\tswitch (cmd) {\n"
	"\tcase FOO_GET:\n"
	"\t\treturn foo_get(f, arg);\n"
	"#ifdef CONFIG_X86\n"
	"\tcase FOO_SET:\n"
	"\t\treturn foo_set(f, arg);\n"
	"#endif\n"
	"\t}\n"
	"\treturn -ENOTTY;\n"
	"}\n"
	"static const struct file_operations foo_fops = {\n"
	"\t.owner = THIS_MODULE,\n"
	"\t.unlocked_ioctl = foo_ioctl,\n"
	"\t.compat_ioctl = compat_ptr_ioctl,\n"
	"};\n"
	"DEFINE_FOO_FOPS(bar_fops);\n"
	"static long foo_compat(struct file *f, unsigned int cmd, unsigned long arg)\n"
	"{\n"
	"\tcmd = _IOC(_IOC_DIR(cmd), _IOC_TYPE(cmd), _IOC_NR(cmd), sizeof(void *));\n"
	"\treturn f->f_op->unlocked_ioctl(f, cmd, arg);\n"
	"}\n"
	"static const struct drm_ioctl_desc foo_ioctls[] = {\n"
	"\tDRM_IOCTL_DEF_DRV(FOO_INFO, foo_info, 0),\n"
	"};\n";

static const char text_b[] =
	"#define BAR_FOPS(name) static const struct file_operations name = "
	"{ .unlocked_ioctl = bar_##name }\n"
	"long bar_ioctl(struct file *f, unsigned int cmd, unsigned long arg)\n"
	"{\n"
	"\tif (cmd == BAR_RESET)\n"
	"\t\treturn bar_reset();\n"
	"\treturn -ENOTTY;\n"
	"}\n"
	"static void bar_new(struct bar_dev *b)\n"
	"{\n"
	"\tb->ops.ioctl = bar_ioctl;\n"
	"}\n";

/* The facts of text_a and text_b as the tree read makes them. */
static struct uabi_kio *scanned(void)
{
	struct uabi_kio *k = calloc(1, sizeof(*k));

	assert_non_null(k);
	uabi_arena__init(&k->arena);
	k->files = calloc(2, sizeof(*k->files));
	assert_non_null(k->files);
	k->cfiles = 2;
	assert_int_equal(uabi_kscan__file(text_a, "drivers/foo/foo.c", &k->arena, &k->files[0]), 0);
	k->nfiles++;
	assert_int_equal(uabi_kscan__file(text_b, "include/bar.h", &k->arena, &k->files[1]), 0);
	k->nfiles++;
	k->bytes = 5000000000ull;	/* past 32 bits */
	/* the loose member names a tree read keeps (kio_priv.h) */
	k->loose = malloc(2 * sizeof(*k->loose));
	assert_non_null(k->loose);
	k->loose[0] = ".len";
	k->loose[1] = ".unlocked_ioctl";
	k->nloose = 2;
	/* and the functions whose address is taken */
	k->addr = malloc(sizeof(*k->addr));
	assert_non_null(k->addr);
	k->addr[0] = "foo_get";
	k->naddr = 1;
	assert_int_equal(uabi_kio__index(k), 0);
	return k;
}

static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* Every field of every file of a and b. */
static void assert_same(const struct uabi_kio *a, const struct uabi_kio *b)
{
	assert_int_equal(a->nfiles, b->nfiles);
	assert_true(a->bytes == b->bytes);
	assert_int_equal(a->nloose, b->nloose);
	for (uint32_t i = 0; i < a->nloose; i++)
		assert_string_equal(a->loose[i], b->loose[i]);
	assert_int_equal(a->naddr, b->naddr);
	for (uint32_t i = 0; i < a->naddr; i++)
		assert_string_equal(a->addr[i], b->addr[i]);
	for (uint32_t f = 0; f < a->nfiles; f++) {
		const struct uabi_kfile *x = &a->files[f], *y = &b->files[f];

		same_str(x->file, y->file);
		assert_int_equal(x->nnames, y->nnames);
		assert_int_equal(x->ndefs, y->ndefs);
		assert_int_equal(x->nrefs, y->nrefs);
		assert_int_equal(x->ninits, y->ninits);
		assert_int_equal(x->nmacros, y->nmacros);
		assert_int_equal(x->nuses, y->nuses);
		assert_int_equal(x->nincludes, y->nincludes);
		for (uint32_t i = 0; i < x->nnames; i++) {
			const struct uabi_kname *p = &x->names[i], *q = &y->names[i];

			same_str(p->name, q->name);
			same_str(p->macro, q->macro);
			assert_int_equal(p->arg, q->arg);
			assert_int_equal(p->how, q->how);
			same_str(p->cond, q->cond);
			same_str(p->site.file, q->site.file);
			assert_int_equal(p->site.line, q->site.line);
			same_str(p->site.function, q->site.function);
			assert_int_equal(p->def, q->def);
			same_str(p->fn, q->fn);
			assert_int_equal(p->grp, q->grp);
		}
		for (uint32_t i = 0; i < x->ndefs; i++) {
			const struct uabi_kdef *p = &x->defs[i], *q = &y->defs[i];

			same_str(p->name, q->name);
			same_str(p->type, q->type);
			assert_int_equal(p->object, q->object);
			assert_int_equal(p->is_static, q->is_static);
			assert_int_equal(p->sets_cmd_size, q->sets_cmd_size);
			assert_int_equal(p->indirect_calls, q->indirect_calls);
			same_str(p->cond, q->cond);
			assert_int_equal(p->line, q->line);
			assert_int_equal(p->ref0, q->ref0);
			assert_int_equal(p->nref, q->nref);
			assert_int_equal(p->gref0, q->gref0);
			assert_int_equal(p->ngref, q->ngref);
		}
		for (uint32_t i = 0; i < x->nrefs; i++)
			same_str(x->refs[i], y->refs[i]);
		assert_int_equal(x->ngrefs, y->ngrefs);
		for (uint32_t i = 0; i < x->ngrefs; i++) {
			assert_int_equal(x->grefs[i].ref, y->grefs[i].ref);
			assert_int_equal(x->grefs[i].grp, y->grefs[i].grp);
		}
		for (uint32_t i = 0; i < x->ninits; i++) {
			const struct uabi_kinit *p = &x->inits[i], *q = &y->inits[i];

			same_str(p->object, q->object);
			same_str(p->type, q->type);
			same_str(p->field, q->field);
			same_str(p->value, q->value);
			same_str(p->function, q->function);
			assert_int_equal(p->in_macro, q->in_macro);
			same_str(p->cond, q->cond);
			assert_int_equal(p->line, q->line);
		}
		for (uint32_t i = 0; i < x->nmacros; i++) {
			const struct uabi_kmacro *p = &x->macros[i], *q = &y->macros[i];

			same_str(p->name, q->name);
			same_str(p->params, q->params);
			same_str(p->body, q->body);
			same_str(p->cond, q->cond);
			assert_int_equal(p->line, q->line);
		}
		for (uint32_t i = 0; i < x->nuses; i++) {
			const struct uabi_kuse *p = &x->uses[i], *q = &y->uses[i];

			same_str(p->macro, q->macro);
			same_str(p->arg0, q->arg0);
			same_str(p->cond, q->cond);
			assert_int_equal(p->line, q->line);
		}
		for (uint32_t i = 0; i < x->nincludes; i++)
			same_str(x->includes[i], y->includes[i]);
	}
}

static void same_index(const struct at *a, uint32_t na, const struct at *b, uint32_t nb)
{
	assert_int_equal(na, nb);
	for (uint32_t i = 0; i < na; i++) {
		assert_string_equal(a[i].name, b[i].name);
		assert_int_equal(a[i].file, b[i].file);
		assert_int_equal(a[i].idx, b[i].idx);
	}
}

/* The indexes of a scan and of a load (whose names sort by address) in
 * the same order. */
static void assert_same_index(const struct uabi_kio *a, const struct uabi_kio *b)
{
	same_index(a->names, a->nnames, b->names, b->nnames);
	same_index(a->defs, a->ndefs_idx, b->defs, b->ndefs_idx);
	same_index(a->callers, a->ncallers, b->callers, b->ncallers);
	same_index(a->entries, a->nentries, b->entries, b->nentries);
	same_index(a->macros, a->nmacros, b->macros, b->nmacros);
	assert_int_equal(a->ncallers, 20);
	assert_string_equal(b->callers[0].name, "(*)");	/* UABI_KREF_INDIRECT */
	assert_string_equal(b->callers[1].name, ".f_op");	/* UABI_KREF_MEMBER */
	assert_string_equal(b->callers[2].name, ".ioctl");	/* bar_new's */
	assert_string_equal(b->callers[3].name, ".ops");
	assert_string_equal(b->callers[4].name, ".unlocked_ioctl");
	assert_string_equal(b->callers[5].name, "arg");
	assert_string_equal(b->callers[17].name, "foo_info");
	assert_string_equal(b->callers[19].name, "foo_set");
}

/* The same placement from both, for each command on two arches. */
static void assert_same_places(struct uabi_kio *a, struct uabi_kio *b)
{
	static const char *const cmds[] = { "FOO_GET", "FOO_SET", "BAR_RESET", "NONE" };
	static const char *const arches[] = { "x86", "arm64" };

	for (size_t i = 0; i < 4; i++) {
		for (size_t j = 0; j < 2; j++) {
			struct uabi_kio_place p, q;

			assert_int_equal(uabi_kio__place(a, cmds[i], arches[j], &p), 0);
			assert_int_equal(uabi_kio__place(b, cmds[i], arches[j], &q), 0);
			assert_int_equal(p.status, q.status);
			same_str(p.why, q.why);
			same_str(p.native.file, q.native.file);
			assert_int_equal(p.native.line, q.native.line);
			same_str(p.handler.file, q.handler.file);
			assert_int_equal(p.handler.line, q.handler.line);
			same_str(p.entry.file, q.entry.file);
			assert_int_equal(p.entry.line, q.entry.line);
			same_str(p.compat, q.compat);
			assert_int_equal(p.nentries, q.nentries);
		}
	}
}

static void test_blob_round_trip(void **state)
{
	struct uabi_kio *k = scanned(), *l;
	const struct uabi_kfile *f;
	struct uabi_kio_place p;
	char *blob, *again;
	size_t len, len2;

	(void)state;
	/* include/bar.h: no mips, no s390 (bits 1 and 4, kbuild.h) */
	k->files[1].not_archs = 0x12;
	assert_int_equal(uabi_kio__to_blob(k, &blob, &len), 0);
	assert_memory_equal(blob, "uabi-kio", 8);
	assert_int_equal(uabi_kio__from_blob(blob, len, &l), 0);
	assert_true(uabi_kio__from_cache(l));
	assert_int_equal(l->files[0].not_archs, 0);
	assert_int_equal(l->files[1].not_archs, 0x12);
	assert_false(uabi_kio__from_cache(k));
	assert_same(k, l);

	/* what the scanner made of the texts, read back */
	assert_int_equal(l->nfiles, 2);
	assert_true(l->bytes == 5000000000ull);
	f = &l->files[0];
	assert_string_equal(f->file, "drivers/foo/foo.c");
	assert_int_equal(f->nnames, 4);
	assert_int_equal(f->ndefs, 4);
	/* foo_compat's pointer call is one ("(*)"), and its members two
	 * (".f_op", ".unlocked_ioctl") */
	assert_int_equal(f->nrefs, 14);
	assert_int_equal(f->ngrefs, 6);
	assert_int_equal(f->ninits, 2);
	assert_int_equal(f->nmacros, 1);
	assert_int_equal(f->nuses, 1);
	assert_int_equal(f->nincludes, 1);
	assert_string_equal(f->names[0].name, "FOO_GET");
	assert_null(f->names[0].macro);
	assert_null(f->names[0].cond);
	assert_int_equal(f->names[0].how, UABI_KN_CASE);
	assert_int_equal(f->names[0].site.line, 6);
	assert_string_equal(f->names[0].site.function, "foo_ioctl");
	assert_null(f->names[0].fn);
	assert_int_equal(f->names[0].grp, 1);
	assert_string_equal(f->names[1].name, "FOO_SET");
	assert_int_equal(f->names[1].grp, 2);
	assert_string_equal(f->names[1].cond, "defined(CONFIG_X86)");
	assert_int_equal(f->names[1].site.line, 9);
	assert_string_equal(f->names[2].name, "THIS_MODULE");
	assert_int_equal(f->names[2].how, UABI_KN_ENTRY);
	assert_string_equal(f->names[2].site.function, "foo_fops");
	assert_int_equal(f->names[2].def, 1);
	assert_int_equal(f->names[2].grp, 0);
	assert_string_equal(f->names[3].name, "FOO_INFO");
	assert_string_equal(f->names[3].macro, "DRM_IOCTL_DEF_DRV");
	assert_string_equal(f->names[3].fn, "foo_info");
	assert_int_equal(f->names[3].def, 3);
	assert_string_equal(f->defs[0].name, "foo_ioctl");
	assert_null(f->defs[0].type);
	assert_false(f->defs[0].object);
	assert_true(f->defs[0].is_static);
	assert_int_equal(f->defs[0].ref0, 0);
	assert_int_equal(f->defs[0].nref, 5);
	assert_string_equal(f->refs[3], "foo_get");
	assert_int_equal(f->defs[0].gref0, 0);
	assert_int_equal(f->defs[0].ngref, 6);
	assert_int_equal(f->grefs[5].ref, 4);	/* foo_set, under FOO_SET's group */
	assert_int_equal(f->grefs[5].grp, 2);
	assert_false(f->defs[0].sets_cmd_size);
	assert_false(f->defs[0].indirect_calls);
	assert_string_equal(f->defs[2].name, "foo_compat");
	assert_true(f->defs[2].sets_cmd_size);
	assert_true(f->defs[2].indirect_calls);
	assert_string_equal(f->defs[1].name, "foo_fops");
	assert_string_equal(f->defs[1].type, "file_operations");
	assert_true(f->defs[1].object);
	assert_int_equal(f->defs[1].ref0, 5);
	assert_int_equal(f->defs[1].nref, 2);
	assert_string_equal(f->refs[5], "compat_ptr_ioctl");
	assert_string_equal(f->refs[6], "foo_ioctl");
	assert_string_equal(f->inits[1].object, "foo_fops");
	assert_string_equal(f->inits[1].field, "compat_ioctl");
	assert_string_equal(f->inits[1].value, "compat_ptr_ioctl");
	assert_int_equal(f->inits[1].line, 18);
	assert_string_equal(f->macros[0].name, "FOO_GET");
	assert_null(f->macros[0].params);
	assert_string_equal(f->macros[0].body, "_IOR('f', 1, int)");
	assert_string_equal(f->uses[0].macro, "DEFINE_FOO_FOPS");
	assert_string_equal(f->uses[0].arg0, "bar_fops");
	assert_int_equal(f->uses[0].line, 20);
	assert_string_equal(f->includes[0], "foo_compat.c");
	f = &l->files[1];
	assert_string_equal(f->file, "include/bar.h");
	assert_int_equal(f->nnames, 1);
	assert_int_equal(f->nuses, 0);
	assert_null(f->uses);
	assert_string_equal(f->names[0].name, "BAR_RESET");
	assert_null(f->names[0].macro);
	assert_int_equal(f->names[0].how, UABI_KN_CMP);
	assert_false(f->defs[0].is_static);
	assert_true(f->inits[0].in_macro);
	assert_string_equal(f->inits[0].object, "BAR_FOPS");
	assert_null(f->inits[0].type);
	assert_string_equal(f->inits[0].value, "bar_");
	assert_null(f->inits[0].function);
	/* an assignment in a function body: its function and line */
	assert_int_equal(f->ninits, 2);
	assert_string_equal(f->inits[1].object, "b->ops");
	assert_string_equal(f->inits[1].type, "bar_dev");
	assert_string_equal(f->inits[1].field, "ioctl");
	assert_string_equal(f->inits[1].value, "bar_ioctl");
	assert_string_equal(f->inits[1].function, "bar_new");
	assert_int_equal(f->inits[1].line, 10);
	assert_string_equal(f->macros[0].params, "name");

	/* the same text again, and the same answers from the indexes */
	assert_int_equal(uabi_kio__to_blob(l, &again, &len2), 0);
	assert_int_equal(len2, len);
	assert_memory_equal(again, blob, len);
	assert_same_index(k, l);
	assert_same_places(k, l);
	assert_int_equal(uabi_kio__place(l, "FOO_GET", "x86", &p), 0);
	assert_int_equal(p.status, UABI_KIO_PASSED);
	assert_string_equal(p.native.file, "drivers/foo/foo.c");
	assert_int_equal(p.native.line, 6);
	assert_string_equal(p.compat, "compat_ptr_ioctl");

	free(again);
	free(blob);
	uabi_kio__free(l);
	uabi_kio__free(k);
}

static void test_blob_empty(void **state)
{
	struct uabi_kio *k = calloc(1, sizeof(*k)), *l;
	char *blob;
	size_t len;

	(void)state;
	assert_non_null(k);
	uabi_arena__init(&k->arena);
	assert_int_equal(uabi_kio__index(k), 0);
	assert_int_equal(uabi_kio__to_blob(k, &blob, &len), 0);
	assert_int_equal(len, 36);	/* the header, nloose 0 and naddr 0 */
	assert_int_equal(uabi_kio__from_blob(blob, len, &l), 0);
	assert_int_equal(l->nfiles, 0);
	free(blob);
	uabi_kio__free(l);
	uabi_kio__free(k);
}

static uint32_t get32(const char *b, size_t off)
{
	const unsigned char *p = (const unsigned char *)b + off;

	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(char *b, size_t off, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b[off + (size_t)i] = (char)(v >> (8 * i));
}

/* blob with the u32 at off set to v (or the byte at off, when byte), loaded. */
static int load_with(const char *blob, size_t len, size_t off, uint32_t v, bool byte)
{
	char *c = malloc(len);
	struct uabi_kio *k = NULL;
	int err;

	assert_non_null(c);
	memcpy(c, blob, len);
	if (byte)
		c[off] = (char)v;
	else
		put32(c, off, v);
	err = uabi_kio__from_blob(c, len, &k);
	if (err)
		assert_null(k);
	uabi_kio__free(k);
	free(c);
	return err;
}

static void test_blob_rejected(void **state)
{
	struct uabi_kio *k = scanned(), *l = NULL;
	size_t len, tab, f0, name0, def0, gref0;
	uint32_t file_ref;
	char *blob, *longer;

	(void)state;
	assert_int_equal(uabi_kio__to_blob(k, &blob, &len), 0);
	/* every blob cut short */
	for (size_t n = 0; n < len; n++) {
		assert_int_equal(uabi_kio__from_blob(blob, n, &l), -EINVAL);
		assert_null(l);
	}
	/* one byte more */
	longer = malloc(len + 1);
	assert_non_null(longer);
	memcpy(longer, blob, len);
	longer[len] = 0;
	assert_int_equal(uabi_kio__from_blob(longer, len + 1, &l), -EINVAL);
	free(longer);

	/* the header: magic, version, nfiles, the string table's length */
	assert_int_equal(load_with(blob, len, 0, 'U', true), -EINVAL);
	assert_int_equal(load_with(blob, len, 8, UABI_KIO_BLOB_VERSION + 1, false), -EINVAL);
	assert_int_equal(load_with(blob, len, 12, 3, false), -EINVAL);
	assert_int_equal(load_with(blob, len, 12, UINT32_MAX, false), -EINVAL);
	tab = get32(blob, 24);
	assert_int_equal(load_with(blob, len, 24, (uint32_t)tab + 1, false), -EINVAL);
	assert_int_equal(load_with(blob, len, 24, UINT32_MAX, false), -EINVAL);
	/* the strings: unsorted, not NUL-terminated */
	assert_int_equal(load_with(blob, len, 28, 0x7f, true), -EINVAL);
	assert_int_equal(load_with(blob, len, 28 + tab - 1, 'x', true), -EINVAL);

	/* file 0: its path, a count, a string ref past the table or inside a string */
	f0 = 28 + tab;
	file_ref = get32(blob, f0);
	assert_int_equal(load_with(blob, len, f0, 0, false), -EINVAL);	/* NULL path */
	assert_int_equal(load_with(blob, len, f0, (uint32_t)tab + 1, false), -EINVAL);
	assert_int_equal(load_with(blob, len, f0, file_ref + 1, false), -EINVAL);
	/* nnames, ndefs */
	assert_int_equal(load_with(blob, len, f0 + 4, UINT32_MAX, false), -EINVAL);
	assert_int_equal(load_with(blob, len, f0 + 8, 1000, false), -EINVAL);

	/* not_archs: a byte's worth */
	assert_int_equal(load_with(blob, len, f0 + 36, 256, false), -EINVAL);

	/* names[0]: name, macro, arg, how, cond, site.file, line, function, def, fn, grp */
	name0 = f0 + 40;
	assert_int_equal(get32(blob, name0 + 4), 0);	/* its macro: NULL */
	assert_int_equal(load_with(blob, len, name0, 0, false), -EINVAL);	/* NULL name */
	assert_int_equal(load_with(blob, len, name0 + 9, 3, true), -EINVAL);	/* how */
	assert_int_equal(get32(blob, name0 + 26), 0);
	/* def: at most ndefs (4) */
	assert_int_equal(load_with(blob, len, name0 + 26, 5, false), -EINVAL);
	assert_int_equal(load_with(blob, len, name0 + 26, 4, false), 0);

	/* defs[0] (after 4 names): name, type, object, is_static, sets_cmd_size,
	 * indirect_calls, cond, line, ref0, nref, gref0, ngref */
	def0 = name0 + 4 * 36;
	assert_int_equal(get32(blob, def0 + 24), 5);
	assert_int_equal(get32(blob, def0 + 32), 6);
	assert_int_equal(load_with(blob, len, def0 + 8, 2, true), -EINVAL);	/* bool */
	assert_int_equal(load_with(blob, len, def0 + 11, 2, true), -EINVAL);
	assert_int_equal(load_with(blob, len, def0 + 20, 10, false), -EINVAL);	/* 10 + 5 > 14 */
	assert_int_equal(load_with(blob, len, def0 + 20, 9, false), 0);	/* 9 + 5 = 14 */
	assert_int_equal(load_with(blob, len, def0 + 24, UINT32_MAX, false), -EINVAL);
	assert_int_equal(load_with(blob, len, def0 + 28, 1, false), -EINVAL);	/* 1 + 6 > 6 */
	/* grefs[0] (after 4 defs and 14 refs): ref, an index of the 14 refs */
	gref0 = def0 + 4 * 36 + 14 * 4;
	assert_int_equal(get32(blob, gref0), 0);
	assert_int_equal(load_with(blob, len, gref0, 14, false), -EINVAL);
	assert_int_equal(load_with(blob, len, gref0, 13, false), 0);

	/* the loose names at the end: nloose, then two string refs in
	 * increasing order; then naddr (1) and its one string ref */
	{
		size_t nl = len - 20, na = len - 8;
		uint32_t a = get32(blob, nl + 4), b = get32(blob, nl + 8);

		assert_int_equal(get32(blob, nl), 2);
		assert_int_equal(load_with(blob, len, nl, 3, false), -EINVAL);
		assert_int_equal(load_with(blob, len, nl, UINT32_MAX, false), -EINVAL);
		assert_int_equal(load_with(blob, len, nl + 4, b, false), -EINVAL);	/* twice */
		assert_int_equal(load_with(blob, len, nl + 8, a, false), -EINVAL);
		assert_int_equal(load_with(blob, len, nl + 4, 0, false), -EINVAL);	/* NULL */
		/* a name after the next one */
		assert_int_equal(load_with(blob, len, nl + 4, file_ref, false), -EINVAL);
		assert_int_equal(get32(blob, na), 1);
		assert_int_equal(load_with(blob, len, na, 2, false), -EINVAL);
		assert_int_equal(load_with(blob, len, na, 0, false), -EINVAL);	/* a byte left */
		assert_int_equal(load_with(blob, len, na + 4, 0, false), -EINVAL);	/* NULL */
		assert_int_equal(load_with(blob, len, na + 4, (uint32_t)tab + 1, false), -EINVAL);
	}

	/* any one byte changed: rejected or loaded, never read out of bounds
	 * (the ASan build of this test says so) */
	for (size_t i = 0; i < len; i++) {
		int err = load_with(blob, len, i, (unsigned char)blob[i] ^ 0x5a, true);

		assert_true(err == 0 || err == -EINVAL);
	}
	free(blob);
	uabi_kio__free(k);
}

/* ---- the cache over a tree ---------------------------------------------- */

static char tmpdir[PATH_MAX], tree[PATH_MAX + 8], cdir[PATH_MAX + 8];

static int backdate(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	struct timespec ts[2];

	(void)st, (void)flag, (void)ftw;
	clock_gettime(CLOCK_REALTIME, &ts[0]);
	ts[0].tv_sec -= 10;
	ts[1] = ts[0];
	return utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW);
}

/* Write a file of the tree, then date every file and directory of the tree
 * 10 s back: file times are finer than the coarse clock a read starts
 * with, and a file changed after the start keeps the result out of the
 * cache (kio_cache.h). */
static void put(const char *rel, const char *text)
{
	char path[PATH_MAX * 2];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tree, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(nftw(tree, backdate, 16, FTW_PHYS), 0);
}

static int setup(void **state)
{
	const char *t = getenv("TMPDIR");
	char path[PATH_MAX * 2];
	static const char *const dirs[] = { "", "/drivers", "/drivers/foo", "/include",
					    "/include/uapi", "/include/uapi/linux", "/Documentation",
					    "/empty", "/many", "/.git" };

	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "%s/uabi-test-kio-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(tree, sizeof(tree), "%s/tree", tmpdir);
	snprintf(cdir, sizeof(cdir), "%s/cache", tmpdir);
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", tree, dirs[i]);
		if (mkdir(path, 0777))
			return -1;
	}
	put("drivers/foo/foo.c", text_a);
	put("drivers/foo/Makefile", "obj-y += foo.o\n");
	put("include/bar.h", text_b);
	put("include/plain.h", "int plain;\n");
	put("Documentation/ioctl.c", "long doc_ioctl(void);\n");
	/* more files than core/cache.c hashes at a time (4096) */
	for (int i = 0; i < 4200; i++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/many/f%04d.h", tree, i);
		if (!(f = fopen(path, "w")) || fprintf(f, "int f%d;\n", i) < 0 || fclose(f))
			return -1;
	}
	put("many/f0000.h", "int f0;\n");	/* dates them all back */
	/* ctest turns the cache off for every test */
	unsetenv("UABI_NO_CACHE");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return uabi_file__rmtree(tmpdir);
}

/* One run: a fresh cache handle (nothing memoized), the facts read. */
static struct uabi_kio *read_run(bool use_cache)
{
	struct uabi_cache c;
	struct uabi_kio *k = NULL;
	struct uabi_diag d;

	uabi_diag__clear(&d);
	assert_int_equal(uabi_cache__open(&c, cdir, 64ull << 20, &d), 0);
	assert_int_equal(uabi_kio__read_cached(tree, use_cache ? &c : NULL, &k, &d), 0);
	uabi_cache__close(&c);
	assert_non_null(k);
	return k;
}

/* Whether a run is answered from the cache; its facts checked against a
 * scan of the tree as it is. */
static bool hit_run(void)
{
	struct uabi_kio *k = read_run(true), *s = read_run(false);
	bool hit = uabi_kio__from_cache(k);

	assert_false(uabi_kio__from_cache(s));
	assert_same(k, s);
	uabi_kio__free(k);
	uabi_kio__free(s);
	return hit;
}

/* The most recently used entry file of the cache into buf; false when
 * there is none. */
static bool entry_file(char *buf, size_t len)
{
	char sub[PATH_MAX * 2], kdir[PATH_MAX * 3], path[PATH_MAX * 4];
	struct timespec best = { 0, 0 };
	struct dirent *a, *b, *e;
	DIR *top = opendir(cdir), *da, *db;
	int n = 0;

	if (!top)
		return false;
	while ((a = readdir(top))) {
		if (a->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", cdir, a->d_name);
		assert_non_null(da = opendir(sub));
		while ((b = readdir(da))) {
			if (b->d_name[0] == '.')
				continue;
			snprintf(kdir, sizeof(kdir), "%s/%s", sub, b->d_name);
			assert_non_null(db = opendir(kdir));
			while ((e = readdir(db))) {
				struct stat st;

				if (e->d_name[0] == '.')
					continue;
				snprintf(path, sizeof(path), "%s/%s", kdir, e->d_name);
				assert_int_equal(stat(path, &st), 0);
				if (!n++ || st.st_mtim.tv_sec > best.tv_sec ||
				    (st.st_mtim.tv_sec == best.tv_sec &&
				     st.st_mtim.tv_nsec > best.tv_nsec)) {
					best = st.st_mtim;
					snprintf(buf, len, "%s", path);
				}
			}
			closedir(db);
		}
		closedir(da);
	}
	closedir(top);
	return n > 0;
}

/* Change the version of the entry's blob and its checksum with it: an
 * entry the cache takes, whose blob kio_cache rejects. */
static void corrupt_entry(const char *path)
{
	struct uabi_sha256 h;
	struct uabi_diag d;
	char *buf, hex[65], head[256];
	unsigned long long ml, bl;
	size_t hl, size;
	FILE *f;

	uabi_diag__clear(&d);
	assert_int_equal(uabi_file__read(path, &buf, &size, &d), 0);
	hl = strcspn(buf, "\n") + 1;
	assert_int_equal(sscanf(buf, "uabi-cache 1 %llu %llu", &ml, &bl), 2);
	assert_int_equal(hl + ml + bl, size);
	put32(buf, hl + ml + 8, UABI_KIO_BLOB_VERSION + 7);
	uabi_sha256__init(&h);
	uabi_sha256__update(&h, buf + hl + ml, bl);
	uabi_sha256__hex(&h, hex);
	snprintf(head, sizeof(head), "uabi-cache 1 %llu %llu %s\n", ml, bl, hex);
	assert_int_equal(strlen(head), hl);
	memcpy(buf, head, hl);
	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fwrite(buf, 1, hl + ml + bl, f), hl + ml + bl);
	assert_int_equal(fclose(f), 0);
	free(buf);
}

static void test_read_cached(void **state)
{
	struct uabi_kio *k;
	char entry[PATH_MAX * 4];

	(void)state;
	assert_false(hit_run());	/* nothing cached yet */
	assert_true(entry_file(entry, sizeof(entry)));
	assert_true(hit_run());
	k = read_run(true);
	assert_int_equal(k->nfiles, 2);	/* foo.c and bar.h say ioctl; plain.h does not */
	assert_string_equal(k->files[0].file, "drivers/foo/foo.c");
	assert_string_equal(k->files[1].file, "include/bar.h");
	assert_true(k->bytes == strlen(text_a) + strlen(text_b) + strlen("int plain;\n") +
			       strlen("obj-y += foo.o\n") +
			       4200 * strlen("int fNNNN;\n") - 10 * 3 - 90 * 2 - 900);
	uabi_kio__free(k);

	/* a scanned file's content, a file that is not scanned: misses */
	put("drivers/foo/foo.c", "long foo_ioctl(void);\n");
	assert_false(hit_run());
	assert_true(hit_run());
	put("include/plain.h", "int plain2;\n");
	assert_false(hit_run());
	assert_true(hit_run());
	put("many/f4199.h", "int f4199 = 1;\n");	/* past the first 4096 hashed */
	assert_false(hit_run());
	assert_true(hit_run());
	/* a new file where the walk looks, even one it does not read */
	put("empty/new.h", "int n;\n");
	assert_false(hit_run());
	assert_true(hit_run());
	put("drivers/foo/README", "x\n");
	assert_false(hit_run());
	assert_true(hit_run());
	/* not where it looks: a dot directory is skipped */
	put(".git/more.c", "long more_ioctl(void);\n");
	assert_true(hit_run());
	/* Documentation's C files are skipped, its build files are read: the
	 * walk looks there */
	put("Documentation/Kconfig", "config DOC\n");
	assert_false(hit_run());
	assert_true(hit_run());

	/* an entry whose blob does not load: a scan, the entry replaced */
	assert_true(entry_file(entry, sizeof(entry)));
	corrupt_entry(entry);
	assert_false(hit_run());
	assert_true(hit_run());

	/* $UABI_NO_CACHE: always a scan */
	setenv("UABI_NO_CACHE", "1", 1);
	assert_false(hit_run());
	assert_false(hit_run());
	unsetenv("UABI_NO_CACHE");
	assert_true(hit_run());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blob_round_trip),
		cmocka_unit_test(test_blob_empty),
		cmocka_unit_test(test_blob_rejected),
		cmocka_unit_test_setup_teardown(test_read_cached, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
