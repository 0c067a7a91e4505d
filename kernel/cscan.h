/* SPDX-License-Identifier: MIT */
/*
 * Scanners of kernel C text (pure, on a string; the tree walk is kvm.c's):
 * the case labels a file switches on, each with the preprocessor
 * conditions around it and its enclosing function, and the member names
 * the code references.
 */
#ifndef UABI_KERNEL_CSCAN_H
#define UABI_KERNEL_CSCAN_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/arena.h"

/* Where a fact comes from. */
struct uabi_ksite {
	const char *file;	/* relative to the tree root */
	uint32_t line;
	const char *function;	/* enclosing function of a case label, or NULL */
};

/* A KVM_* case label found in C text. */
struct uabi_klabel {
	const char *ioctl;	/* FOO for a label FOO_COMPAT the same file #defines,
				 * else the label */
	const char *label;	/* as written */
	/* The enclosing preprocessor conditions as one expression, each
	 * branch spelled out: "#ifdef X" -> "defined(X)", "#ifndef X" ->
	 * "!defined(X)", "#if E" -> "(E)", "#else" after "#if E" -> "!(E)",
	 * joined with " && ", outermost first; NULL when unconditional. */
	const char *cond;
	struct uabi_ksite site;	/* file as given to the scanner */
};

struct uabi_klabels {
	struct uabi_klabel *v;	/* malloc'd, in text order */
	uint32_t n, cap;
};

/* Append the KVM_* case labels of C text to *out (strings in a). Comments,
 * string and character literals and the bodies of #define are skipped.
 * 0 or -ENOMEM. */
int uabi_kscan__labels(const char *text, const char *file, struct uabi_arena *a,
		       struct uabi_klabels *out);
/* Release the array of a label list (the strings live in the arena). */
void uabi_klabels__free(struct uabi_klabels *l);
/* A member reference found in C text (see the member rule above). */
struct uabi_kref {
	const char *name;	/* in the arena */
	uint32_t line;
};

struct uabi_krefs {
	struct uabi_kref *v;	/* malloc'd; per text: sorted by name, one per name (its first line) */
	uint32_t n, cap;
};

/* Append the member names C text references to *out (strings in a), one
 * entry per name at its first line. Comments, string and character
 * literals, numbers and #include lines are skipped; #define bodies count
 * (a macro's ->x is a use). 0 or -ENOMEM. */
int uabi_kscan__members(const char *text, struct uabi_arena *a, struct uabi_krefs *out);
void uabi_krefs__free(struct uabi_krefs *r);

/* ---- ioctl dispatch facts of one C file (uabi_kscan__file) -------------
 * What a file says about who handles an ioctl command, as text (names are
 * resolved later, kernel/ioctls.c): the commands it names (case labels,
 * comparisons, table entries), the functions and tables it defines and
 * the names each one references, the designated initialisers of ioctl
 * entry points (.unlocked_ioctl = f), the #defines that can name or
 * build those, and the macros invoked at file scope (DEFINE_DRM_GEM_FOPS).
 * An "upper" name has an uppercase letter and no lowercase one (the
 * spelling of a command macro). */

enum uabi_kname_how {
	UABI_KN_CASE,	/* case X: or case M(X): inside a function */
	UABI_KN_CMP,	/* X == e or e == X inside a function */
	UABI_KN_ENTRY,	/* an upper name in the initialiser of a file-scope object */
};

struct uabi_kname {
	const char *name;	/* the upper name, as written */
	const char *macro;	/* the macro call it is an argument of (DRM_IOCTL_DEF_DRV,
				 * _IOC_NR), NULL when none */
	uint8_t arg;		/* which argument of macro, from 0 */
	uint8_t how;		/* enum uabi_kname_how */
	const char *cond;	/* #if conditions around it (uabi_klabel.cond) */
	struct uabi_ksite site;	/* function: the function or the object it is in */
	uint32_t def;		/* that definition's index in defs (site.function set) */
	/* a table entry M(X, f, ...): the first identifier with a lowercase
	 * letter of the next argument (DRM_IOCTL_DEF_DRV(I915_ALLOC, drm_noop,
	 * ...): drm_noop), NULL when none */
	const char *fn;
	/* a case label of a switch of a function not inside another: its group
	 * (the labels before one run of statements), from 1; 0 otherwise */
	uint16_t grp;
};

/* A function, or an object with an initialiser, defined at file scope. */
struct uabi_kdef {
	const char *name;	/* foo_ioctl; SYSCALL_DEFINEn(x, ..) is sys_x, the
				 * COMPAT_ form compat_sys_x */
	const char *type;	/* objects: the struct tag of the declaration
				 * (file_operations), NULL when none */
	bool object, is_static;
	/* a function that rebuilds the command's size field: it assigns to
	 * cmd (or command) an expression with _IOC or a *SIZE* name in it
	 * (cmd = _IOC(_IOC_DIR(cmd), ..., sizeof(void *)); cmd &= ~IOCSIZE_MASK) */
	bool sets_cmd_size;
	/* a function that calls through a pointer: x->f(...), x.f(...) or
	 * (...)(...) (a cast before a parenthesis counts too) */
	bool indirect_calls;
	const char *cond;
	uint32_t line;
	/* The names its body or initialiser references (identifiers with a
	 * lowercase letter, not after . or ->, no C keyword): sorted,
	 * unique, file->refs[ref0 .. ref0 + nref). */
	uint32_t ref0, nref;
	/* The references made only under case labels of the function's
	 * switches that are not inside another (never before one, after one,
	 * or under default, or after a statement label inside it):
	 * file->grefs[gref0 .. gref0 + ngref), each with the group of labels
	 * it is under (uabi_kname.grp); a name under two groups is there
	 * twice. */
	uint32_t gref0, ngref;
};

struct uabi_kgref {
	uint32_t ref;		/* index into file->refs */
	uint16_t grp;		/* a case group, or UABI_KGRP_ANY */
};

/* The reference a call through a pointer makes (with its case group,
 * uabi_kgref): no identifier, so no definition resolves it. */
#define UABI_KREF_INDIRECT "(*)"

/* The reference of a case group that may fall into the next group: the
 * last statement directly under its labels (or in a bare block there) is
 * not a jump (break, return, goto, continue), or is one under a #if the
 * switch is not under (not built on some arch): fallthrough; and older
 * trees' comment alike. */
#define UABI_KREF_FALL "(fall)"

/* The reference that starts a function's second switch, and each later
 * one, in the group of its first label: groups from there to the next
 * such reference are that switch's. */
#define UABI_KREF_SWITCH "(switch)"

/* The reference of a case group one of whose labels may be any command:
 * not one upper name (case 0x20:, case A ... B:, case A + 1:). */
#define UABI_KREF_ANYCASE "(case)"

/* A function's references also hold the member names it reads or writes,
 * each as "." followed by the name (no definition has such a name): an
 * identifier after . or ->, or an argument after the first of offsetof,
 * offsetofend, sizeof_field, FIELD_SIZEOF, typeof_member, container_of,
 * struct_size or flex_array_size. Objects' initialisers keep none. */
#define UABI_KREF_MEMBER "."

/* A name a function or an initialiser uses but does not call (f in
 * "p = f", ".fn = f", "INIT_WORK(&w, f)") goes to the file's vals (below):
 * a function so named may be called through a pointer. */
#define UABI_KREF_VALUE "&"

/* The group of the references after a switch whose default returns: only
 * the commands some case label of the function names get there. */
#define UABI_KGRP_ANY 0xffff

/* A designated initialiser ".field = value" of an ioctl entry point or a
 * link to one (fields: unlocked_ioctl, compat_ioctl, ioctl, ioctl_compat,
 * compat_ioctl32, proc_ioctl, proc_compat_ioctl, fb_ioctl, fb_compat_ioctl,
 * ioctls, fops), in a file-scope object, in an object a function body
 * defines (static const struct snd_hwdep_ops ops = { .ioctl = f };) or in
 * a #define body; or, in a function body, a statement that assigns one of
 * those fields but ioctls and fops an identifier: "hw->ops.ioctl = f;",
 * "fops.unlocked_ioctl = &f;" (the value an identifier with a lowercase
 * letter, the statement nothing more; written through names, . and ->
 * only: no cast, call or index on the way). */
struct uabi_kinit {
	/* the object, or the macro whose body holds it; an assignment: the
	 * path to the object assigned into, blanks dropped ("hw->ops") */
	const char *object;
	/* the object's struct tag, NULL when unknown; an assignment: the tag
	 * the path's first name is declared with in the function's
	 * parameters or body ("struct snd_hwdep *hw": snd_hwdep), the later
	 * declaration when two do, NULL when none does */
	const char *type;
	const char *field, *value;	/* value: the identifier ("&x" is x) */
	/* the function whose body holds the assignment or the object, NULL
	 * for a file-scope object or a macro */
	const char *function;
	bool in_macro;
	const char *cond;
	uint32_t line;
};

/* A #define whose body can matter here: it holds _IO, ##, "ioctl" or
 * "_operations". */
struct uabi_kmacro {
	const char *name;
	const char *params;	/* "a,b" without blanks; NULL for an object-like macro */
	const char *body;	/* blank runs folded */
	const char *cond;
	uint32_t line;
};

/* An upper macro invoked at file scope as a declaration: M(a0, ...); */
struct uabi_kuse {
	const char *macro, *arg0;	/* arg0: its first argument's first identifier, or NULL */
	const char *cond;
	uint32_t line;
};

/* Where the scan keeps the strings of names and references: the same
 * string once for a whole tree (the reader's table, kernel/ioctls.c);
 * NULL: a copy in the arena each time. Returns NULL on out of memory. */
struct uabi_kintern {
	const char *(*intern)(struct uabi_kintern *t, const char *s, size_t n);
};

struct uabi_kfile {
	const char *file;
	struct uabi_kintern *intern;	/* set by the caller before the scan, or NULL */
	struct uabi_kname *names;
	uint32_t nnames, cnames;
	struct uabi_kdef *defs;
	uint32_t ndefs, cdefs;
	const char **refs;
	uint32_t nrefs, crefs;
	struct uabi_kgref *grefs;
	uint32_t ngrefs, cgrefs;
	struct uabi_kinit *inits;
	uint32_t ninits, cinits;
	struct uabi_kmacro *macros;
	uint32_t nmacros, cmacros;
	struct uabi_kuse *uses;
	uint32_t nuses, cuses;
	/* The .c files it #includes ("pcm_compat.c"), as written: their
	 * static functions are this file's too. */
	const char **includes;
	uint32_t nincludes, cincludes;
	/* The member names the file's #define bodies name (".name", as
	 * UABI_KREF_MEMBER, by uabi_kscan__loose_members), and the other
	 * names with a lowercase letter they hold, not after . or ->, no C
	 * keyword (as written: a function a macro may call): in text order,
	 * a name may repeat. */
	const char **loose;
	uint32_t nloose, cloose;
	/* The names its functions and initialisers use as values, not calls
	 * (UABI_KREF_VALUE): one per definition, in text order. The tree read
	 * keeps those that name a function (kio_priv.h: addr). */
	const char **vals;
	uint32_t nvals, cvals;
	/* The kernel arches that never build the file (kbuild.h's bits), set
	 * by the tree's reader after the scan; the scan leaves it 0 (every
	 * arch may). */
	uint8_t not_archs;
};

/* Scan C text into *out (zeroed by the caller; strings in a, file kept
 * as given). Comments and literals are skipped. 0 or -ENOMEM. */
int uabi_kscan__file(const char *text, const char *file, struct uabi_arena *a,
		     struct uabi_kfile *out);
/* Release the arrays of *f (the strings live in the arena). */
void uabi_kfile__free(struct uabi_kfile *f);
/* Call add(ctx, name, n) for each member name of C text that a reader of
 * members could mean, over-approximated (a name after "." or "->", blanks
 * between allowed; comments and literals are not skipped, so a word there
 * counts too). Stops at add's first non-zero return and returns it. */
int uabi_kscan__loose_members(const char *text, size_t len,
			      int (*add)(void *ctx, const char *name, size_t n), void *ctx);
/* Whether the n-byte name has an uppercase letter and no lowercase one. */
bool uabi_kscan__is_upper(const char *s, size_t n);

#endif
