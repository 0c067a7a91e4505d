/* SPDX-License-Identifier: MIT */
/*
 * FNV-1a hashes of byte strings (Fowler, Noll, Vo: offset basis and prime
 * of the 32- and 64-bit variants), for the open-addressing tables of
 * names: where a name goes, never an order anything is written in.
 */
#ifndef UABI_FNV_H
#define UABI_FNV_H

#include <stddef.h>
#include <stdint.h>

/* The 64-bit FNV-1a hash h continued over the n bytes at s (h is the
 * hash so far, UABI_FNV64_BASIS for none). */
#define UABI_FNV64_BASIS 0xcbf29ce484222325ULL
static inline uint64_t uabi_fnv1a64_more(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h;
}

/* The 64-bit FNV-1a hash of the n bytes at s. */
static inline uint64_t uabi_fnv1a64(const char *s, size_t n)
{
	return uabi_fnv1a64_more(UABI_FNV64_BASIS, s, n);
}

/* The 32-bit FNV-1a hash of the n bytes at s. */
static inline uint32_t uabi_fnv1a32(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

#endif
