// SPDX-License-Identifier: MIT
#include "reloc.h"

#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "../core/fileio.h"

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

enum op {
	OP_ABS,		/* loc = S + A */
	OP_ADD,		/* loc += S + A */
	OP_SUB,		/* loc -= S + A */
	OP_SET6,	/* low 6 bits = S + A */
	OP_SUB6,	/* low 6 bits -= S + A */
	OP_NONE,	/* marker without effect (R_RISCV_RELAX) */
};

struct rtype {
	uint16_t machine;
	uint32_t type;
	uint8_t width;
	uint8_t op;
};

/* The data relocations compilers put in .debug_* sections. */
static const struct rtype rtypes[] = {
	{ EM_X86_64, 1, 8, OP_ABS },	/* R_X86_64_64 */
	{ EM_X86_64, 10, 4, OP_ABS },	/* R_X86_64_32 */
	{ EM_X86_64, 11, 4, OP_ABS },	/* R_X86_64_32S */
	{ EM_386, 1, 4, OP_ABS },	/* R_386_32 */
	{ EM_AARCH64, 257, 8, OP_ABS },	/* R_AARCH64_ABS64 */
	{ EM_AARCH64, 258, 4, OP_ABS },	/* R_AARCH64_ABS32 */
	{ EM_ARM, 2, 4, OP_ABS },	/* R_ARM_ABS32 */
	{ EM_RISCV, 1, 4, OP_ABS },	/* R_RISCV_32 */
	{ EM_RISCV, 2, 8, OP_ABS },	/* R_RISCV_64 */
	{ EM_RISCV, 33, 1, OP_ADD },	/* R_RISCV_ADD8 */
	{ EM_RISCV, 34, 2, OP_ADD },
	{ EM_RISCV, 35, 4, OP_ADD },
	{ EM_RISCV, 36, 8, OP_ADD },
	{ EM_RISCV, 37, 1, OP_SUB },	/* R_RISCV_SUB8 */
	{ EM_RISCV, 38, 2, OP_SUB },
	{ EM_RISCV, 39, 4, OP_SUB },
	{ EM_RISCV, 40, 8, OP_SUB },
	{ EM_RISCV, 51, 0, OP_NONE },	/* R_RISCV_RELAX */
	{ EM_RISCV, 52, 1, OP_SUB6 },	/* R_RISCV_SUB6 */
	{ EM_RISCV, 53, 1, OP_SET6 },	/* R_RISCV_SET6 */
	{ EM_RISCV, 54, 1, OP_ABS },	/* R_RISCV_SET8 */
	{ EM_RISCV, 55, 2, OP_ABS },	/* R_RISCV_SET16 */
	{ EM_RISCV, 56, 4, OP_ABS },	/* R_RISCV_SET32 */
	{ EM_PPC, 1, 4, OP_ABS },	/* R_PPC_ADDR32 */
	{ EM_PPC64, 1, 4, OP_ABS },	/* R_PPC64_ADDR32 */
	{ EM_PPC64, 38, 8, OP_ABS },	/* R_PPC64_ADDR64 */
	{ EM_S390, 4, 4, OP_ABS },	/* R_390_32 */
	{ EM_S390, 22, 8, OP_ABS },	/* R_390_64 */
	{ EM_MIPS, 2, 4, OP_ABS },	/* R_MIPS_32 */
	{ EM_MIPS, 18, 8, OP_ABS },	/* R_MIPS_64 */
};

static const struct rtype *find_rtype(uint16_t machine, uint32_t type)
{
	for (size_t i = 0; i < sizeof(rtypes) / sizeof(rtypes[0]); i++)
		if (rtypes[i].machine == machine && rtypes[i].type == type)
			return &rtypes[i];
	return NULL;
}

static uint64_t get(const unsigned char *p, unsigned w, bool be)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < w; i++)
		v |= (uint64_t)p[be ? i : w - 1 - i] << (8 * (w - 1 - i));
	return v;
}

static void put(unsigned char *p, unsigned w, bool be, uint64_t v)
{
	for (unsigned i = 0; i < w; i++)
		p[be ? w - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

struct job {
	const char *path;
	struct uabi_diag *d;
};

static int unsupported(const struct job *j, const char *what, unsigned long long v)
{
	return uabi_diag__toolchain(j->d, ENOTSUP, "%s: %s %llu not handled by the built-in relocator",
				    j->path, what, v);
}

/* Apply one relocation section to the raw image. */
static int apply(const struct job *j, Elf *elf, unsigned char *img, size_t size, Elf_Scn *rscn,
		 const GElf_Shdr *rsh, const GElf_Ehdr *eh)
{
	bool be = eh->e_ident[EI_DATA] == ELFDATA2MSB;
	bool rela = rsh->sh_type == SHT_RELA;
	bool mips64 = eh->e_machine == EM_MIPS && eh->e_ident[EI_CLASS] == ELFCLASS64;
	Elf_Scn *tscn = elf_getscn(elf, rsh->sh_info), *sscn = elf_getscn(elf, rsh->sh_link);
	Elf_Data *rd = elf_getdata(rscn, NULL), *sd;
	GElf_Shdr tsh, ssh;
	size_t n;

	if (!tscn || !sscn || !gelf_getshdr(tscn, &tsh) || !gelf_getshdr(sscn, &ssh) || !rd)
		return unsupported(j, "relocation section", rsh->sh_name);
	sd = elf_getdata(sscn, NULL);
	if (!sd || tsh.sh_type == SHT_NOBITS)
		return unsupported(j, "relocation section", rsh->sh_name);
	n = rsh->sh_entsize ? rsh->sh_size / rsh->sh_entsize : 0;
	for (size_t i = 0; i < n; i++) {
		GElf_Rela r = { 0 };
		GElf_Sym sym;
		const struct rtype *rt;
		uint64_t type, symi, s, a, v, old;
		unsigned char *loc;

		if (rela) {
			if (!gelf_getrela(rd, (int)i, &r))
				return unsupported(j, "relocation entry", i);
		} else {
			GElf_Rel rl;

			if (!gelf_getrel(rd, (int)i, &rl))
				return unsupported(j, "relocation entry", i);
			r.r_offset = rl.r_offset;
			r.r_info = rl.r_info;
		}
		if (mips64) {
			/* big-endian n64 packs sym(32) ssym(8) type3(8) type2(8) type(8) */
			if (!be || ((r.r_info >> 8) & 0xffffff))
				return unsupported(j, "mips64 composed relocation", r.r_info);
			symi = r.r_info >> 32;
			type = r.r_info & 0xff;
		} else {
			symi = GELF_R_SYM(r.r_info);
			type = GELF_R_TYPE(r.r_info);
		}
		rt = find_rtype(eh->e_machine, (uint32_t)type);
		if (!rt)
			return unsupported(j, "relocation type", type);
		if (rt->op == OP_NONE)
			continue;
		if (!gelf_getsym(sd, (int)symi, &sym))
			return unsupported(j, "relocation symbol", symi);
		if (sym.st_shndx == SHN_UNDEF && symi)
			return unsupported(j, "undefined symbol", symi);
		if (r.r_offset + rt->width > tsh.sh_size || tsh.sh_offset + tsh.sh_size > size)
			return unsupported(j, "relocation offset", r.r_offset);
		/* a relocatable object's sections all start at 0: S is the
		 * symbol's offset inside its section */
		s = sym.st_value;
		loc = img + tsh.sh_offset + r.r_offset;
		old = get(loc, rt->width, be);
		a = rela ? (uint64_t)r.r_addend : old;
		switch (rt->op) {
		case OP_ABS:
			v = s + a;
			break;
		case OP_ADD:
			v = old + s + (uint64_t)r.r_addend;
			break;
		case OP_SUB:
			v = old - s - (uint64_t)r.r_addend;
			break;
		case OP_SET6:
			v = (old & ~0x3fULL) | ((s + (uint64_t)r.r_addend) & 0x3f);
			break;
		case OP_SUB6:
			v = (old & ~0x3fULL) | ((old - s - (uint64_t)r.r_addend) & 0x3f);
			break;
		default:
			return unsupported(j, "relocation type", type);
		}
		put(loc, rt->width, be, v);
	}
	return 0;
}

int uabi_reloc__image(const char *name, const char *buf, size_t len, char **out,
		      struct uabi_diag *d)
{
	struct job j = { .path = name, .d = d };
	unsigned char *img = NULL;
	size_t shstrndx;
	Elf *elf = NULL;
	Elf_Scn *scn = NULL;
	GElf_Ehdr eh;
	int err = 0;

	*out = NULL;
	elf_version(EV_CURRENT);
	img = malloc(len ? len : 1);
	if (!img)
		return uabi_diag__input(d, ENOMEM, "%s: out of memory", name);
	/* libelf does not write through a read-only image: the cast is safe */
	elf = elf_memory((char *)buf, len);
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh) || eh.e_type != ET_REL ||
	    elf_getshdrstrndx(elf, &shstrndx)) {
		err = uabi_diag__input(d, EINVAL, "%s: not a relocatable ELF object", name);
		goto out;
	}
	memcpy(img, buf, len);
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh, tsh;
		Elf_Scn *tscn;
		const char *tname;

		if (!gelf_getshdr(scn, &sh) || (sh.sh_type != SHT_REL && sh.sh_type != SHT_RELA))
			continue;
		tscn = elf_getscn(elf, sh.sh_info);
		if (!tscn || !gelf_getshdr(tscn, &tsh))
			continue;
		tname = elf_strptr(elf, shstrndx, tsh.sh_name);
		if (!tname || strncmp(tname, ".debug_", 7))
			continue;
		err = apply(&j, elf, img, len, scn, &sh, &eh);
		if (err)
			goto out;
		/* the DWARF reader must not apply it again: retire the
		 * section (type and name) in the copy */
		{
			size_t off = (size_t)eh.e_shoff + elf_ndxscn(scn) * eh.e_shentsize;
			bool be = eh.e_ident[EI_DATA] == ELFDATA2MSB;
			Elf_Scn *strs = elf_getscn(elf, shstrndx);
			GElf_Shdr ssh;

			if (off + 8 > len || !strs || !gelf_getshdr(strs, &ssh) ||
			    ssh.sh_offset + sh.sh_name >= len) {
				err = unsupported(&j, "section header", elf_ndxscn(scn));
				goto out;
			}
			put(img + off + 4, 4, be, SHT_PROGBITS);	/* sh_type */
			img[ssh.sh_offset + sh.sh_name] = '_';		/* ".rela..." -> "_rela..." */
		}
	}
	/* an object with its relocations applied reads like a linked one */
	put(img + 16, 2, eh.e_ident[EI_DATA] == ELFDATA2MSB, ET_DYN);
out:
	if (elf)
		elf_end(elf);
	if (err)
		free(img);
	else
		*out = (char *)img;
	return err;
}

int uabi_reloc__object(const char *in, const char *out, struct uabi_diag *d)
{
	char *buf = NULL, *img = NULL;
	size_t len = 0;
	int err;

	err = uabi_file__read(in, &buf, &len, d);
	if (err)
		return err;
	err = uabi_reloc__image(in, buf, len, &img, d);
	if (!err)
		err = uabi_file__write_scratch(out, img, len, d);
	free(img);
	free(buf);
	return err;
}
