/* segment: customer segmentation of a CRM export from the command line —
 * analyze (per-customer table), summary, report (HTML) and explain. */
#include "cli.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static int to_stream(const void *data, size_t len, void *user_data)
{
    return fwrite(data, 1, len, user_data) != len;
}

static int fail(seg_context *ctx, const char *what)
{
    fprintf(stderr, "segment: %s: %s\n", what, seg_context_errmsg(ctx));
    return 1;
}

/* Open -o FILE (or use stdout); NULL after printing why. */
static FILE *open_output(const cli *c, const char *fallback)
{
    const char *path = c->output ? c->output : fallback;
    if (!path)
        return stdout;
    FILE *f = fopen(path, "wb");
    if (!f)
        perror(path);
    return f;
}

static int close_output(FILE *f, const cli *c)
{
    if (f == stdout)
        return fflush(f) != 0;
    if (fclose(f) != 0) {
        perror(c->output);
        return 1;
    }
    return 0;
}

static int write_table(seg_context *ctx, const seg_result *r, const cli *c)
{
    FILE *f = open_output(c, NULL);
    if (!f)
        return 1;
    int failed = seg_result_write(r, SEG_OUTPUT_TABLE, c->format, to_stream, f) != SEG_OK ? fail(ctx, "writing") : 0;
    return close_output(f, c) || failed;
}

static int write_summary(const seg_result *r, const cli *c)
{
    FILE *f = open_output(c, NULL);
    if (!f)
        return 1;
    cli_print_summary(f, r, c);
    return close_output(f, c);
}

static int write_report(const seg_result *r, const cli *c)
{
    FILE *f = open_output(c, "report.html");
    if (!f)
        return 1;
    const char *inputs[2] = {c->orders, c->customers};
    char version[64];
    segment_report_info info;
    memset(&info, 0, sizeof info);
    snprintf(version, sizeof version, "segment %s", seg_version_string());
    info.tool_version = version;
    info.inputs = inputs;
    info.n_inputs = c->customers ? 2 : 1;
    info.argv = (const char *const *)c->argv;
    info.argc = c->argc;
    info.generated_at = (int64_t)time(NULL);
    int err = segment_report_write(f, r, &info);
    if (err)
        fprintf(stderr, "segment: writing %s: %s\n", c->output ? c->output : "report.html", strerror(err));
    return close_output(f, c) || err != 0;
}

/* A customer by id: as given, or as an integer id when it reads as one. */
static int find_customer(size_t *index, const seg_dataset *ds, const char *id)
{
    char *end;
    long long n = strtoll(id, &end, 10);
    if (seg_dataset_find_str(index, ds, id, strlen(id)) == SEG_OK)
        return 1;
    return *id && !*end && seg_dataset_find_i64(index, ds, n) == SEG_OK;
}

static int explain(const seg_result *r, const cli *c)
{
    size_t who = 0, need = 0;
    if (!find_customer(&who, seg_result_dataset(r), c->explain_id)) {
        fprintf(stderr, "segment: no customer '%s' in %s%s%s\n", c->explain_id, c->orders,
                c->customers ? " or " : "", c->customers ? c->customers : "");
        return 1;
    }
    seg_result_explain(NULL, 0, &need, r, who, SEG_ANALYSIS_ALL);
    char *text = malloc(need);
    if (!text || seg_result_explain(text, need, NULL, r, who, SEG_ANALYSIS_ALL) != SEG_OK) {
        free(text);
        fprintf(stderr, "segment: out of memory\n");
        return 1;
    }
    printf("%s\n", text);
    free(text);
    return 0;
}

static int run(seg_context *ctx, const cli *c)
{
    seg_dataset *ds = NULL;
    seg_result *r = NULL;
    int failed = cli_load(&ds, ctx, c);
    if (!failed && seg_analyze(&r, ds, c->params) != SEG_OK)
        failed = fail(ctx, "analysis");
    if (!failed) {
        switch (c->command) {
        case CMD_ANALYZE: failed = write_table(ctx, r, c); break;
        case CMD_SUMMARY: failed = write_summary(r, c); break;
        case CMD_REPORT: failed = write_report(r, c); break;
        case CMD_EXPLAIN: failed = explain(r, c); break;
        }
    }
    seg_result_free(r);
    seg_dataset_free(ds);
    return failed;
}

int main(int argc, char **argv)
{
    seg_context *ctx = NULL;
    cli c;
    if (seg_context_new(&ctx) != SEG_OK) {
        fprintf(stderr, "segment: out of memory\n");
        return 1;
    }
    int st = cli_parse(&c, ctx, argc, argv);
    if (st == 0)
        st = run(ctx, &c);
    else if (st < 0)
        st = 0;
    seg_params_free(c.params);
    seg_context_free(ctx);
    return st;
}
