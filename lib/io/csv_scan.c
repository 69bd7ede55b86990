/* The CSV tokenizer: records split into field spans over a block of bytes,
 * with RFC 4180 quotes and LF, CRLF or CR line breaks. The hot loop of a load. */
#include "csv_scan.h"

#include "../util/bits.h"
#include "../util/inline.h"

#include <string.h>

#if defined(__SSE2__) && !defined(SEG_CSV_PORTABLE)
#include <emmintrin.h>
#define SEG_SCAN_SSE2 1
#endif

/* The bytes ahead as a bitmask: the window b[base .. base + 64) and a bit
 * for each delimiter, LF or CR in it. Computed once per 64 bytes, then each
 * field end is a count of trailing zeros. */
typedef struct cursor {
    const char *b;
    size_t len, base;
    uint64_t bits;
    char d;
} cursor;

/* Bits of the delimiter, LF and CR among the first n bytes at p (n ≤ 64 used). */
static SEG_ALWAYS_INLINE uint64_t specials(const char *p, size_t n, char d)
{
    uint64_t m = 0;
#ifdef SEG_SCAN_SSE2
    if (n >= 64) {
        const __m128i vd = _mm_set1_epi8(d), vn = _mm_set1_epi8('\n'), vr = _mm_set1_epi8('\r');
        for (int k = 0; k < 4; k++) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
            __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, vd), _mm_cmpeq_epi8(v, vn)),
                                       _mm_cmpeq_epi8(v, vr));
            m |= (uint64_t)(uint32_t)_mm_movemask_epi8(hit) << (16 * k);
        }
        return m;
    }
#endif
    for (size_t i = 0; i < n && i < 64; i++)
        m |= (uint64_t)(p[i] == d || p[i] == '\n' || p[i] == '\r') << i;
    return m;
}

static SEG_ALWAYS_INLINE void cursor_at(cursor *c, size_t pos)
{
    c->base = pos;
    c->bits = specials(c->b + pos, c->len - pos, c->d);
}

/* First delimiter, LF or CR at or after pos, or len. */
static SEG_ALWAYS_INLINE size_t next_special(cursor *c, size_t pos)
{
    if (pos - c->base >= 64)
        cursor_at(c, pos);
    for (;;) {
        uint64_t m = c->bits & (~(uint64_t)0 << (pos - c->base));
        if (m)
            return c->base + (unsigned)seg__low_bit(m);
        if (c->base + 64 >= c->len)
            return c->len;
        cursor_at(c, c->base + 64);
        pos = c->base;
    }
}

/* Line breaks inside a quoted field: LF, and CR not followed by LF. */
static size_t breaks_in(const char *b, size_t from, size_t to)
{
    size_t n = 0;
    if (!memchr(b + from, '\n', to - from) && !memchr(b + from, '\r', to - from))
        return 0;
    for (size_t i = from; i < to; i++)
        n += b[i] == '\n' || (b[i] == '\r' && (i + 1 >= to || b[i + 1] != '\n'));
    return n;
}

/* At b[*pos] == '"': find the closing quote. 1: found, *end at it and *pos
 * after it; 0: the data is cut first; -1: the data ends inside the quotes
 * (*end = len). */
static int quoted(const char *b, size_t *pos, size_t len, int eof, size_t *end, uint32_t *esc)
{
    size_t q = *pos + 1;
    for (;;) {
        const char *e = q < len ? memchr(b + q, '"', len - q) : NULL;
        if (!e) {
            *end = *pos = len;
            return eof ? -1 : 0;
        }
        size_t at = (size_t)(e - b);
        if (at + 1 < len && b[at + 1] == '"') {
            *esc = SEG_SPAN_ESCAPED;
            q = at + 2;
            continue;
        }
        if (at + 1 >= len && !eof)
            return 0;
        *end = at;
        *pos = at + 1;
        return 1;
    }
}

/* Record `r` has fewer fields than the header: empty spans for the rest. */
static void blank_missing(seg_csv_rows *rows, const seg_csv_scanner *sc, size_t r, size_t from, uint32_t at)
{
    for (size_t f = from; f < sc->ncols; f++)
        if (sc->colmap[f] >= 0)
            rows->spans[r * rows->nslots + (size_t)sc->colmap[f]] = (seg_span){at, 0};
}

static int field_count_ok(const seg_csv_scanner *sc, size_t fields, int last_empty)
{
    return fields == sc->ncols || (fields == sc->ncols + 1 && last_empty) ||
           (fields + 1 == sc->ncols && sc->last_header_empty);
}

/* The common record at b[*pos] (not a blank line): no quotes, as many fields
 * as the header, at most max_record bytes, ended by LF. 1: its spans are
 * stored and *pos is past the LF; 0: the general loop must split it (spans
 * written so far are overwritten there). */
static SEG_ALWAYS_INLINE int plain_record(cursor *cur, const seg_csv_scanner *sc, seg_span *row, size_t *pos_io)
{
    const char *const b = cur->b;
    const size_t len = cur->len, start = *pos_io;
    size_t pos = start, base = cur->base;
    uint64_t bits; /* the specials still ahead in the window at base: each field end clears one */
    if (pos - base < 64)
        bits = cur->bits & (~(uint64_t)0 << (pos - base));
    else
        base = pos, bits = specials(b + pos, len - pos, cur->d);
    for (size_t field = 0; field < sc->ncols; field++) {
        if (b[pos] == '"')
            return 0;
        while (!bits) {
            base += 64;
            if (base >= len)
                return 0;
            bits = specials(b + base, len - base, cur->d);
        }
        size_t end = base + (unsigned)seg__low_bit(bits);
        bits &= bits - 1;
        if (sc->colmap[field] >= 0)
            row[sc->colmap[field]] = (seg_span){(uint32_t)pos, (uint32_t)(end - pos)};
        pos = end + 1;
        if (b[end] == cur->d && pos < len)
            continue;
        if (b[end] != '\n' || field + 1 != sc->ncols || end - start > sc->max_record)
            return 0;
        *pos_io = pos;
        cur->base = base, cur->bits = bits;
        return 1;
    }
    return 0;
}

/* The hot loop: one pass over the bytes, a span stored only for the fields
 * that are read, no allocation. Deliberately one function; plain_record
 * takes the common records first. */
seg_scan_stop seg__csv_scan(seg_csv_rows *rows, const seg_csv_scanner *sc, const char *b, size_t *pos_io,
                            size_t len, int eof, int64_t *line_io)
{
    size_t pos = *pos_io, start = pos;
    int64_t line = *line_io;
    const char d = sc->delim;
    const int16_t *const colmap = sc->colmap;
    const size_t ncols = sc->ncols;
    seg_scan_stop stop = SEG_SCAN_FULL;
    cursor cur = {b, len, pos, 0, d};
    if (pos < len)
        cursor_at(&cur, pos);
    while (rows->n < rows->cap) {
        if (pos >= len) {
            stop = eof ? SEG_SCAN_END : SEG_SCAN_MORE;
            goto out;
        }
        if (b[pos] == '\n' || b[pos] == '\r') { /* a blank line */
            if (b[pos] == '\r' && pos + 1 >= len && !eof) {
                stop = SEG_SCAN_MORE; /* CR or CRLF: the next byte tells */
                goto out;
            }
            pos += b[pos] == '\r' && pos + 1 < len && b[pos + 1] == '\n' ? 2 : 1;
            line++;
            continue;
        }
        const size_t r = rows->n;
        seg_span *const row = rows->spans + r * rows->nslots;
        start = pos;
        if (plain_record(&cur, sc, row, &pos)) {
            rows->start[r] = (uint32_t)start;
            rows->nfields[r] = (uint32_t)ncols;
            rows->flaw[r] = SEG_FLAW_NONE;
            rows->flaw_at[r] = 0;
            rows->line[r] = line++;
            rows->n = r + 1;
            continue;
        }
        pos = start;
        size_t field = 0, breaks = 0, fs, end;
        uint8_t flaw = SEG_FLAW_NONE;
        uint32_t flaw_at = 0;
        start = pos;
        for (;;) {
            int16_t slot = field < ncols ? colmap[field] : -1;
            fs = pos;
            if (pos < len && b[pos] == '"') { /* quoted: memchr to the closing quote */
                size_t fe;
                uint32_t esc = 0;
                int q = quoted(b, &pos, len, eof, &fe, &esc);
                if (q == 0)
                    goto cut;
                breaks += breaks_in(b, fs + 1, fe);
                if (q < 0 && !flaw)
                    flaw = SEG_FLAW_UNTERMINATED, flaw_at = (uint32_t)fs;
                if (pos < len && b[pos] != d && b[pos] != '\n' && b[pos] != '\r') {
                    if (!flaw)
                        flaw = SEG_FLAW_QUOTE, flaw_at = (uint32_t)pos;
                    pos = next_special(&cur, pos);
                }
                if (slot >= 0)
                    row[slot] = (seg_span){(uint32_t)(fs + 1), (uint32_t)(fe - fs - 1) | esc};
            } else {
                pos = next_special(&cur, pos);
                if (slot >= 0)
                    row[slot] = (seg_span){(uint32_t)fs, (uint32_t)(pos - fs)};
            }
            field++;
            if (pos >= len) {
                if (!eof)
                    goto cut;
                breaks -= breaks && (b[len - 1] == '\n' || b[len - 1] == '\r'); /* an open quote took the last break */
                end = len;
                break;
            }
            if (b[pos] == d) {
                pos++;
                continue;
            }
            if (b[pos] == '\r' && pos + 1 >= len && !eof)
                goto cut;
            end = pos;
            pos += b[pos] == '\r' && pos + 1 < len && b[pos + 1] == '\n' ? 2 : 1;
            break;
        }
        if (field < ncols)
            blank_missing(rows, sc, r, field, (uint32_t)end);
        if (!flaw && end - start > sc->max_record)
            flaw = SEG_FLAW_TOO_LONG, flaw_at = (uint32_t)start;
        if (!flaw && !field_count_ok(sc, field, end == fs))
            flaw = SEG_FLAW_FIELD_COUNT, flaw_at = (uint32_t)start;
        rows->start[r] = (uint32_t)start;
        rows->nfields[r] = (uint32_t)field;
        rows->flaw[r] = flaw;
        rows->flaw_at[r] = flaw_at;
        rows->line[r] = line;
        rows->n = r + 1;
        line += 1 + (int64_t)breaks;
    }
out:
    *pos_io = pos;
    *line_io = line;
    return stop;
cut:
    *pos_io = start;
    *line_io = line;
    return len - start > sc->max_record ? SEG_SCAN_TOO_LONG : SEG_SCAN_MORE;
}

/* Skip blank lines at *pos; 0 when a CR at the end of the data leaves it open. */
static int skip_blank(const char *b, size_t *pos, size_t len, int eof, int64_t *line)
{
    size_t p = *pos;
    while (p < len && (b[p] == '\n' || b[p] == '\r')) {
        if (b[p] == '\r' && p + 1 >= len && !eof)
            return 0;
        p += b[p] == '\r' && p + 1 < len && b[p + 1] == '\n' ? 2 : 1;
        ++*line;
    }
    *pos = p;
    return 1;
}

int seg__csv_split(const char *b, size_t *pos_io, size_t len, int eof, char d, seg_span *fields, size_t max,
                   size_t *nfields, int64_t *line)
{
    size_t pos = *pos_io, n = 0, breaks = 0;
    int64_t blank = 0;
    cursor cur = {b, len, pos, 0, d};
    if (!skip_blank(b, &pos, len, eof, &blank))
        return 0;
    if (pos >= len) { /* only blank lines: counted once the data ends */
        *line += eof ? blank : 0;
        *pos_io = eof ? pos : *pos_io;
        return 0;
    }
    cursor_at(&cur, pos);
    for (;;) {
        size_t fs = pos, fe;
        uint32_t esc = 0;
        if (pos < len && b[pos] == '"') {
            if (quoted(b, &pos, len, eof, &fe, &esc) == 0)
                return 0;
            breaks += breaks_in(b, ++fs, fe);
            pos = next_special(&cur, pos); /* text after the closing quote is dropped */
        } else {
            pos = fe = next_special(&cur, pos);
        }
        if (n < max)
            fields[n] = (seg_span){(uint32_t)fs, (uint32_t)(fe - fs) | esc};
        n++;
        if (pos >= len) {
            if (!eof)
                return 0;
            break;
        }
        if (b[pos] == d) {
            pos++;
            continue;
        }
        if (b[pos] == '\r' && pos + 1 >= len && !eof)
            return 0;
        pos += b[pos] == '\r' && pos + 1 < len && b[pos + 1] == '\n' ? 2 : 1;
        break;
    }
    *nfields = n;
    *pos_io = pos;
    *line += blank + 1 + (int64_t)breaks;
    return 1;
}

/* One byte of a record being skipped inside quotes; returns the bytes used,
 * 0 when the next byte is needed and not there yet. */
static size_t skip_quoted(seg_csv_skip *st, const char *b, size_t p, size_t len, int eof, int64_t *line)
{
    char c = b[p];
    int next_known = p + 1 < len || eof;
    if ((c == '"' || c == '\r') && !next_known)
        return 0;
    if (c == '"') {
        if (p + 1 < len && b[p + 1] == '"')
            return 2;
        st->in_quotes = 0;
        return 1;
    }
    *line += c == '\n' || (c == '\r' && !(p + 1 < len && b[p + 1] == '\n'));
    return 1;
}

int seg__csv_skip(seg_csv_skip *st, const char *b, size_t *pos, size_t len, int eof, char d, int64_t *line)
{
    size_t p = *pos;
    while (p < len) {
        char c = b[p];
        if (st->in_quotes) {
            size_t used = skip_quoted(st, b, p, len, eof, line);
            if (!used)
                break;
            p += used;
        } else if (c == '"' && st->at_field_start) {
            st->in_quotes = 1, st->at_field_start = 0, p++;
        } else if (c == d) {
            st->at_field_start = 1, p++;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && p + 1 >= len && !eof)
                break;
            p += c == '\r' && p + 1 < len && b[p + 1] == '\n' ? 2 : 1;
            ++*line;
            *pos = p;
            return 1;
        } else {
            st->at_field_start = 0, p++;
        }
    }
    *pos = p;
    if (p >= len && eof)
        ++*line;
    return p >= len && eof;
}

size_t seg__csv_unescape(char *dst, const char *src, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        dst[n++] = src[i];
        i += src[i] == '"' && i + 1 < len && src[i + 1] == '"';
    }
    return n;
}
