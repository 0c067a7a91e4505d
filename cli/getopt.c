// SPDX-License-Identifier: MIT
/* getopt_long for every subcommand, with two rules of its own: a long
 * option is spelled in full (glibc would take --profile for --profiles-file
 * when that is the only option the prefix fits, and silently run another
 * command than the one typed), and a bad option is one line naming it. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The long option getopt_long just returned lies at argv[optind - 1], or
 * at argv[optind - 2] when its argument was the next word (glibc permutes
 * skipped operands only at the start of the next call). */
static const char *long_word(char **argv, int has_arg)
{
	if (has_arg != no_argument && optarg && optind >= 2 && optarg == argv[optind - 1])
		return argv[optind - 2];
	return optind >= 1 ? argv[optind - 1] : "";
}

/* "--name" or "--name=value": the name's length; 0 if word is not a long option */
static size_t long_name(const char *word)
{
	if (strncmp(word, "--", 2) != 0 || !word[2])
		return 0;
	return strcspn(word + 2, "=");
}

static const struct option *find_val(const struct option *longopts, int val)
{
	for (const struct option *o = longopts; o->name; o++)
		if (!o->flag && o->val == val)
			return o;
	return NULL;
}

int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
	       const struct option *longopts)
{
	char spec[64];
	int c, idx = -1;

	/* leading ':' tells a missing argument (':') from an unknown option ('?') */
	snprintf(spec, sizeof(spec), ":%s", shortopts);
	opterr = 0;
	c = getopt_long(argc, argv, spec, longopts, &idx);
	if (c == -1)
		return -1;
	if (c != '?' && c != ':') {
		const char *w;
		size_t n;

		if (idx < 0)
			return c;	/* a short option */
		w = long_word(argv, longopts[idx].has_arg);
		n = long_name(w);
		if (n == strlen(longopts[idx].name) && !strncmp(w + 2, longopts[idx].name, n))
			return c;
		cli_usage_error(cmd, "unknown option '%.*s'; long options are spelled in full",
				(int)(n + 2), w);
		return '?';
	}

	/* glibc: optopt is 0 for an unknown or ambiguous long option, the
	 * option's val for a long option's bad value, else the letter */
	const char *w = optind >= 1 && optind <= argc ? argv[optind - 1] : "";
	size_t n = long_name(w);
	const struct option *o = optopt ? find_val(longopts, optopt) : NULL;

	if (n && (!optopt || (o && n <= strlen(o->name) && !strncmp(w + 2, o->name, n)))) {
		if (!optopt || n != strlen(o->name))
			cli_usage_error(cmd, "unknown option '%.*s'", (int)(n + 2), w);
		else if (c == ':')
			cli_usage_error(cmd, "option '--%s' needs a value", o->name);
		else
			cli_usage_error(cmd, "option '--%s' takes no value", o->name);
	} else if (c == ':') {
		cli_usage_error(cmd, "option '-%c' needs a value", optopt);
	} else if (optopt > ' ' && optopt < 127) {
		cli_usage_error(cmd, "unknown option '-%c'", optopt);
	} else {
		cli_usage_error(cmd, "unknown option in '%s'", w);
	}
	return '?';
}
