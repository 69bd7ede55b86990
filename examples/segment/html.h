/* HTML text: escaping of untrusted bytes, and the page skeleton with its
 * inline style sheet. Everything writes to a stdio stream. */
#ifndef SEGMENT_HTML_H
#define SEGMENT_HTML_H

#include <stddef.h>
#include <stdio.h>

/* Write bytes as HTML text, safe in element content and in quoted attribute
 * values: & < > " ' are escaped, and invalid UTF-8, NUL, control characters
 * (except tab, CR and LF) and non-characters become U+FFFD. */
void html_text(FILE *out, const char *s, size_t len);

/* html_text() of a NUL-terminated string; NULL writes nothing. */
void html_str(FILE *out, const char *s);

/* <!DOCTYPE html> up to the opening <main>, with the title escaped. */
void html_begin(FILE *out, const char *title);

/* Close <main>, <body> and <html>. */
void html_end(FILE *out);

#endif
