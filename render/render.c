// SPDX-License-Identifier: MIT
#include "render.h"
