/* SPDX-License-Identifier: MIT */
/* The uabi command line: one command table (main.c), one file per subcommand. */
#ifndef UABI_CLI_H
#define UABI_CLI_H

#include "../core/diag.h"
#include "../core/fileio.h"
#include "../core/profile.h"
#include "../compare/report.h"

struct uabi_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

int cmd_profiles(int argc, char **argv);
int cmd_handlers(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_dwarf(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_compat(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_lint(int argc, char **argv);

/* A compat pair: profiles, and their indexes in the list they came from. */
struct cli_pair {
	const struct uabi_profile *n, *c;
	uint32_t ni, ci;
};
/* The compat pairs among v[0..nv): each native's compat list in order,
 * both profiles in v. out needs room for nv * 3. Returns the count. */
uint32_t cli_compat_pairs(const struct uabi_profile *const *v, uint32_t nv, struct cli_pair *out);
/* The distinct kernel arch dirs of the pairs' natives, in order (at most max). */
uint32_t cli_pair_arches(const struct cli_pair *p, uint32_t np, const char **arches, uint32_t max);
/* Whether a kernel tree holds C sources beyond KVM's (a drivers, fs,
 * sound, net or block directory): then every ioctl's facts can be read
 * (kernel/ioctls.h). */
bool cli_tree_has_sources(const char *root);

struct uabi_input_spec;
struct uabi_report;
struct uabi_layout;
/* Read paths[i] into layouts[i] on `jobs` threads; 0 or an exit code. */
int cli_read_dumps(char **paths, struct uabi_layout **layouts, uint32_t n, unsigned jobs);
/* mkdtemp under $TMPDIR ("uabi-WHAT-XXXXXX"); 0 or an exit code. */
int cli_scratch_dir(char buf[], const char *what);
/* Render r as `format` to out (an output path, "-" for stdout; NULL means
 * stdout unless dir is given), and, if dir is set, every format into the
 * open stage dir as report.{txt,json,md,html,sarif} (the caller commits
 * it). The formats are rendered on at most `jobs` threads. Returns 0 or
 * an exit code (message printed). */
int cli_write_report(const struct uabi_report *r, int format, const char *out,
		     struct uabi_stage *dir, unsigned jobs);
/* Output paths, judged before the work (NULL: nothing to judge), and
 * staged output directories (core/fileio.h). Each returns 0 or an exit
 * code after printing the message. */
int cli_check_output(const char *path);
int cli_stage_open(struct uabi_stage *s, const char *dir);
int cli_stage_commit(struct uabi_stage *s);
/* The profiles a run did not judge, with the reason (reports list them). */
#define CLI_MAX_SKIPS 64
struct cli_skips {
	struct uabi_skip v[CLI_MAX_SKIPS];	/* reason points into why[] */
	char why[CLI_MAX_SKIPS][512];
	uint32_t n;
	bool toolchain;		/* some profile was skipped for its toolchain */
};
/* Record that profile was skipped (reason printf-formatted, copied). */
void cli_skips__add(struct cli_skips *s, const char *profile, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Keep the profiles that can be compiled here (in place), decided before
 * any compile: the compiler (and the linker if need_ld) is installed and,
 * when spec is given, the input has the profile's asm/ headers (as
 * extractor/input.c finds them). A missing toolchain is a toolchain error
 * (exit 3) and missing headers an input error (exit 2), unless skip: then
 * the profile is dropped with one line on stderr and recorded in skips
 * (may be NULL). Nothing left is an error too. Returns 0 or the exit code
 * (message printed). */
int cli_runnable(const struct uabi_input_spec *spec, const struct uabi_profile **sel, uint32_t *n,
		 bool skip, bool need_ld, struct cli_skips *skips);
/* Whether native:compat is a compat pair of set; else an input error
 * naming them (what: "--pairs", a file...) and listing the valid pairs. */
int cli_pair__check(const struct uabi_profile_set *set, const char *native, const char *compat,
		    const char *what, struct uabi_diag *d);
/* Extract sel[i] into paths[i], `jobs` processes at a time; worst exit code.
 * publish: paths[0] is the command's one final output (n is 1): writing it
 * marks the run published (core/intr.h), a signal before refuses it. */
int cli_extract_all(const struct uabi_input_spec *spec, const struct uabi_profile *const *sel,
		    uint32_t n, char *const *paths, unsigned jobs, bool publish);
/* The same with a spec of its own for each profile (specs[i] for sel[i]:
 * diff without --header judges the headers the change reaches on each);
 * messages name the side by specs[0]->label. */
int cli_extract_each(const struct uabi_input_spec *const *specs,
		     const struct uabi_profile *const *sel, uint32_t n, char *const *paths,
		     unsigned jobs, bool publish);

/* With UABI_STATS set in the environment, print this process's CPU time
 * (user + system, seconds) and peak RSS to stderr (benchmarks: compilers'
 * time and memory are not uabi's). */
void cli_stats(const char *what);

/* Print "uabi: [<subject>: ]<msg>" (+ indented detail) to stderr; returns
 * the exit code. Prints nothing once interrupted (main() says it). */
int cli_report(const struct uabi_diag *d);
/* The same with another subject ("[x86_64,i386]") in place of d's. */
int cli_report_as(const char *subject, const struct uabi_diag *d);
/* Print a usage error naming the subcommand; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Built-in profiles, then the --profiles-file overrides if given. */
int cli_load_profiles(struct uabi_profile_set *set, const char *file, struct uabi_diag *d);
/* --format and --fail-on of check and compat: the value, or -1 after
 * printing a usage error naming cmd. */
int cli_parse_format(const char *cmd, const char *arg);
int cli_parse_fail_on(const char *cmd, const char *arg);
struct option;
/* getopt_long for subcommand cmd (opterr off): the next option's value,
 * -1 after the last, or '?' after printing one line naming the word at
 * fault (unknown option, a long option not spelled in full, a missing or
 * unexpected value); the caller then exits with UABI_E_INPUT. */
int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
	       const struct option *longopts);
/* Parse a positive integer option; false if invalid. */
int cli_parse_jobs(const char *s, unsigned *out);

#endif
