/* The segment command-line tool: its options, parsed once from argv, and the
 * pieces that load the CSV files, print the summary and write the outputs. */
#ifndef SEGMENT_CLI_H
#define SEGMENT_CLI_H

#include <stdio.h>

#include <libsegment/segment.h>

#define CLI_MAX_MAPS 64

typedef enum cli_command { CMD_ANALYZE = 1, CMD_SUMMARY, CMD_REPORT, CMD_EXPLAIN } cli_command;

/* A --col / --customer-col mapping: ROLE=HEADER. */
typedef struct cli_map {
    const char *role, *header;
} cli_map;

typedef struct cli {
    seg_context *ctx;
    cli_command command;
    const char *orders, *customers, *output, *explain_id;
    seg_format format;
    int strict, scale, period;
    int64_t csv[16];             /* seg_csv_option values set on the command line; -1 = default */
    cli_map maps[CLI_MAX_MAPS], customer_maps[CLI_MAX_MAPS];
    int nmaps, ncustomer_maps;
    seg_params *params;          /* analysis options, filled while parsing */
    const char *rfm_thresholds[3]; /* R, F, M lists as given, converted once the scale is known */
    int argc;                    /* the command line, for the report */
    char **argv;
} cli;

/* Parse argv into `c` (params allocated from ctx); on a usage error print it
 * to stderr and return 2, on --help/--version print to stdout and return -1. */
int cli_parse(cli *c, seg_context *ctx, int argc, char **argv);

/* Load the files named in `c` into a new dataset; on failure print the error
 * (file, line, column, expectation) and return 1. */
int cli_load(seg_dataset **out, seg_context *ctx, const cli *c);

/* Print the readable summary of a result. */
void cli_print_summary(FILE *out, const seg_result *r, const cli *c);

#endif
