/* SPDX-License-Identifier: MIT */
/*
 * Writers of diff and lint findings: text like a compiler
 *   include/uapi/linux/kvm.h:123: error: [i386] struct kvm_foo: member bar moved from offset 8 to 4 [member-offset-changed]
 * then a count line; json (schemas/findings.schema.json); SARIF 2.1.0.
 */
#ifndef UABI_DRENDER_H
#define UABI_DRENDER_H

#include "../compare/dfind.h"
#include "../core/diag.h"
#include "render.h"

struct uabi_dmeta {
	const char *command;		/* "diff" or "lint" */
	const char *old_root;		/* diff: as given; NULL for lint */
	const char *new_root;		/* diff: as given; lint: the tree */
	const char *const *profiles;	/* profiles compared (covered), table order */
	uint32_t nprofiles;
	const struct uabi_skip *skipped;	/* profiles not compared, with the reason */
	uint32_t nskipped;
	enum uabi_sev fail_on;		/* lowest severity that fails */
	bool fail_never;
	uint32_t failing;		/* unsuppressed findings at or above fail_on */
	bool show_suppressed;		/* text: list suppressed findings too */
	/* diff without --header and --all: the change decides what is judged */
	bool scoped;
	const char *const *changed;	/* uapi files that differ, relative to the roots, sorted */
	uint32_t nchanged;
	const char *const *headers;	/* headers judged (on some ABI), include names, sorted */
	uint32_t nheaders;
};

/* Render findings (already merged) as text, json or sarif (other formats:
 * markdown falls back to text in a code block, html is an input error).
 * Scoped (m->scoped): text says which uapi files changed and which headers
 * were judged before the ABI line (lists of more than 20 end "and N
 * more"); json and sarif carry both lists whole as "scope" (null when not
 * scoped). With no file changed, or no header judged, the text is that
 * one line ("uabi diff: no uapi header changed"), json and sarif the
 * usual document with no profile and no finding. */
char *uabi_drender(const struct uabi_dlist *l, const struct uabi_dmeta *m, enum uabi_format f,
		   struct uabi_diag *d);

#endif
