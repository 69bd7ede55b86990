/* Detecting a CSV file's dialect from its first bytes: encoding and BOM,
 * delimiter, and the day/month order of slash dates. */
#include "csv_dialect.h"

#include "csv_source.h"
#include "date.h"
#include "text.h"

#include <string.h>

#define SNIFF_RECORDS 32

seg_status seg__csv_detect_encoding(seg_csv_dialect *d, seg_context *ctx, int option, const char *data,
                                    size_t len, int eof, const char *source, size_t *bom_len)
{
    const unsigned char *u = (const unsigned char *)data;
    *bom_len = 0;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return seg__error_at(ctx, SEG_ERR_PARSE, 1, 1,
                             "%s:1:1: UTF-16 text is not supported; save the file as UTF-8 or Windows-1251", source);
    int bom = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
    if (option != SEG_CSV_ENCODING_AUTO) {
        d->encoding = option;
    } else if (bom) {
        d->encoding = SEG_CSV_ENCODING_UTF8;
    } else {
        size_t n = len < SEG_CSV_BLOCK ? len : SEG_CSV_BLOCK;
        size_t valid = seg__utf8_check(data, n, 1);
        int cut = !(eof && n == len) && n - valid < 4; /* a character cut by the window's end */
        d->encoding = valid == n || cut ? SEG_CSV_ENCODING_UTF8 : SEG_CSV_ENCODING_CP1251;
    }
    d->bom = bom && d->encoding == SEG_CSV_ENCODING_UTF8;
    *bom_len = d->bom ? 3 : 0;
    return SEG_OK;
}

/* Fields of each of the first records when split by `delim`; returns how many records. */
static size_t sample(size_t *counts, const char *data, size_t len, int eof, char delim)
{
    size_t pos = 0, k = 0;
    int64_t line = 1;
    while (k < SNIFF_RECORDS && seg__csv_split(data, &pos, len, eof, delim, NULL, 0, &counts[k], &line))
        k++;
    return k;
}

/* Consistency (in thousandths) of a candidate, or -1 when it does not split the header. */
static long score(const size_t *counts, size_t k)
{
    if (k == 0 || counts[0] < 2)
        return -1;
    size_t same = 0;
    for (size_t i = 1; i < k; i++)
        same += counts[i] + 1 >= counts[0] && counts[i] <= counts[0] + 1; /* ±1: trailing delimiters */
    return k == 1 ? 1000 : (long)(same * 1000 / (k - 1));
}

void seg__csv_detect_delimiter(seg_csv_dialect *d, int option, const char *data, size_t len, int eof)
{
    static const char bytes[4] = {',', ',', ';', '\t'};
    size_t n = len < SEG_CSV_BLOCK ? len : SEG_CSV_BLOCK;
    int best = SEG_CSV_DELIMITER_COMMA;
    if (option != SEG_CSV_DELIMITER_AUTO) {
        best = option;
    } else {
        long best_score = -1;
        size_t best_fields = 0, counts[SNIFF_RECORDS];
        for (int c = SEG_CSV_DELIMITER_COMMA; c <= SEG_CSV_DELIMITER_TAB; c++) {
            size_t k = sample(counts, data, n, eof && n == len, bytes[c]);
            long s = score(counts, k);
            if (s > best_score || (s == best_score && s >= 0 && counts[0] > best_fields))
                best = c, best_score = s, best_fields = counts[0];
        }
    }
    d->delimiter = best;
    d->delim = bytes[best];
}

void seg__csv_dialect_numbers(seg_csv_dialect *d, int option)
{
    d->num.decimal = option == SEG_CSV_DECIMAL_POINT ? '.' : option == SEG_CSV_DECIMAL_COMMA ? ',' : 0;
    d->num.grouping = 1;
    d->num.nbsp_byte = d->encoding == SEG_CSV_ENCODING_CP1251;
}

/* Where the order was first shown, and by what. */
typedef struct order_seen {
    int64_t line[4]; /* by SEG_DATE_HINT_* */
    char text[4][24];
} order_seen;

static void look(order_seen *seen, const char *data, seg_span sp, int64_t line)
{
    const char *s = data + sp.off;
    size_t len = seg__span_len(sp);
    seg__text_trim(&s, &len);
    int h = seg__date_order_hint(s, len);
    if (h == SEG_DATE_HINT_NONE || seen->line[h])
        return;
    seen->line[h] = line;
    size_t n = len < sizeof seen->text[h] - 1 ? len : sizeof seen->text[h] - 1;
    memcpy(seen->text[h], s, n);
    seen->text[h][n] = '\0';
}

static seg_status decide(seg_csv_dialect *d, seg_context *ctx, const order_seen *seen, const char *source)
{
    const int64_t *l = seen->line;
    if (l[SEG_DATE_HINT_DMY] && l[SEG_DATE_HINT_MDY])
        return seg__error_at(ctx, SEG_ERR_PARSE, l[SEG_DATE_HINT_MDY], 0,
                             "%s: dates are written day first ('%s', line %lld) and month first ('%s', line %lld); "
                             "set SEG_CSV_DATE_ORDER",
                             source, seen->text[SEG_DATE_HINT_DMY], (long long)l[SEG_DATE_HINT_DMY],
                             seen->text[SEG_DATE_HINT_MDY], (long long)l[SEG_DATE_HINT_MDY]);
    if (l[SEG_DATE_HINT_DMY] || l[SEG_DATE_HINT_MDY]) {
        d->date_order = l[SEG_DATE_HINT_DMY] ? SEG_CSV_DATE_ORDER_DMY : SEG_CSV_DATE_ORDER_MDY;
        return SEG_OK;
    }
    if (l[SEG_DATE_HINT_AMBIGUOUS])
        return seg__error_at(ctx, SEG_ERR_PARSE, l[SEG_DATE_HINT_AMBIGUOUS], 0,
                             "%s:%lld: the date '%s' could be DD/MM/YYYY or MM/DD/YYYY and no date in the first "
                             "%zu bytes tells which; set SEG_CSV_DATE_ORDER",
                             source, (long long)l[SEG_DATE_HINT_AMBIGUOUS], seen->text[SEG_DATE_HINT_AMBIGUOUS],
                             SEG_CSV_BLOCK);
    return SEG_OK;
}

seg_status seg__csv_detect_date_order(seg_csv_dialect *d, seg_context *ctx, seg_csv_rows *rows,
                                      const seg_csv_scanner *sc, const char *data, size_t pos, size_t len,
                                      int eof, int64_t line, const int *slots, size_t nslots, const char *source)
{
    order_seen seen;
    memset(&seen, 0, sizeof seen);
    size_t end = len - pos < SEG_CSV_BLOCK ? len : pos + SEG_CSV_BLOCK;
    int last = eof && end == len;
    seg_scan_stop stop;
    do {
        rows->n = 0;
        stop = seg__csv_scan(rows, sc, data, &pos, end, last, &line);
        for (size_t r = 0; r < rows->n; r++)
            for (size_t i = 0; i < nslots; i++)
                if (!rows->flaw[r])
                    look(&seen, data, seg__span_at(rows, r, (size_t)slots[i]), rows->line[r]);
    } while (stop == SEG_SCAN_FULL);
    rows->n = 0;
    return decide(d, ctx, &seen, source);
}
