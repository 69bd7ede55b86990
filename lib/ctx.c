/* The context: allocator hooks, per-context last error with position, and the
 * optional log callback. Nothing here prints or touches global state. */
#include "ctx.h"
#include "handle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *std_malloc(size_t size, void *data)
{
    (void)data;
    return malloc(size);
}

static void *std_realloc(void *ptr, size_t size, void *data)
{
    (void)data;
    return realloc(ptr, size);
}

static void std_free(void *ptr, void *data)
{
    (void)data;
    free(ptr);
}

SEG_API seg_status seg_context_new(seg_context **out)
{
    return seg_context_new_with_allocator(out, std_malloc, std_realloc, std_free, NULL);
}

SEG_API seg_status seg_context_new_with_allocator(seg_context **out, seg_malloc_fn malloc_fn,
                                                  seg_realloc_fn realloc_fn, seg_free_fn free_fn,
                                                  void *user_data)
{
    if (!out || !malloc_fn || !realloc_fn || !free_fn)
        return SEG_ERR_INVALID_ARGUMENT;
    seg_context *ctx = malloc_fn(sizeof *ctx, user_data);
    if (!ctx)
        return SEG_ERR_OUT_OF_MEMORY;
    memset(ctx, 0, sizeof *ctx);
    ctx->malloc_fn = malloc_fn;
    ctx->realloc_fn = realloc_fn;
    ctx->free_fn = free_fn;
    ctx->alloc_data = user_data;
    ctx->log_level = SEG_LOG_ERROR;
    *out = ctx;
    return SEG_OK;
}

SEG_API void seg_context_free(seg_context *ctx)
{
    if (!ctx)
        return;
    for (unsigned i = 0; i < SEG_FREED_KEPT; i++)
        seg__free(ctx, ctx->freed[i]);
    ctx->free_fn(ctx, ctx->alloc_data);
}

void seg__handle_release(seg_context *ctx, void *h)
{
    *(uint32_t *)h = SEG_TAG_FREED;
    unsigned i = ctx->freed_next++ % SEG_FREED_KEPT;
    seg__free(ctx, ctx->freed[i]);
    ctx->freed[i] = h;
}

SEG_API seg_status seg_context_set_log(seg_context *ctx, seg_log_fn fn, seg_log_level max_level,
                                       void *user_data)
{
    if (!ctx)
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ctx);
    if (max_level < SEG_LOG_ERROR || max_level > SEG_LOG_DEBUG)
        return seg__error(ctx, SEG_ERR_RANGE, "log level %d is outside 1-4", (int)max_level);
    ctx->log_fn = fn;
    ctx->log_data = user_data;
    ctx->log_level = max_level;
    return SEG_OK;
}

SEG_API const char *seg_context_errmsg(const seg_context *ctx)
{
    return ctx ? ctx->msg : "no context (NULL)";
}

SEG_API seg_status seg_context_errcode(const seg_context *ctx)
{
    return ctx ? ctx->status : SEG_ERR_INVALID_ARGUMENT;
}

SEG_API int64_t seg_context_error_line(const seg_context *ctx)
{
    return ctx ? ctx->line : 0;
}

SEG_API int64_t seg_context_error_column(const seg_context *ctx)
{
    return ctx ? ctx->column : 0;
}

void *seg__malloc(seg_context *ctx, size_t size)
{
    return ctx->malloc_fn(size ? size : 1, ctx->alloc_data);
}

void *seg__realloc(seg_context *ctx, void *ptr, size_t size)
{
    if (!ptr)
        return seg__malloc(ctx, size);
    return ctx->realloc_fn(ptr, size ? size : 1, ctx->alloc_data);
}

void seg__free(seg_context *ctx, void *ptr)
{
    if (ptr)
        ctx->free_fn(ptr, ctx->alloc_data);
}

void seg__reset(seg_context *ctx)
{
    ctx->status = SEG_OK;
    ctx->line = 0;
    ctx->column = 0;
    ctx->msg[0] = '\0';
}

static void vlog(seg_context *ctx, seg_log_level level, const char *fmt, va_list ap) SEG_PRINTF(3, 0);
static void vlog(seg_context *ctx, seg_log_level level, const char *fmt, va_list ap)
{
    char buf[SEG_MSG_CAP];
    vsnprintf(buf, sizeof buf, fmt, ap);
    ctx->log_fn(level, buf, ctx->log_data);
}

void seg__log(seg_context *ctx, seg_log_level level, const char *fmt, ...)
{
    if (!ctx->log_fn || level > ctx->log_level)
        return;
    va_list ap;
    va_start(ap, fmt);
    vlog(ctx, level, fmt, ap);
    va_end(ap);
}

static seg_status verror(seg_context *ctx, seg_status status, int64_t line, int64_t column,
                         const char *fmt, va_list ap) SEG_PRINTF(5, 0);
static seg_status verror(seg_context *ctx, seg_status status, int64_t line, int64_t column,
                         const char *fmt, va_list ap)
{
    ctx->status = status;
    ctx->line = line;
    ctx->column = column;
    vsnprintf(ctx->msg, sizeof ctx->msg, fmt, ap);
    if (ctx->log_fn && ctx->log_level >= SEG_LOG_ERROR)
        ctx->log_fn(SEG_LOG_ERROR, ctx->msg, ctx->log_data);
    return status;
}

seg_status seg__error(seg_context *ctx, seg_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(ctx, status, 0, 0, fmt, ap);
    va_end(ap);
    return status;
}

seg_status seg__error_at(seg_context *ctx, seg_status status, int64_t line, int64_t column,
                         const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(ctx, status, line, column, fmt, ap);
    va_end(ap);
    return status;
}

void seg__error_prefix(seg_context *ctx, int64_t line, const char *fmt, ...)
{
    char prefix[SEG_MSG_CAP], old[SEG_MSG_CAP];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, ctx->msg, sizeof old);
    size_t n = strlen(prefix);
    memcpy(ctx->msg, prefix, n);
    size_t room = sizeof ctx->msg - 1 - n, rest = strlen(old);
    memcpy(ctx->msg + n, old, rest < room ? rest : room);
    ctx->msg[n + (rest < room ? rest : room)] = '\0';
    ctx->line = line;
}

seg_status seg__nomem(seg_context *ctx, size_t bytes)
{
    return seg__error(ctx, SEG_ERR_OUT_OF_MEMORY, "out of memory (a request for %zu bytes failed)",
                      bytes);
}
