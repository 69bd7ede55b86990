/* Where CSV bytes come from: a file, a caller's buffer (read in place) or a
 * read callback, seen through one window that a load slides forward. */
#define _POSIX_C_SOURCE 200809L
#include "csv_source.h"

#include <errno.h>
#include <string.h>

static void init(seg_csv_source *s, seg_context *ctx, seg_source_kind kind, const char *name)
{
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->ctx = ctx;
    s->name = name;
}

/* Size of a seekable file, or 0 (pipes, devices). */
static uint64_t file_size(FILE *f)
{
#if defined(_WIN32)
    if (_fseeki64(f, 0, SEEK_END) != 0)
        return 0;
    long long n = _ftelli64(f);
    _fseeki64(f, 0, SEEK_SET);
#else
    if (fseeko(f, 0, SEEK_END) != 0)
        return 0;
    off_t n = ftello(f);
    if (fseeko(f, 0, SEEK_SET) != 0)
        return 0;
#endif
    return n > 0 ? (uint64_t)n : 0;
}

static const char *why(int err)
{
    switch (err) {
    case ENOENT: return "no such file or directory";
    case EACCES: return "permission denied";
    case EISDIR: return "is a directory";
    case ENOTDIR: return "a part of the path is not a directory";
    case EMFILE: return "too many open files";
    default: return "the system refused it";
    }
}

static seg_status make_block(seg_csv_source *s, size_t max_record)
{
    s->block = SEG_CSV_BLOCK;
    s->limit = max_record + SEG_CSV_BLOCK;
    s->buf = seg__malloc(s->ctx, SEG_CSV_BLOCK);
    if (!s->buf)
        return seg__nomem(s->ctx, SEG_CSV_BLOCK);
    s->cap = SEG_CSV_BLOCK;
    s->data = s->buf;
    return SEG_OK;
}

seg_status seg__source_path(seg_csv_source *s, seg_context *ctx, const char *path, size_t max_record)
{
    init(s, ctx, SEG_SOURCE_PATH, path);
    SEG_TRY(make_block(s, max_record));
    errno = 0;
    s->file = fopen(path, "rb");
    if (!s->file)
        return seg__error(ctx, SEG_ERR_IO, "%s: cannot open: %s (errno %d)", path, why(errno), errno);
    s->total = file_size(s->file);
    return SEG_OK;
}

void seg__source_buffer(seg_csv_source *s, seg_context *ctx, const char *data, size_t len)
{
    init(s, ctx, SEG_SOURCE_BUFFER, "<buffer>");
    s->mem = data;
    s->mem_len = len;
    s->data = data;
    s->total = len;
}

seg_status seg__source_stream(seg_csv_source *s, seg_context *ctx, seg_read_fn read, void *user_data,
                              size_t max_record)
{
    init(s, ctx, SEG_SOURCE_STREAM, "<stream>");
    s->read = read;
    s->user_data = user_data;
    return make_block(s, max_record);
}

void seg__source_close(seg_csv_source *s)
{
    if (s->file)
        fclose(s->file);
    seg__free(s->ctx, s->buf);
    seg__free(s->ctx, s->other);
    s->file = NULL;
    s->buf = s->other = NULL;
}

void seg__source_skip(seg_csv_source *s, size_t n)
{
    s->data += n;
    s->len -= n;
    s->offset += n;
}

void seg__source_twin(seg_csv_source *s)
{
    s->twin = s->kind != SEG_SOURCE_BUFFER;
}

static seg_status read_file(seg_csv_source *s)
{
    size_t want = s->cap - s->len;
    errno = 0;
    size_t got = fread(s->buf + s->len, 1, want, s->file);
    s->len += got;
    if (got < want) {
        if (ferror(s->file))
            return seg__error(s->ctx, SEG_ERR_IO, "%s: read failed after %llu bytes: %s (errno %d)", s->name,
                              (unsigned long long)(s->offset + s->len), why(errno), errno);
        s->eof = 1;
    }
    return SEG_OK;
}

static seg_status read_stream(seg_csv_source *s)
{
    while (s->len < s->cap) {
        size_t room = s->cap - s->len, got = 0;
        if (s->read(s->buf + s->len, room, &got, s->user_data) != 0)
            return seg__error(s->ctx, SEG_ERR_IO, "%s: the read callback failed after %llu bytes", s->name,
                              (unsigned long long)(s->offset + s->len));
        if (got > room)
            return seg__error(s->ctx, SEG_ERR_IO, "%s: the read callback reported %zu bytes for a %zu-byte buffer",
                              s->name, got, room);
        if (got == 0) {
            s->eof = 1;
            break;
        }
        s->len += got;
    }
    return SEG_OK;
}

/* Room for a window that keeps `kept` bytes (fewer than the limit) and
 * reads on: a block, doubled while the kept bytes fill it (a long record). */
static size_t room(const seg_csv_source *s, size_t kept)
{
    size_t want = s->block;
    while (want <= kept)
        want = want < s->limit / 2 ? want * 2 : s->limit;
    return want;
}

/* The same, or an error when the kept bytes reach the limit. */
static seg_status room_for(seg_csv_source *s, size_t kept, size_t *want)
{
    if (kept >= s->limit) /* the scanner stops long records before this */
        return seg__error(s->ctx, SEG_ERR_RANGE, "%s: a record does not fit in %zu bytes", s->name, kept);
    *want = room(s, kept);
    return SEG_OK;
}

/* Move the kept bytes data[consumed..len) to the start of the other block
 * (growing it first: nothing reads it since the slide before), which
 * becomes the window's. */
static seg_status keep_in_other(seg_csv_source *s, size_t consumed, size_t kept)
{
    size_t want = 0;
    SEG_TRY(room_for(s, kept, &want));
    if (s->other_cap < want) {
        char *b = seg__realloc(s->ctx, s->other, want);
        if (!b)
            return seg__nomem(s->ctx, want);
        s->other = b;
        s->other_cap = want;
    }
    memcpy(s->other, s->data + consumed, kept);
    char *left = s->buf;
    size_t left_cap = s->cap;
    s->buf = s->other;
    s->cap = s->other_cap;
    s->other = left;
    s->other_cap = left_cap;
    return SEG_OK;
}

/* Keep data[consumed..len) at the start of the block (or of the other one
 * with twin blocks), growing it when the kept bytes fill it (a long record). */
static seg_status keep_tail(seg_csv_source *s, size_t consumed)
{
    size_t kept = s->len - consumed;
    if (s->twin) {
        SEG_TRY(keep_in_other(s, consumed, kept));
    } else {
        memmove(s->buf, s->data + consumed, kept);
        if (kept == s->cap) {
            size_t want = 0;
            SEG_TRY(room_for(s, kept, &want));
            char *bigger = seg__realloc(s->ctx, s->buf, want);
            if (!bigger)
                return seg__nomem(s->ctx, want);
            s->buf = bigger;
            s->cap = want;
        }
    }
    s->data = s->buf;
    s->len = kept;
    s->offset += consumed;
    return SEG_OK;
}

int seg__source_next_allocates(const seg_csv_source *s, size_t consumed)
{
    size_t kept = s->len - consumed;
    if (s->kind == SEG_SOURCE_BUFFER || s->eof)
        return 0;
    if (!s->twin)
        return kept == s->cap;
    return kept >= s->limit || room(s, kept) > s->other_cap;
}

seg_status seg__source_next(seg_csv_source *s, size_t consumed)
{
    if (s->kind == SEG_SOURCE_BUFFER) {
        s->offset += consumed;
        s->data = s->mem + s->offset;
        size_t rest = s->mem_len - (size_t)s->offset;
        s->len = rest < SEG_CSV_WINDOW_MAX ? rest : SEG_CSV_WINDOW_MAX;
        s->eof = s->len == rest;
        return SEG_OK;
    }
    if (s->eof) {
        seg__source_skip(s, consumed);
        return SEG_OK;
    }
    SEG_TRY(keep_tail(s, consumed));
    return s->kind == SEG_SOURCE_PATH ? read_file(s) : read_stream(s);
}
