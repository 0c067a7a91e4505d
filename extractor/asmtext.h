/* SPDX-License-Identifier: MIT */
/*
 * The assembler reads no file. A header can put text of its own making into
 * the assembly of the probe (a file-scope or inline asm statement, an asm
 * label, a section, alias or symver attribute whose string gcc and clang
 * print verbatim, newlines included), and the assembler then obeys
 * `.incbin "/etc/shadow"`, `.include` or a gas macro that builds either.
 * Every such way needs a string literal in the compiled unit, so a probe
 * whose preprocessed text has none is compiled to an object directly; any
 * other is compiled with -S, its assembly checked here line by line, and
 * only then assembled.
 */
#ifndef UABI_ASMTEXT_H
#define UABI_ASMTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Whether a compile of code after this `cc -E -dD` output (cpp) could carry
 * assembler text of the headers' making: a string literal in the code or in
 * a macro body, a #pragma or #ident (but #pragma pack(), pack(N),
 * pack(push), pack(push, N) and pack(pop), N a decimal power of two: they
 * name no section, symbol or string), a stringizing # in a function-like
 * macro, a name that expands to a string (__FILE__, a predefined string
 * macro such as __VERSION__), or an asm keyword. The compiler's predefined
 * macros themselves (<built-in>, <command line>) do not count. When true,
 * file and *line name the first place (the file as its marker spells it,
 * *line 0 when unknown).
 */
bool uabi_asm__cpp_risk(const char *cpp, char *file, size_t len, uint32_t *line);
/*
 * The same for text whose macros only code after it may expand (a probe
 * compiled from the -dD text, its own lines unexpanded): the code lines
 * and directives as above; a #define body that could carry assembler text
 * sets *defs instead, and is a risk only where a line expands that macro
 * (uabi_asm__body_risk on what the line's macros reach).
 */
bool uabi_asm__cpp_code_risk(const char *cpp, char *file, size_t len, uint32_t *line, bool *defs);
/* Whether a macro body (function-like or not) could make a string
 * literal, a stringizing #, or name an asm keyword or a string builtin
 * (__FILE__, ...). A predefined string macro it names (__VERSION__) is a
 * macro of its own, whose body has the ". */
bool uabi_asm__body_risk(const char *body, bool funclike);
/* The same test for one line of C that uabi adds to a probe (a --root). */
bool uabi_asm__code_risk(const char *code);

/*
 * Check the assembly a compiler wrote for a probe that has no code of its
 * own (types, enums, typedefs): every line must be empty, a comment, a label
 * or a directive of the allow-list (data, sections, debug info, target
 * attributes). 0, or -EPERM with *line the first bad line (1-based) and
 * *why a fixed phrase saying what it is ("an instruction", "an inline asm
 * region", ...). Nothing of the line is returned: it may name any file.
 */
int uabi_asm__check(const char *s, uint32_t *line, const char **why);

enum uabi_asm_where {
	UABI_ASM_NOWHERE,	/* not found */
	UABI_ASM_STRING,	/* a string literal holds the text */
	UABI_ASM_FUNCTION,	/* the code of a function defined there */
};

/*
 * Where the headers wrote the assembly s that uabi_asm__check refused at
 * line: the string literal of cpp (the `cc -E -dD` output of the same
 * headers) that holds the text of a refused line, else the function whose
 * code it is (its .loc). file gets the path as the marker or the .file
 * directive spells it, *fline the line.
 */
enum uabi_asm_where uabi_asm__locate(const char *cpp, const char *s, uint32_t line, char *file,
				     size_t len, uint32_t *fline);

#endif
