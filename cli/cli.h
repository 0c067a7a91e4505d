/* SPDX-License-Identifier: MIT */
/* The uabi command line: one command table (main.c), one file per subcommand. */
#ifndef UABI_CLI_H
#define UABI_CLI_H

#include "../core/diag.h"
#include "../core/profile.h"

struct uabi_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

int cmd_profiles(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_dwarf(int argc, char **argv);

/* With UABI_STATS set in the environment, print this process's peak RSS
 * to stderr (benchmarks: compilers' memory is not uabi's). */
void cli_stats(const char *what);

/* Print "uabi: <msg>" (+ indented detail) to stderr; returns the exit code. */
int cli_report(const struct uabi_diag *d);
/* Print a usage error naming the subcommand; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Built-in profiles, then the --profiles-file overrides if given. */
int cli_load_profiles(struct uabi_profile_set *set, const char *file, struct uabi_diag *d);
/* Parse a positive integer option; false if invalid. */
int cli_parse_jobs(const char *s, unsigned *out);

#endif
