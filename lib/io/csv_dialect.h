/* Detecting a CSV file's dialect from its first bytes: encoding and BOM,
 * delimiter, and the day/month order of slash dates. */
#ifndef SEG_CSV_DIALECT_H
#define SEG_CSV_DIALECT_H

#include "csv_scan.h"
#include "money.h"

typedef struct seg_csv_dialect {
    char delim;       /* the byte */
    int delimiter;    /* seg_csv_delimiter */
    int encoding;     /* seg_csv_encoding, never AUTO once detected */
    int bom;          /* a UTF-8 BOM was skipped */
    seg_numfmt num;   /* decimal mark (0 until decided), grouping */
    int date_order;   /* seg_csv_date_order */
} seg_csv_dialect;

/* Encoding from the first bytes (up to one block). *bom_len receives the
 * bytes of a UTF-8 BOM to skip. UTF-16 text is refused with SEG_ERR_PARSE. */
seg_status seg__csv_detect_encoding(seg_csv_dialect *d, seg_context *ctx, int option, const char *data,
                                    size_t len, int eof, const char *source, size_t *bom_len);

/* Delimiter: the option, or the candidate (`,` `;` tab) that splits the
 * first records most consistently into the most fields; `,` otherwise. */
void seg__csv_detect_delimiter(seg_csv_dialect *d, int option, const char *data, size_t len, int eof);

/* Numbers: the decimal mark of the option (or undecided) and grouping. */
void seg__csv_dialect_numbers(seg_csv_dialect *d, int option);

/* Day/month order of slash dates in the date columns (`slots`) of the
 * records in data[pos..len): set when some date decides it; SEG_ERR_PARSE
 * when the dates conflict, or when some are ambiguous and none decides. */
seg_status seg__csv_detect_date_order(seg_csv_dialect *d, seg_context *ctx, seg_csv_rows *rows,
                                      const seg_csv_scanner *sc, const char *data, size_t pos, size_t len,
                                      int eof, int64_t line, const int *slots, size_t nslots,
                                      const char *source);

#endif
