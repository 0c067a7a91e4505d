// SPDX-License-Identifier: MIT
/*
 * JSON I/O of layout dumps (schemas/dump.schema.json) and profile files
 * (schemas/profiles.schema.json). The only file that includes jansson.h.
 *
 * Writing: every value is fresh and set with a *_new setter; the text is
 * json_dumps(JSON_INDENT(1) | JSON_SORT_KEYS) plus a newline, so the same
 * layout always gives the same bytes. Computed fields (spellings, byte
 * offsets and sizes of members, holes, padding, number_hex) are written for
 * readers of the file; uabi itself never reads them back as facts.
 *
 * Reading: strict. Every key must be known, every required key present with
 * the right JSON type, every type id in range, every word (kind, encoding,
 * dir) known. Errors name the file and the JSON path of the bad value.
 * Computed fields are type-checked but ignored: uabi_layout__finish()
 * recomputes them.
 */
#include "json.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fileio.h"
#include "intr.h"

#define DUMP_FLAGS (JSON_INDENT(1) | JSON_SORT_KEYS)
/* Reader limits that keep bit arithmetic (offset + size * 8) far from
 * uint64_t overflow; real uapi types are a few KiB. */
#define MAX_BYTES ((UINT64_C(1) << 58) - 1)
#define MAX_BITS ((UINT64_C(1) << 61) - 1)
#define SPELL_MAX 1024

/* ------------------------------------------------------------------ */
/* writing                                                              */
/* ------------------------------------------------------------------ */

struct wr {
	const struct uabi_layout *l;
	struct uabi_diag *d;
	const char *label;	/* names the layout in messages */
	int err;		/* first failure, -errno; d is set */
};

static void wfail(struct wr *w, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void wfail(struct wr *w, int err, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (w->err)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	w->err = uabi_diag__input(w->d, err, "%s: %s", w->label, msg);
}

/* Set a fresh value; a NULL value means jansson ran out of memory. */
static void put(struct wr *w, json_t *o, const char *key, json_t *v)
{
	if (!v || json_object_set_new(o, key, v))
		wfail(w, ENOMEM, "%s: out of memory", key);
}

static void push(struct wr *w, json_t *a, json_t *v)
{
	if (!v || json_array_append_new(a, v))
		wfail(w, ENOMEM, "out of memory");
}

/* A string, or null for NULL. json_string() refuses invalid UTF-8. */
static json_t *jstr(struct wr *w, const char *s, const char *what)
{
	json_t *v;

	if (!s)
		return json_null();
	v = json_string(s);
	if (!v)
		wfail(w, EILSEQ, "%s: not valid UTF-8", what);
	return v;
}

/* A string that the schema requires: NULL is an error. */
static json_t *jreq(struct wr *w, const char *s, const char *what)
{
	if (!s) {
		wfail(w, EINVAL, "%s: missing", what);
		return NULL;
	}
	return jstr(w, s, what);
}

/* An integer the reader accepts back: at most max. */
static json_t *jlim(struct wr *w, uint64_t v, uint64_t max, const char *what)
{
	if (v > max) {
		wfail(w, ERANGE, "%s: %" PRIu64 " above the dump limit %" PRIu64, what, v, max);
		return NULL;
	}
	return json_integer((json_int_t)v);
}

static json_t *jint(struct wr *w, uint64_t v, const char *what)
{
	return jlim(w, v, INT64_MAX, what);
}

static json_t *jid(struct wr *w, uint32_t id)
{
	return id == UABI_NO_TYPE ? json_null() : json_integer(id);
}

static json_t *jspell(struct wr *w, uint32_t id)
{
	char buf[SPELL_MAX];

	if (id == UABI_NO_TYPE)
		return json_null();
	return jstr(w, uabi_layout__type_name(w->l, id, buf, sizeof(buf)), "spelling");
}

static json_t *jstrv(struct wr *w, const char *const *v, uint32_t n, const char *what)
{
	json_t *a = json_array();

	for (uint32_t i = 0; a && i < n; i++)
		push(w, a, jreq(w, v[i], what));
	return a;
}

static json_t *profile_json(struct wr *w)
{
	const struct uabi_profile_facts *p = &w->l->profile;
	json_t *o = json_object();

	if (!o)
		return NULL;
	put(w, o, "name", jreq(w, p->name, "profile.name"));
	put(w, o, "arch", jreq(w, p->arch, "profile.arch"));
	put(w, o, "model", jreq(w, p->model, "profile.model"));
	put(w, o, "endian", jreq(w, p->endian, "profile.endian"));
	put(w, o, "pointer_size", json_integer(p->pointer_size));
	put(w, o, "long_size", json_integer(p->long_size));
	put(w, o, "producer", jstr(w, p->producer, "profile.producer"));
	put(w, o, "cc", jstrv(w, p->cc, p->ncc, "profile.cc"));
	return o;
}

static json_t *input_json(struct wr *w)
{
	const struct uabi_input_facts *in = &w->l->input;
	json_t *o = json_object();

	if (!o)
		return NULL;
	put(w, o, "kind", jreq(w, in->kind, "input.kind"));
	put(w, o, "root", jreq(w, in->root, "input.root"));
	put(w, o, "headers", jstrv(w, in->headers, in->nheaders, "input.headers"));
	put(w, o, "files", jstrv(w, in->files, in->nfiles, "input.files"));
	put(w, o, "kernel_version", jstr(w, in->kernel_version, "input.kernel_version"));
	put(w, o, "sha256", jreq(w, in->sha256, "input.sha256"));
	if (in->all)
		put(w, o, "all", json_true());
	if (in->nskipped) {
		json_t *a = json_array();

		for (uint32_t i = 0; a && i < in->nskipped; i++) {
			json_t *e = json_object();

			if (e) {
				put(w, e, "header", jreq(w, in->skipped[i].header, "input.skipped.header"));
				put(w, e, "reason", jreq(w, in->skipped[i].reason, "input.skipped.reason"));
			}
			push(w, a, e);
		}
		put(w, o, "skipped", a);
	}
	return o;
}

static json_t *ioctl_json(struct wr *w, const struct uabi_ioctl *io)
{
	json_t *o = json_object();
	char hex[32];

	if (!o)
		return NULL;
	snprintf(hex, sizeof(hex), "0x%" PRIx64, io->number);
	put(w, o, "name", jreq(w, io->name, "ioctls[].name"));
	put(w, o, "macro", jreq(w, io->macro, "ioctls[].macro"));
	put(w, o, "arg_type", jstr(w, io->arg_type, "ioctls[].arg_type"));
	if (io->declared)
		put(w, o, "declared", json_true());
	put(w, o, "applicable", json_boolean(io->applicable));
	if (!io->applicable && io->reason)
		put(w, o, "reason", jstr(w, io->reason, "ioctls[].reason"));
	put(w, o, "number", jint(w, io->number, "ioctls[].number"));
	put(w, o, "number_hex", json_string(hex));
	if ((unsigned)io->dir > UABI_DIR_RW)
		wfail(w, EINVAL, "ioctl %s: bad direction %d", io->name, (int)io->dir);
	put(w, o, "dir", json_string(uabi_dir__str(io->dir)));
	put(w, o, "type", json_integer(io->type_field));
	put(w, o, "nr", json_integer(io->nr));
	put(w, o, "size", json_integer(io->size));
	put(w, o, "arg", jid(w, io->type));
	put(w, o, "arg_spelling", jspell(w, io->type));
	put(w, o, "file", jstr(w, io->decl_file, "ioctls[].file"));
	put(w, o, "line", json_integer(io->decl_line));
	if (io->supplier)
		put(w, o, "uses_header", jstr(w, io->supplier, "ioctls[].uses_header"));
	return o;
}

static json_t *root_json(struct wr *w, const struct uabi_root *r)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	put(w, o, "name", jreq(w, r->name, "roots[].name"));
	put(w, o, "applicable", json_boolean(r->applicable));
	if (!r->applicable && r->reason)
		put(w, o, "reason", jstr(w, r->reason, "roots[].reason"));
	put(w, o, "type", jid(w, r->type));
	put(w, o, "spelling", jspell(w, r->type));
	return o;
}

static json_t *member_json(struct wr *w, const struct uabi_member *m)
{
	uint64_t bits = uabi_layout__member_bits(w->l, m);
	json_t *o = json_object();

	if (!o)
		return NULL;
	put(w, o, "name", jstr(w, m->name, "members[].name"));
	put(w, o, "type", jid(w, m->type));
	put(w, o, "type_spelling", jspell(w, m->type));
	put(w, o, "bit_offset", jlim(w, m->bit_offset, MAX_BITS, "members[].bit_offset"));
	if (m->bit_size)
		put(w, o, "bit_size", json_integer(m->bit_size));
	put(w, o, "offset", jint(w, m->bit_offset / 8, "members[].offset"));
	/* bytes the member touches: a 4-bit field at bit 6 covers two */
	put(w, o, "size", jint(w, (m->bit_offset + bits + 7) / 8 - m->bit_offset / 8,
			       "members[].size"));
	if (m->align)
		put(w, o, "align", json_integer(m->align));
	put(w, o, "file", jstr(w, m->decl_file, "members[].file"));
	put(w, o, "line", json_integer(m->decl_line));
	return o;
}

static json_t *enumerator_json(struct wr *w, const struct uabi_enumerator *e)
{
	json_t *o = json_object();
	char num[32];

	if (!o)
		return NULL;
	put(w, o, "name", jreq(w, e->name, "enumerators[].name"));
	if (e->is_unsigned && e->value < 0) {
		/* above INT64_MAX: JSON integers are int64 in most readers */
		snprintf(num, sizeof(num), "%" PRIu64, (uint64_t)e->value);
		put(w, o, "value", json_string(num));
	} else {
		put(w, o, "value", json_integer(e->value));
	}
	return o;
}

static bool has_ref(enum uabi_kind k)
{
	switch (k) {
	case UABI_KIND_ENUM:
	case UABI_KIND_TYPEDEF:
	case UABI_KIND_POINTER:
	case UABI_KIND_ARRAY:
	case UABI_KIND_CONST:
	case UABI_KIND_VOLATILE:
	case UABI_KIND_FUNC:
		return true;
	default:
		return false;
	}
}

static bool is_aggregate(enum uabi_kind k)
{
	return k == UABI_KIND_STRUCT || k == UABI_KIND_UNION;
}

static json_t *type_json(struct wr *w, uint32_t id)
{
	const struct uabi_type *t = &w->l->types[id];
	json_t *o = json_object(), *a;

	if (!o)
		return NULL;
	if ((unsigned)t->kind >= UABI_KIND__COUNT) {
		wfail(w, EINVAL, "type %u: bad kind %d", id, (int)t->kind);
		return o;
	}
	put(w, o, "id", json_integer(id));
	put(w, o, "kind", json_string(uabi_kind__str(t->kind)));
	if (t->name)
		put(w, o, "name", jstr(w, t->name, "types[].name"));
	put(w, o, "spelling", jspell(w, id));
	put(w, o, "size", jlim(w, t->size, MAX_BYTES, "types[].size"));
	put(w, o, "align", json_integer(t->align));
	if (t->measured_align)
		put(w, o, "measured_align", json_true());
	if (has_ref(t->kind) && t->ref != UABI_NO_TYPE)
		put(w, o, "ref", json_integer(t->ref));
	if (t->kind == UABI_KIND_BASE) {
		if ((unsigned)t->encoding > UABI_ENC_OTHER)
			wfail(w, EINVAL, "type %u: bad encoding %d", id, (int)t->encoding);
		put(w, o, "encoding", json_string(uabi_encoding__str(t->encoding)));
	}
	if ((is_aggregate(t->kind) || t->kind == UABI_KIND_ENUM) && t->declaration)
		put(w, o, "declaration", json_true());
	if (t->kind == UABI_KIND_ARRAY) {
		put(w, o, "count", jlim(w, t->count, MAX_BYTES, "types[].count"));
		put(w, o, "flexible", json_boolean(t->flexible));
	}
	if (is_aggregate(t->kind)) {
		a = json_array();
		for (uint32_t i = 0; a && i < t->nmembers; i++)
			push(w, a, member_json(w, &t->members[i]));
		put(w, o, "members", a);
		a = json_array();
		for (uint32_t i = 0; a && i < t->nholes; i++) {
			json_t *h = json_object();

			if (h) {
				put(w, h, "bit_offset", jint(w, t->holes[i].bit_offset, "holes[]"));
				put(w, h, "bit_size", jint(w, t->holes[i].bit_size, "holes[]"));
				put(w, h, "after", json_integer(t->holes[i].after));
			}
			push(w, a, h);
		}
		put(w, o, "holes", a);
		put(w, o, "hole_bits", jint(w, t->hole_bits, "hole_bits"));
		put(w, o, "tail_padding_bits", jint(w, t->tail_padding_bits, "tail_padding_bits"));
		put(w, o, "packed", json_boolean(t->packed));
		put(w, o, "has_flexible", json_boolean(t->has_flexible));
	}
	if (t->kind == UABI_KIND_ENUM) {
		a = json_array();
		for (uint32_t i = 0; a && i < t->nenumerators; i++)
			push(w, a, enumerator_json(w, &t->enumerators[i]));
		put(w, o, "enumerators", a);
	}
	if (t->decl_file) {
		put(w, o, "file", jstr(w, t->decl_file, "types[].file"));
		put(w, o, "line", json_integer(t->decl_line));
	}
	return o;
}

static int cmp_ioctl_ptr(const void *a, const void *b)
{
	const struct uabi_ioctl *x = *(const struct uabi_ioctl *const *)a;
	const struct uabi_ioctl *y = *(const struct uabi_ioctl *const *)b;

	return strcmp(x->name, y->name);
}

/* Ioctls in name order whatever the model holds; duplicates are an error
 * because the reader rejects them. No global state: extract -j writes
 * dumps from several threads. */
static json_t *ioctls_json(struct wr *w)
{
	const struct uabi_layout *l = w->l;
	const struct uabi_ioctl **order;
	json_t *a = json_array();

	if (!a)
		return NULL;
	for (uint32_t i = 0; i < l->nioctls; i++)
		if (!l->ioctls[i].name) {
			wfail(w, EINVAL, "ioctls[%u].name: missing", i);
			return a;
		}
	order = malloc((l->nioctls + 1) * sizeof(*order));
	if (!order) {
		wfail(w, ENOMEM, "out of memory");
		return a;
	}
	for (uint32_t i = 0; i < l->nioctls; i++)
		order[i] = &l->ioctls[i];
	qsort(order, l->nioctls, sizeof(*order), cmp_ioctl_ptr);
	for (uint32_t i = 0; i < l->nioctls; i++) {
		if (i && !strcmp(order[i]->name, order[i - 1]->name))
			wfail(w, EINVAL, "ioctl %s: listed twice", order[i]->name);
		push(w, a, ioctl_json(w, order[i]));
	}
	free(order);
	return a;
}

static json_t *layout_json(struct wr *w)
{
	const struct uabi_layout *l = w->l;
	json_t *o = json_object(), *a;

	if (!o) {
		wfail(w, ENOMEM, "out of memory");
		return NULL;
	}
	put(w, o, "schema_version", json_integer(UABI_SCHEMA_VERSION));
	put(w, o, "profile", profile_json(w));
	put(w, o, "input", input_json(w));
	put(w, o, "ioctls", ioctls_json(w));
	a = json_array();
	for (uint32_t i = 0; a && i < l->nroots; i++)
		push(w, a, root_json(w, &l->roots[i]));
	put(w, o, "roots", a);
	a = json_array();
	for (uint32_t i = 0; a && i < l->ntypes; i++)
		push(w, a, type_json(w, i));
	put(w, o, "types", a);
	return o;
}

/* json_dumps() text plus the trailing newline every text file deserves. */
static char *dumps(struct wr *w, json_t *root)
{
	char *s, *t;
	size_t n;

	s = json_dumps(root, DUMP_FLAGS);
	if (!s) {
		wfail(w, ENOMEM, "out of memory");
		return NULL;
	}
	n = strlen(s);
	t = realloc(s, n + 2);
	if (!t) {
		free(s);
		wfail(w, ENOMEM, "out of memory");
		return NULL;
	}
	t[n] = '\n';
	t[n + 1] = '\0';
	return t;
}

void uabi_json__init_threads(void)
{
	json_object_seed(0);
}

char *uabi_json__dump_layout(const struct uabi_layout *l, struct uabi_diag *d)
{
	struct wr w = { .l = l, .d = d, .label = l->profile.name ? l->profile.name : "layout" };
	json_t *root;
	char *s = NULL;

	root = layout_json(&w);
	if (!w.err)
		s = dumps(&w, root);
	json_decref(root);
	return w.err ? NULL : s;
}

int uabi_json__write_layout(const struct uabi_layout *l, const char *path, struct uabi_diag *d)
{
	char *s = uabi_json__dump_layout(l, d);
	int err;

	if (!s)
		return d && d->err ? -d->err : -EINVAL;
	err = uabi_file__write_atomic(path, s, strlen(s), d);
	free(s);
	return err;
}

/* The writer's layout (DUMP_FLAGS, sorted keys) puts "input" first in
 * the top object and its "root" key at indent 2; no string holds a raw
 * newline, so the first newline, 2 spaces and "root": before input's
 * closing newline, space and brace is input.root. */
char *uabi_json__dump_set_root(const char *dump, size_t len, const char *root, size_t *outlen)
{
	static const char head[] = "{\n \"input\": {\n", root_key[] = "\n  \"root\": ";
	const char *key, *val, *end;
	char *q, *out;
	json_t *v;
	size_t n;

	if (len < sizeof(head) - 1 || memcmp(dump, head, sizeof(head) - 1))
		return NULL;
	key = memmem(dump, len, root_key, sizeof(root_key) - 1);
	if (!key || memmem(dump, (size_t)(key - dump), "\n }", 3))
		return NULL;
	val = key + sizeof(root_key) - 1;
	if (val >= dump + len || *val != '"')
		return NULL;
	for (end = val + 1; end < dump + len && *end != '"'; end++)
		if (*end == '\\')
			end++;
		else if (*end == '\n')
			return NULL;
	if (end >= dump + len)
		return NULL;
	end++;	/* past the closing quote */
	/* the writer's spelling of root: Jansson's, with its flags */
	v = json_string(root);
	if (!v)
		return NULL;	/* not UTF-8: the writer refuses it */
	q = json_dumps(v, DUMP_FLAGS | JSON_ENCODE_ANY);
	json_decref(v);
	if (!q)
		return NULL;
	n = strlen(q);
	out = malloc((size_t)(val - dump) + n + (size_t)(dump + len - end) + 1);
	if (out) {
		memcpy(out, dump, (size_t)(val - dump));
		memcpy(out + (val - dump), q, n);
		memcpy(out + (val - dump) + n, end, (size_t)(dump + len - end));
		*outlen = (size_t)(val - dump) + n + (size_t)(dump + len - end);
		out[*outlen] = '\0';
	}
	free(q);
	return out;
}

/* ------------------------------------------------------------------ */
/* reading                                                              */
/* ------------------------------------------------------------------ */

/* What a value may be, for get(). */
enum {
	T_OBJ = 1 << 0,
	T_ARR = 1 << 1,
	T_STR = 1 << 2,
	T_INT = 1 << 3,
	T_BOOL = 1 << 4,
	T_NULL = 1 << 5,
	OPT = 1 << 6,		/* the key may be absent */
};

struct rd {
	const char *file;
	struct uabi_diag *d;
	struct uabi_arena *arena;
	uint32_t ntypes;
};

static void path_join(char *buf, size_t len, const char *base, const char *key)
{
	if (base && *base && key)
		snprintf(buf, len, "%s.%s", base, key);
	else
		snprintf(buf, len, "%s", key ? key : base ? base : "");
}

static int bad(struct rd *r, const char *base, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int bad(struct rd *r, const char *base, const char *key, const char *fmt, ...)
{
	char path[512], msg[1024];
	va_list ap;

	path_join(path, sizeof(path), base, key);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (*path)
		return uabi_diag__input(r->d, EINVAL, "%s: %s: %s", r->file, path, msg);
	return uabi_diag__input(r->d, EINVAL, "%s: %s", r->file, msg);
}

static const char *jtype_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "object";
	case JSON_ARRAY:
		return "array";
	case JSON_STRING:
		return "string";
	case JSON_INTEGER:
		return "integer";
	case JSON_REAL:
		return "real";
	case JSON_TRUE:
	case JSON_FALSE:
		return "boolean";
	case JSON_NULL:
		return "null";
	}
	return "?";
}

static unsigned jtype_bit(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return T_OBJ;
	case JSON_ARRAY:
		return T_ARR;
	case JSON_STRING:
		return T_STR;
	case JSON_INTEGER:
		return T_INT;
	case JSON_TRUE:
	case JSON_FALSE:
		return T_BOOL;
	case JSON_NULL:
		return T_NULL;
	default:
		return 0;
	}
}

static void want_name(char *buf, size_t len, unsigned want)
{
	static const char *const names[] = { "object", "array", "string", "integer", "boolean",
					     "null" };
	size_t pos = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < 6; i++) {
		if (!(want & (1u << i)))
			continue;
		pos += snprintf(buf + pos, len - pos, "%s%s", pos ? " or " : "", names[i]);
		if (pos >= len)
			break;
	}
}

/* The value at key of o, checked against want. *out is NULL when an OPT
 * key is absent or a T_NULL value is null. */
static int get(struct rd *r, json_t *o, const char *base, const char *key, unsigned want,
	       json_t **out)
{
	json_t *v = json_object_get(o, key);
	char w[64];

	*out = NULL;
	if (!v) {
		if (want & OPT)
			return 0;
		return bad(r, base, key, "missing");
	}
	if (!(jtype_bit(v) & want)) {
		want_name(w, sizeof(w), want);
		return bad(r, base, key, "expected %s, got %s", w, jtype_name(v));
	}
	if (!json_is_null(v))
		*out = v;
	return 0;
}

static int get_str(struct rd *r, json_t *o, const char *base, const char *key, unsigned flags,
		   const char **out)
{
	json_t *v;
	int err = get(r, o, base, key, T_STR | flags, &v);

	*out = NULL;
	if (err || !v)
		return err;
	/* uabi writes every name escaped (\xNN): raw control or non-UTF-8
	 * bytes mean another writer, and would reach reports unescaped */
	if (uabi_escape__needed(json_string_value(v), false))
		return bad(r, base, key, "control or non-UTF-8 bytes (uabi writes them escaped)");
	*out = uabi_arena__strdup(r->arena, json_string_value(v));
	if (!*out)
		return uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->file);
	return 0;
}

static int get_uint(struct rd *r, json_t *o, const char *base, const char *key, unsigned flags,
		    uint64_t max, uint64_t *out)
{
	json_int_t n;
	json_t *v;
	int err = get(r, o, base, key, T_INT | flags, &v);

	if (err || !v)
		return err;
	n = json_integer_value(v);
	if (n < 0 || (uint64_t)n > max)
		return bad(r, base, key, "%lld out of range (0..%" PRIu64 ")", (long long)n, max);
	*out = (uint64_t)n;
	return 0;
}

static int get_u32(struct rd *r, json_t *o, const char *base, const char *key, unsigned flags,
		   uint32_t *out)
{
	uint64_t v = *out;
	int err = get_uint(r, o, base, key, flags, UINT32_MAX, &v);

	*out = (uint32_t)v;
	return err;
}

static int get_bool(struct rd *r, json_t *o, const char *base, const char *key, unsigned flags,
		    bool *out)
{
	json_t *v;
	int err = get(r, o, base, key, T_BOOL | flags, &v);

	if (!err && v)
		*out = json_is_true(v);
	return err;
}

/* A type id (or null where allowed), in range of the types array. */
static int get_id(struct rd *r, json_t *o, const char *base, const char *key, unsigned flags,
		  uint32_t *out)
{
	json_t *v;
	int err = get(r, o, base, key, T_INT | flags, &v);
	json_int_t n;

	*out = UABI_NO_TYPE;
	if (err || !v)
		return err;
	n = json_integer_value(v);
	if (n < 0 || n >= (json_int_t)r->ntypes)
		return bad(r, base, key, "id %lld out of range (%u types)", (long long)n, r->ntypes);
	*out = (uint32_t)n;
	return 0;
}

/* A word from a fixed vocabulary (parse returns -1 if unknown). */
static int get_word(struct rd *r, json_t *o, const char *base, const char *key,
		    int (*parse)(const char *), const char *what, int *out)
{
	json_t *v;
	int err = get(r, o, base, key, T_STR, &v);

	if (err)
		return err;
	*out = parse(json_string_value(v));
	if (*out < 0)
		return bad(r, base, key, "unknown %s '%s'", what, json_string_value(v));
	return 0;
}

/* Array of strings into an arena array. */
static int get_strv(struct rd *r, json_t *o, const char *base, const char *key,
		    const char ***out, uint32_t *n)
{
	char path[512];
	json_t *a, *v;
	size_t i;
	int err = get(r, o, base, key, T_ARR, &a);

	if (err)
		return err;
	if (json_array_size(a) >= UINT32_MAX)
		return bad(r, base, key, "too many entries");
	*n = (uint32_t)json_array_size(a);
	*out = uabi_arena__alloc(r->arena, (*n + 1) * sizeof(**out));
	if (!*out)
		return uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->file);
	path_join(path, sizeof(path), base, key);
	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			return bad(r, NULL, NULL, "%s[%zu]: expected string, got %s", path, i,
				   jtype_name(v));
		if (uabi_escape__needed(json_string_value(v), false))
			return bad(r, NULL, NULL, "%s[%zu]: control or non-UTF-8 bytes (uabi writes "
				   "them escaped)", path, i);
		(*out)[i] = uabi_arena__strdup(r->arena, json_string_value(v));
		if (!(*out)[i])
			return uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->file);
	}
	return 0;
}

static bool in_list(const char *key, const char *const *list)
{
	for (; list && *list; list++)
		if (!strcmp(key, *list))
			return true;
	return false;
}

/* Every key of o must be in one of the two lists. Reports the smallest
 * unknown key so the message does not depend on hash order. */
static int check_keys(struct rd *r, json_t *o, const char *base, const char *const *a,
		      const char *const *b, const char *what)
{
	const char *key, *worst = NULL;
	json_t *v;

	json_object_foreach(o, key, v) {
		if (in_list(key, a) || in_list(key, b))
			continue;
		if (!worst || strcmp(key, worst) < 0)
			worst = key;
	}
	if (worst)
		return bad(r, base, worst, "unknown field%s%s", what ? " for " : "",
			   what ? what : "");
	return 0;
}

static int expect_obj(struct rd *r, json_t *v, const char *path)
{
	if (json_is_object(v))
		return 0;
	return bad(r, path, NULL, "expected object, got %s", jtype_name(v));
}

#define TRY(x)                          \
	do {                            \
		int err_ = (x);         \
		if (err_)               \
			return err_;    \
	} while (0)

static const char *const profile_keys[] = {
	"name", "arch", "model", "endian", "pointer_size", "long_size", "producer", "cc", NULL,
};

static int read_profile_facts(struct rd *r, json_t *o, struct uabi_layout *l)
{
	struct uabi_profile_facts *p = &l->profile;
	const char *b = "profile";

	TRY(check_keys(r, o, b, profile_keys, NULL, NULL));
	TRY(get_str(r, o, b, "name", 0, &p->name));
	TRY(get_str(r, o, b, "arch", 0, &p->arch));
	TRY(get_str(r, o, b, "model", 0, &p->model));
	TRY(get_str(r, o, b, "endian", 0, &p->endian));
	TRY(get_u32(r, o, b, "pointer_size", 0, &p->pointer_size));
	TRY(get_u32(r, o, b, "long_size", 0, &p->long_size));
	TRY(get_str(r, o, b, "producer", T_NULL, &p->producer));
	return get_strv(r, o, b, "cc", &p->cc, &p->ncc);
}

static const char *const input_keys[] = {
	"kind", "root", "headers", "files", "kernel_version", "sha256", "all", "skipped", NULL,
};

static const char *const skipped_keys[] = { "header", "reason", NULL };

/* input.skipped: the headers this ABI did not judge, with the reason
 * (absent in dumps of runs that judged every selected header) */
static int read_skipped(struct rd *r, json_t *o, struct uabi_input_facts *in)
{
	char path[64];
	json_t *a, *v;
	size_t i;
	int err = get(r, o, "input", "skipped", T_ARR | OPT, &a);

	if (err || !a)
		return err;
	if (json_array_size(a) >= UINT32_MAX / 2)
		return bad(r, "input", "skipped", "too many entries");
	in->nskipped = (uint32_t)json_array_size(a);
	struct uabi_skipped_header *sk = uabi_arena__alloc(r->arena, (in->nskipped + 1) * sizeof(*sk));

	if (!sk)
		return uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->file);
	json_array_foreach(a, i, v) {
		snprintf(path, sizeof(path), "input.skipped[%zu]", i);
		TRY(expect_obj(r, v, path));
		TRY(check_keys(r, v, path, skipped_keys, NULL, NULL));
		TRY(get_str(r, v, path, "header", 0, &sk[i].header));
		TRY(get_str(r, v, path, "reason", 0, &sk[i].reason));
	}
	in->skipped = sk;
	return 0;
}

static int read_input_facts(struct rd *r, json_t *o, struct uabi_layout *l)
{
	struct uabi_input_facts *in = &l->input;
	const char *b = "input";

	TRY(check_keys(r, o, b, input_keys, NULL, NULL));
	TRY(get_str(r, o, b, "kind", 0, &in->kind));
	TRY(get_str(r, o, b, "root", 0, &in->root));
	TRY(get_strv(r, o, b, "headers", &in->headers, &in->nheaders));
	TRY(get_strv(r, o, b, "files", &in->files, &in->nfiles));
	TRY(get_str(r, o, b, "kernel_version", T_NULL, &in->kernel_version));
	TRY(read_skipped(r, o, in));
	TRY(get_bool(r, o, b, "all", OPT, &in->all));
	return get_str(r, o, b, "sha256", 0, &in->sha256);
}

static const char *const ioctl_keys[] = {
	"name", "macro", "arg_type", "declared", "applicable", "reason", "number", "number_hex",
	"dir", "type", "nr", "size", "arg", "arg_spelling", "file", "line", "uses_header", NULL,
};

static int read_ioctl(struct rd *r, json_t *o, const char *b, struct uabi_ioctl *io)
{
	json_t *ignored;
	int dir;

	TRY(expect_obj(r, o, b));
	TRY(check_keys(r, o, b, ioctl_keys, NULL, NULL));
	TRY(get_str(r, o, b, "name", 0, &io->name));
	TRY(get_str(r, o, b, "macro", 0, &io->macro));
	TRY(get_str(r, o, b, "arg_type", T_NULL, &io->arg_type));
	TRY(get_bool(r, o, b, "declared", OPT, &io->declared));
	if (io->declared && !io->arg_type)
		return bad(r, b, "declared", "true without an arg_type");
	TRY(get_bool(r, o, b, "applicable", 0, &io->applicable));
	TRY(get_str(r, o, b, "reason", OPT, &io->reason));
	if (io->applicable && io->reason)
		return bad(r, b, "reason", "given for an applicable ioctl");
	TRY(get_uint(r, o, b, "number", 0, INT64_MAX, &io->number));
	TRY(get(r, o, b, "number_hex", T_STR | OPT, &ignored));
	TRY(get_word(r, o, b, "dir", uabi_dir__parse, "direction", &dir));
	io->dir = (enum uabi_ioctl_dir)dir;
	TRY(get_u32(r, o, b, "type", 0, &io->type_field));
	TRY(get_u32(r, o, b, "nr", 0, &io->nr));
	TRY(get_u32(r, o, b, "size", 0, &io->size));
	TRY(get_id(r, o, b, "arg", T_NULL, &io->type));
	TRY(get(r, o, b, "arg_spelling", T_STR | T_NULL | OPT, &ignored));
	TRY(get_str(r, o, b, "file", T_NULL, &io->decl_file));
	TRY(get_str(r, o, b, "uses_header", OPT, &io->supplier));
	return get_u32(r, o, b, "line", 0, &io->decl_line);
}

static const char *const root_keys[] = {
	"name", "applicable", "reason", "type", "spelling", NULL,
};

static int read_root(struct rd *r, json_t *o, const char *b, struct uabi_root *rt)
{
	json_t *ignored;

	TRY(expect_obj(r, o, b));
	TRY(check_keys(r, o, b, root_keys, NULL, NULL));
	TRY(get_str(r, o, b, "name", 0, &rt->name));
	TRY(get_bool(r, o, b, "applicable", 0, &rt->applicable));
	TRY(get_str(r, o, b, "reason", OPT, &rt->reason));
	if (rt->applicable && rt->reason)
		return bad(r, b, "reason", "given for an applicable root");
	TRY(get_id(r, o, b, "type", T_NULL, &rt->type));
	return get(r, o, b, "spelling", T_STR | T_NULL | OPT, &ignored);
}

static const char *const member_keys[] = {
	"name", "type", "type_spelling", "bit_offset", "bit_size", "offset", "size", "align",
	"file", "line", NULL,
};

static int read_member(struct rd *r, json_t *o, const char *b, struct uabi_member *m)
{
	json_t *ignored;

	TRY(expect_obj(r, o, b));
	TRY(check_keys(r, o, b, member_keys, NULL, NULL));
	TRY(get_str(r, o, b, "name", T_NULL, &m->name));
	TRY(get_id(r, o, b, "type", 0, &m->type));
	TRY(get(r, o, b, "type_spelling", T_STR | OPT, &ignored));
	TRY(get_uint(r, o, b, "bit_offset", 0, MAX_BITS, &m->bit_offset));
	TRY(get_u32(r, o, b, "bit_size", OPT, &m->bit_size));
	TRY(get(r, o, b, "offset", T_INT | OPT, &ignored));
	TRY(get(r, o, b, "size", T_INT | OPT, &ignored));
	TRY(get_u32(r, o, b, "align", OPT, &m->align));
	TRY(get_str(r, o, b, "file", T_NULL, &m->decl_file));
	return get_u32(r, o, b, "line", 0, &m->decl_line);
}

static const char *const enumerator_keys[] = { "name", "value", NULL };

static int read_enumerator(struct rd *r, json_t *o, const char *b, struct uabi_enumerator *e)
{
	json_t *v;
	const char *s;
	char canon[32];
	unsigned long long u;
	char *end;

	TRY(expect_obj(r, o, b));
	TRY(check_keys(r, o, b, enumerator_keys, NULL, NULL));
	TRY(get_str(r, o, b, "name", 0, &e->name));
	TRY(get(r, o, b, "value", T_INT | T_STR, &v));
	if (json_is_integer(v)) {
		e->value = json_integer_value(v);
		e->is_unsigned = false;
		return 0;
	}
	/* the only string form: an unsigned value above INT64_MAX, canonical */
	s = json_string_value(v);
	errno = 0;
	u = strtoull(s, &end, 10);
	snprintf(canon, sizeof(canon), "%llu", u);
	if (errno || *end || !*s || strcmp(canon, s) || u <= INT64_MAX)
		return bad(r, b, "value", "'%s' is not a decimal above %lld (write smaller values as integers)",
			   s, (long long)INT64_MAX);
	e->value = (int64_t)u;
	e->is_unsigned = true;
	return 0;
}

static const char *const type_keys[] = {
	"id", "kind", "name", "spelling", "size", "align", "measured_align", "file", "line", NULL,
};
static const char *const base_keys[] = { "encoding", NULL };
static const char *const aggregate_keys[] = {
	"declaration", "members", "holes", "hole_bits", "tail_padding_bits", "packed",
	"has_flexible", NULL,
};
static const char *const enum_keys[] = { "declaration", "ref", "enumerators", NULL };
static const char *const ref_keys[] = { "ref", NULL };
static const char *const array_keys[] = { "ref", "count", "flexible", NULL };

static const char *const *kind_keys(enum uabi_kind k)
{
	switch (k) {
	case UABI_KIND_BASE:
		return base_keys;
	case UABI_KIND_STRUCT:
	case UABI_KIND_UNION:
		return aggregate_keys;
	case UABI_KIND_ENUM:
		return enum_keys;
	case UABI_KIND_ARRAY:
		return array_keys;
	case UABI_KIND_VOID:
		return NULL;
	default:
		return ref_keys;
	}
}

static int read_members(struct rd *r, struct uabi_type *t, json_t *o, const char *b)
{
	char path[128];
	json_t *a, *v;
	size_t i;

	TRY(get(r, o, b, "members", T_ARR, &a));
	if (json_array_size(a) >= UINT32_MAX)
		return bad(r, b, "members", "too many entries");
	t->nmembers = (uint32_t)json_array_size(a);
	t->members = uabi_arena__alloc(r->arena, (t->nmembers + 1) * sizeof(*t->members));
	if (!t->members)
		return uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->file);
	json_array_foreach(a, i, v) {
		snprintf(path, sizeof(path), "%s.members[%zu]", b, i);
		TRY(read_member(r, v, path, &t->members[i]));
	}
	return 0;
}

static int read_enumerators(struct rd *r, struct uabi_type *t, json_t *o, const char *b)
{
	char path[128];
	json_t *a, *v;
	size_t i;

	TRY(get(r, o, b, "enumerators", T_ARR, &a));
	if (json_array_size(a) >= UINT32_MAX)
		return bad(r, b, "enumerators", "too many entries");
	t->nenumerators = (uint32_t)json_array_size(a);
	t->enumerators = uabi_arena__alloc(r->arena,
					   (t->nenumerators + 1) * sizeof(*t->enumerators));
	if (!t->enumerators)
		return uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->file);
	json_array_foreach(a, i, v) {
		snprintf(path, sizeof(path), "%s.enumerators[%zu]", b, i);
		TRY(read_enumerator(r, v, path, &t->enumerators[i]));
	}
	return 0;
}

static int read_type(struct rd *r, json_t *o, uint32_t idx, struct uabi_type *t)
{
	char b[64], what[32];
	uint64_t id = 0;
	json_t *ignored;
	int kind, enc;

	snprintf(b, sizeof(b), "types[%u]", idx);
	TRY(expect_obj(r, o, b));
	TRY(get_uint(r, o, b, "id", 0, UINT32_MAX, &id));
	if (id != idx)
		return bad(r, b, "id", "%" PRIu64 " does not match its position %u", id, idx);
	TRY(get_word(r, o, b, "kind", uabi_kind__parse, "kind", &kind));
	t->kind = (enum uabi_kind)kind;
	snprintf(what, sizeof(what), "kind %s", uabi_kind__str(t->kind));
	TRY(check_keys(r, o, b, type_keys, kind_keys(t->kind), what));

	TRY(get_str(r, o, b, "name", OPT, &t->name));
	TRY(get(r, o, b, "spelling", T_STR | OPT, &ignored));
	TRY(get_uint(r, o, b, "size", 0, MAX_BYTES, &t->size));
	TRY(get_u32(r, o, b, "align", 0, &t->align));
	TRY(get_bool(r, o, b, "measured_align", OPT, &t->measured_align));
	TRY(get_str(r, o, b, "file", OPT, &t->decl_file));
	TRY(get_u32(r, o, b, "line", OPT, &t->decl_line));
	TRY(get_id(r, o, b, "ref", t->kind == UABI_KIND_ARRAY ? 0 : OPT, &t->ref));
	TRY(get_bool(r, o, b, "declaration", OPT, &t->declaration));

	switch (t->kind) {
	case UABI_KIND_BASE:
		TRY(get_word(r, o, b, "encoding", uabi_encoding__parse, "encoding", &enc));
		t->encoding = (enum uabi_encoding)enc;
		break;
	case UABI_KIND_ARRAY:
		TRY(get_uint(r, o, b, "count", 0, MAX_BYTES, &t->count));
		TRY(get_bool(r, o, b, "flexible", 0, &t->flexible));
		break;
	case UABI_KIND_STRUCT:
	case UABI_KIND_UNION:
		TRY(read_members(r, t, o, b));
		/* computed: checked for shape, recomputed by uabi_layout__finish() */
		TRY(get(r, o, b, "holes", T_ARR | OPT, &ignored));
		TRY(get(r, o, b, "hole_bits", T_INT | OPT, &ignored));
		TRY(get(r, o, b, "tail_padding_bits", T_INT | OPT, &ignored));
		TRY(get(r, o, b, "packed", T_BOOL | OPT, &ignored));
		TRY(get(r, o, b, "has_flexible", T_BOOL | OPT, &ignored));
		break;
	case UABI_KIND_ENUM:
		TRY(read_enumerators(r, t, o, b));
		break;
	default:
		break;
	}
	return 0;
}

static int cmp_ioctl(const void *a, const void *b)
{
	return strcmp(((const struct uabi_ioctl *)a)->name, ((const struct uabi_ioctl *)b)->name);
}

static const char *const top_keys[] = {
	"schema_version", "profile", "input", "ioctls", "roots", "types", NULL,
};

static int read_layout(struct rd *r, json_t *root, struct uabi_layout *l)
{
	json_t *o, *a, *types, *v;
	char path[64];
	json_int_t ver;
	size_t i;

	if (!json_is_object(root))
		return bad(r, NULL, NULL, "expected an object at the top level, got %s",
			   jtype_name(root));
	/* the version first: a newer file fails on it, not on a new field */
	TRY(get(r, root, NULL, "schema_version", T_INT, &v));
	ver = json_integer_value(v);
	if (ver != UABI_SCHEMA_VERSION)
		return bad(r, NULL, "schema_version",
			   "unsupported version %lld (this uabi reads %d)", (long long)ver,
			   UABI_SCHEMA_VERSION);
	TRY(check_keys(r, root, NULL, top_keys, NULL, NULL));

	/* sizes first: ids may point forward */
	TRY(get(r, root, NULL, "types", T_ARR, &types));
	if (json_array_size(types) >= UABI_NO_TYPE)
		return bad(r, NULL, "types", "too many types");
	for (i = 0; i < json_array_size(types); i++)
		if (uabi_layout__add_type(l, UABI_KIND_VOID) == UABI_NO_TYPE)
			return uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->file);
	r->ntypes = l->ntypes;

	TRY(get(r, root, NULL, "profile", T_OBJ, &o));
	TRY(read_profile_facts(r, o, l));
	TRY(get(r, root, NULL, "input", T_OBJ, &o));
	TRY(read_input_facts(r, o, l));

	TRY(get(r, root, NULL, "ioctls", T_ARR, &a));
	l->nioctls = (uint32_t)json_array_size(a);
	l->ioctls = uabi_arena__alloc(&l->arena, (l->nioctls + 1) * sizeof(*l->ioctls));
	if (!l->ioctls)
		return uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->file);
	json_array_foreach(a, i, v) {
		if (!(i & 1023) && uabi_intr__pending())
			return uabi_diag__input(r->d, EINTR, "%s: interrupted", r->file);
		snprintf(path, sizeof(path), "ioctls[%zu]", i);
		TRY(read_ioctl(r, v, path, &l->ioctls[i]));
	}
	qsort(l->ioctls, l->nioctls, sizeof(*l->ioctls), cmp_ioctl);
	for (i = 1; i < l->nioctls; i++)
		if (!strcmp(l->ioctls[i].name, l->ioctls[i - 1].name))
			return bad(r, NULL, "ioctls", "%s listed twice", l->ioctls[i].name);

	TRY(get(r, root, NULL, "roots", T_ARR, &a));
	l->nroots = (uint32_t)json_array_size(a);
	l->roots = uabi_arena__alloc(&l->arena, (l->nroots + 1) * sizeof(*l->roots));
	if (!l->roots)
		return uabi_diag__input(r->d, ENOMEM, "%s: out of memory", r->file);
	json_array_foreach(a, i, v) {
		snprintf(path, sizeof(path), "roots[%zu]", i);
		TRY(read_root(r, v, path, &l->roots[i]));
	}

	json_array_foreach(types, i, v) {
		if (!(i & 1023) && uabi_intr__pending())
			return uabi_diag__input(r->d, EINTR, "%s: interrupted", r->file);
		TRY(read_type(r, v, (uint32_t)i, &l->types[i]));
	}
	return 0;
}

/* Read and parse a JSON file; messages name the file. */
/*
 * A fast JSON parser into Jansson values, for reading dumps: Jansson's own
 * lexer reads one byte at a time through a stream and is most of the time
 * of a `check --from-dumps`. This one accepts exactly RFC 8259 documents
 * whose numbers are integers that fit int64 and whose objects have unique
 * keys; on anything else (or invalid UTF-8) it returns NULL, and the
 * caller falls back to json_loadb, so errors read as Jansson's.
 */
struct fp {
	const char *p, *end;
	char *tmp;		/* string scratch */
	size_t tmpcap;
	int depth;
	unsigned tick;
	bool stop;		/* an interrupt (--deadline) ended the parse */
};

/* Every 1024 values: has an interrupt (the --deadline's SIGALRM) come?
 * A parse of a large dump takes seconds; the run stops at the next check. */
static bool fp_stopped(struct fp *f)
{
	if (!(++f->tick & 1023) && uabi_intr__pending())
		f->stop = true;
	return f->stop;
}

static void fp_ws(struct fp *f)
{
	while (f->p < f->end && (*f->p == ' ' || *f->p == '\n' || *f->p == '\t' || *f->p == '\r'))
		f->p++;
}

/* false also when an interrupt came (*stopped then), checked every MiB */
static bool utf8_ok(const unsigned char *s, size_t n, bool *stopped)
{
	size_t i = 0, check = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t k;

		if (i >= check) {
			check = i + (1u << 20);
			if (uabi_intr__pending()) {
				*stopped = true;
				return false;
			}
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			k = 1;
		else if (c >= 0xe0 && c <= 0xef)
			k = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			k = 3;
		else
			return false;
		for (size_t j = 1; j <= k; j++)
			if (i + j >= n || (s[i + j] & 0xc0) != 0x80)
				return false;
		/* overlongs and surrogates, as Jansson refuses them */
		if ((c == 0xe0 && s[i + 1] < 0xa0) || (c == 0xed && s[i + 1] >= 0xa0) ||
		    (c == 0xf0 && s[i + 1] < 0x90) || (c == 0xf4 && s[i + 1] >= 0x90))
			return false;
		i += k + 1;
	}
	return true;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool fp_u4(struct fp *f, unsigned *v)
{
	*v = 0;
	if (f->end - f->p < 4)
		return false;
	for (int i = 0; i < 4; i++) {
		int h = hexval((unsigned char)f->p[i]);

		if (h < 0)
			return false;
		*v = *v << 4 | (unsigned)h;
	}
	f->p += 4;
	return true;
}

/* Parse a string at f->p (after the quote) into f->tmp; *len its length. */
static bool fp_string(struct fp *f, size_t *len)
{
	size_t n = 0;

	for (;;) {
		const char *start = f->p;

		while (f->p < f->end && *f->p != '"' && *f->p != '\\' && (unsigned char)*f->p >= 0x20)
			f->p++;
		size_t chunk = (size_t)(f->p - start);

		if (n + chunk + 8 > f->tmpcap) {
			size_t cap = (n + chunk + 8) * 2;
			char *t = realloc(f->tmp, cap);

			if (!t)
				return false;
			f->tmp = t;
			f->tmpcap = cap;
		}
		memcpy(f->tmp + n, start, chunk);
		n += chunk;
		if (f->p >= f->end || (unsigned char)*f->p < 0x20)
			return false;
		if (*f->p == '"') {
			f->p++;
			f->tmp[n] = '\0';
			*len = n;
			return true;
		}
		f->p++;	/* backslash */
		if (f->p >= f->end)
			return false;
		switch (*f->p++) {
		case '"': f->tmp[n++] = '"'; break;
		case '\\': f->tmp[n++] = '\\'; break;
		case '/': f->tmp[n++] = '/'; break;
		case 'b': f->tmp[n++] = '\b'; break;
		case 'f': f->tmp[n++] = '\f'; break;
		case 'n': f->tmp[n++] = '\n'; break;
		case 'r': f->tmp[n++] = '\r'; break;
		case 't': f->tmp[n++] = '\t'; break;
		case 'u': {
			unsigned u, lo;

			if (!fp_u4(f, &u) || u == 0)
				return false;	/* \u0000: Jansson decides */
			if (u >= 0xd800 && u <= 0xdbff) {
				if (f->end - f->p < 6 || f->p[0] != '\\' || f->p[1] != 'u')
					return false;
				f->p += 2;
				if (!fp_u4(f, &lo) || lo < 0xdc00 || lo > 0xdfff)
					return false;
				u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
			} else if (u >= 0xdc00 && u <= 0xdfff) {
				return false;
			}
			if (u < 0x80) {
				f->tmp[n++] = (char)u;
			} else if (u < 0x800) {
				f->tmp[n++] = (char)(0xc0 | u >> 6);
				f->tmp[n++] = (char)(0x80 | (u & 0x3f));
			} else if (u < 0x10000) {
				f->tmp[n++] = (char)(0xe0 | u >> 12);
				f->tmp[n++] = (char)(0x80 | ((u >> 6) & 0x3f));
				f->tmp[n++] = (char)(0x80 | (u & 0x3f));
			} else {
				f->tmp[n++] = (char)(0xf0 | u >> 18);
				f->tmp[n++] = (char)(0x80 | ((u >> 12) & 0x3f));
				f->tmp[n++] = (char)(0x80 | ((u >> 6) & 0x3f));
				f->tmp[n++] = (char)(0x80 | (u & 0x3f));
			}
			break;
		}
		default:
			return false;
		}
	}
}

static json_t *fp_value(struct fp *f);

static json_t *fp_number(struct fp *f)
{
	const char *s = f->p;
	bool neg = false;
	uint64_t v = 0;

	if (*f->p == '-') {
		neg = true;
		f->p++;
	}
	if (f->p >= f->end || *f->p < '0' || *f->p > '9')
		return NULL;
	if (*f->p == '0' && f->p + 1 < f->end && f->p[1] >= '0' && f->p[1] <= '9')
		return NULL;	/* leading zero */
	while (f->p < f->end && *f->p >= '0' && *f->p <= '9') {
		if (v > (UINT64_MAX - 9) / 10)
			return NULL;
		v = v * 10 + (uint64_t)(*f->p++ - '0');
	}
	if (f->p < f->end && (*f->p == '.' || *f->p == 'e' || *f->p == 'E'))
		return NULL;	/* reals: Jansson's business */
	if ((!neg && v > INT64_MAX) || (neg && v > (uint64_t)INT64_MAX + 1))
		return NULL;
	(void)s;
	return json_integer(neg ? (json_int_t)(0 - v) : (json_int_t)v);
}

static json_t *fp_value(struct fp *f)
{
	json_t *v = NULL;
	size_t len;

	fp_ws(f);
	if (f->p >= f->end || ++f->depth > 512 || fp_stopped(f))
		return NULL;
	switch (*f->p) {
	case '{':
		f->p++;
		v = json_object();
		fp_ws(f);
		if (f->p < f->end && *f->p == '}') {
			f->p++;
			break;
		}
		while (v) {
			json_t *m;
			size_t before;

			fp_ws(f);
			if (f->p >= f->end || *f->p != '"')
				goto fail;
			f->p++;
			if (!fp_string(f, &len) || memchr(f->tmp, '\0', len))
				goto fail;
			fp_ws(f);
			if (f->p >= f->end || *f->p != ':')
				goto fail;
			f->p++;
			{
				/* the key outlives fp_value's use of tmp */
				char *key = strndup(f->tmp, len);

				if (!key)
					goto fail;
				m = fp_value(f);
				before = json_object_size(v);
				if (!m || json_object_setn_new_nocheck(v, key, len, m) ||
				    json_object_size(v) == before) {
					free(key);
					goto fail;	/* duplicate keys: Jansson says so */
				}
				free(key);
			}
			fp_ws(f);
			if (f->p < f->end && *f->p == ',') {
				f->p++;
				continue;
			}
			if (f->p < f->end && *f->p == '}') {
				f->p++;
				break;
			}
			goto fail;
		}
		break;
	case '[':
		f->p++;
		v = json_array();
		fp_ws(f);
		if (f->p < f->end && *f->p == ']') {
			f->p++;
			break;
		}
		while (v) {
			json_t *e = fp_value(f);

			if (!e || json_array_append_new(v, e))
				goto fail;
			fp_ws(f);
			if (f->p < f->end && *f->p == ',') {
				f->p++;
				continue;
			}
			if (f->p < f->end && *f->p == ']') {
				f->p++;
				break;
			}
			goto fail;
		}
		break;
	case '"':
		f->p++;
		if (fp_string(f, &len))
			v = json_stringn_nocheck(f->tmp, len);
		break;
	case 't':
		if (f->end - f->p >= 4 && !memcmp(f->p, "true", 4)) {
			f->p += 4;
			v = json_true();
		}
		break;
	case 'f':
		if (f->end - f->p >= 5 && !memcmp(f->p, "false", 5)) {
			f->p += 5;
			v = json_false();
		}
		break;
	case 'n':
		if (f->end - f->p >= 4 && !memcmp(f->p, "null", 4)) {
			f->p += 4;
			v = json_null();
		}
		break;
	default:
		v = fp_number(f);
	}
	f->depth--;
	return v;
fail:
	json_decref(v);
	f->depth--;
	return NULL;
}

/* *stopped: NULL because an interrupt ended it (no Jansson fallback then). */
static json_t *fast_parse(const char *buf, size_t len, bool *stopped)
{
	struct fp f = { .p = buf, .end = buf + len };
	json_t *v;

	*stopped = false;
	if (!utf8_ok((const unsigned char *)buf, len, stopped))
		return NULL;
	fp_ws(&f);
	if (f.p >= f.end || (*f.p != '{' && *f.p != '['))
		return NULL;	/* Jansson wants an object or array */
	v = fp_value(&f);
	fp_ws(&f);
	if (v && f.p != f.end) {
		json_decref(v);
		v = NULL;
	}
	free(f.tmp);
	*stopped = f.stop;
	return v;
}

int uabi_json__fast_parse_check(const char *text, size_t len)
{
	bool stopped;
	json_t *fast = fast_parse(text, len, &stopped), *slow;
	int ret;

	if (!fast)
		return 0;
	slow = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
	ret = slow && json_equal(fast, slow) ? 1 : -1;
	json_decref(fast);
	json_decref(slow);
	return ret;
}

/* Jansson's input in 64 KiB pieces, none after an interrupt: a large
 * text the fast parser refused stops at the deadline too. */
struct feed {
	const char *p;
	size_t left;
};

static size_t feed_some(void *buf, size_t size, void *arg)
{
	struct feed *fd = arg;
	size_t n = fd->left < size ? fd->left : size;

	if (n > 65536)
		n = 65536;
	if (uabi_intr__pending())
		return (size_t)-1;
	memcpy(buf, fd->p, n);
	fd->p += n;
	fd->left -= n;
	return n;
}

/* Parse text (len bytes) named path in messages into *out. */
static int parse_text(const char *path, const char *buf, size_t len, json_t **out,
		      struct uabi_diag *d)
{
	struct feed fd = { buf, len };
	json_error_t je;
	bool stopped;

	/* the fast parser takes every valid dump; anything it refuses is
	 * parsed again by Jansson, whose message then names the problem */
	*out = fast_parse(buf, len, &stopped);
	if (!*out && !stopped)
		*out = json_load_callback(feed_some, &fd, JSON_REJECT_DUPLICATES, &je);
	if (!*out && (stopped || uabi_intr__pending()))
		return uabi_diag__input(d, EINTR, "%s: interrupted", path);
	if (!*out)
		return uabi_diag__input(d, EINVAL, "%s: not JSON: %s at line %d column %d", path,
					je.text, je.line, je.column);
	return 0;
}

static int load(const char *path, json_t **out, struct uabi_diag *d)
{
	size_t len;
	char *buf;
	int err;

	*out = NULL;
	err = uabi_file__read(path, &buf, &len, d);
	if (err)
		return err;
	err = parse_text(path, buf, len, out, d);
	free(buf);
	return err;
}

static int layout_from(const char *path, json_t *root, struct uabi_layout **out,
		       struct uabi_diag *d)
{
	struct uabi_layout *l;
	struct rd r = { .file = path, .d = d };
	int err;

	l = uabi_layout__new();
	if (!l) {
		json_decref(root);
		return uabi_diag__input(d, ENOMEM, "%s: out of memory", path);
	}
	r.arena = &l->arena;
	err = read_layout(&r, root, l);
	json_decref(root);
	if (!err) {
		err = uabi_layout__finish(l, d);
		if (err)
			uabi_diag__prefix(d, "%s", path);
	}
	if (err) {
		uabi_layout__free(l);
		return err;
	}
	*out = l;
	return 0;
}

int uabi_json__read_layout(const char *path, struct uabi_layout **out, struct uabi_diag *d)
{
	json_t *root;
	int err;

	*out = NULL;
	err = load(path, &root, d);
	if (err)
		return err;
	return layout_from(path, root, out, d);
}

int uabi_json__parse_layout(const char *name, const char *text, size_t len,
			    struct uabi_layout **out, struct uabi_diag *d)
{
	json_t *root;
	int err;

	*out = NULL;
	err = parse_text(name, text, len, &root, d);
	if (err)
		return err;
	return layout_from(name, root, out, d);
}

/* ------------------------------------------------------------------ */
/* profiles                                                             */
/* ------------------------------------------------------------------ */

static const char *const prof_keys[] = {
	"name", "arch", "triplet", "model", "endian", "cc", "ld", "compat", "prelude", "shadows",
	"note", "present", NULL,
};
static const char *const shadow_keys[] = { "path", "text", NULL };

/* Fixed-size NULL-terminated argv: at most max entries, at least min,
 * none empty. Strings stay borrowed from the JSON tree. */
static int get_argv(struct rd *r, json_t *o, const char *b, const char *key, const char **v,
		    size_t min, size_t max)
{
	json_t *a, *s;
	size_t i, n;

	/* an argv that may be empty may also be absent */
	TRY(get(r, o, b, key, min ? T_ARR : T_ARR | OPT, &a));
	if (!a) {
		v[0] = NULL;
		return 0;
	}
	n = json_array_size(a);
	if (n > max)
		return bad(r, b, key, "%zu entries, at most %zu", n, max);
	if (n < min)
		return bad(r, b, key, "empty");
	json_array_foreach(a, i, s) {
		char p[64];

		snprintf(p, sizeof(p), "%s[%zu]", key, i);
		if (!json_is_string(s))
			return bad(r, b, p, "expected string, got %s", jtype_name(s));
		if (!*json_string_value(s))
			return bad(r, b, p, "empty string");
		v[i] = json_string_value(s);
	}
	v[n] = NULL;
	return 0;
}

/* A borrowed, non-empty string (profile strings are copied by _put). */
static int get_bstr(struct rd *r, json_t *o, const char *b, const char *key, unsigned flags,
		    const char **out)
{
	json_t *v;

	*out = NULL;
	TRY(get(r, o, b, key, T_STR | flags, &v));
	if (!v)
		return 0;
	if (!*json_string_value(v))
		return bad(r, b, key, "empty string");
	*out = json_string_value(v);
	return 0;
}

static bool name_ok(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '.'))
			return false;
	return true;
}

/* Shadow headers are written under a private include directory: the path
 * must stay inside it. */
static bool rel_path_ok(const char *s)
{
	const char *p = s;

	if (*s == '/')
		return false;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		p += n;
		if (*p == '/' && !*++p)
			return false;	/* trailing slash */
	}
	return true;
}

static int read_shadows(struct rd *r, json_t *o, const char *b, struct uabi_profile *p)
{
	json_t *a, *s, *text;
	size_t i;

	TRY(get(r, o, b, "shadows", T_ARR | OPT, &a));
	if (!a)
		return 0;
	if (json_array_size(a) > 4)
		return bad(r, b, "shadows", "%zu entries, at most 4", json_array_size(a));
	json_array_foreach(a, i, s) {
		char sb[96];

		snprintf(sb, sizeof(sb), "%s.shadows[%zu]", b, i);
		TRY(expect_obj(r, s, sb));
		TRY(check_keys(r, s, sb, shadow_keys, NULL, NULL));
		TRY(get_bstr(r, s, sb, "path", 0, &p->shadows[i].path));
		if (!rel_path_ok(p->shadows[i].path))
			return bad(r, sb, "path", "'%s' is not a relative path inside the include directory",
				   p->shadows[i].path);
		TRY(get(r, s, sb, "text", T_STR, &text));
		p->shadows[i].text = json_string_value(text);
	}
	p->nshadows = (uint32_t)i;
	return 0;
}

static int read_profile(struct rd *r, json_t *o, const char *b, struct uabi_profile *p)
{
	json_t *ignored;

	TRY(expect_obj(r, o, b));
	TRY(check_keys(r, o, b, prof_keys, NULL, NULL));
	TRY(get_bstr(r, o, b, "name", 0, &p->name));
	if (!name_ok(p->name))
		return bad(r, b, "name", "'%s' has characters other than letters, digits, '_', '-', '.'",
			   p->name);
	TRY(get_bstr(r, o, b, "arch", 0, &p->arch));
	TRY(get_bstr(r, o, b, "triplet", 0, &p->triplet));
	TRY(get_bstr(r, o, b, "model", 0, &p->model));
	if (strcmp(p->model, "ILP32") && strcmp(p->model, "LP64"))
		return bad(r, b, "model", "unknown model '%s' (ILP32 or LP64)", p->model);
	TRY(get_bstr(r, o, b, "endian", 0, &p->endian));
	if (strcmp(p->endian, "little") && strcmp(p->endian, "big"))
		return bad(r, b, "endian", "unknown byte order '%s' (little or big)", p->endian);
	TRY(get_argv(r, o, b, "cc", p->cc, 1, UABI_PROFILE_MAX_ARGS - 1));
	TRY(get_argv(r, o, b, "ld", p->ld, 1, UABI_PROFILE_MAX_ARGS - 1));
	TRY(get_argv(r, o, b, "compat", p->compat, 0, 3));
	TRY(get(r, o, b, "prelude", T_STR | OPT, &ignored));
	p->prelude = ignored ? json_string_value(ignored) : NULL;
	TRY(read_shadows(r, o, b, p));
	TRY(get_bstr(r, o, b, "note", OPT, &p->note));
	return get(r, o, b, "present", T_BOOL | OPT, &ignored);
}

int uabi_json__read_profiles(const char *path, struct uabi_profile_set *set, struct uabi_diag *d)
{
	struct rd r = { .file = path, .d = d };
	static const char *const keys[] = { "profiles", NULL };
	struct uabi_profile *v = NULL;
	json_t *root, *a, *o;
	size_t i, n = 0;
	int err;

	err = load(path, &root, d);
	if (err)
		return err;
	if (!json_is_object(root)) {
		err = bad(&r, NULL, NULL, "expected an object at the top level, got %s",
			  jtype_name(root));
		goto out;
	}
	err = check_keys(&r, root, NULL, keys, NULL, NULL);
	if (!err)
		err = get(&r, root, NULL, "profiles", T_ARR, &a);
	if (err)
		goto out;
	n = json_array_size(a);
	v = calloc(n + 1, sizeof(*v));
	if (!v) {
		err = uabi_diag__input(d, ENOMEM, "%s: out of memory", path);
		goto out;
	}
	/* validate everything before touching the set */
	json_array_foreach(a, i, o) {
		char b[64];

		snprintf(b, sizeof(b), "profiles[%zu]", i);
		err = read_profile(&r, o, b, &v[i]);
		if (err)
			goto out;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(v[j].name, v[i].name)) {
				err = bad(&r, b, "name", "'%s' already defined by profiles[%zu]",
					  v[i].name, j);
				goto out;
			}
	}
	for (i = 0; i < n && !err; i++)
		err = uabi_profiles__put(set, &v[i], d);
out:
	free(v);
	json_decref(root);
	return err;
}

static json_t *argv_json(struct wr *w, const char *const *v, size_t max, const char *what)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < max && v[i]; i++)
		push(w, a, jstr(w, v[i], what));
	return a;
}

static json_t *profile_set_entry(struct wr *w, const struct uabi_profile *p, const bool *present)
{
	json_t *o = json_object(), *a;

	if (!o)
		return NULL;
	w->label = p->name ? p->name : "profile";
	put(w, o, "name", jreq(w, p->name, "name"));
	put(w, o, "arch", jreq(w, p->arch, "arch"));
	put(w, o, "triplet", jreq(w, p->triplet, "triplet"));
	put(w, o, "model", jreq(w, p->model, "model"));
	put(w, o, "endian", jreq(w, p->endian, "endian"));
	put(w, o, "cc", argv_json(w, p->cc, UABI_PROFILE_MAX_ARGS - 1, "cc"));
	put(w, o, "ld", argv_json(w, p->ld, UABI_PROFILE_MAX_ARGS - 1, "ld"));
	put(w, o, "compat", argv_json(w, p->compat, 3, "compat"));
	if (p->prelude)
		put(w, o, "prelude", jstr(w, p->prelude, "prelude"));
	if (p->nshadows) {
		a = json_array();
		for (uint32_t i = 0; a && i < p->nshadows && i < 4; i++) {
			json_t *s = json_object();

			if (s) {
				put(w, s, "path", jreq(w, p->shadows[i].path, "shadows[].path"));
				put(w, s, "text", jreq(w, p->shadows[i].text, "shadows[].text"));
			}
			push(w, a, s);
		}
		put(w, o, "shadows", a);
	}
	if (p->note)
		put(w, o, "note", jstr(w, p->note, "note"));
	if (present)
		put(w, o, "present", json_boolean(*present));
	return o;
}

char *uabi_json__dump_profiles(const struct uabi_profile_set *set, const bool *present,
			       struct uabi_diag *d)
{
	struct wr w = { .d = d, .label = "profiles" };
	json_t *root = json_object(), *a = json_array();
	char *s = NULL;

	for (uint32_t i = 0; a && i < set->n; i++)
		push(&w, a, profile_set_entry(&w, &set->v[i], present ? &present[i] : NULL));
	if (root)
		put(&w, root, "profiles", a);
	else
		json_decref(a);
	if (!root)
		wfail(&w, ENOMEM, "out of memory");
	if (!w.err)
		s = dumps(&w, root);
	json_decref(root);
	return w.err ? NULL : s;
}
