// SPDX-License-Identifier: MIT
/* Sockets' rules (krules.h): net/socket.c, drivers/net/ppp/pppox.c,
 * net/atm/ioctl.c and net/atm/resources.c. */
#include "krules.h"

static const struct uabi_krules_entry net[] = {
	/* compat_sock_ioctl (socket_file_ops' .compat_ioctl) calls the
	 * protocol's .compat_ioctl, then translates what
	 * compat_sock_ioctl_trans names; anything else: -ENOIOCTLCMD */
	{ .type = "proto_ops", .native = "ioctl",
	  UABI_KRULES_COMPAT("compat_ioctl"), .core = "compat_sock_ioctl" },
	/* pppox_compat_ioctl (pppoe_ops' .compat_ioctl) turns PPPOEIOCSFWD32
	 * into PPPOEIOCSFWD and calls pppox_ioctl, which calls the
	 * protocol's .ioctl */
	{ .type = "pppox_proto", .native = "ioctl", .core = "pppox_compat_ioctl",
	  .absent_passes = "pppox_compat_ioctl (drivers/net/ppp/pppox.c) calls pppox_ioctl, which "
			   "calls the protocol's .ioctl, with compat_ptr(arg)" },
	/* vcc_compat_ioctl maps its ATM_*32 numbers; atm_dev_ioctl then calls
	 * the device's .compat_ioctl for a compat caller, -EINVAL without */
	{ .type = "atmdev_ops", .native = "ioctl",
	  UABI_KRULES_COMPAT("compat_ioctl"), .core = "vcc_compat_ioctl" },
};

const struct uabi_krules_kinds uabi_krules__net_kinds = { net, sizeof(net) / sizeof(net[0]) };
