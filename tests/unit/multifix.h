/* SPDX-License-Identifier: MIT */
/*
 * A multi-header run in memory, as uabi check --all leaves it for two
 * pairs (x86_64 -> i386, aarch64 -> arm) over two judged headers: dumps
 * whose input names drm/drm.h and linux/fs.h, and headers the ABIs could
 * not judge:
 *   linux/coda.h   skipped on x86_64, i386 and aarch64 for one reason
 *                  and on arm for another (whose text sorts first);
 *   linux/input.h  skipped on all four for the same reason.
 * Ioctls: DRM_IOCTL_GEM_CLOSE (identical), DRM_IOCTL_MODE_ADDFB2 (104 vs
 * 100 bytes on i386 only), FS_IOC_FIEMAP (identical; its argument type
 * not defined on arm), FS_IOC_GETFLAGS (_IOR('f', 1, long): 0x80086601 vs
 * 0x80046601) and X_NO_FILE (an _IO with no decl_file in the dumps).
 * Used by test_report (coverage and groups) and test_render (the
 * formats); include after cmocka.h and compare/report.h.
 */
#ifndef UABI_TEST_MULTIFIX_H
#define UABI_TEST_MULTIFIX_H

#define MF_DRM "include/uapi/drm/drm.h"
#define MF_FS "include/uapi/linux/fs.h"
#define MF_N(a) (uint32_t)(sizeof(a) / sizeof((a)[0]))

static const struct uabi_ioctl mf_gem_close = {
	.name = "DRM_IOCTL_GEM_CLOSE", .macro = "_IOW", .arg_type = "struct drm_gem_close",
	.applicable = true, .number = 0x40086409, .dir = UABI_DIR_WRITE, .type_field = 0x64,
	.nr = 0x09, .size = 8, .type = 1, .decl_file = MF_DRM, .decl_line = 1069,
};
static const struct uabi_ioctl mf_addfb2_64 = {
	.name = "DRM_IOCTL_MODE_ADDFB2", .macro = "_IOWR", .arg_type = "struct drm_mode_fb_cmd2",
	.applicable = true, .number = 0xc06864b8, .dir = UABI_DIR_RW, .type_field = 0x64,
	.nr = 0xb8, .size = 104, .type = 2, .decl_file = MF_DRM, .decl_line = 1137,
};
static const struct uabi_ioctl mf_addfb2_32 = {
	.name = "DRM_IOCTL_MODE_ADDFB2", .macro = "_IOWR", .arg_type = "struct drm_mode_fb_cmd2",
	.applicable = true, .number = 0xc06464b8, .dir = UABI_DIR_RW, .type_field = 0x64,
	.nr = 0xb8, .size = 100, .type = 2, .decl_file = MF_DRM, .decl_line = 1137,
};
static const struct uabi_ioctl mf_fiemap = {
	.name = "FS_IOC_FIEMAP", .macro = "_IOWR", .arg_type = "struct fiemap",
	.applicable = true, .number = 0xc020660b, .dir = UABI_DIR_RW, .type_field = 0x66,
	.nr = 0x0b, .size = 32, .type = 3, .decl_file = MF_FS, .decl_line = 224,
};
static const struct uabi_ioctl mf_fiemap_na = {
	.name = "FS_IOC_FIEMAP", .macro = "_IOWR", .arg_type = "struct fiemap",
	.applicable = false, .reason = "unknown type name 'struct fiemap'", .number = 0xc020660b,
	.dir = UABI_DIR_RW, .type_field = 0x66, .nr = 0x0b, .size = 32, .type = UABI_NO_TYPE,
	.decl_file = MF_FS, .decl_line = 224,
};
static const struct uabi_ioctl mf_getflags_64 = {
	.name = "FS_IOC_GETFLAGS", .macro = "_IOR", .arg_type = "long", .applicable = true,
	.number = 0x80086601, .dir = UABI_DIR_READ, .type_field = 0x66, .nr = 0x01, .size = 8,
	.type = 4, .decl_file = MF_FS, .decl_line = 219,
};
static const struct uabi_ioctl mf_getflags_32 = {
	.name = "FS_IOC_GETFLAGS", .macro = "_IOR", .arg_type = "long", .applicable = true,
	.number = 0x80046601, .dir = UABI_DIR_READ, .type_field = 0x66, .nr = 0x01, .size = 4,
	.type = 4, .decl_file = MF_FS, .decl_line = 219,
};
static const struct uabi_ioctl mf_nofile = {
	.name = "X_NO_FILE", .macro = "_IO", .applicable = true, .number = 0x5801, .type_field = 0x58,
	.nr = 0x01, .type = UABI_NO_TYPE,
};

/* the dumps' ioctls (sorted by name) and inputs */
static struct uabi_ioctl mf_io64[5], mf_io32[5], mf_ioarm[5];
static const char *mf_headers[] = { "drm/drm.h", "linux/fs.h" };
#define MF_CODA_A "include/uapi/linux/coda.h:204:2: error: unknown type name 'int64_t'"
#define MF_CODA_B "include/uapi/linux/coda.h:204:11: error: unknown type name 'int64_t'"
#define MF_INPUT "includes <sys/time.h>, which is in no include directory of the tree " \
		 "(a C library header)"
static const struct uabi_skipped_header mf_skip[] = {
	{ "linux/coda.h", MF_CODA_A }, { "linux/input.h", MF_INPUT },
};
static const struct uabi_skipped_header mf_skip_arm[] = {
	{ "linux/coda.h", MF_CODA_B }, { "linux/input.h", MF_INPUT },
};
#define MF_INPUT_FACTS(sk) { .kind = "kernel-tree", .root = "linux-source-6.1", .headers = mf_headers, \
			     .nheaders = 2, .kernel_version = "6.1.192", .skipped = sk, .nskipped = 2 }
static struct uabi_layout mf_x86_64 = { .input = MF_INPUT_FACTS(mf_skip), .ioctls = mf_io64, .nioctls = 5 };
static struct uabi_layout mf_i386 = { .input = MF_INPUT_FACTS(mf_skip), .ioctls = mf_io32, .nioctls = 5 };
static struct uabi_layout mf_aarch64 = { .input = MF_INPUT_FACTS(mf_skip), .ioctls = mf_io64, .nioctls = 5 };
static struct uabi_layout mf_arm = { .input = MF_INPUT_FACTS(mf_skip_arm), .ioctls = mf_ioarm, .nioctls = 5 };

static struct uabi_finding mf_f_addfb2[] = {
	{ UABI_F_NUMBER, "", 0xc06864b8, 0xc06464b8, NULL, 0, UABI_NO_OFFSET, UABI_NO_OFFSET },
	{ UABI_F_IOC_SIZE, "", 104, 100, NULL, 0, UABI_NO_OFFSET, UABI_NO_OFFSET },
	{ UABI_F_SIZE, "", 104, 100, MF_DRM, 664, 0, 0 },
	{ UABI_F_TAIL_PADDING, "", 4, 0, MF_DRM, 664, 0, 0 },
};
static struct uabi_finding mf_f_getflags[] = {
	{ UABI_F_NUMBER, "", 0x80086601, 0x80046601, NULL, 0, UABI_NO_OFFSET, UABI_NO_OFFSET },
	{ UABI_F_IOC_SIZE, "", 8, 4, NULL, 0, UABI_NO_OFFSET, UABI_NO_OFFSET },
	{ UABI_F_LONG, "", 8, 4, NULL, 0, 0, 0 },
};
#define MF_FINDINGS(a) .findings = a, .nfindings = MF_N(a), .nfindings_total = MF_N(a)
#define MF_SAME(io, v, t, sz) .native = &io, .compat = &io, .verdict = v, .native_type = t, \
			      .compat_type = t, .native_size = sz, .compat_size = sz

static struct uabi_compat_item mf_x86_items[] = {
	{ .name = "DRM_IOCTL_GEM_CLOSE", MF_SAME(mf_gem_close, UABI_V_IDENTICAL, 1, 8) },
	{ .name = "DRM_IOCTL_MODE_ADDFB2", .native = &mf_addfb2_64, .compat = &mf_addfb2_32,
	  .verdict = UABI_V_NUMBER_DIFFERS, .native_type = 2, .compat_type = 2, .native_size = 104,
	  .compat_size = 100, MF_FINDINGS(mf_f_addfb2) },
	{ .name = "FS_IOC_FIEMAP", MF_SAME(mf_fiemap, UABI_V_IDENTICAL, 3, 32) },
	{ .name = "FS_IOC_GETFLAGS", .native = &mf_getflags_64, .compat = &mf_getflags_32,
	  .verdict = UABI_V_NUMBER_DIFFERS, .native_type = 4, .compat_type = 4, .native_size = 8,
	  .compat_size = 4, MF_FINDINGS(mf_f_getflags) },
	{ .name = "X_NO_FILE", MF_SAME(mf_nofile, UABI_V_IDENTICAL, UABI_NO_TYPE, 0), .untyped = true },
};
static struct uabi_compat_item mf_arm_items[] = {
	{ .name = "DRM_IOCTL_GEM_CLOSE", MF_SAME(mf_gem_close, UABI_V_IDENTICAL, 1, 8) },
	{ .name = "DRM_IOCTL_MODE_ADDFB2", MF_SAME(mf_addfb2_64, UABI_V_IDENTICAL, 2, 104) },
	{ .name = "FS_IOC_FIEMAP", .native = &mf_fiemap, .compat = &mf_fiemap_na,
	  .verdict = UABI_V_NOT_APPLICABLE, .native_type = 3, .compat_type = UABI_NO_TYPE,
	  .native_size = 32, .reason = "not defined for arm: unknown type name 'struct fiemap'" },
	{ .name = "FS_IOC_GETFLAGS", .native = &mf_getflags_64, .compat = &mf_getflags_32,
	  .verdict = UABI_V_NUMBER_DIFFERS, .native_type = 4, .compat_type = 4, .native_size = 8,
	  .compat_size = 4, MF_FINDINGS(mf_f_getflags) },
	{ .name = "X_NO_FILE", MF_SAME(mf_nofile, UABI_V_IDENTICAL, UABI_NO_TYPE, 0), .untyped = true },
};
static struct uabi_compat_pair mf_pairs[] = {
	{ .n = &mf_x86_64, .c = &mf_i386, .native = "x86_64", .compat = "i386", .arch = "x86",
	  .items = mf_x86_items, .nitems = MF_N(mf_x86_items), .counts = { 3, 2, 0, 0, 0 },
	  .untyped = 1 },
	{ .n = &mf_aarch64, .c = &mf_arm, .native = "aarch64", .compat = "arm", .arch = "arm64",
	  .items = mf_arm_items, .nitems = MF_N(mf_arm_items), .counts = { 3, 1, 0, 0, 1 },
	  .untyped = 1 },
};

/* The report of the fixture: no kernel tree, --fail-on not-handled. */
static void mf_build(struct uabi_report *r)
{
	const struct uabi_ioctl *x64[] = { &mf_gem_close, &mf_addfb2_64, &mf_fiemap, &mf_getflags_64,
					   &mf_nofile };
	const struct uabi_ioctl *x32[] = { &mf_gem_close, &mf_addfb2_32, &mf_fiemap, &mf_getflags_32,
					   &mf_nofile };
	const struct uabi_ioctl *xarm[] = { &mf_gem_close, &mf_addfb2_64, &mf_fiemap_na,
					    &mf_getflags_32, &mf_nofile };
	struct uabi_diag d;

	for (int i = 0; i < 5; i++) {
		mf_io64[i] = *x64[i];
		mf_io32[i] = *x32[i];
		mf_ioarm[i] = *xarm[i];
	}
	uabi_diag__clear(&d);
	assert_int_equal(uabi_report__build(r, mf_pairs, MF_N(mf_pairs), NULL, UABI_FAIL_NOT_HANDLED,
					    &d), 0);
	r->command = "check";
	r->tool_version = "0.1.0-test";
}

#endif
