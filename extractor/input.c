// SPDX-License-Identifier: MIT
#include "input.h"

#include <ctype.h>
#include <errno.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/fileio.h"
#include "../core/sbuf.h"
#include "spawn.h"

/* What scripts/headers_install.sh removes from raw uapi headers. */
static const char stubs_text[] =
	"/* written by uabi: what headers_install strips from raw uapi headers */\n"
	"#define __user\n"
	"#define __force\n"
	"#define __iomem\n"
	"#define __attribute_const__\n"
	"#define __packed __attribute__((packed))\n"
	"#define __EXPORTED_HEADERS__ 1\n";

static bool ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Copy an identifier at *p into a malloc'd string and move *p past it;
 * NULL if *p is no identifier (or out of memory: *oom set). */
static char *take_ident(const char **p, bool *oom)
{
	const char *s = *p;
	char *out;

	if (!ident_char(*s) || (*s >= '0' && *s <= '9'))
		return NULL;
	while (ident_char(**p))
		(*p)++;
	out = strndup(s, (size_t)(*p - s));
	if (!out)
		*oom = true;
	return out;
}

void uabi_arg_decls__free(struct uabi_arg_decl *decls, uint32_t n)
{
	for (uint32_t i = 0; decls && i < n; i++) {
		free(decls[i].name);
		free(decls[i].type);
	}
	free(decls);
}

/* One line (NUL-terminated, comment cut) into decl; an error message into
 * why (NULL: fine, or a blank line: decl->name NULL). */
static const char *parse_decl(const char *line, struct uabi_arg_decl *decl, bool *oom)
{
	const char *p = line;
	struct uabi_sbuf t;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return NULL;
	decl->name = take_ident(&p, oom);
	if (!decl->name)
		return *oom ? "out of memory" : "expected 'NAME = TYPE' (NAME an ioctl macro)";
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '=')
		return "expected 'NAME = TYPE' (NAME an ioctl macro)";
	p++;
	uabi_sbuf__init(&t);
	for (;;) {
		char *word;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		word = take_ident(&p, oom);
		if (!word) {
			uabi_sbuf__free(&t);
			return *oom ? "out of memory" : "TYPE: expected a type such as 'struct x' (identifiers"
							" only: the type the argument points to)";
		}
		uabi_sbuf__addf(&t, "%s%s", t.len ? " " : "", word);
		free(word);
	}
	if (!t.len) {
		uabi_sbuf__free(&t);
		return "expected a TYPE after '='";
	}
	decl->type = uabi_sbuf__finish(&t, NULL);
	if (!decl->type) {
		*oom = true;
		return "out of memory";
	}
	return NULL;
}

int uabi_arg_decls__read(const char *file, struct uabi_arg_decl **decls, uint32_t *n,
			 struct uabi_diag *d)
{
	char *text = NULL, *p, *next;
	uint32_t line = 0;
	size_t len = 0;
	int err;

	*decls = NULL;
	*n = 0;
	err = uabi_file__read(file, &text, &len, d);
	if (err) {
		uabi_diag__prefix(d, "--arg-types");
		return err;
	}
	if (memchr(text, '\0', len)) {
		err = uabi_diag__input(d, EINVAL, "%s: a NUL byte (not a text file)", file);
		goto fail;
	}
	for (p = text; p && *p; p = next) {
		struct uabi_arg_decl decl = { .file = file }, *v;
		const char *why;
		bool oom = false;
		char *hash;

		line++;
		next = strchr(p, '\n');
		if (next)
			*next++ = '\0';
		if (strlen(p) > UABI_ARG_DECL_MAX_LINE) {
			err = uabi_diag__input(d, EINVAL, "%s:%u: line longer than %u bytes", file, line,
					       UABI_ARG_DECL_MAX_LINE);
			goto fail;
		}
		hash = strchr(p, '#');
		if (hash)
			*hash = '\0';
		decl.line = line;
		why = parse_decl(p, &decl, &oom);
		for (uint32_t i = 0; !why && decl.name && i < *n; i++) {
			if (strcmp((*decls)[i].name, decl.name))
				continue;
			err = uabi_diag__input(d, EINVAL, "%s:%u: %s: declared twice (first on line %u)",
					       file, line, decl.name, (*decls)[i].line);
			free(decl.name);
			free(decl.type);
			goto fail;
		}
		if (why) {
			free(decl.name);
			free(decl.type);
			err = oom ? uabi_diag__input(d, ENOMEM, "out of memory")
				  : uabi_diag__input(d, EINVAL, "%s:%u: %s", file, line, why);
			goto fail;
		}
		if (!decl.name)
			continue;
		v = realloc(*decls, (*n + 1) * sizeof(*v));
		if (!v) {
			free(decl.name);
			free(decl.type);
			err = uabi_diag__input(d, ENOMEM, "out of memory");
			goto fail;
		}
		*decls = v;
		v[(*n)++] = decl;
	}
	free(text);
	return 0;
fail:
	free(text);
	uabi_arg_decls__free(*decls, *n);
	*decls = NULL;
	*n = 0;
	return err;
}

const char *uabi_input_kind__str(enum uabi_input_kind k)
{
	return k == UABI_INPUT_KERNEL_TREE ? "kernel-tree" : "headers";
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The machine's own multiarch triplet (Debian's /usr/include/<triplet>),
 * or NULL where uabi does not know it. */
#if defined(__x86_64__) && defined(__ILP32__)
#define HOST_MULTIARCH "x86_64-linux-gnux32"
#elif defined(__x86_64__)
#define HOST_MULTIARCH "x86_64-linux-gnu"
#elif defined(__i386__)
#define HOST_MULTIARCH "i386-linux-gnu"
#elif defined(__aarch64__) && !defined(__AARCH64EB__)
#define HOST_MULTIARCH "aarch64-linux-gnu"
#elif defined(__arm__) && defined(__ARM_PCS_VFP) && !defined(__ARMEB__)
#define HOST_MULTIARCH "arm-linux-gnueabihf"
#elif defined(__s390x__)
#define HOST_MULTIARCH "s390x-linux-gnu"
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
#define HOST_MULTIARCH "powerpc64le-linux-gnu"
#elif defined(__powerpc64__)
#define HOST_MULTIARCH "powerpc64-linux-gnu"
#elif defined(__riscv) && __riscv_xlen == 64
#define HOST_MULTIARCH "riscv64-linux-gnu"
#else
#define HOST_MULTIARCH NULL
#endif

/* The target of p's compiler as given: --target=T or -target T, else the
 * prefix of a cross compiler's name (s390x-linux-gnu-gcc), else "" (the
 * machine's own). x86 -m32 and -mx32 pick the 32-bit ABIs. */
static void cc_target(const struct uabi_profile *p, char *buf, size_t len)
{
	static const char *const tools[] = { "-gcc", "-clang", "-cc" };
	const char *base = strrchr(p->cc[0], '/'), *tool = NULL;
	int m = 0;

	buf[0] = '\0';
	base = base ? base + 1 : p->cc[0];
	/* TRIPLET-gcc, TRIPLET-gcc-12, TRIPLET-clang-14 */
	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		const char *t = strstr(base, tools[i]), *end = t ? t + strlen(tools[i]) : NULL;

		if (t && (!*end || *end == '-') && (!tool || t < tool))
			tool = t;
	}
	if (tool && memmem(base, (size_t)(tool - base), "-linux-", 7))
		snprintf(buf, len, "%.*s", (int)(tool - base), base);
	for (int i = 1; i < UABI_PROFILE_MAX_ARGS && p->cc[i]; i++) {
		if (!strncmp(p->cc[i], "--target=", 9))
			snprintf(buf, len, "%s", p->cc[i] + 9);
		else if (!strcmp(p->cc[i], "-target") && i + 1 < UABI_PROFILE_MAX_ARGS && p->cc[i + 1])
			snprintf(buf, len, "%s", p->cc[++i]);
		else if (!strcmp(p->cc[i], "-m32"))
			m = 32;
		else if (!strcmp(p->cc[i], "-mx32"))
			m = 'x';
	}
	if (m && !buf[0] && HOST_MULTIARCH)
		snprintf(buf, len, "%s", HOST_MULTIARCH);
	if (m && !strncmp(buf, "x86_64-", 7)) {
		char rest[128];

		snprintf(rest, sizeof(rest), "%s", buf + 7);
		if (m == 32)
			snprintf(buf, len, "i686-%s", rest);
		else if (!strstr(rest, "gnux32"))
			snprintf(buf, len, "x86_64-%sx32", rest);
	}
}

/* Debian's two spellings of a Linux target: the multiarch triplet
 * (/usr/include/<multi>: i386-linux-gnu, arm-linux-gnueabihf) and the GNU
 * one of the cross packages (/usr/<gnu>/include: i686-linux-gnu; s390x's
 * serves s390 too). false for a target that is no Linux one. */
static bool debian_triplets(const char *target, char *multi, char *gnu, size_t len)
{
	char arch[64];
	const char *rest = strchr(target, '-'), *m, *g;

	if (!rest || (size_t)(rest - target) >= sizeof(arch))
		return false;
	snprintf(arch, sizeof(arch), "%.*s", (int)(rest - target), target);
	rest++;
	if (strncmp(rest, "linux-", 6)) {	/* a vendor: unknown, pc */
		rest = strchr(rest, '-');
		if (!rest || strncmp(rest + 1, "linux-", 6))
			return false;
		rest++;
	}
	m = g = arch;
	if (arch[0] == 'i' && strchr("3456", arch[1]) && !strcmp(arch + 2, "86")) {
		m = "i386";
		g = "i686";
	} else if (!strncmp(arch, "arm", 3) && strncmp(arch, "arm64", 5)) {
		m = g = "arm";
	} else if (!strcmp(arch, "s390")) {
		g = "s390x";
	}
	snprintf(multi, len, "%s-%s", m, rest);
	snprintf(gnu, len, "%s-%s", g, rest);
	/* Debian's n32 C library (libc6-dev-mipsn32-mips64-cross) shares the
	 * n64 one's directory: its headers serve both (gnu/stubs-n32_hard.h) */
	if (!strcmp(rest, "linux-gnuabin32"))
		snprintf(gnu, len, "%s-linux-gnuabi64", g);
	return true;
}

/* Add dir (its realpath) to dirs when it is a directory. */
static void add_libc_dir(const char *dir, char dirs[UABI_MAX_LIBC_DIRS][PATH_MAX], uint32_t *n)
{
	struct stat st;

	if (*n < UABI_MAX_LIBC_DIRS && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	    realpath(dir, dirs[*n]))
		(*n)++;
}

/* Whether dir/sys/types.h is there: a C library's headers. */
static bool has_libc(const char *dir)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/sys/types.h", dir);
	return is_file(path);
}

bool uabi_input__libc_triplets(const struct uabi_profile *p, char *multi, char *gnu, size_t len,
			       bool *native)
{
	char target[256];
	bool ok;

	multi[0] = gnu[0] = '\0';
	cc_target(p, target, sizeof(target));
	*native = !target[0];
	if (*native && HOST_MULTIARCH)
		snprintf(target, sizeof(target), "%s", HOST_MULTIARCH);
	ok = target[0] && debian_triplets(target, multi, gnu, len);
	if (!ok)
		multi[0] = gnu[0] = '\0';
	if (ok && HOST_MULTIARCH && !strcmp(multi, HOST_MULTIARCH))
		*native = true;
	return ok;
}

const char *uabi_input__sysroot_for(const struct uabi_input_spec *spec, const char *profile,
				    bool *own)
{
	for (uint32_t i = 0; i < spec->nsysroots; i++)
		if (!strcmp(spec->sysroots[i].profile, profile)) {
			if (own)
				*own = true;
			return spec->sysroots[i].dir;
		}
	if (own)
		*own = false;
	return spec->sysroot;
}

/* BASE of a sysroot DIR: DIR/usr/include, DIR/include or DIR. */
static void sysroot_base(const char *dir, char *base, size_t len)
{
	snprintf(base, len, "%s/usr/include", dir);
	if (!is_dir(base))
		snprintf(base, len, "%s/include", dir);
	if (!is_dir(base))
		snprintf(base, len, "%s", dir);
}

bool uabi_input__sysroot_foreign(const struct uabi_input_spec *spec, const struct uabi_profile *p)
{
	char multi[256], gnu[256], base[PATH_MAX], path[PATH_MAX * 2];
	bool native, own;
	const char *dir = uabi_input__sysroot_for(spec, p->name, &own);

	if (!dir || own || spec->no_sysroot)
		return false;
	uabi_input__libc_triplets(p, multi, gnu, sizeof(multi), &native);
	if (native)
		return false;
	sysroot_base(dir, base, sizeof(base));
	snprintf(path, sizeof(path), "%s/%s", base, multi);
	return !multi[0] || !is_dir(path);
}

int uabi_input__libc_dirs(const struct uabi_input_spec *spec, const struct uabi_profile *p,
			  char dirs[UABI_MAX_LIBC_DIRS][PATH_MAX], uint32_t *n, struct uabi_diag *d)
{
	char multi[256], gnu[256], path[PATH_MAX * 2], base[PATH_MAX];
	const char *sysroot = uabi_input__sysroot_for(spec, p->name, NULL);
	bool native;

	*n = 0;
	if (spec->no_sysroot)
		return 0;
	uabi_input__libc_triplets(p, multi, gnu, sizeof(multi), &native);
	if (sysroot) {
		if (!is_dir(sysroot))
			return uabi_diag__input(d, ENOENT, "--sysroot %s: %s", sysroot,
						access(sysroot, F_OK) ? strerror(errno)
								      : "not a directory");
		sysroot_base(sysroot, base, sizeof(base));
		if (multi[0]) {
			snprintf(path, sizeof(path), "%s/%s", base, multi);
			add_libc_dir(path, dirs, n);
		}
		add_libc_dir(base, dirs, n);
		return 0;
	}
	if (gnu[0]) {
		snprintf(path, sizeof(path), "/usr/%s/include", gnu);
		if (has_libc(path)) {
			add_libc_dir(path, dirs, n);
			return 0;
		}
	}
	if (multi[0]) {
		snprintf(path, sizeof(path), "/usr/include/%s", multi);
		if (has_libc(path)) {
			add_libc_dir(path, dirs, n);
			add_libc_dir("/usr/include", dirs, n);
			return 0;
		}
	}
	if (native && has_libc("/usr/include"))
		add_libc_dir("/usr/include", dirs, n);
	return 0;
}

int uabi_input__check(const struct uabi_input_spec *spec, struct uabi_diag *d)
{
	char p[PATH_MAX], where[PATH_MAX];

	uabi_input__where(spec, where, sizeof(where));
	if (spec->sysroot && !is_dir(spec->sysroot))
		return uabi_diag__input(d, ENOENT, "--sysroot %s: %s", spec->sysroot,
					access(spec->sysroot, F_OK) ? strerror(errno) : "not a directory");
	for (uint32_t i = 0; i < spec->nsysroots; i++)
		if (!is_dir(spec->sysroots[i].dir))
			return uabi_diag__input(d, ENOENT, "--sysroot %s=%s: %s", spec->sysroots[i].profile,
						spec->sysroots[i].dir,
						access(spec->sysroots[i].dir, F_OK) ? strerror(errno)
										    : "not a directory");
	if (!is_dir(spec->root))
		return uabi_diag__input(d, ENOENT, "%s: %s", where,
					access(spec->root, F_OK) ? strerror(errno) : "not a directory");
	if (spec->kind == UABI_INPUT_KERNEL_TREE) {
		snprintf(p, sizeof(p), "%s/include/uapi/linux", spec->root);
		if (!is_dir(p))
			return uabi_diag__input(d, ENOENT,
						"%s: not a kernel source tree (no include/uapi/linux)",
						where);
	} else {
		snprintf(p, sizeof(p), "%s/linux", spec->root);
		if (!is_dir(p))
			return uabi_diag__input(d, ENOENT,
						"%s: not a header directory (no linux/ inside)", where);
	}
	for (uint32_t i = 0; i < spec->nheaders; i++) {
		const char *h = spec->headers[i];

		if (!*h || h[0] == '/' || strstr(h, "..") || strpbrk(h, "\"<>\n"))
			return uabi_diag__input(d, EINVAL,
						"--header '%s': expected a relative include name such as linux/kvm.h",
						h);
	}
	return 0;
}

static int write_text(const char *path, const char *text, struct uabi_diag *d)
{
	char dir[PATH_MAX], *slash;
	int err;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		err = uabi_file__mkdirs(dir, d);
		if (err)
			return err;
	}
	return uabi_file__write_scratch(path, text, strlen(text), d);
}

/* Names listed as "<key> += name.h" in a Kbuild file. */
static int kbuild_list(const char *path, const char *key, char ***names, uint32_t *n)
{
	char *buf = NULL, *line, *save = NULL;
	size_t klen = strlen(key);

	*names = NULL;
	*n = 0;
	if (uabi_file__read(path, &buf, NULL, NULL) != 0)
		return 0;	/* an arch without a Kbuild list has nothing generic */
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *p = line, *e;
		char **v;

		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, key, klen))
			continue;
		p += klen;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "+=", 2))
			continue;
		p += 2;
		while (*p == ' ' || *p == '\t')
			p++;
		for (e = p; *e && *e != ' ' && *e != '\t' && *e != '#'; e++)
			;
		*e = '\0';
		if (!*p || strchr(p, '/'))
			continue;
		v = realloc(*names, (*n + 1) * sizeof(*v));
		if (!v)
			break;
		*names = v;
		v[(*n)++] = strdup(p);
	}
	free(buf);
	return 0;
}

static void free_list(char **names, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static int gen_wrappers(struct uabi_work *w, struct uabi_diag *d)
{
	const char *arch = w->profile->arch;
	char path[PATH_MAX], text[PATH_MAX + 64];
	char **mand, **gen;
	uint32_t nmand, ngen;
	int err = 0;

	snprintf(path, sizeof(path), "%s/include/uapi/asm-generic/Kbuild", w->root_abs);
	kbuild_list(path, "mandatory-y", &mand, &nmand);
	snprintf(path, sizeof(path), "%s/arch/%s/include/uapi/asm/Kbuild", w->root_abs, arch);
	kbuild_list(path, "generic-y", &gen, &ngen);
	for (uint32_t pass = 0; pass < 2 && !err; pass++) {
		char **v = pass ? gen : mand;
		uint32_t n = pass ? ngen : nmand;

		for (uint32_t i = 0; i < n && !err; i++) {
			snprintf(path, sizeof(path), "%s/arch/%s/include/uapi/asm/%s", w->root_abs, arch,
				 v[i]);
			if (is_file(path))
				continue;
			snprintf(path, sizeof(path), "%s/asm/%s", w->gen, v[i]);
			if (is_file(path))
				continue;
			snprintf(text, sizeof(text), "#include <asm-generic/%s>\n", v[i]);
			err = write_text(path, text, d);
		}
	}
	free_list(mand, nmand);
	free_list(gen, ngen);
	if (err)
		return err;
	snprintf(path, sizeof(path), "%s/linux/compiler.h", w->gen);
	err = write_text(path, "/* written by uabi: stripped by headers_install */\n", d);
	if (!err) {
		snprintf(path, sizeof(path), "%s/linux/compiler_types.h", w->gen);
		err = write_text(path, "/* written by uabi: stripped by headers_install */\n", d);
	}
	if (!err) {
		snprintf(w->stubs, sizeof(w->stubs), "%s/uabi-stubs.h", w->dir);
		err = write_text(w->stubs, stubs_text, d);
	}
	return err;
}

static int add_incdir(struct uabi_work *w, const char *path, struct uabi_diag *d)
{
	if (w->nincdirs >= UABI_MAX_INCDIRS)
		return uabi_diag__input(d, E2BIG, "too many include directories");
	w->incdirs[w->nincdirs] = strdup(path);
	if (!w->incdirs[w->nincdirs])
		return uabi_diag__input(d, ENOMEM, "out of memory");
	w->nincdirs++;
	return 0;
}

/* Kernel arch of a multiarch triplet, by its first word. */
static const char *triplet_arch(const char *triplet)
{
	static const char *const map[][2] = {
		{ "x86_64-", "x86" }, { "i386-", "x86" }, { "i686-", "x86" }, { "aarch64-", "arm64" },
		{ "arm-", "arm" }, { "riscv64-", "riscv" }, { "riscv32-", "riscv" },
		{ "powerpc", "powerpc" }, { "s390", "s390" }, { "mips", "mips" },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strncmp(triplet, map[i][0], strlen(map[i][0])))
			return map[i][1];
	return NULL;
}

/* First (sorted) DIR/<triplet>/ with an asm/ of the given kernel arch. */
static bool same_arch_triplet(const char *root, const char *arch, char *out, size_t len)
{
	struct dirent **ents;
	char path[PATH_MAX];
	bool found = false;
	int n = scandir(root, &ents, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		const char *a = triplet_arch(ents[i]->d_name);

		snprintf(path, sizeof(path), "%s/%s/asm", root, ents[i]->d_name);
		if (!found && a && !strcmp(a, arch) && strstr(ents[i]->d_name, "-linux-") && is_dir(path)) {
			snprintf(out, len, "%s/%s", root, ents[i]->d_name);
			found = true;
		}
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
	return found;
}

int uabi_input__asm_dir(const struct uabi_input_spec *spec, const char *root,
			const struct uabi_profile *p, char *out, size_t len, struct uabi_diag *d)
{
	char path[PATH_MAX], where[PATH_MAX];

	uabi_input__where(spec, where, sizeof(where));
	if (spec->kind == UABI_INPUT_KERNEL_TREE) {
		snprintf(out, len, "%s/arch/%s/include/uapi", root, p->arch);
		if (!is_dir(out))
			return uabi_diag__input(d, ENOENT, "%s: kernel tree has no arch/%s/include/uapi",
						where, p->arch);
		return 0;
	}
	/* installed headers: the multiarch asm/ first, as on Debian; the
	 * asm/ of another triplet of the same kernel arch serves too (x86's
	 * are shared by x86_64, i386 and x32) */
	snprintf(path, sizeof(path), "%s/%s/asm", root, p->triplet ? p->triplet : "");
	if (p->triplet && is_dir(path)) {
		snprintf(out, len, "%s/%s", root, p->triplet);
		return 0;
	}
	if (same_arch_triplet(root, p->arch, out, len))
		return 0;
	out[0] = '\0';
	snprintf(path, sizeof(path), "%s/asm", root);
	if (!is_dir(path))
		return uabi_diag__input(d, ENOENT,
					"%s: no asm/ headers for profile %s (looked for %s/asm and asm/)",
					where, p->name, p->triplet ? p->triplet : "<triplet>");
	return 0;
}

/* The answers the workers share (uabi_work__share_cc_include): a slot is
 * claimed with an atomic add on n and read once ready is set. */
#define CCI_SLOTS 32
struct cci_slot {
	int ready;
	char key[2048];
	char dir[PATH_MAX];
};

static struct cci_memo {
	int n;
	struct cci_slot v[CCI_SLOTS];
} *cci;

void uabi_work__share_cc_include(void)
{
	void *m;

	if (cci)
		return;
	m = mmap(NULL, sizeof(*cci), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (m != MAP_FAILED)
		cci = m;
}

/* The argv as one string, --target=... left out for clang; false if it
 * does not fit. */
static bool cci_key(const struct uabi_profile *p, char *key, size_t len, bool *clang)
{
	const char *base = strrchr(p->cc[0], '/');
	size_t o = 0;

	base = base ? base + 1 : p->cc[0];
	*clang = !strncmp(base, "clang", 5);
	for (int i = 0; p->cc[i]; i++) {
		size_t n = strlen(p->cc[i]);

		if (*clang && i && !strncmp(p->cc[i], "--target=", 9))
			continue;
		if (o + n + 2 > len)
			return false;
		memcpy(key + o, p->cc[i], n);
		o += n;
		key[o++] = '\n';
	}
	key[o] = '\0';
	return true;
}

/* w->cc_include: where the profile's compiler keeps its freestanding
 * headers (`cc -print-file-name=include`: clang's resource dir include,
 * gcc's lib/gcc/<triplet>/<v>/include). Left "" when the compiler cannot
 * be run or names no directory (it then prints the bare name): <stddef.h>
 * is simply not found, and a missing compiler is reported by the compile. */
static void find_cc_include(struct uabi_work *w)
{
	const struct uabi_profile *p = w->profile;
	char out[PATH_MAX + 16], err[PATH_MAX + 16], *text = NULL, *nl;
	const char *argv[96];
	struct uabi_run run = { 0 };
	struct uabi_diag d;
	char key[2048];
	bool clang, keyed = cci && cci_key(p, key, sizeof(key), &clang);
	int n = 0;

	for (int i = 0; keyed && i < __atomic_load_n(&cci->n, __ATOMIC_ACQUIRE) && i < CCI_SLOTS; i++) {
		if (__atomic_load_n(&cci->v[i].ready, __ATOMIC_ACQUIRE) && !strcmp(cci->v[i].key, key)) {
			snprintf(w->cc_include, sizeof(w->cc_include), "%s", cci->v[i].dir);
			return;
		}
	}
	for (int i = 0; p->cc[i] && n < 40; i++)
		argv[n++] = p->cc[i];
	argv[n++] = "-print-file-name=include";
	argv[n] = NULL;
	snprintf(out, sizeof(out), "%s/cc-include.out", w->dir);
	snprintf(err, sizeof(err), "%s/cc-include.err", w->dir);
	uabi_diag__clear(&d);
	if (uabi_spawn__run_out((char *const *)argv, out, err, &run, &d))
		return;
	if (run.status == 0 && uabi_file__read(out, &text, NULL, NULL) == 0) {
		nl = strchr(text, '\n');
		if (nl)
			*nl = '\0';
		if (text[0] == '/' && is_dir(text) && !realpath(text, w->cc_include))
			w->cc_include[0] = '\0';
		/* clang's resource directory: <prefix>/lib/clang/<version>; any
		 * other answer may be the target's (a gcc installation) */
		if (keyed && w->cc_include[0] && (!clang || (strstr(text, "/clang/") &&
							    strlen(text) > 8 &&
							    !strcmp(text + strlen(text) - 8, "/include")))) {
			int i = __atomic_fetch_add(&cci->n, 1, __ATOMIC_ACQ_REL);

			if (i < CCI_SLOTS) {
				snprintf(cci->v[i].key, sizeof(cci->v[i].key), "%s", key);
				snprintf(cci->v[i].dir, sizeof(cci->v[i].dir), "%s", w->cc_include);
				__atomic_store_n(&cci->v[i].ready, 1, __ATOMIC_RELEASE);
			}
		}
	}
	free(text);
	uabi_run__free(&run);
}

static int work_init(struct uabi_work *w, const struct uabi_input_spec *spec,
		     const struct uabi_profile *p, bool cc, struct uabi_diag *d)
{
	char path[PATH_MAX], where[PATH_MAX];
	int err;

	memset(w, 0, sizeof(*w));
	w->profile = p;
	w->spec = spec;
	uabi_input__where(spec, where, sizeof(where));
	if (!realpath(spec->root, w->root_abs))
		return uabi_diag__input(d, errno, "%s: %s", where, strerror(errno));
	err = uabi_file__scratch(w->dir, p->name, d);
	if (err)
		return err;
	if (!realpath(w->dir, w->real_dir))
		snprintf(w->real_dir, sizeof(w->real_dir), "%s", w->dir);
	snprintf(w->gen, sizeof(w->gen), "%s/gen", w->dir);
	err = uabi_file__mkdirs(w->gen, d);
	if (err)
		return err;
	if (cc)
		find_cc_include(w);
	err = uabi_input__libc_dirs(spec, p, w->libc, &w->nlibc, d);
	if (err)
		return err;
	for (uint32_t i = 0; i < p->nshadows; i++) {
		snprintf(path, sizeof(path), "%s/%s", w->gen, p->shadows[i].path);
		err = write_text(path, p->shadows[i].text, d);
		if (err)
			return err;
	}
	err = add_incdir(w, w->gen, d);
	if (err)
		return err;
	err = uabi_input__asm_dir(spec, w->root_abs, p, path, sizeof(path), d);
	if (err)
		return err;
	if (spec->kind == UABI_INPUT_KERNEL_TREE) {
		err = gen_wrappers(w, d);
		if (!err)
			err = add_incdir(w, path, d);
		snprintf(path, sizeof(path), "%s/include/uapi", w->root_abs);
		if (!err)
			err = add_incdir(w, path, d);
		return err;
	}
	if (path[0]) {
		err = add_incdir(w, path, d);
		if (err)
			return err;
	}
	return add_incdir(w, w->root_abs, d);
}

int uabi_work__init(struct uabi_work *w, const struct uabi_input_spec *spec,
		    const struct uabi_profile *p, struct uabi_diag *d)
{
	return work_init(w, spec, p, true, d);
}

int uabi_work__init_paths(struct uabi_work *w, const struct uabi_input_spec *spec,
			  const struct uabi_profile *p, struct uabi_diag *d)
{
	return work_init(w, spec, p, false, d);
}

void uabi_work__fini(struct uabi_work *w)
{
	if (w->dir[0] && !(w->spec && w->spec->keep_temps))
		uabi_file__rmtree(w->dir);
	else if (w->dir[0])
		uabi_eprintf("uabi: %s: kept scratch directory %s", w->profile->name, w->dir);
	for (uint32_t i = 0; i < w->nincdirs; i++)
		free(w->incdirs[i]);
	w->nincdirs = 0;
	w->dir[0] = '\0';
}

void uabi_work__path(const struct uabi_work *w, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", w->dir, name);
}

/* The cc prefix and the flags every run shares. */
static void cc_common(const struct uabi_work *w, const char **argv, int *n)
{
	const struct uabi_profile *p = w->profile;

	for (int i = 0; p->cc[i] && *n < 40; i++)
		argv[(*n)++] = p->cc[i];
	argv[(*n)++] = "-std=gnu17";
	/* no C library: its headers are not the kernel's; the compiler's own
	 * (stddef.h for size_t) stay reachable, without a libc behind them:
	 * their #if __STDC_HOSTED__ (gcc's and clang's stdint.h #include_next
	 * a C library's when hosted) sees the reserved name below, 0. Not
	 * -ffreestanding: it also turns the builtins off, and a header could
	 * tell (__has_builtin(memcpy), __builtin_constant_p(strlen("abc")) in
	 * an array size: attacker F3 of session 5) */
	argv[(*n)++] = "-nostdinc";
	argv[(*n)++] = "-w";
	/* the builtins whose value depends on where or when the header is
	 * compiled (how deep, after what, under which path, hosted or not,
	 * the date and time) become reserved names (-w quiets the
	 * redefinition warning):
	 * a header that uses them, directly, through a macro or by token
	 * pasting, is refused (check_reserved: an expansion shows as
	 * __uabi_builtin_*), and an #if sees 0, the same wherever it sits.
	 * __BASE_FILE__ is the main file's name: a program's own, the
	 * probe's under uabi (sizeof differs), and the one way a header
	 * could name the probe in a #line (the scratch directory's name is
	 * random) to make its errors look like the probe's lines */
	argv[(*n)++] = "-D__BASE_FILE__=__uabi_builtin_BASE_FILE";
	/* the clock: a dump must not depend on when it was made, and a
	 * layout that does (clang folds __DATE__[10] - '0' into an array
	 * size) is no uapi layout; neither compiler pins __TIMESTAMP__ for
	 * SOURCE_DATE_EPOCH, and clang 14 pins nothing */
	argv[(*n)++] = "-D__DATE__=__uabi_builtin_DATE";
	argv[(*n)++] = "-D__TIME__=__uabi_builtin_TIME";
	argv[(*n)++] = "-D__TIMESTAMP__=__uabi_builtin_TIMESTAMP";
	argv[(*n)++] = "-D__COUNTER__=__uabi_builtin_COUNTER";
	argv[(*n)++] = "-D__INCLUDE_LEVEL__=__uabi_builtin_INCLUDE_LEVEL";
	argv[(*n)++] = "-D__FILE__=__uabi_builtin_FILE";
	argv[(*n)++] = "-D__FILE_NAME__=__uabi_builtin_FILE_NAME";
	/* and uabi compiles freestanding where a program is hosted (the
	 * compiler's own headers test it only in #if, where it stays 0) */
	argv[(*n)++] = "-D__STDC_HOSTED__=__uabi_builtin_STDC_HOSTED";
	/* every error, not the first 20: one failing compile names all the
	 * ioctls (and, with --all, the headers) at fault */
	if (strstr(p->cc[0], "clang"))
		argv[(*n)++] = "-ferror-limit=0";
	/* no quoted source lines: the compiler would read them from the file
	 * a location names, and a #line can name any file (gcc reads it) */
	argv[(*n)++] = strstr(p->cc[0], "clang") ? "-fno-caret-diagnostics"
						 : "-fno-diagnostics-show-caret";
	argv[*n] = NULL;
}

void uabi_work__cpp_output_argv(const struct uabi_work *w, const char **argv, int *n)
{
	cc_common(w, argv, n);
	argv[(*n)++] = "-x";
	argv[(*n)++] = "cpp-output";
	argv[*n] = NULL;
}

void uabi_work__cc_argv(const struct uabi_work *w, const char **argv, int *n)
{
	cc_common(w, argv, n);
	if (w->stubs[0]) {
		argv[(*n)++] = "-include";
		argv[(*n)++] = w->stubs;
	}
	for (uint32_t i = 0; i < w->nincdirs; i++) {
		argv[(*n)++] = "-I";
		argv[(*n)++] = w->incdirs[i];
	}
	if (w->cc_include[0]) {
		argv[(*n)++] = "-idirafter";
		argv[(*n)++] = w->cc_include;
	}
	/* the C library last, as a hosted compile has it after the
	 * compiler's own: its headers #include <stddef.h> for the compiler's */
	for (uint32_t i = 0; i < w->nlibc; i++) {
		argv[(*n)++] = "-idirafter";
		argv[(*n)++] = w->libc[i];
	}
	argv[*n] = NULL;
}

/* The libc directory path lies under (the deepest: <multiarch> before
 * its parent), or -1. */
static int libc_dir_of(const struct uabi_work *w, const char *path)
{
	int best = -1;

	for (uint32_t i = 0; i < w->nlibc; i++) {
		size_t n = strlen(w->libc[i]);

		if (!strncmp(path, w->libc[i], n) && path[n] == '/' &&
		    (best < 0 || n > strlen(w->libc[best])))
			best = (int)i;
	}
	return best;
}

const char *uabi_work__relpath(const struct uabi_work *w, const char *abs, char *buf, size_t len)
{
	size_t rl = strlen(w->root_abs), gl = strlen(w->gen), dl = strlen(w->dir);
	size_t cl = strlen(w->cc_include);

	if (cl && !strncmp(abs, w->cc_include, cl) && abs[cl] == '/')
		snprintf(buf, len, "<compiler>/%s", abs + cl + 1);
	else if (gl && !strncmp(abs, w->gen, gl) && abs[gl] == '/')
		snprintf(buf, len, "<generated>/%s", abs + gl + 1);
	else if (dl && !strncmp(abs, w->dir, dl) && abs[dl] == '/')
		snprintf(buf, len, "<generated>/%s", abs + dl + 1);
	else if (!strncmp(abs, w->root_abs, rl) && abs[rl] == '/')
		snprintf(buf, len, "%s", abs + rl + 1);
	else if (libc_dir_of(w, abs) >= 0)
		snprintf(buf, len, "<sysroot>/%s", abs + strlen(w->libc[libc_dir_of(w, abs)]) + 1);
	else
		snprintf(buf, len, "%s", abs);
	return buf;
}

const char *uabi_work__recorded_path(const struct uabi_work *w, const char *file, char *buf,
				     size_t len)
{
	char real[PATH_MAX];

	return uabi_work__relpath(w, realpath(file, real) ? real : file, buf, len);
}

const char *uabi_input__where(const struct uabi_input_spec *spec, char *buf, size_t len)
{
	/* a git revision lives in a scratch directory: name the side, not it */
	if (spec->label && (!strcmp(spec->label, "base") || !strcmp(spec->label, "head")))
		snprintf(buf, len, "the %s revision", spec->label);
	else
		snprintf(buf, len, "%s", spec->root);
	return buf;
}

/* Whether path lies under dir (both realpaths). */
static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (n == 1 && dir[0] == '/')
		return true;
	return n && !strncmp(path, dir, n) && path[n] == '/';
}

bool uabi_work__allows(const struct uabi_work *w, const char *path, const char *source)
{
	char real[PATH_MAX], other[PATH_MAX];

	if (!realpath(path, real))
		return false;
	if (under(real, w->root_abs))
		return true;
	snprintf(other, sizeof(other), "%s/gen", w->real_dir);
	if (w->gen[0] && under(real, other))
		return true;
	if (w->stubs[0] && realpath(w->stubs, other) && !strcmp(real, other))
		return true;
	if (w->use_file[0] && realpath(w->use_file, other) && !strcmp(real, other))
		return true;
	/* the compiler's freestanding headers: that one directory, no deeper */
	if (w->cc_include[0] && under(real, w->cc_include) &&
	    !strchr(real + strlen(w->cc_include) + 1, '/'))
		return true;
	/* the C library's headers, but not its copies of kernel headers */
	if (libc_dir_of(w, real) >= 0)
		return !uabi_work__libc_kernel(w, real);
	return source && realpath(source, other) && !strcmp(real, other);
}

bool uabi_work__in_tree(const struct uabi_work *w, const char *path)
{
	char real[PATH_MAX];

	return realpath(path, real) && under(real, w->root_abs);
}

bool uabi_work__libc_kernel(const struct uabi_work *w, const char *path)
{
	int i = libc_dir_of(w, path);
	const char *rel, *slash;
	char dir[PATH_MAX];

	if (i < 0)
		return false;
	rel = path + strlen(w->libc[i]) + 1;
	slash = strchr(rel, '/');
	if (!slash)
		return false;
	for (uint32_t k = 0; k < w->nincdirs; k++) {
		snprintf(dir, sizeof(dir), "%s/%.*s", w->incdirs[k], (int)(slash - rel), rel);
		if (is_dir(dir))
			return true;
	}
	return false;
}

/* A path the compiler spelled, as messages show it: relative to the tree,
 * "<generated>/..." for uabi's files; through realpath when the spelling
 * climbs with "..". Writes buf. */
static const char *display_path(const struct uabi_work *w, const char *path, char *buf, size_t len)
{
	char real[PATH_MAX], gen[PATH_MAX];

	uabi_work__relpath(w, path, buf, len);
	if (buf[0] != '/' && strncmp(buf, "../", 3) && !strstr(buf, "/../"))
		return buf;
	if (!realpath(path, real))
		return buf;
	snprintf(gen, sizeof(gen), "%s/gen", w->real_dir);
	if (under(real, gen))
		snprintf(buf, len, "<generated>/%s", real + strlen(gen) + 1);
	else if (under(real, w->real_dir))
		snprintf(buf, len, "<generated>/%s", real + strlen(w->real_dir) + 1);
	else if (under(real, w->root_abs))
		snprintf(buf, len, "%s", real + (strlen(w->root_abs) == 1 ? 1 : strlen(w->root_abs) + 1));
	else if (libc_dir_of(w, real) >= 0)
		snprintf(buf, len, "<sysroot>/%s", real + strlen(w->libc[libc_dir_of(w, real)]) + 1);
	else
		snprintf(buf, len, "%s", real);
	return buf;
}

int uabi_work__check_includes(const struct uabi_work *w, const struct uabi_cpp *cpp,
			      const char *source, struct uabi_diag *d)
{
	for (uint32_t i = 0; i < cpp->nincludes; i++) {
		const struct uabi_include *inc = &cpp->includes[i];
		char from[PATH_MAX], real[PATH_MAX], spelled[PATH_MAX], through[PATH_MAX + 16] = "";

		if (uabi_work__allows(w, inc->file, source))
			continue;
		if (inc->from && inc->from[0] != '<')
			display_path(w, inc->from, from, sizeof(from));
		else
			snprintf(from, sizeof(from), "%s", inc->from ? inc->from : "<command line>");
		if (realpath(inc->file, real) && uabi_work__libc_kernel(w, real))
			return uabi_diag__input(d, EPERM, "%s:%u: includes %s, the C library's copy of a"
						" kernel header the tree lacks (the headers judged are"
						" the tree's)", from, inc->line,
						uabi_work__relpath(w, real, spelled, sizeof(spelled)));
		/* a symlink in the tree: say which name led out */
		uabi_work__relpath(w, inc->file, spelled, sizeof(spelled));
		if (!realpath(inc->file, real))
			snprintf(real, sizeof(real), "%s", inc->file);
		else if (spelled[0] != '/' && (spelled[0] != '<' || !strncmp(spelled, "<sysroot>/", 10)) &&
			 strncmp(spelled, "../", 3) && !strstr(spelled, "/../"))
			snprintf(through, sizeof(through), " (through %s)", spelled);
		return uabi_diag__input(d, EPERM, "%s:%u: includes a file outside the input tree: %s%s",
					from, inc->line, real, through);
	}
	return 0;
}

/* The file and line a `# N "file"` marker line at s (length n) names;
 * false if s is no marker. */
static bool marker_line(const char *s, size_t n, char *file, size_t flen, uint32_t *line)
{
	const char *f, *e = s + n;
	char *end;
	size_t o = 0;
	unsigned long ln;

	if (n < 3 || s[0] != '#' || s[1] != ' ' || !isdigit((unsigned char)s[2]))
		return false;
	ln = strtoul(s + 2, &end, 10);
	*line = (uint32_t)ln;
	if (end + 1 >= e || *end != ' ' || end[1] != '"')
		return true;
	for (f = end + 2; f < e && *f != '"' && o + 1 < flen; f++) {
		if (*f == '\\' && f + 1 < e)
			f++;
		file[o++] = *f;
	}
	file[o] = '\0';
	return true;
}

int uabi_work__check_directives(const struct uabi_work *w, const char *text, struct uabi_diag *d)
{
	char file[PATH_MAX] = "", shown[PATH_MAX];
	uint32_t line = 1;

	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n'), *q = p;
		size_t n = e ? (size_t)(e - p) : strlen(p);
		uint32_t ml;

		if (marker_line(p, n, file, sizeof(file), &ml)) {
			line = ml;
		} else {
			if (!(n >= 8 && !memcmp(p, "#pragma ", 8)) && !(n >= 7 && !memcmp(p, "#ident ", 7))) {
				while (q < p + n && (*q == ' ' || *q == '\t' || *q == '\f' || *q == '\v'))
					q++;
				if (q < p + n && (*q == '#' || (*q == '%' && q + 1 < p + n && q[1] == ':')))
					return uabi_diag__input(d, EPERM, "%s:%u: a macro that puts '%s' at the"
								" start of a line (a directive once"
								" preprocessed) is not allowed",
								file[0] ? display_path(w, file, shown, sizeof(shown))
									: "<unknown>",
								line, *q == '#' ? "#" : "%:");
			}
			line++;
		}
		p = e ? e + 1 : p + n;
	}
	return 0;
}

static const char *const severities[] = {
	": fatal error: ", ": error: ", ": warning: ", ": note: ", ": remark: ",
};

/* Length of the path in a location "path[:line[:col]]" of length n. */
static size_t loc_path_len(const char *loc, size_t n)
{
	for (int k = 0; k < 2; k++) {
		size_t j = n;

		while (j > 0 && isdigit((unsigned char)loc[j - 1]))
			j--;
		if (j == n || j == 0 || loc[j - 1] != ':')
			break;
		n = j - 1;
	}
	return n;
}

struct dfilter {
	const struct uabi_work *w;
	const char *source;
	char last[PATH_MAX];	/* the last path judged, and how */
	char last_shown[PATH_MAX];
	bool last_ok;
	size_t chain;		/* where the pending "In file included from" lines start */
	bool in_chain, chain_bad;
};

/* Add text to b with the scratch directory and the tree root spelled as
 * messages show them ("<generated>/", relative). */
static void add_text(struct dfilter *f, struct uabi_sbuf *b, const char *p, size_t n)
{
	const char *dirs[3] = { f->w->dir, f->w->real_dir, f->w->root_abs };
	const char *end = p + n;

	while (p < end) {
		size_t best = 0, which = 0;
		const char *hit = NULL;

		for (size_t i = 0; i < 3; i++) {
			size_t dl = strlen(dirs[i]);
			const char *q = dl > 1 ? memmem(p, (size_t)(end - p), dirs[i], dl) : NULL;

			if (q && q + dl < end && q[dl] == '/' && (!hit || q < hit || (q == hit && dl > best))) {
				hit = q;
				best = dl;
				which = i;
			}
		}
		if (!hit) {
			uabi_sbuf__addn(b, p, (size_t)(end - p));
			return;
		}
		uabi_sbuf__addn(b, p, (size_t)(hit - p));
		if (which < 2)
			uabi_sbuf__adds(b, "<generated>");
		p = hit + best + (which < 2 ? 0 : 1);
	}
}

/* Add loc[0..n) (a location) to b as messages show it; false if it lies
 * outside what the compiler may read. */
static bool add_loc(struct dfilter *f, struct uabi_sbuf *b, const char *loc, size_t n)
{
	size_t pl = loc_path_len(loc, n);

	if (pl >= PATH_MAX)
		return false;
	if (pl > 1 && loc[0] == '<' && loc[pl - 1] == '>') {
		uabi_sbuf__addf(b, "%.*s", (int)n, loc);
		return true;
	}
	if (strlen(f->last) != pl || strncmp(f->last, loc, pl)) {
		memcpy(f->last, loc, pl);
		f->last[pl] = '\0';
		f->last_ok = uabi_work__allows(f->w, f->last, f->source);
		if (f->last_ok)
			display_path(f->w, f->last, f->last_shown, sizeof(f->last_shown));
	}
	if (!f->last_ok)
		return false;
	uabi_sbuf__addf(b, "%s%.*s", f->last_shown, (int)(n - pl), loc + pl);
	return true;
}

/* Whether loc[0..n) names a program ("clang", "cc1"), not a file. */
static bool is_tool(const char *loc, size_t n)
{
	return n && !memchr(loc, '/', n) && !memchr(loc, ':', n) && loc[0] != '<';
}

/* Take back what this line added. */
static void cut(struct uabi_sbuf *b, size_t len)
{
	if (b->s && len < b->len) {
		b->len = len;
		b->s[len] = '\0';
	}
}

static void filter_line(struct dfilter *f, struct uabi_sbuf *b, const char *p, size_t len)
{
	static const char incl[] = "In file included from ";
	const char *sev = NULL, *q;
	size_t start = b->len, chain = b->len, k;
	bool kept = false;

	/* include chains: clang and gcc "In file included from X:N[:,]",
	 * gcc "                 from X:N[:,]" */
	for (k = 0; k < len && p[k] == ' '; k++)
		;
	if ((k == 0 && len > sizeof(incl) - 1 && !strncmp(p, incl, sizeof(incl) - 1)) ||
	    (k > 0 && len > k + 5 && !strncmp(p + k, "from ", 5))) {
		size_t s = k ? k + 5 : sizeof(incl) - 1, e = len;

		if (!f->in_chain) {
			f->in_chain = true;
			f->chain_bad = false;
			f->chain = start;
		}
		if (e > s && (p[e - 1] == ':' || p[e - 1] == ','))
			e--;
		uabi_sbuf__addf(b, "%.*s", (int)s, p);
		if (!f->chain_bad && add_loc(f, b, p + s, e - s)) {
			uabi_sbuf__addf(b, "%.*s\n", (int)(len - e), p + e);
		} else {
			f->chain_bad = true;
			cut(b, start);
		}
		return;
	}
	/* a chain belongs to the diagnostic after it: dropped with it */
	if (f->in_chain) {
		f->in_chain = false;
		chain = f->chain;
	}
	for (size_t i = 0; i < sizeof(severities) / sizeof(severities[0]); i++) {
		q = memmem(p, len, severities[i], strlen(severities[i]));
		if (q && (!sev || q < sev))
			sev = q;
	}
	if (!sev) {
		/* gcc's "X: In function 'f':" and "X: At top level:" */
		sev = memmem(p, len, ": In ", 5);
		if (!sev)
			sev = memmem(p, len, ": At top level:", 15);
	}
	if (sev && sev > p) {
		if (is_tool(p, (size_t)(sev - p))) {
			add_text(f, b, p, len);
			kept = true;
		} else if (add_loc(f, b, p, (size_t)(sev - p))) {
			add_text(f, b, sev, len - (size_t)(sev - p));
			kept = true;
		}
	} else if (!strncmp(p, "error: ", 7) || !strncmp(p, "fatal error: ", 13) ||
		   !strncmp(p, "warning: ", 9) ||
		   (len == 23 && !strncmp(p, "compilation terminated.", 23)) ||
		   (len > 11 && isdigit((unsigned char)p[0]) && !strncmp(p + len - 11, " generated.", 11))) {
		/* no location: the driver's own words and the closing counts */
		add_text(f, b, p, len);
		kept = true;
	}
	if (kept)
		uabi_sbuf__addc(b, '\n');
	else
		cut(b, chain);
}

char *uabi_work__diagnostics(const struct uabi_work *w, const char *err, const char *source)
{
	struct dfilter f = { .w = w, .source = source };
	struct uabi_sbuf b;

	uabi_sbuf__init(&b);
	for (const char *p = err; p && *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		filter_line(&f, &b, p, len);
		p = e ? e + 1 : NULL;
	}
	uabi_sbuf__addn(&b, "", 0);
	return uabi_sbuf__finish(&b, NULL);
}

static long define_value(const char *text, const char *name)
{
	const char *p = text;
	size_t n = strlen(name);

	while ((p = strstr(p, name))) {
		const char *q = p + n;

		if ((p == text || p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n') &&
		    (*q == ' ' || *q == '\t')) {
			const char *line = p;

			while (line > text && line[-1] != '\n')
				line--;
			if (!strncmp(line, "#define", 7) || !strncmp(line, "VERSION", 7) ||
			    !strncmp(line, "PATCHLEVEL", 10) || !strncmp(line, "SUBLEVEL", 8)) {
				while (*q == ' ' || *q == '\t' || *q == '=')
					q++;
				if (*q >= '0' && *q <= '9')
					return strtol(q, NULL, 0);
			}
		}
		p = q;
	}
	return -1;
}

int uabi_input__kernel_version(const struct uabi_input_spec *spec, char *buf, size_t len)
{
	char path[PATH_MAX], *text = NULL;
	long a, b, c;

	buf[0] = '\0';
	if (spec->kind == UABI_INPUT_KERNEL_TREE) {
		snprintf(path, sizeof(path), "%s/Makefile", spec->root);
		if (uabi_file__read(path, &text, NULL, NULL))
			return 0;
		a = define_value(text, "VERSION");
		b = define_value(text, "PATCHLEVEL");
		c = define_value(text, "SUBLEVEL");
	} else {
		snprintf(path, sizeof(path), "%s/linux/version.h", spec->root);
		if (uabi_file__read(path, &text, NULL, NULL))
			return 0;
		a = define_value(text, "LINUX_VERSION_MAJOR");
		b = define_value(text, "LINUX_VERSION_PATCHLEVEL");
		c = define_value(text, "LINUX_VERSION_SUBLEVEL");
		if (a < 0) {
			long code = define_value(text, "LINUX_VERSION_CODE");

			if (code >= 0) {
				a = code >> 16;
				b = (code >> 8) & 0xff;
				c = code & 0xff;
			}
		}
	}
	free(text);
	if (a < 0 || b < 0)
		return 0;
	if (c >= 0)
		snprintf(buf, len, "%ld.%ld.%ld", a, b, c);
	else
		snprintf(buf, len, "%ld.%ld", a, b);
	return 0;
}
