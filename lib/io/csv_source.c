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
    s->file = NULL;
    s->buf = NULL;
}

void seg__source_skip(seg_csv_source *s, size_t n)
{
    s->data += n;
    s->len -= n;
    s->offset += n;
}

seg_status seg__source_widen(seg_csv_source *s, size_t bytes)
{
    if (s->kind == SEG_SOURCE_BUFFER || bytes <= s->block)
        return SEG_OK;
    s->limit += bytes - s->block;
    s->block = bytes;
    if (bytes <= s->cap)
        return SEG_OK;
    size_t at = (size_t)(s->data - s->buf);
    char *wider = seg__realloc(s->ctx, s->buf, bytes);
    if (!wider)
        return seg__nomem(s->ctx, bytes);
    s->buf = wider;
    s->data = wider + at;
    s->cap = bytes;
    return SEG_OK;
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

/* Keep data[consumed..len) at the start of the block, growing it when the
 * kept bytes fill it (a long record). */
static seg_status keep_tail(seg_csv_source *s, size_t consumed)
{
    size_t kept = s->len - consumed;
    memmove(s->buf, s->data + consumed, kept);
    s->data = s->buf;
    s->len = kept;
    s->offset += consumed;
    if (kept == s->cap) {
        if (s->cap >= s->limit) /* the scanner stops long records before this */
            return seg__error(s->ctx, SEG_ERR_RANGE, "%s: a record does not fit in %zu bytes", s->name, s->cap);
        size_t want = s->cap < s->limit / 2 ? s->cap * 2 : s->limit;
        char *bigger = seg__realloc(s->ctx, s->buf, want);
        if (!bigger)
            return seg__nomem(s->ctx, want);
        s->data = s->buf = bigger;
        s->cap = want;
    }
    return SEG_OK;
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
