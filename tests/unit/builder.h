/* SPDX-License-Identifier: MIT */
/* Building layouts in memory for the unit tests (include after cmocka.h). */
#ifndef UABI_TEST_BUILDER_H
#define UABI_TEST_BUILDER_H

#include "core/model.h"

/* Append a type; asserts it could. */
static inline uint32_t add(struct uabi_layout *l, enum uabi_kind k, const char *name,
			   uint64_t size, uint32_t align, uint32_t ref)
{
	uint32_t id = uabi_layout__add_type(l, k);
	struct uabi_type *t = uabi_layout__type(l, id);

	assert_int_not_equal(id, UABI_NO_TYPE);
	t->name = name;
	t->size = size;
	t->align = align;
	t->ref = ref;
	return id;
}

/* Give type id n zeroed members from the layout's arena. */
static inline struct uabi_member *members(struct uabi_layout *l, uint32_t id, uint32_t n)
{
	struct uabi_type *t = uabi_layout__type(l, id);

	t->members = uabi_arena__alloc(&l->arena, n * sizeof(*t->members));
	assert_non_null(t->members);
	t->nmembers = n;
	return t->members;
}

/* Fill one member. */
static inline void set_member(struct uabi_member *m, const char *name, uint32_t type,
			      uint64_t bit_offset, uint32_t bit_size)
{
	m->name = name;
	m->type = type;
	m->bit_offset = bit_offset;
	m->bit_size = bit_size;
}

#endif
