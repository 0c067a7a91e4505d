#include <linux/kvm_host.h>
void f(struct kvm_run *run)
{
	run->riscv_sbi.args[0] = p -> a0 + 1.5e+3 + .25;
	struct t v = { .x = 1, [2].y = 2 };
	z = offsetof(struct kvm_run, xen.u) + container_of(p, struct s,
		m)->q;
	g(a, ...);
}
#define X(v) ((v)->in_macro)
