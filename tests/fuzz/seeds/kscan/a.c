static long kvm_vm_compat_ioctl(struct file *f, unsigned int ioctl)
{
	switch (ioctl) {
#ifdef CONFIG_KVM_GENERIC_DIRTYLOG_READ_PROTECT
	case KVM_CLEAR_DIRTY_LOG: /* case KVM_X: */ break;
#else
	case KVM_GET_DIRTY_LOG: { char *s = "case KVM_Y:"; }
#endif
	}
}
