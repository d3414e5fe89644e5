/* SPDX-License-Identifier: GPL-2.0-only */
/* Just enough JSON output for cellflashctl --json: strings, escaped. */
#ifndef CELLFLASH_JSON_H
#define CELLFLASH_JSON_H

#include <stdio.h>

/* Writes @s as a JSON string: quoted, with '"', '\\' and control characters escaped. */
void json_print_string(FILE *f, const char *s);

#endif
