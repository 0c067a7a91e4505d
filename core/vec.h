/* SPDX-License-Identifier: MIT */
/* Growing a malloc'd array one element at a time. */
#ifndef UABI_VEC_H
#define UABI_VEC_H

#include <stddef.h>
#include <stdint.h>

/* Make room in *vp (an array of elements of sz bytes, *cap of them
 * allocated) for element n: when n reaches *cap, the capacity doubles
 * (from first when 0) and *vp is realloc'd. 0, or -ENOMEM (also when the
 * capacity would pass UINT32_MAX or SIZE_MAX bytes) with *vp and *cap as
 * they were. */
int uabi_vec__reserve(void *vp, uint32_t n, uint32_t *cap, size_t sz, uint32_t first);

#endif
