/* seg_result_write: the dispatch to the per-customer table or the summary
 * writer, as CSV or JSON; seg_result_write_file writes either to a file. */
#include "result.h"

#include "io/out.h"
#include "write.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

SEG_API seg_status seg_result_write(const seg_result *r, seg_output what, seg_format format, seg_write_fn fn,
                                    void *user_data)
{
    if (!seg__live(r, SEG_TAG_RESULT))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(r->ctx);
    SEG_CHECK_ARG(r->ctx, fn, "fn is NULL");
    if ((what != SEG_OUTPUT_TABLE && what != SEG_OUTPUT_SUMMARY) ||
        (format != SEG_FORMAT_CSV && format != SEG_FORMAT_JSON))
        return seg__error(r->ctx, SEG_ERR_UNSUPPORTED, "unknown output %d or format %d", (int)what, (int)format);
    seg_out o;
    SEG_TRY(seg__out_open(&o, r->ctx, fn, user_data, r->scale));
    if (what == SEG_OUTPUT_SUMMARY)
        seg__write_summary(&o, r, format);
    else
        seg__write_table(&o, r, format);
    return seg__out_close(&o);
}

static int to_file(const void *data, size_t len, void *user_data)
{
    return fwrite(data, 1, len, user_data) != len;
}

SEG_API seg_status seg_result_write_file(const seg_result *r, seg_output what, seg_format format,
                                         const char *path, size_t path_len)
{
    char name[4096];
    if (!seg__live(r, SEG_TAG_RESULT))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(r->ctx);
    SEG_CHECK_ARG(r->ctx, path && path_len && path_len < sizeof name && !memchr(path, 0, path_len),
                  "path must be 1-4095 bytes without NUL");
    memcpy(name, path, path_len);
    name[path_len] = '\0';
    FILE *f = fopen(name, "wb");
    if (!f)
        return seg__error(r->ctx, SEG_ERR_IO, "cannot open %s for writing: %s", name, strerror(errno));
    seg_status st = seg_result_write(r, what, format, to_file, f);
    int closed = fclose(f);
    if (st == SEG_ERR_IO || (st == SEG_OK && closed != 0))
        return seg__error(r->ctx, SEG_ERR_IO, "cannot write %s: %s", name, strerror(errno));
    return st;
}
