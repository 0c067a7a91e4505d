// SPDX-License-Identifier: MIT
#include "input.h"

#include <errno.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/fileio.h"

/* What scripts/headers_install.sh removes from raw uapi headers. */
static const char stubs_text[] =
	"/* written by uabi: what headers_install strips from raw uapi headers */\n"
	"#define __user\n"
	"#define __force\n"
	"#define __iomem\n"
	"#define __attribute_const__\n"
	"#define __packed __attribute__((packed))\n"
	"#define __EXPORTED_HEADERS__ 1\n";

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

int uabi_input__check(const struct uabi_input_spec *spec, struct uabi_diag *d)
{
	char p[PATH_MAX];

	if (!is_dir(spec->root))
		return uabi_diag__input(d, ENOENT, "%s: %s", spec->root,
					access(spec->root, F_OK) ? strerror(errno) : "not a directory");
	if (spec->kind == UABI_INPUT_KERNEL_TREE) {
		snprintf(p, sizeof(p), "%s/include/uapi/linux", spec->root);
		if (!is_dir(p))
			return uabi_diag__input(d, ENOENT,
						"%s: not a kernel source tree (no include/uapi/linux)",
						spec->root);
	} else {
		snprintf(p, sizeof(p), "%s/linux", spec->root);
		if (!is_dir(p))
			return uabi_diag__input(d, ENOENT,
						"%s: not a header directory (no linux/ inside)", spec->root);
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
	return uabi_file__write_atomic(path, text, strlen(text), d);
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
	char path[PATH_MAX];

	if (spec->kind == UABI_INPUT_KERNEL_TREE) {
		snprintf(out, len, "%s/arch/%s/include/uapi", root, p->arch);
		if (!is_dir(out))
			return uabi_diag__input(d, ENOENT, "%s: kernel tree has no arch/%s/include/uapi",
						spec->root, p->arch);
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
					spec->root, p->name, p->triplet ? p->triplet : "<triplet>");
	return 0;
}

int uabi_work__init(struct uabi_work *w, const struct uabi_input_spec *spec,
		    const struct uabi_profile *p, struct uabi_diag *d)
{
	char path[PATH_MAX];
	int err;

	memset(w, 0, sizeof(*w));
	w->profile = p;
	w->spec = spec;
	if (!realpath(spec->root, w->root_abs))
		return uabi_diag__input(d, errno, "%s: %s", spec->root, strerror(errno));
	err = uabi_file__scratch(w->dir, p->name, d);
	if (err)
		return err;
	snprintf(w->gen, sizeof(w->gen), "%s/gen", w->dir);
	err = uabi_file__mkdirs(w->gen, d);
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

void uabi_work__fini(struct uabi_work *w)
{
	if (w->dir[0] && !(w->spec && w->spec->keep_temps))
		uabi_file__rmtree(w->dir);
	else if (w->dir[0])
		fprintf(stderr, "uabi: %s: kept scratch directory %s\n", w->profile->name, w->dir);
	for (uint32_t i = 0; i < w->nincdirs; i++)
		free(w->incdirs[i]);
	w->nincdirs = 0;
	w->dir[0] = '\0';
}

void uabi_work__path(const struct uabi_work *w, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", w->dir, name);
}

void uabi_work__cc_argv(const struct uabi_work *w, const char **argv, int *n)
{
	const struct uabi_profile *p = w->profile;

	for (int i = 0; p->cc[i] && *n < 40; i++)
		argv[(*n)++] = p->cc[i];
	argv[(*n)++] = "-std=gnu11";
	argv[(*n)++] = "-nostdinc";
	argv[(*n)++] = "-w";
	if (w->stubs[0]) {
		argv[(*n)++] = "-include";
		argv[(*n)++] = w->stubs;
	}
	for (uint32_t i = 0; i < w->nincdirs; i++) {
		argv[(*n)++] = "-I";
		argv[(*n)++] = w->incdirs[i];
	}
	argv[*n] = NULL;
}

const char *uabi_work__relpath(const struct uabi_work *w, const char *abs, char *buf, size_t len)
{
	size_t rl = strlen(w->root_abs), gl = strlen(w->gen), dl = strlen(w->dir);

	if (gl && !strncmp(abs, w->gen, gl) && abs[gl] == '/')
		snprintf(buf, len, "<generated>/%s", abs + gl + 1);
	else if (dl && !strncmp(abs, w->dir, dl) && abs[dl] == '/')
		snprintf(buf, len, "<generated>/%s", abs + dl + 1);
	else if (!strncmp(abs, w->root_abs, rl) && abs[rl] == '/')
		snprintf(buf, len, "%s", abs + rl + 1);
	else
		snprintf(buf, len, "%s", abs);
	return buf;
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
