// SPDX-License-Identifier: MIT
/*
 * Findings of `uabi diff` and `uabi lint` (render/drender.h). The list
 * arrives merged and sorted; every writer keeps its order. Text is one
 * compiler-style line per finding and a count line; json follows
 * schemas/findings.schema.json (sorted keys by construction, absent facts
 * null); SARIF has one rule per rule id present, one result per finding,
 * suppressed findings carrying an external suppression so code-scanning
 * UIs show them as dismissed instead of dropping them silently.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "drender.h"
#include "rpriv.h"
#include "jsonw.h"
#include "../core/sbuf.h"

#ifndef UABI_VERSION
#define UABI_VERSION "0"
#endif

static const char *fail_on_str(const struct uabi_dmeta *m)
{
	return m->fail_never ? "never" : uabi_sev__str(m->fail_on);
}

static uint32_t nsuppressed(const struct uabi_dlist *l)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < l->n; i++)
		n += l->v[i].suppressed;
	return n;
}

/* ---- text ------------------------------------------------------------------ */

static void text_line(struct uabi_sbuf *b, const struct uabi_dfinding *f)
{
	if (!f->file)
		uabi_sbuf__adds(b, "uabi");
	else if (!f->line)
		uabi_sbuf__adds(b, f->file);
	else
		uabi_sbuf__addf(b, "%s:%u", f->file, f->line);
	uabi_sbuf__addf(b, ": %s: ", uabi_sev__str(f->sev));
	if (f->profiles && *f->profiles)
		uabi_sbuf__addf(b, "[%s] ", f->profiles);
	uabi_sbuf__addf(b, "%s [%s]", f->message, f->rule);
	if (f->suppressed)
		uabi_sbuf__addf(b, " (suppressed: %s)",
				f->suppress_reason ? f->suppress_reason : "");
	uabi_sbuf__addc(b, '\n');
}

static void count(struct uabi_sbuf *b, uint32_t n, const char *what)
{
	uabi_sbuf__addf(b, "%u %s%s", n, what, n == 1 ? "" : "s");
}

/* "a, b, c" of v[0..n), at most 20, then " and N more" */
static void text_list(struct uabi_sbuf *b, const char *const *v, uint32_t n)
{
	uint32_t shown = n > 20 ? 20 : n;

	for (uint32_t i = 0; i < shown; i++)
		uabi_sbuf__addf(b, "%s%s", i ? ", " : "", v[i]);
	if (shown < n)
		uabi_sbuf__addf(b, " and %u more", n - shown);
}

/* The scope line of a scoped diff; false when it is the whole report
 * (nothing changed, or nothing to judge). */
static bool text_scope(struct uabi_sbuf *b, const struct uabi_dmeta *m)
{
	if (!m->nchanged) {
		uabi_sbuf__addf(b, "uabi %s: no uapi header changed\n", m->command);
		return false;
	}
	uabi_sbuf__addf(b, "uabi %s: %u uapi file%s changed (", m->command, m->nchanged,
			m->nchanged == 1 ? "" : "s");
	text_list(b, m->changed, m->nchanged);
	if (!m->nheaders) {
		uabi_sbuf__addf(b, "); no header that defines an ioctl command is among them or "
				"includes one of them\n");
		return false;
	}
	uabi_sbuf__addf(b, "); %u header%s judged: ", m->nheaders, m->nheaders == 1 ? "" : "s");
	text_list(b, m->headers, m->nheaders);
	uabi_sbuf__addc(b, '\n');
	return true;
}

static void text(struct uabi_sbuf *b, const struct uabi_dlist *l, const struct uabi_dmeta *m)
{
	uint32_t c[3];

	if (m->scoped && (!m->nchanged || !m->nheaders)) {
		text_scope(b, m);
		return;
	}
	for (uint32_t i = 0; i < l->n; i++)
		if (!l->v[i].suppressed || m->show_suppressed)
			text_line(b, &l->v[i]);
	if (m->scoped)
		text_scope(b, m);
	uabi_sbuf__addf(b, "uabi %s: %u ABI%s judged:", m->command, m->nprofiles,
			m->nprofiles == 1 ? "" : "s");
	for (uint32_t i = 0; i < m->nprofiles; i++)
		uabi_sbuf__addf(b, "%s %s", i ? "," : "", m->profiles[i]);
	uabi_sbuf__addf(b, "; %u skipped\n", m->nskipped);
	for (uint32_t i = 0; i < m->nskipped; i++)
		uabi_sbuf__addf(b, "uabi %s: skipped %s: %s\n", m->command, m->skipped[i].profile,
				m->skipped[i].reason);
	uabi_dlist__counts(l, c);
	uabi_sbuf__addf(b, "uabi %s: ", m->command);
	count(b, c[UABI_SEV_ERROR], "error");
	uabi_sbuf__adds(b, ", ");
	count(b, c[UABI_SEV_WARNING], "warning");
	uabi_sbuf__adds(b, ", ");
	count(b, c[UABI_SEV_NOTE], "note");
	uabi_sbuf__addf(b, " (%u suppressed); fail-on %s: %u failing\n", nsuppressed(l),
			fail_on_str(m), m->failing);
}

static char *render_text(const struct uabi_dlist *l, const struct uabi_dmeta *m,
			 struct uabi_diag *d)
{
	struct uabi_sbuf b;

	uabi_sbuf__init(&b);
	text(&b, l, m);
	return uabi_r__safe(uabi_sbuf__finish(&b, d), d);
}

/* The text in a fence longer than any run of backticks in it. */
static char *render_markdown(const struct uabi_dlist *l, const struct uabi_dmeta *m,
			     struct uabi_diag *d)
{
	struct uabi_sbuf t, b;
	size_t run = 0, longest = 0, fence;
	char *s;

	uabi_sbuf__init(&t);
	text(&t, l, m);
	s = uabi_sbuf__finish(&t, d);
	if (!s)
		return NULL;
	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	fence = longest < 3 ? 3 : longest + 1;
	uabi_sbuf__init(&b);
	uabi_sbuf__addf(&b, "# uabi %s\n\n", m->command);
	uabi_sbuf__pad(&b, '`', fence);
	uabi_sbuf__adds(&b, "text\n");
	uabi_sbuf__adds(&b, s);
	uabi_sbuf__pad(&b, '`', fence);
	uabi_sbuf__addc(&b, '\n');
	free(s);
	return uabi_r__safe(uabi_sbuf__finish(&b, d), d);
}

/* ---- json ------------------------------------------------------------------ */

/* "x86_64,i386" as ["x86_64", "i386"]; NULL or "" as []. */
static void profile_list(struct uabi_jw *w, struct uabi_jnode *arr, const char *s)
{
	char buf[256];

	while (s && *s) {
		size_t n = strcspn(s, ",");

		if (n >= sizeof(buf))
			n = sizeof(buf) - 1;
		memcpy(buf, s, n);
		buf[n] = '\0';
		uabi_jw__push_str(w, arr, buf);
		s += strcspn(s, ",");
		if (*s)
			s++;
	}
}

static void json_finding(struct uabi_jw *w, struct uabi_jnode *arr, const struct uabi_dfinding *f)
{
	struct uabi_jnode *o = uabi_jw__push_obj(w, arr);

	uabi_jw__str(w, o, "rule", f->rule);
	uabi_jw__str(w, o, "severity", uabi_sev__str(f->sev));
	profile_list(w, uabi_jw__arr(w, o, "profiles"), f->profiles);
	uabi_jw__str(w, o, "ioctl", f->ioctl);
	uabi_jw__str(w, o, "type", f->type);
	uabi_jw__str(w, o, "member", f->member);
	uabi_jw__str(w, o, "message", f->message);
	if (f->has_old && f->signed_values)
		uabi_jw__i64(w, o, "old", (int64_t)f->old_value);
	else if (f->has_old)
		uabi_jw__u64(w, o, "old", f->old_value);
	else
		uabi_jw__null(w, o, "old");
	if (f->has_new && f->signed_values)
		uabi_jw__i64(w, o, "new", (int64_t)f->new_value);
	else if (f->has_new)
		uabi_jw__u64(w, o, "new", f->new_value);
	else
		uabi_jw__null(w, o, "new");
	uabi_jw__str(w, o, "file", f->file);
	if (f->file && f->line)
		uabi_jw__u64(w, o, "line", f->line);
	else
		uabi_jw__null(w, o, "line");
	uabi_jw__bool(w, o, "suppressed", f->suppressed);
	if (f->suppressed)
		uabi_jw__str(w, o, "suppress_reason", f->suppress_reason ? f->suppress_reason : "");
	else
		uabi_jw__null(w, o, "suppress_reason");
}

/* "scope": {"changed": [...], "headers": [...]} of a scoped diff, else null */
static void json_scope(struct uabi_jw *w, struct uabi_jnode *o, const struct uabi_dmeta *m)
{
	struct uabi_jnode *s, *arr;

	if (!m->scoped) {
		uabi_jw__null(w, o, "scope");
		return;
	}
	s = uabi_jw__obj(w, o, "scope");
	arr = uabi_jw__arr(w, s, "changed");
	for (uint32_t i = 0; i < m->nchanged; i++)
		uabi_jw__push_str(w, arr, m->changed[i]);
	arr = uabi_jw__arr(w, s, "headers");
	for (uint32_t i = 0; i < m->nheaders; i++)
		uabi_jw__push_str(w, arr, m->headers[i]);
}

static char *render_json(const struct uabi_dlist *l, const struct uabi_dmeta *m,
			 struct uabi_diag *d)
{
	struct uabi_jw w;
	struct uabi_jnode *root = uabi_jw__init(&w), *o, *arr;
	uint32_t c[3];
	char *s;

	uabi_jw__u64(&w, root, "schema_version", 1);
	o = uabi_jw__obj(&w, root, "tool");
	uabi_jw__str(&w, o, "name", "uabi");
	uabi_jw__str(&w, o, "version", UABI_VERSION);
	uabi_jw__str(&w, root, "command", m->command);
	uabi_jw__str(&w, root, "old_root", m->old_root);
	uabi_jw__str(&w, root, "new_root", m->new_root);
	arr = uabi_jw__arr(&w, root, "profiles");
	for (uint32_t i = 0; i < m->nprofiles; i++)
		uabi_jw__push_str(&w, arr, m->profiles[i]);
	arr = uabi_jw__arr(&w, root, "skipped");
	for (uint32_t i = 0; i < m->nskipped; i++) {
		o = uabi_jw__push_obj(&w, arr);
		uabi_jw__str(&w, o, "profile", m->skipped[i].profile);
		uabi_jw__str(&w, o, "reason", m->skipped[i].reason);
	}
	uabi_jw__str(&w, root, "fail_on", fail_on_str(m));
	uabi_jw__u64(&w, root, "failing", m->failing);
	json_scope(&w, root, m);

	uabi_dlist__counts(l, c);
	o = uabi_jw__obj(&w, root, "counts");
	uabi_jw__u64(&w, o, "error", c[UABI_SEV_ERROR]);
	uabi_jw__u64(&w, o, "warning", c[UABI_SEV_WARNING]);
	uabi_jw__u64(&w, o, "note", c[UABI_SEV_NOTE]);
	uabi_jw__u64(&w, o, "suppressed", nsuppressed(l));

	arr = uabi_jw__arr(&w, root, "findings");
	for (uint32_t i = 0; i < l->n; i++)
		json_finding(&w, arr, &l->v[i]);

	s = uabi_jw__text(&w, d);
	uabi_jw__free(&w);
	return s;
}

/* ---- sarif ----------------------------------------------------------------- */

/* Short descriptions of the rules compare/diff.h and compare/lint.h
 * define; a rule not listed here is described by its id. */
static const struct {
	const char *id, *brief;
} known_rules[] = {
	{ "enum-value-added", "A new enumerator" },
	{ "enum-value-changed", "An enumerator changed value" },
	{ "enum-value-removed", "An enumerator was removed" },
	{ "header-not-judged", "A header does not compile on an ABI: its ioctls are not judged there" },
	{ "ioctl-added", "A new ioctl" },
	{ "ioctl-arg-type-changed", "An ioctl's argument type changed" },
	{ "ioctl-needs-compat", "A new or changed ioctl differs between a native and its compat ABI" },
	{ "ioctl-number-changed", "An ioctl's command number changed" },
	{ "ioctl-removed", "An ioctl was removed" },
	{ "lint-bitfield", "A bitfield in an ioctl argument (layout is ABI-defined)" },
	{ "lint-bool", "A _Bool member in an ioctl argument" },
	{ "lint-enum", "An enum-typed member (its size is the compiler's choice)" },
	{ "lint-hole", "Implicit padding between members" },
	{ "lint-long", "A long-sized member whose size differs between ABIs" },
	{ "lint-pointer", "A pointer member (use __u64 and u64_to_user_ptr)" },
	{ "lint-size-multiple-8", "The argument size is not a multiple of 8" },
	{ "lint-tail-padding", "Implicit padding at the end of the type" },
	{ "lint-u64-align", "A 64-bit member that is not 8-byte aligned" },
	{ "member-added", "A new member in old holes or tail padding" },
	{ "member-bit-changed", "A bitfield member changed bit offset or width" },
	{ "member-offset-changed", "A member moved" },
	{ "member-removed", "A member was removed" },
	{ "member-renamed", "A member was renamed in place" },
	{ "member-size-changed", "A member changed size" },
	{ "member-type-changed", "A member changed type" },
	{ "reserved-field-removed", "A reserved or padding member was removed; its bytes are padding" },
	{ "reserved-field-used", "A reserved or padding field was put to use" },
	{ "suppression-unused", "A suppression matched no finding" },
	{ "type-added", "A new type" },
	{ "type-align-changed", "A type changed alignment" },
	{ "type-removed", "A type was removed" },
	{ "type-size-changed", "A type changed size" },
	{ "union-arm-size-changed", "A union arm changed size inside its union's unchanged size" },
	{ "union-grew", "A union grew" },
};

static const char *rule_brief(const char *id)
{
	for (size_t i = 0; i < sizeof(known_rules) / sizeof(known_rules[0]); i++)
		if (!strcmp(known_rules[i].id, id))
			return known_rules[i].brief;
	return NULL;
}

/* "member-offset-changed" -> "MemberOffsetChanged" */
static void rule_name(struct uabi_sbuf *b, const char *id)
{
	bool up = true;

	for (const char *p = id; *p; p++) {
		if (*p == '-' || *p == '_') {
			up = true;
			continue;
		}
		uabi_sbuf__addc(b, up && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
		up = false;
	}
}

static const char *const levels[] = {
	[UABI_SEV_NOTE] = "note", [UABI_SEV_WARNING] = "warning", [UABI_SEV_ERROR] = "error",
};

static const char *level(enum uabi_sev s)
{
	return (unsigned)s <= UABI_SEV_ERROR ? levels[s] : "none";
}

struct srule {
	const char *id;
	enum uabi_sev sev;	/* the highest severity seen */
};

static int cmp_srule(const void *a, const void *b)
{
	return strcmp(((const struct srule *)a)->id, ((const struct srule *)b)->id);
}

/* Distinct rule ids of l, sorted; *n of them. NULL only on out of memory. */
static struct srule *collect_rules(const struct uabi_dlist *l, uint32_t *n)
{
	struct srule *v = malloc((l->n ? l->n : 1) * sizeof(*v));
	uint32_t o = 0;

	*n = 0;
	if (!v)
		return NULL;
	for (uint32_t i = 0; i < l->n; i++) {
		v[i].id = l->v[i].rule;
		v[i].sev = l->v[i].sev;
	}
	qsort(v, l->n, sizeof(*v), cmp_srule);
	for (uint32_t i = 0; i < l->n; i++) {
		if (o && !strcmp(v[o - 1].id, v[i].id)) {
			if (v[i].sev > v[o - 1].sev)
				v[o - 1].sev = v[i].sev;
			continue;
		}
		v[o++] = v[i];
	}
	*n = o;
	return v;
}

static uint32_t rule_index(const struct srule *v, uint32_t n, const char *id)
{
	struct srule key = { .id = id };
	const struct srule *r = bsearch(&key, v, n, sizeof(*v), cmp_srule);

	return r ? (uint32_t)(r - v) : 0;
}

static void sarif_rule(struct uabi_jw *w, struct uabi_jnode *arr, const struct srule *r)
{
	struct uabi_jnode *o = uabi_jw__push_obj(w, arr);
	const char *brief = rule_brief(r->id);
	struct uabi_sbuf b;
	char *name;

	uabi_sbuf__init(&b);
	rule_name(&b, r->id);
	name = uabi_sbuf__finish(&b, NULL);
	uabi_jw__str(w, o, "id", r->id);
	uabi_jw__str(w, o, "name", name ? name : r->id);
	free(name);
	if (brief)
		uabi_jw__str(w, uabi_jw__obj(w, o, "shortDescription"), "text", brief);
	else
		uabi_jw__strf(w, uabi_jw__obj(w, o, "shortDescription"), "text", "uabi rule %s",
			      r->id);
	uabi_jw__str(w, uabi_jw__obj(w, o, "defaultConfiguration"), "level", level(r->sev));
}

/* A string built with b, set under key (NULL if it ran out of memory,
 * which the writer then reports). */
static void str_sbuf(struct uabi_jw *w, struct uabi_jnode *o, const char *key,
		     struct uabi_sbuf *b)
{
	char *s = uabi_sbuf__finish(b, NULL);

	if (!s) {
		w->err = w->err ? w->err : ENOMEM;
		return;
	}
	uabi_jw__str(w, o, key, s);
	free(s);
}

static void sarif_result(struct uabi_jw *w, struct uabi_jnode *arr, const struct uabi_dfinding *f,
			 uint32_t rule)
{
	struct uabi_jnode *o = uabi_jw__push_obj(w, arr), *loc, *pl, *ll, *props, *sup;
	struct uabi_sbuf b;

	uabi_jw__str(w, o, "ruleId", f->rule);
	uabi_jw__u64(w, o, "ruleIndex", rule);
	uabi_jw__str(w, o, "level", level(f->sev));

	uabi_sbuf__init(&b);
	if (f->profiles && *f->profiles)
		uabi_sbuf__addf(&b, "[%s] ", f->profiles);
	uabi_sbuf__adds(&b, f->message);
	str_sbuf(w, uabi_jw__obj(w, o, "message"), "text", &b);

	loc = uabi_jw__push_obj(w, uabi_jw__arr(w, o, "locations"));
	if (f->file) {
		pl = uabi_jw__obj(w, loc, "physicalLocation");
		uabi_jw__str(w, uabi_jw__obj(w, pl, "artifactLocation"), "uri", f->file);
		if (f->line)
			uabi_jw__u64(w, uabi_jw__obj(w, pl, "region"), "startLine", f->line);
	}
	if (f->type || f->ioctl) {
		ll = uabi_jw__push_obj(w, uabi_jw__arr(w, loc, "logicalLocations"));
		if (f->type && f->member) {
			uabi_jw__str(w, ll, "name", f->member);
			uabi_jw__strf(w, ll, "fullyQualifiedName", "%s.%s", f->type, f->member);
			uabi_jw__str(w, ll, "kind", "member");
		} else if (f->type) {
			uabi_jw__str(w, ll, "name", f->type);
			uabi_jw__str(w, ll, "kind", "type");
		} else {
			uabi_jw__str(w, ll, "name", f->ioctl);
			uabi_jw__str(w, ll, "kind", "declaration");
		}
	}

	/* no line: a finding keeps its fingerprint when the header moves; a
	 * finding about no ioctl, type or member (an unused suppression) is
	 * told apart by its message */
	uabi_sbuf__init(&b);
	uabi_sbuf__addf(&b, "%s/%s/%s/%s/%s", f->rule, f->ioctl ? f->ioctl : "",
			f->type ? f->type : "", f->member ? f->member : "",
			f->profiles ? f->profiles : "");
	if (!f->ioctl && !f->type && !f->member)
		uabi_sbuf__addf(&b, "/%s", f->message);
	str_sbuf(w, uabi_jw__obj(w, o, "partialFingerprints"), "uabiFinding/v1", &b);

	if (f->suppressed) {
		sup = uabi_jw__push_obj(w, uabi_jw__arr(w, o, "suppressions"));
		uabi_jw__str(w, sup, "kind", "external");
		uabi_jw__str(w, sup, "justification", f->suppress_reason ? f->suppress_reason : "");
	}

	props = uabi_jw__obj(w, o, "properties");
	profile_list(w, uabi_jw__arr(w, props, "profiles"), f->profiles);
	uabi_jw__str(w, props, "ioctl", f->ioctl);
	uabi_jw__str(w, props, "type", f->type);
	uabi_jw__str(w, props, "member", f->member);
	uabi_jw__str(w, props, "severity", uabi_sev__str(f->sev));
}

static char *render_sarif(const struct uabi_dlist *l, const struct uabi_dmeta *m,
			  struct uabi_diag *d)
{
	struct uabi_jw w;
	struct uabi_jnode *root = uabi_jw__init(&w), *run, *drv, *arr, *props;
	struct srule *rules;
	uint32_t nrules;
	char *s;

	rules = collect_rules(l, &nrules);
	if (!rules) {
		uabi_jw__free(&w);
		uabi_diag__input(d, ENOMEM, "findings: out of memory");
		return NULL;
	}
	uabi_jw__str(&w, root, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	uabi_jw__str(&w, root, "version", "2.1.0");
	run = uabi_jw__push_obj(&w, uabi_jw__arr(&w, root, "runs"));
	drv = uabi_jw__obj(&w, uabi_jw__obj(&w, run, "tool"), "driver");
	uabi_jw__str(&w, drv, "name", "uabi");
	uabi_jw__str(&w, drv, "version", UABI_VERSION);
	arr = uabi_jw__arr(&w, drv, "rules");
	for (uint32_t i = 0; i < nrules; i++)
		sarif_rule(&w, arr, &rules[i]);

	arr = uabi_jw__arr(&w, run, "results");
	for (uint32_t i = 0; i < l->n; i++)
		sarif_result(&w, arr, &l->v[i], rule_index(rules, nrules, l->v[i].rule));
	free(rules);

	props = uabi_jw__obj(&w, run, "properties");
	uabi_jw__str(&w, props, "command", m->command);
	uabi_jw__str(&w, props, "old_root", m->old_root);
	uabi_jw__str(&w, props, "new_root", m->new_root);
	arr = uabi_jw__arr(&w, props, "profiles");
	for (uint32_t i = 0; i < m->nprofiles; i++)
		uabi_jw__push_str(&w, arr, m->profiles[i]);
	uabi_jw__str(&w, props, "fail_on", fail_on_str(m));
	uabi_jw__u64(&w, props, "failing", m->failing);
	json_scope(&w, props, m);
	uabi_r__sarif_coverage(&w, run, props, m->skipped, m->nskipped);

	s = uabi_jw__text(&w, d);
	uabi_jw__free(&w);
	return s;
}

/* ---- entry ----------------------------------------------------------------- */

char *uabi_drender(const struct uabi_dlist *l, const struct uabi_dmeta *m, enum uabi_format f,
		   struct uabi_diag *d)
{
	if (!l || !m || !m->command) {
		uabi_diag__input(d, EINVAL, "findings: no list or no command to render");
		return NULL;
	}
	switch (f) {
	case UABI_FMT_TEXT:
		return render_text(l, m, d);
	case UABI_FMT_JSON:
		return render_json(l, m, d);
	case UABI_FMT_MARKDOWN:
		return render_markdown(l, m, d);
	case UABI_FMT_SARIF:
		return render_sarif(l, m, d);
	case UABI_FMT_HTML:
		uabi_diag__input(d, EINVAL, "html is not available for diff/lint findings");
		return NULL;
	}
	uabi_diag__input(d, EINVAL, "findings: unknown format %d", (int)f);
	return NULL;
}
