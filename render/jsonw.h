/* SPDX-License-Identifier: MIT */
/*
 * A small deterministic JSON writer for the json and sarif reports (only
 * core/json.c may include jansson.h). Values are built as a tree in one
 * arena; an object keeps its members sorted by key (strcmp order) as they
 * are inserted, so the text is in sorted-key order by construction, and
 * a key set twice is an error, not a silent overwrite. The text uses the
 * dumps' layout: one-space indentation, "key": value, [] and {} when
 * empty, a final newline.
 *
 * Every builder takes the parent and returns the new node; a NULL parent
 * (an earlier failure) makes it a no-op returning NULL, and the failure
 * is remembered in the writer, so callers check once at the end.
 */
#ifndef UABI_JSONW_H
#define UABI_JSONW_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/sbuf.h"

struct uabi_jnode;

struct uabi_jw {
	struct uabi_arena arena;
	struct uabi_jnode *root;
	int err;		/* 0, ENOMEM, or EEXIST for a duplicate key */
	const char *dup;	/* the duplicate key */
};

/* Start a document whose root is an object (returned). */
struct uabi_jnode *uabi_jw__init(struct uabi_jw *w);
void uabi_jw__free(struct uabi_jw *w);

/* Object members; key is copied. A NULL string is emitted as null. */
struct uabi_jnode *uabi_jw__obj(struct uabi_jw *w, struct uabi_jnode *obj, const char *key);
struct uabi_jnode *uabi_jw__arr(struct uabi_jw *w, struct uabi_jnode *obj, const char *key);
void uabi_jw__str(struct uabi_jw *w, struct uabi_jnode *obj, const char *key, const char *s);
void uabi_jw__strf(struct uabi_jw *w, struct uabi_jnode *obj, const char *key,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void uabi_jw__u64(struct uabi_jw *w, struct uabi_jnode *obj, const char *key, uint64_t v);
void uabi_jw__i64(struct uabi_jw *w, struct uabi_jnode *obj, const char *key, int64_t v);
void uabi_jw__bool(struct uabi_jw *w, struct uabi_jnode *obj, const char *key, bool v);
void uabi_jw__null(struct uabi_jw *w, struct uabi_jnode *obj, const char *key);

/* Array elements, in the order added. */
struct uabi_jnode *uabi_jw__push_obj(struct uabi_jw *w, struct uabi_jnode *arr);
void uabi_jw__push_str(struct uabi_jw *w, struct uabi_jnode *arr, const char *s);

/* Append s as a JSON string literal: quotes, escapes for " \ newline and
 * tab, valid printable UTF-8 passed through; any other byte (controls,
 * invalid UTF-8, see uabi_escape) first becomes the text \xNN, so the
 * document is valid UTF-8 and the decoded value printable. */
void uabi_jw__quote(struct uabi_sbuf *b, const char *s);

/* The document as text (caller frees), or NULL with d set. */
char *uabi_jw__text(struct uabi_jw *w, struct uabi_diag *d);

#endif
