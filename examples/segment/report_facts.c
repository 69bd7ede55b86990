/* What the result tells only through its summary writer: a streaming reader
 * of the long-format summary CSV (section, name, label, value) that keeps the
 * parameters, the renew criteria, the segment rules and a thinned Lorenz
 * curve in fixed arrays, so nothing is allocated here. */
#include "report_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct csv_reader {
    rpt_facts *f;
    char field[4][RPT_FIELD];
    size_t len[4];
    int nfield, quoted, quote_seen, header_done;
    size_t lorenz_total, lorenz_seen, lorenz_stride;
} csv_reader;

/* Text as it was before the writer guarded it against spreadsheet formulas
 * (a ' before a leading = + - @ tab or CR). */
static const char *unguarded(const char *s)
{
    return s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]) ? s + 1 : s;
}

static void keep_pair(rpt_pair *pairs, size_t *n, size_t cap, const char *name, const char *value)
{
    if (*n == cap)
        return;
    snprintf(pairs[*n].name, sizeof pairs[*n].name, "%s", unguarded(name));
    snprintf(pairs[*n].value, sizeof pairs[*n].value, "%s", unguarded(value));
    (*n)++;
}

static void keep_lorenz(csv_reader *c, const char *x, const char *y)
{
    size_t i = c->lorenz_seen++;
    rpt_facts *f = c->f;
    if ((i % c->lorenz_stride != 0 && i + 1 != c->lorenz_total) || f->nlorenz == RPT_LORENZ_POINTS)
        return;
    f->lorenz_x[f->nlorenz] = strtod(x, NULL);
    f->lorenz_y[f->nlorenz] = strtod(y, NULL);
    f->nlorenz++;
}

static void end_record(csv_reader *c)
{
    const char *section = c->field[0], *name = c->field[1], *label = c->field[2], *value = c->field[3];
    rpt_facts *f = c->f;
    if (!c->header_done)
        c->header_done = 1;
    else if (strcmp(section, "parameters") == 0)
        keep_pair(f->param, &f->nparam, RPT_MAX_PARAMS, name, value);
    else if (strcmp(section, "renew_criteria") == 0)
        keep_pair(f->criterion, &f->ncriterion, RPT_MAX_CRITERIA, name, value);
    else if (strcmp(section, "rfm_segments") == 0 && strcmp(label, "rule") == 0 && f->nrule < RPT_MAX_RULES)
        snprintf(f->rule[f->nrule++], RPT_FIELD, "%s", value);
    else if (strcmp(section, "lorenz") == 0 && value[0])
        keep_lorenz(c, name, value);
    memset(c->len, 0, sizeof c->len);
    memset(c->field, 0, sizeof c->field);
    c->nfield = 0;
}

static void append(csv_reader *c, char ch)
{
    size_t *len = &c->len[c->nfield];
    if (*len + 1 < RPT_FIELD)
        c->field[c->nfield][(*len)++] = ch;
}

/* RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
static void feed(csv_reader *c, char ch)
{
    if (c->quoted) {
        if (c->quote_seen) {
            c->quote_seen = 0;
            if (ch == '"') {
                append(c, ch);
                return;
            }
            c->quoted = 0; /* the quote closed the field; ch is read as unquoted */
        } else {
            if (ch == '"')
                c->quote_seen = 1;
            else
                append(c, ch);
            return;
        }
    }
    if (ch == '"' && c->len[c->nfield] == 0)
        c->quoted = 1;
    else if (ch == ',')
        c->nfield += c->nfield < 3;
    else if (ch == '\n')
        end_record(c);
    else if (ch != '\r')
        append(c, ch);
}

static int on_bytes(const void *data, size_t len, void *user_data)
{
    const char *s = data;
    for (size_t i = 0; i < len; i++)
        feed(user_data, s[i]);
    return 0;
}

int rpt_read_facts(rpt_facts *f, const seg_result *r)
{
    static csv_reader zero;
    csv_reader c = zero;
    size_t n = 0;
    memset(f, 0, sizeof *f);
    c.f = f;
    seg_result_lorenz(NULL, NULL, 0, &n, r); /* only the point count: SEG_ERR_BUFFER_TOO_SMALL */
    c.lorenz_total = n;
    c.lorenz_stride = n > RPT_LORENZ_POINTS ? (n - 1 + RPT_LORENZ_POINTS - 3) / (RPT_LORENZ_POINTS - 2) : 1;
    seg_status st = seg_result_write(r, SEG_OUTPUT_SUMMARY, SEG_FORMAT_CSV, on_bytes, &c);
    if (st == SEG_ERR_OUT_OF_MEMORY)
        return ENOMEM;
    return st == SEG_OK ? 0 : EIO;
}

const char *rpt_param(const rpt *p, const char *name)
{
    for (size_t i = 0; i < p->facts.nparam; i++)
        if (strcmp(p->facts.param[i].name, name) == 0)
            return p->facts.param[i].value;
    return NULL;
}

double rpt_param_real(const rpt *p, const char *name, double fallback)
{
    const char *v = rpt_param(p, name);
    char *end = NULL;
    double d = v ? strtod(v, &end) : 0;
    return v && end != v ? d : fallback;
}
