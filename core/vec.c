// SPDX-License-Identifier: MIT
#include "vec.h"

#include <errno.h>
#include <stdlib.h>

int uabi_vec__reserve(void *vp, uint32_t n, uint32_t *cap, size_t sz, uint32_t first)
{
	void **v = vp, *nv;
	uint32_t c;

	if (n < *cap)
		return 0;
	for (c = *cap ? *cap : first ? first : 1; c <= n || c == *cap; c *= 2)
		if (c > UINT32_MAX / 2)
			return -ENOMEM;
	if (sz && c > SIZE_MAX / sz)
		return -ENOMEM;
	if (!(nv = realloc(*v, (size_t)c * sz)))
		return -ENOMEM;
	*v = nv;
	*cap = c;
	return 0;
}
