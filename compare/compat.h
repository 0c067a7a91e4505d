/* SPDX-License-Identifier: MIT */
/*
 * Compat verdicts: does a 32-bit caller see the same bytes as a 64-bit one?
 * Pure: two layout dumps in (native and compat ABI of one arch, same
 * headers), verdicts and member-level findings out. No I/O.
 *
 * Verdicts (DESIGN.md), one per ioctl and per extra root:
 *   identical       same number, same layout, no pointer or long whose size differs
 *   number-differs  _IOC_SIZE (or any field) differs, so the command number differs
 *   layout-differs  same number, some leaf moved or changed size (offset/size/bit
 *                   position/count differs), or an aggregate outside any union did
 *   pointer-width   same offsets and sizes, but a pointer or long of different width
 *                   lives in the bytes (a pointer in a union with __u64, or in a
 *                   struct arm of a union: the arm's size changes, no byte moves)
 *   not-applicable  the argument type does not exist on one of the ABIs
 * An ioctl is "needs translation" when its verdict is number-differs,
 * layout-differs or pointer-width.
 *
 * How a verdict is reached (compat.c):
 *  - Items: the union of the ioctl names of both dumps, sorted by name, then
 *    the native roots in native order (matched by name), then roots only
 *    the compat dump has. Absent or applicable=false on either side:
 *    not-applicable, reason "absent from x86_64" / "not defined for i386:
 *    <the dump's reason>" (both sides joined by "; ").
 *  - Different numbers: number-differs whatever else; findings are the
 *    numbers (UABI_F_NUMBER), _IOC_SIZE if it differs, then the walk below
 *    so the report shows why the size differs.
 *  - Otherwise the argument types are walked in parallel (typedef/const/
 *    volatile stripped), depth first in member order. Members pair by
 *    name; anonymous members by their position among the anonymous members.
 *    Pointers are never followed. An array reports its count and recurses
 *    into its element once ("x[0]"), never its total size. A base type of
 *    different size whose name (either side) is a long ("long", "long
 *    unsigned int", ...) is UABI_F_LONG, otherwise UABI_F_SIZE; equal sizes
 *    with different spellings (__u64 as unsigned long vs unsigned long long)
 *    are no finding. A bitfield reports bit offset and width only. The
 *    arm profile's __uint128_standin_t (a 16-byte struct for __uint128_t)
 *    against a base type compares by size only, not as a kind mismatch.
 *  - Verdicts are about bytes (DESIGN.md, precision rules): padding is not a
 *    leaf. The size and tail padding of a struct or union that sits in a
 *    union (a union arm, or any aggregate inside one, reached through
 *    members or through arrays of exactly one element) are "soft": they
 *    move no byte by themselves, since a leaf that moves is an offset or
 *    size finding of its own and the union's size is judged by the same
 *    rule one level up (up to the argument type, whose size always
 *    counts). An array element of an array of more than one element is
 *    never soft: its size moves the elements after the first.
 *  - Soft findings are recorded as notes: a soft size as UABI_F_ARM_SIZE
 *    (the two sizes), a soft tail padding as UABI_F_TAIL_PADDING that does
 *    not count for the verdict. (KVM_S390_ZPCI_OP on x86_64/i386: u.reg_aen
 *    32 vs 28 bytes, tail padding 4 vs 0, every leaf at the same offset,
 *    the union 64 bytes on both: identical with those two notes. A pointer
 *    in a struct arm: the arm's arm-size note and the pointer finding,
 *    pointer-width.)
 *  - Verdict: any size/offset/bit/count/missing/kind/tail-padding finding
 *    that is not soft: layout-differs; else any pointer/long finding:
 *    pointer-width; else identical (arm-size and soft tail-padding notes
 *    count for nothing).
 *    _IO ioctls (no argument type) are identical iff same number, and
 *    flagged untyped: the number does not describe the argument, so a
 *    handler that reads a struct through it (EX_PART = _IO(0x12, 105),
 *    struct { int op, flags, datalen; void *data; }: 24 vs 16 bytes on
 *    x86_64/i386) is not judged. The user declares the real argument with
 *    --arg-types (ioctl.declared in the dumps): it is walked like any
 *    argument type (EX_PART: layout-differs, data at 16 vs 12), the
 *    number still coming from the header.
 *  - Alignment: a copy_from_user does not care how the argument is aligned,
 *    and an alignment difference inside a type shows as offsets anyway. So
 *    UABI_F_ALIGNMENT is recorded only for the argument type (or root)
 *    itself and only when the walk found nothing else; the verdict stays
 *    identical (a struct of one __u64: 8 vs 4 on i386, identical, with the
 *    alignment finding for the report to mention).
 *
 * Finding paths: "" is the argument type itself; "a.b", "x[0].y" follow the
 * C spelling, so a member of an anonymous union reads as a member of its
 * parent. Findings of an anonymous member itself (its offset, size, tail
 * padding) use the segment "<anonN>", N its position among the anonymous
 * members of the parent from 0 ("<anon0>", "hdr.<anon1>").
 * Absolute offsets (native_at/compat_at of a finding): the walk carries the
 * bit offset of the current type from the start of the argument on each
 * side, the sum of the member offsets on the path (array elements: the
 * first), and records it in bytes, rounded down.
 * Values: bytes for size/arm-size/offset/alignment/tail-padding/ioc-size/pointer/
 * long, bits for bit-offset/bit-size, elements for count, 1/0 (present/
 * absent) for missing, enum uabi_kind values for kind (UABI_KIND_VOID when
 * one side has no argument type).
 */
#ifndef UABI_COMPAT_H
#define UABI_COMPAT_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/diag.h"
#include "../core/model.h"

enum uabi_verdict {
	UABI_V_IDENTICAL,
	UABI_V_NUMBER_DIFFERS,
	UABI_V_LAYOUT_DIFFERS,
	UABI_V_POINTER_WIDTH,
	UABI_V_NOT_APPLICABLE,
	UABI_V__COUNT,
};

enum uabi_finding_kind {
	UABI_F_NUMBER,		/* ioctl number differs (native/compat: the numbers) */
	UABI_F_IOC_SIZE,	/* _IOC_SIZE differs (bytes) */
	UABI_F_SIZE,		/* type or member size differs (bytes) */
	UABI_F_OFFSET,		/* member offset differs (bytes) */
	UABI_F_BIT_OFFSET,	/* bitfield position differs (bits) */
	UABI_F_BIT_SIZE,	/* bitfield width differs (bits) */
	UABI_F_COUNT,		/* array element count differs */
	UABI_F_ALIGNMENT,	/* alignment differs (bytes); size and offsets may still match */
	UABI_F_TAIL_PADDING,	/* tail padding differs (bytes) */
	UABI_F_POINTER,		/* a pointer: native/compat are its sizes */
	UABI_F_LONG,		/* a long/unsigned long (or typedef of one) of different size */
	UABI_F_MISSING,		/* member exists on one side only (native/compat: 1 = present) */
	UABI_F_KIND,		/* different kind of type (struct vs union, scalar vs struct) */
	UABI_F_ARM_SIZE,	/* size of an aggregate in a union differs, no leaf moves: a
				 * note, not counted in the verdict (bytes: the two sizes) */
	UABI_F__COUNT,
};

struct uabi_finding {
	enum uabi_finding_kind kind;
	const char *path;	/* member path from the argument: "ranges[0].bitmap"; "" = the type itself */
	uint64_t native, compat;	/* values in the unit of the kind */
	const char *file;	/* decl file of the member (native side, else compat side; the
				 * type's or the ioctl's for path ""), NULL if unknown */
	uint32_t line;
	/* Where the finding sits, in bytes from the start of the argument
	 * type or root (kvm_run.xen.u: 40 on x86_64, 36 on i386), per side:
	 * the member's first byte (a bitfield's: the byte holding its first
	 * bit; an array's element: the first element's). UABI_NO_OFFSET on a
	 * side that lacks the member, and for number/ioc-size findings. */
	uint64_t native_at, compat_at;
};

/* One ioctl (or extra root) of a pair. */
struct uabi_compat_item {
	const char *name;		/* KVM_GET_DIRTY_LOG, or "struct kvm_run" for a root */
	bool is_root;			/* an extra ABI root (mmap'd; cannot be translated) */
	enum uabi_verdict verdict;
	const struct uabi_ioctl *native, *compat;	/* borrowed; NULL when absent or a root */
	uint32_t native_type, compat_type;		/* argument types, UABI_NO_TYPE if none */
	uint64_t native_size, compat_size;		/* sizeof the argument type (0 if none) */
	const char *reason;		/* not-applicable: why (which side lacks what) */
	bool untyped;			/* an ioctl whose number names no argument type (_IO, _IOC
					 * without sizeof) and none was declared, on both sides or
					 * (the same number) on one: "identical" then
					 * says only that the numbers agree (the handler may still
					 * read a struct through the pointer); --arg-types fixes it */
	bool declared;			/* the argument type was declared by the user
					 * (--arg-types), on either side, not named by the number */
	bool not_judged;		/* not-applicable because its header was skipped on one
					 * ABI of the pair (--all, input.skipped): nothing was
					 * compared, reason names the header and why */
	struct uabi_finding *findings;
	uint32_t nfindings;
	uint32_t nfindings_total;	/* before the per-item cap (UABI_COMPAT_MAX_FINDINGS) */
};

#define UABI_COMPAT_MAX_FINDINGS 64
#define UABI_NO_OFFSET UINT64_MAX	/* uabi_finding native_at/compat_at: none */

struct uabi_compat_pair {
	struct uabi_arena arena;	/* paths, findings, items */
	const struct uabi_layout *n, *c;	/* borrowed */
	const char *native, *compat;	/* profile names */
	const char *arch;		/* kernel ARCH dir (from the native dump) */
	struct uabi_compat_item *items;	/* ioctls sorted by name, then roots in given order */
	uint32_t nitems;
	uint32_t counts[UABI_V__COUNT];	/* ioctls only, per verdict */
	uint32_t untyped;		/* of counts[UABI_V_IDENTICAL]: untyped ioctls (_IO: the
					 * number names no argument, identical says nothing of it) */
};

/* Compare two dumps of the same headers into *out (overwritten: free a
 * previous pair first; left empty on error). The dumps must have the same
 * arch and come from the same headers, else an input error: same input
 * kind, kernel version and header selection, and the same input sha256
 * when both read the same files (the sha256 covers every file read, and
 * the ABIs of one arch read different asm files: posix_types_32.h vs
 * posix_types_64.h). Strings live in out's arena. 0 or -errno. */
int uabi_compat__compare(const struct uabi_layout *native, const struct uabi_layout *compat,
			 struct uabi_compat_pair *out, struct uabi_diag *d);
/* Release a pair's arena (the layouts stay). */
void uabi_compat_pair__free(struct uabi_compat_pair *p);
/* Verdict as its word ("layout-differs"); parse returns -1 if unknown. */
const char *uabi_verdict__str(enum uabi_verdict v);
int uabi_verdict__parse(const char *s);
/* Finding kind as its word ("offset", "pointer", "tail-padding", ...). */
const char *uabi_finding_kind__str(enum uabi_finding_kind k);
/* Whether the verdict means a compat caller needs translation. */
bool uabi_verdict__needs_translation(enum uabi_verdict v);

#endif
