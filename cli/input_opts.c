// SPDX-License-Identifier: MIT
#include "input_opts.h"

#include <string.h>

#include "cli.h"

int cli_input__option(struct cli_input *in, const char *cmd, int c, const char *arg)
{
	switch (c) {
	case CLI_OPT_KERNEL_TREE:
	case CLI_OPT_HEADERS:
		if (in->have_root) {
			cli_usage_error(cmd, "give one of --kernel-tree and --headers, once");
			return -1;
		}
		in->have_root = true;
		in->spec.root = arg;
		in->spec.kind = c == CLI_OPT_KERNEL_TREE ? UABI_INPUT_KERNEL_TREE : UABI_INPUT_HEADERS;
		return 1;
	case CLI_OPT_HEADER:
		if (in->spec.nheaders >= 64) {
			cli_usage_error(cmd, "too many --header options (64 at most)");
			return -1;
		}
		in->headers[in->spec.nheaders++] = arg;
		return 1;
	case CLI_OPT_ROOT:
		if (in->spec.nroots >= 64) {
			cli_usage_error(cmd, "too many --root options (64 at most)");
			return -1;
		}
		if (!*arg || strpbrk(arg, ";{}#\n")) {
			cli_usage_error(cmd, "--root '%s': expected a type such as 'struct kvm_run'", arg);
			return -1;
		}
		in->roots[in->spec.nroots++] = arg;
		return 1;
	}
	return 0;
}

int cli_input__finish(struct cli_input *in, const char *cmd, bool required, bool kvm_run)
{
	if (required && !in->have_root)
		return cli_usage_error(cmd, "missing --kernel-tree DIR or --headers DIR");
	if (!in->spec.nheaders) {
		in->headers[in->spec.nheaders++] = "linux/kvm.h";
		if (kvm_run && !in->spec.nroots)
			in->roots[in->spec.nroots++] = "struct kvm_run";
	}
	in->spec.headers = in->headers;
	in->spec.roots = in->roots;
	return 0;
}
