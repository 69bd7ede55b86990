/* Private view of the context: allocation through the user's hooks, the last
 * error (status, message, position) and the log callback. */
#ifndef SEG_CTX_H
#define SEG_CTX_H

#include <libsegment/segment.h>

#include <stdarg.h>

#define SEG_MSG_CAP 512
#define SEG_COLSET_MAX 128
#define SEG_FREED_KEPT 8 /* freed handles a context keeps (see handle.h) */

struct seg_context {
    seg_malloc_fn malloc_fn;
    seg_realloc_fn realloc_fn;
    seg_free_fn free_fn;
    void *alloc_data;
    seg_log_fn log_fn;
    void *log_data;
    seg_log_level log_level;
    seg_status status;
    int64_t line;
    int64_t column;
    char msg[SEG_MSG_CAP];
    void *freed[SEG_FREED_KEPT]; /* the last handles freed, released later */
    unsigned freed_next;
};

#if defined(__GNUC__)
#  define SEG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#  define SEG_PRINTF(f, a)
#endif

void *seg__malloc(seg_context *ctx, size_t size);
void *seg__realloc(seg_context *ctx, void *ptr, size_t size);
void seg__free(seg_context *ctx, void *ptr);

/* Forget the previous error; called on entry by public calls that take a ctx. */
void seg__reset(seg_context *ctx);

/* Record an error (message printf-style), log it, and return `status`. */
seg_status seg__error(seg_context *ctx, seg_status status, const char *fmt, ...) SEG_PRINTF(3, 4);

/* The same with a position: line (row) and column (byte), both 1-based. */
seg_status seg__error_at(seg_context *ctx, seg_status status, int64_t line, int64_t column,
                         const char *fmt, ...) SEG_PRINTF(5, 6);

/* Prefix the current message (printf-style) and set its line, keeping the
 * status and the column the inner error reported. */
void seg__error_prefix(seg_context *ctx, int64_t line, const char *fmt, ...) SEG_PRINTF(3, 4);

/* Out-of-memory error for a request of `bytes`. */
seg_status seg__nomem(seg_context *ctx, size_t bytes);

void seg__log(seg_context *ctx, seg_log_level level, const char *fmt, ...) SEG_PRINTF(3, 4);

/* Return SEG_ERR_INVALID_ARGUMENT from the calling function when `cond` is false. */
#define SEG_CHECK_ARG(ctx, cond, what)                                                         \
    do {                                                                                       \
        if (!(cond))                                                                           \
            return seg__error((ctx), SEG_ERR_INVALID_ARGUMENT, "%s: %s", __func__, (what));     \
    } while (0)

/* Propagate a non-OK status. */
#define SEG_TRY(expr)                                                                          \
    do {                                                                                       \
        seg_status seg__st = (expr);                                                           \
        if (seg__st != SEG_OK)                                                                 \
            return seg__st;                                                                    \
    } while (0)

#endif
