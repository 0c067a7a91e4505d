/* SPDX-License-Identifier: MIT */
/*
 * The fork server's wire format (extractor/forkserver.c is the client,
 * extractor/forkserver/preload.c the server inside the compiler).
 *
 * Every message is one SOCK_SEQPACKET record. The server's first message on
 * a connection is a hello; then, one run at a time:
 *   client: a request (struct uabi_fs_req, then argc + envc + 3
 *           NUL-terminated strings: cwd ("": the directory passed, see
 *           below), outfile ("" for /dev/null), errfile, argv[0..argc),
 *           env[0..envc)), with the client's working directory as one
 *           SCM_RIGHTS descriptor (O_PATH) that the child fchdir()s to and
 *           relative file names are opened from;
 *   server: UABI_FS_STARTED with the child's pid (it leads its own process
 *           group), or UABI_FS_FAILED with an errno value (an output file
 *           that cannot be opened, fork);
 *   server: UABI_FS_ENDED when the child has ended, not yet reaped (its
 *           pgid is still its own), with waitid()'s si_code and si_status;
 *   client: UABI_FS_REAP, after which the server reaps the child.
 * End of file on a connection ends its server; the server SIGKILLs the
 * process group of a child still running first.
 */
#ifndef UABI_FORKSERVER_PROTO_H
#define UABI_FORKSERVER_PROTO_H

#include <stdint.h>

#define UABI_FS_MAGIC 0x75616266u	/* "uabf" */
#define UABI_FS_VERSION 2u
/* the environment variable that names the control socket's fd */
#define UABI_FS_ENV_FD "UABI_FORKSERVER_FD"
/* and the program it is meant for (the real path of /proc/self/exe): a
 * script's interpreter or another program that the name reaches runs as
 * itself */
#define UABI_FS_ENV_EXE "UABI_FORKSERVER_EXE"
/* the largest request (the kernel bounds one record by the socket's send
 * buffer, 208 KiB by default); a larger one is posix_spawn'ed instead */
#define UABI_FS_MAX_REQ (160u * 1024u)

enum uabi_fs_kind {
	UABI_FS_HELLO = 1,
	UABI_FS_RUN,
	UABI_FS_STARTED,
	UABI_FS_FAILED,
	UABI_FS_ENDED,
	UABI_FS_REAP,
};

struct uabi_fs_req {
	uint32_t magic;
	uint32_t kind;		/* UABI_FS_RUN */
	uint32_t argc;
	uint32_t envc;
	uint64_t as_bytes;	/* RLIMIT_AS, 0: none */
	uint64_t fsize_bytes;	/* RLIMIT_FSIZE, 0: none */
};

struct uabi_fs_msg {
	uint32_t magic;
	uint32_t kind;		/* HELLO (value: version), STARTED, FAILED, ENDED, REAP */
	int32_t pid;
	int32_t value;		/* FAILED: errno; ENDED: si_code */
	int32_t status;		/* ENDED: si_status */
	int32_t pad;
};

#endif
