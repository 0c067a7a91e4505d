/* SPDX-License-Identifier: MIT */
/*
 * Header inputs. A kernel source tree needs what Kbuild would generate
 * before its uapi headers compile: asm/ wrappers for the asm-generic
 * headers an arch does not provide (generic-y in the arch's Kbuild plus
 * mandatory-y of asm-generic), empty linux/compiler.h and
 * linux/compiler_types.h, and the annotations headers_install strips
 * (__user, __force, ...). Installed headers (headers_install output,
 * /usr/include, /usr/<triplet>/include) compile as they are.
 *
 * A uabi_work is one profile's scratch directory with the include path
 * that both extract and verify compile against.
 */
#ifndef UABI_INPUT_H
#define UABI_INPUT_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "../core/diag.h"
#include "../core/profile.h"
#include "macros.h"

enum uabi_input_kind {
	UABI_INPUT_KERNEL_TREE,
	UABI_INPUT_HEADERS,
};

/* One line of an --arg-types file: the ioctl NAME takes a pointer to TYPE,
 * whatever its number says (an _IO command whose handler reads a struct). */
struct uabi_arg_decl {
	char *name;		/* EX_PART */
	char *type;		/* struct ex_part_arg */
	const char *file;	/* the file as given (borrowed), for messages */
	uint32_t line;
};

/* --sysroot PROFILE=DIR: the C library of one profile. */
struct uabi_sysroot {
	const char *profile;
	const char *dir;
};

#define UABI_MAX_SYSROOTS 32

struct uabi_input_spec {
	enum uabi_input_kind kind;
	const char *root;		/* as given by the user */
	const char **headers;		/* linux/kvm.h ...; with all, narrows the discovered set */
	uint32_t nheaders;
	bool all;			/* --all: every header of the tree's uapi (and the
					 * profile's arch uapi) that defines an ioctl command
					 * (uabi_discover__headers), per profile */
	const char **roots;		/* extra ABI roots: "struct kvm_run" */
	uint32_t nroots;
	const struct uabi_arg_decl *arg_decls;	/* --arg-types, or NULL */
	uint32_t narg_decls;
	bool keep_temps;		/* leave the scratch directory behind */
	bool verbose;			/* print every command line */
	bool use_linker;		/* link the probe instead of relocating it in-process */
	bool no_cache;			/* --no-cache: neither read nor write the extraction
					 * cache (extractor/cached.h) */
	/* the C library headers a header such as linux/videodev2.h
	 * (<sys/time.h>) compiles against (uabi_input__libc_dirs): the
	 * sysroot as given (--sysroot) for every profile, or NULL for the
	 * ones Debian installs for the profile's target; none at all with
	 * no_sysroot (--no-sysroot) */
	const char *sysroot;
	bool no_sysroot;
	/* --sysroot PROFILE=DIR (repeatable): that profile's C library,
	 * before sysroot (which then serves the other profiles) */
	const struct uabi_sysroot *sysroots;
	uint32_t nsysroots;
	/* limits of every child (compiler, linker, git, tar), 0 for the
	 * defaults of extractor/spawn.h; the CLI installs them with
	 * uabi_spawn__set_limits() as it parses them */
	unsigned timeout_s;		/* wall clock, seconds (--timeout) */
	unsigned long long memory_mib;	/* address space, MiB (--memory-limit) */
	const char *label;		/* which side ("base", "head", "old", "new") or NULL:
					 * prefixed to messages, which then name no scratch path */
};

#define UABI_MAX_INCDIRS 8
#define UABI_MAX_LIBC_DIRS 2

struct uabi_work {
	char dir[PATH_MAX];		/* scratch directory (mkdtemp) */
	char real_dir[PATH_MAX];	/* its realpath */
	char root_abs[PATH_MAX];	/* realpath of the input root */
	char gen[PATH_MAX];		/* generated headers (kernel tree), or "" */
	char stubs[PATH_MAX];		/* forced include with the stripped annotations, or "" */
	char use_file[PATH_MAX];	/* one more scratch file of uabi's the compile may read
					 * (verify's second use of a number), or "" */
	/* the compiler's own freestanding headers (stddef.h, stdint.h, ...):
	 * realpath of `cc -print-file-name=include`, searched last
	 * (-idirafter), or "" when the compiler names none */
	char cc_include[PATH_MAX];
	/* the C library's include directories (realpaths), searched after
	 * cc_include in this order (-idirafter); nlibc 0 for none */
	char libc[UABI_MAX_LIBC_DIRS][PATH_MAX];
	uint32_t nlibc;
	char *incdirs[UABI_MAX_INCDIRS];
	uint32_t nincdirs;
	const struct uabi_profile *profile;
	const struct uabi_input_spec *spec;
};

/*
 * Read an --arg-types file into *decls (malloc'd, *n entries; free with
 * uabi_arg_decls__free). Format, one declaration a line:
 *
 *   # comment (also after a declaration); blank lines are fine
 *   EX_PART = struct ex_part_arg
 *
 * NAME is a C identifier, TYPE one or more identifiers separated by blanks
 * ("struct x", "unsigned long", "__u64"); no pointer, array or qualifier:
 * TYPE is what the argument points to. A name given twice, a line longer
 * than UABI_ARG_DECL_MAX_LINE bytes, a NUL byte, or any other line, is an
 * input error naming file:line. TYPE must name a type (a macro that expands
 * to a number does not compile) with a size for the ABI (not void, not an
 * undefined enum): checked by extract. 0 or -errno with d set.
 */
#define UABI_ARG_DECL_MAX_LINE 1024u
int uabi_arg_decls__read(const char *file, struct uabi_arg_decl **decls, uint32_t *n,
			 struct uabi_diag *d);
void uabi_arg_decls__free(struct uabi_arg_decl *decls, uint32_t n);
/* Kind as the dump records it ("kernel-tree", "headers"). */
const char *uabi_input_kind__str(enum uabi_input_kind k);
/*
 * The C library's include directories profile p compiles against, in
 * search order, as realpaths into dirs (*n of them, 0 for none):
 *  - spec->no_sysroot: none;
 *  - a spec->sysroots entry for p (--sysroot P=DIR), else spec->sysroot
 *    DIR (--sysroot DIR, for every profile without its own): BASE/<multiarch>
 *    (when a directory) and BASE,
 *    BASE the first directory of DIR/usr/include, DIR/include and DIR;
 *  - else Debian's for the target of p's compiler (--target=, or the
 *    prefix of a cross gcc: s390x-linux-gnu-gcc), the first with a
 *    sys/types.h of: /usr/<gnu triplet>/include (libc6-dev-<arch>-cross:
 *    /usr/i686-linux-gnu/include for i386, /usr/s390x-linux-gnu/include
 *    for s390x and, bi-arch, s390), /usr/include/<multiarch> with
 *    /usr/include (the native libc6-dev, or a multiarch one), and for the
 *    machine's own target /usr/include alone.
 * 0, or -ENOENT with an input error when --sysroot is no directory.
 */
int uabi_input__libc_dirs(const struct uabi_input_spec *spec, const struct uabi_profile *p,
			  char dirs[UABI_MAX_LIBC_DIRS][PATH_MAX], uint32_t *n, struct uabi_diag *d);
/* Debian's two names of the target of p's compiler (the machine's own when
 * the compiler names none), into multi and gnu (len bytes each): the
 * multiarch triplet of /usr/include/<multi> ("i386-linux-gnu",
 * "arm-linux-gnueabihf"; vendor dropped: "x86_64-unknown-linux-gnu" is
 * "x86_64-linux-gnu") and the GNU one of the cross packages'
 * /usr/<gnu>/include ("i686-linux-gnu"; s390's is "s390x-linux-gnu",
 * bi-arch). *native: the target is the machine's own. false (both "")
 * for a target that is no Linux one, or none on an unknown machine. */
/* The sysroot DIR profile p compiles against: its --sysroot P=DIR, else
 * the plain --sysroot DIR, else NULL. *own tells which (if not NULL). */
const char *uabi_input__sysroot_for(const struct uabi_input_spec *spec, const char *profile,
				    bool *own);
/* Whether the plain --sysroot DIR has a <multiarch> include directory for
 * p (DIR/usr/include/<multiarch>, ...): a multiarch sysroot that serves p
 * too. false for a profile of the machine's own target. */
bool uabi_input__sysroot_foreign(const struct uabi_input_spec *spec, const struct uabi_profile *p);
bool uabi_input__libc_triplets(const struct uabi_profile *p, char *multi, char *gnu, size_t len,
			       bool *native);
/* Check that the input root exists and looks like its kind (and that
 * --sysroot, if given, is a directory). */
int uabi_input__check(const struct uabi_input_spec *spec, struct uabi_diag *d);
/* Where profile p's asm/ headers come from in the input (looked up under
 * root, the spec's root or its realpath): the include directory to add
 * into out (a kernel tree's arch/<arch>/include/uapi; for installed
 * headers root/<triplet>, another triplet of the same kernel arch, or ""
 * when root/asm serves). 0, or -ENOENT with d set (an input error naming
 * the profile) when the input has none for p. */
int uabi_input__asm_dir(const struct uabi_input_spec *spec, const char *root,
			const struct uabi_profile *p, char *out, size_t len, struct uabi_diag *d);
/*
 * Before forking one worker per profile: a memory the workers share, where
 * the first to ask a compiler for its freestanding headers
 * (`-print-file-name=include`, uabi_work__init) leaves the answer for the
 * others with the same compiler argv. clang's answer does not depend on
 * its --target (the -B prefixes, then its resource directory, whose
 * include/ is the answer), so for clang the key leaves --target out and
 * only an answer under a "clang" resource directory is shared: 14
 * profiles ask once. Without it (not called, or no memory) each worker
 * asks its compiler.
 */
void uabi_work__share_cc_include(void);
/* Create the scratch dir and the include path for profile p. */
int uabi_work__init(struct uabi_work *w, const struct uabi_input_spec *spec,
		    const struct uabi_profile *p, struct uabi_diag *d);
/* The same without running the compiler: cc_include stays "" (the include
 * path of uabi_discover__headers and extractor/touched.h; nothing is
 * compiled with it). Same errors; uabi_work__fini after either. */
int uabi_work__init_paths(struct uabi_work *w, const struct uabi_input_spec *spec,
			  const struct uabi_profile *p, struct uabi_diag *d);
/* Remove the scratch dir (unless keep_temps) and free. */
void uabi_work__fini(struct uabi_work *w);
/* Path of a file in the scratch dir (static buffer per call site). */
void uabi_work__path(const struct uabi_work *w, const char *name, char *buf, size_t len);
/* Append the compiler argv for this profile (cc prefix, common flags,
 * include path) to argv at *n (argv must have room: 64 slots). */
void uabi_work__cc_argv(const struct uabi_work *w, const char **argv, int *n);
/* Append the compiler argv that compiles text uabi preprocessed and checked
 * (cc prefix, the common flags, then "-x cpp-output"; no include path and
 * no -include: the compile reads the one file it is given). Same room. */
void uabi_work__cpp_output_argv(const struct uabi_work *w, const char **argv, int *n);
/* Map an absolute path to what a dump records: relative to the input
 * root, "<generated>/..." for uabi's own files, "<compiler>/stddef.h" for
 * the compiler's freestanding headers, "<sysroot>/sys/time.h" for the C
 * library's (relative to the libc directory it lies in), else unchanged.
 * Writes buf. */
const char *uabi_work__relpath(const struct uabi_work *w, const char *abs, char *buf, size_t len);
/*
 * What the compiler may read: files under the input root, uabi's generated
 * wrappers (gen/) and stubs file, the main source file of the run
 * (source), the files directly in the compiler's freestanding include
 * directory (cc_include: stddef.h, stdint.h, ...; not its subdirectories),
 * and the files under the C library's include directories (libc) except
 * its copies of kernel headers (uabi_work__libc_kernel), all compared as
 * realpaths, so a symlink in the tree or the sysroot that points
 * elsewhere, or a "../" climbing out of cc_include, is outside. Every run
 * passes -nostdinc and adds only cc_include, then the libc directories,
 * back (-idirafter): the tree's own headers come first, and <stddef.h>
 * resolves as in any compile.
 */
bool uabi_work__allows(const struct uabi_work *w, const char *path, const char *source);
/* Whether path (a realpath) is a C library file under a directory the
 * tree's include path also has (linux/, asm/, asm-generic/, drm/, ...):
 * the copy of a kernel header the C library's headers come with, which is
 * another kernel's (asm/unistd_64.h, generated by Kbuild, is in no source
 * tree). Such a file is not allowed: the headers judged are the tree's. */
/* Whether path (as the compiler spelled it) is a file of the input tree,
 * through realpath (a symlink out of the tree is not). */
bool uabi_work__in_tree(const struct uabi_work *w, const char *path);
bool uabi_work__libc_kernel(const struct uabi_work *w, const char *path);
/* Check the files a preprocessor run entered (cpp->includes) against the
 * above. 0, or -EPERM with an input error for the first file outside,
 * naming the including file and line ("include/uapi/linux/kvm.h:12:
 * includes a file outside the input tree: /etc/shadow"). */
int uabi_work__check_includes(const struct uabi_work *w, const struct uabi_cpp *cpp,
			      const char *source, struct uabi_diag *d);
/*
 * Check `cc -E` output (text) before it is compiled with -x cpp-output:
 * clang preprocesses such input again and obeys its directives, so a line
 * whose first token is # or %: may only be what -E itself writes at its
 * start (a `# N "file"` marker, #pragma, #ident). A # that a macro put at
 * the start of a line (which the compile of the source would reject as
 * stray) is an input error (-EPERM with d set) naming the file and line.
 */
int uabi_work__check_directives(const struct uabi_work *w, const char *text, struct uabi_diag *d);
/* The compiler's stderr cut to what lies in files it may read: diagnostics,
 * notes and "In file included from" lines located elsewhere are dropped,
 * and so is every line that is not one of those (source lines, carets);
 * paths are made relative to the tree ("<generated>/..." for uabi's own).
 * Located lines of tools and pseudo files ("clang: error: ...",
 * "<command line>:1:9: ...") stay. Malloc'd; NULL when out of memory. */
char *uabi_work__diagnostics(const struct uabi_work *w, const char *err, const char *source);
/* Where messages name the input: "the base revision" / "the head revision"
 * for a git side (its root is a scratch directory), else the root as
 * given. Writes buf. */
const char *uabi_input__where(const struct uabi_input_spec *spec, char *buf, size_t len);
/* How a dump records a file the compiler read (input.files): the file's
 * realpath relative to the input root, so that "dir/../x.h" (gcc's
 * spelling of #include "../x.h") and "x.h" are one name; "<generated>/..."
 * for uabi's own files; "<compiler>/stddef.h" for the compiler's
 * freestanding headers and "<sysroot>/sys/time.h" for the C library's
 * (recorded, not hashed: they are not the tree's); the path unchanged if
 * it is outside. Writes buf.
 * extract records it and verify compares against it. */
const char *uabi_work__recorded_path(const struct uabi_work *w, const char *file, char *buf,
				     size_t len);
/* Kernel version of the input ("6.1.192"), from the tree's Makefile or the
 * headers' linux/version.h; 0 and buf "" when unknown. */
int uabi_input__kernel_version(const struct uabi_input_spec *spec, char *buf, size_t len);

#endif
