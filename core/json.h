/* SPDX-License-Identifier: MIT */
/*
 * JSON I/O of layout dumps and profile files. The only file that includes
 * jansson.h. Output is deterministic: sorted keys, fixed indentation, no
 * timestamps, so the same layout gives byte-identical text.
 */
#ifndef UABI_JSON_H
#define UABI_JSON_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "model.h"
#include "profile.h"

/* Call once before reading dumps from several threads: Jansson's only
 * global state is its hash seed, set on first use. */
void uabi_json__init_threads(void);
/* For tests of the fast dump parser: 1 if it takes text and gives what
 * Jansson gives, 0 if it refuses text (the reader then asks Jansson), -1 if
 * it takes text but differs from Jansson. */
int uabi_json__fast_parse_check(const char *text, size_t len);
/* Serialise a layout (schemas/dump.schema.json) to a malloc'd string. */
char *uabi_json__dump_layout(const struct uabi_layout *l, struct uabi_diag *d);
/* A dump's text (len bytes, as uabi_json__dump_layout wrote it) with its
 * input.root replaced by root: the bytes uabi_json__dump_layout gives for
 * the layout read from dump with input.root set to root, without reading
 * it. malloc'd, its length in *outlen; NULL when root is not UTF-8, dump
 * is not laid out as the writer lays it out, or out of memory. */
char *uabi_json__dump_set_root(const char *dump, size_t len, const char *root, size_t *outlen);
/* Write a layout to path atomically (temp file in the same directory, then
 * rename); no partial file is ever left. 0 or -errno with d set. */
int uabi_json__write_layout(const struct uabi_layout *l, const char *path, struct uabi_diag *d);
/* Read a dump into a new layout (*out), validating structure, references
 * and ranges; errors name the file and the JSON path ("dump.json: types[3].
 * members[1].type: index 99 out of range"). Runs uabi_layout__finish(). */
int uabi_json__read_layout(const char *path, struct uabi_layout **out, struct uabi_diag *d);
/* The same from text in memory (len bytes); name stands for the file in
 * messages. */
int uabi_json__parse_layout(const char *name, const char *text, size_t len,
			    struct uabi_layout **out, struct uabi_diag *d);
/* Read a profiles file (schemas/profiles.schema.json) and put each profile
 * into set (replacing same-named ones). */
int uabi_json__read_profiles(const char *path, struct uabi_profile_set *set, struct uabi_diag *d);
/* Serialise a profile set (for `uabi profiles --format=json`). */
char *uabi_json__dump_profiles(const struct uabi_profile_set *set, const bool *present,
			       struct uabi_diag *d);

#endif
