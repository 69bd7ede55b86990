/* Tests of bad CSV input: the strict first error with file, line and column,
 * lenient accounting (loaded + rejected = read, by reason, the first N errors),
 * malformed quoting, line ends, NUL bytes, encodings, limits and empty files. */
#include "test_csv_util.h"

static void strict_stops_at_the_first_bad_row(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "strict_error.csv", SEG_RECORDS_TRANSACTIONS), SEG_ERR_PARSE);
    expect_msg_has(f, "strict_error.csv:4:18: amount '12,5x': expected a decimal number like -1234,56");
    assert_int_equal(seg_context_errcode(f->ctx), SEG_ERR_PARSE);
    assert_int_equal(seg_context_error_line(f->ctx), 4);
    assert_int_equal(seg_context_error_column(f->ctx), 18);
    assert_int_equal(ds_stat(f, SEG_STAT_TRANSACTIONS), 2); /* the rows before it stay loaded */
    expect_rows(f, 3, 2, 1);
    assert_int_equal(rep_rejected(f, SEG_REJECT_NUMBER), 1);
    assert_int_equal(rep_stat(f, SEG_LOAD_ERRORS), 1);
    expect_error(f, 0, 4, 18, SEG_REJECT_NUMBER, "amount '12,5x'");
}

static void lenient_accounts_for_every_row(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_STRICT, 0);
    assert_int_equal(csv_load(f, "lenient.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    assert_int_equal(seg_context_errcode(f->ctx), SEG_OK);
    assert_string_equal(seg_context_errmsg(f->ctx), "");
    expect_rows(f, 11, 3, 8);
    assert_int_equal(ds_stat(f, SEG_STAT_TRANSACTIONS), 3);
    assert_int_equal(rep_rejected(f, SEG_REJECT_DATE), 2);
    assert_int_equal(rep_rejected(f, SEG_REJECT_MISSING), 2);
    assert_int_equal(rep_rejected(f, SEG_REJECT_INEXACT), 1);
    assert_int_equal(rep_rejected(f, SEG_REJECT_NUMBER), 1);
    assert_int_equal(rep_rejected(f, SEG_REJECT_FIELD_COUNT), 1);
    assert_int_equal(rep_rejected(f, SEG_REJECT_QUOTE), 1);
    assert_int_equal(rep_rejected(f, SEG_REJECT_ENCODING), 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_ERRORS), 8);
    expect_error(f, 0, 3, 3, SEG_REJECT_DATE, "date '2024-13-01': no such calendar date");
    expect_error(f, 1, 4, 1, SEG_REJECT_MISSING, "customer '': the customer is empty");
    expect_error(f, 2, 5, 18, SEG_REJECT_INEXACT, "more decimals than the money scale allows");
    expect_error(f, 3, 6, 14, SEG_REJECT_NUMBER, "amount 'five'");
    expect_error(f, 4, 7, 0, SEG_REJECT_FIELD_COUNT, "lenient.csv:7: 3 fields, but the header has 4");
    expect_error(f, 5, 8, 20, SEG_REJECT_QUOTE, "text after a closing quote");
    expect_error(f, 6, 10, 14, SEG_REJECT_MISSING, "amount '': the value is empty");
    expect_error(f, 7, 11, 3, SEG_REJECT_DATE, "date 'not a date'");
    assert_int_equal(net_of(f, "J"), 400);
}

static void lenient_keeps_only_the_first_errors(void **state)
{
    csv_fixture *f = *state;
    const char *header = NULL;
    csv_set(f, SEG_CSV_STRICT, 0);
    csv_set(f, SEG_CSV_MAX_ERRORS, 3);
    assert_int_equal(csv_load(f, "lenient.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 11, 3, 8);
    assert_int_equal(rep_stat(f, SEG_LOAD_ERRORS), 3);
    expect_error(f, 2, 5, 18, SEG_REJECT_INEXACT, "5.001");
    assert_int_equal(seg_load_report_error(NULL, NULL, NULL, &header, NULL, f->rep, 2), SEG_OK);
    assert_string_equal(header, "amount");
    assert_int_equal(seg_load_report_error(NULL, NULL, NULL, NULL, NULL, f->rep, 3), SEG_ERR_RANGE);
    csv_set(f, SEG_CSV_MAX_ERRORS, 0);
    assert_int_equal(csv_load(f, "lenient.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 11, 3, 8);
    assert_int_equal(rep_stat(f, SEG_LOAD_ERRORS), 0);
}

static void validate_only_changes_nothing(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_STRICT, 0);
    csv_set(f, SEG_CSV_VALIDATE_ONLY, 1);
    assert_int_equal(csv_load(f, "lenient.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 11, 3, 8);
    assert_int_equal(ds_stat(f, SEG_STAT_TRANSACTIONS), 0);
    assert_int_equal(ds_stat(f, SEG_STAT_CUSTOMERS), 0);
    assert_int_equal(csv_load(f, "customers.csv", SEG_RECORDS_CUSTOMERS), SEG_OK);
    expect_rows(f, 3, 3, 0);
    assert_int_equal(ds_stat(f, SEG_STAT_CUSTOMERS), 0);
}

static void unterminated_quote(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "unterminated_quote.csv", SEG_RECORDS_TRANSACTIONS), SEG_ERR_PARSE);
    expect_msg_has(f, "unterminated_quote.csv:3:1: the quote opened here is never closed");
    csv_set(f, SEG_CSV_STRICT, 0);
    assert_int_equal(csv_load(f, "unterminated_quote.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 2, 1, 1);
    assert_int_equal(rep_rejected(f, SEG_REJECT_QUOTE), 1);
    expect_error(f, 0, 3, 1, SEG_REJECT_QUOTE, "never closed");
    assert_int_equal(rep_stat(f, SEG_LOAD_LINES), 4);
}

static void empty_file(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "empty.csv", SEG_RECORDS_TRANSACTIONS), SEG_ERR_PARSE);
    expect_msg_has(f, "empty.csv: the file is empty; expected a header row");
    expect_rows(f, 0, 0, 0);
    csv_set(f, SEG_CSV_HEADER, 0);
    assert_int_equal(csv_load(f, "empty.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 0, 0, 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_LINES), 0);
    assert_int_equal(csv_load_text(f, "\n\r\n\n", SEG_RECORDS_TRANSACTIONS), SEG_OK); /* blank lines only */
    assert_int_equal(rep_stat(f, SEG_LOAD_LINES), 3);
}

static void header_only_file(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "header_only.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 0, 0, 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_ROLES), 3);
    assert_int_equal(rep_stat(f, SEG_LOAD_LINES), 1);
    assert_int_equal(ds_stat(f, SEG_STAT_CUSTOMERS), 0);
}

static void no_header_row(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_HEADER, 0);
    assert_int_equal(csv_load(f, "header_only.csv", SEG_RECORDS_TRANSACTIONS), SEG_ERR_PARSE);
    expect_msg_has(f, "the header has: '#1', '#2', '#3'");
    csv_map(f, "customer", "#1");
    csv_map(f, "date", "#2");
    csv_map(f, "amount", "#3");
    assert_int_equal(csv_load_text(f, "A,2024-01-01,1\nB,2024-01-02,2\n", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 2, 2, 0);
    assert_string_equal(role_header(f, "amount"), "#3");
}

static void no_trailing_newline(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "no_trailing_newline.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 2, 2, 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_LINES), 3);
    assert_int_equal(net_of(f, "B"), 200);
}

static void cr_line_ends(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "cr_only.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 3, 3, 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_LINES), 5);
    assert_int_equal(net_of(f, "C\rD"), 300);
}

static void crlf_line_ends(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "crlf.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 3, 3, 0); /* the blank line is not a row */
    assert_int_equal(rep_stat(f, SEG_LOAD_LINES), 6);
    assert_int_equal(net_of(f, "C\r\nD"), 300);
    assert_int_equal(net_of(f, "B"), 200);
}

static void line_numbers_after_multiline_records(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_STRICT, 0);
    assert_int_equal(csv_load_text(f, "customer,date,amount\r\n\"A\r\nB\nC\rD\",2024-01-01,1\r\nE,2024-01-02,x\r\n",
                                   SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 2, 1, 1);
    expect_error(f, 0, 6, 14, SEG_REJECT_NUMBER, "<buffer>:6:14: amount 'x'");
}

static void nul_bytes(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_STRICT, 0);
    assert_int_equal(csv_load(f, "nul_bytes.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 4, 2, 2);
    expect_error(f, 0, 3, 2, SEG_REJECT_ENCODING, "customer 'B?X': a NUL byte in text");
    expect_error(f, 1, 4, 15, SEG_REJECT_NUMBER, "amount '3?.00'");
}

static void invalid_utf8(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_ENCODING, SEG_CSV_ENCODING_UTF8);
    assert_int_equal(csv_load(f, "invalid_utf8.csv", SEG_RECORDS_TRANSACTIONS), SEG_ERR_PARSE);
    expect_msg_has(f, "invalid_utf8.csv:3:2: customer 'X?Y?': not valid UTF-8");
    assert_int_equal(seg_context_error_column(f->ctx), 2);
    csv_set(f, SEG_CSV_STRICT, 0);
    assert_int_equal(csv_load(f, "invalid_utf8.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 3, 2, 1);
    assert_int_equal(rep_rejected(f, SEG_REJECT_ENCODING), 1);
    assert_int_equal(net_of(f, "АБ"), 200); /* once by the strict load, once by this one */
    csv_set(f, SEG_CSV_ENCODING, SEG_CSV_ENCODING_AUTO); /* not valid UTF-8: read as Windows-1251 */
    assert_int_equal(csv_load(f, "invalid_utf8.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    assert_int_equal(rep_stat(f, SEG_LOAD_ENCODING), SEG_CSV_ENCODING_CP1251);
    expect_rows(f, 3, 3, 0);
}

static void utf16_is_refused(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "utf16.csv", SEG_RECORDS_TRANSACTIONS), SEG_ERR_PARSE);
    expect_msg_has(f, "UTF-16 text is not supported");
}

static void records_longer_than_the_limit(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "long_field.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK); /* within 1 MiB */
    expect_rows(f, 4, 4, 0);
    csv_set(f, SEG_CSV_MAX_RECORD_BYTES, 1024);
    assert_int_equal(csv_load(f, "long_field.csv", SEG_RECORDS_TRANSACTIONS), SEG_ERR_RANGE);
    expect_msg_has(f, "long_field.csv:3: the record is longer than SEG_CSV_MAX_RECORD_BYTES");
    csv_set(f, SEG_CSV_STRICT, 0);
    assert_int_equal(csv_load(f, "long_field.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 4, 2, 2);
    assert_int_equal(rep_rejected(f, SEG_REJECT_TOO_LONG), 2);
    expect_error(f, 0, 3, 0, SEG_REJECT_TOO_LONG, "longer");
    expect_error(f, 1, 4, 0, SEG_REJECT_TOO_LONG, "longer");
    assert_int_equal(rep_stat(f, SEG_LOAD_LINES), 6);
    assert_int_equal(net_of(f, "D"), 800); /* also loaded by the first load */
}

static void missing_roles_list_the_headers(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "missing_role.csv", SEG_RECORDS_TRANSACTIONS), SEG_ERR_PARSE);
    expect_msg_has(f, "missing_role.csv:1: no column for the role 'customer'");
    expect_msg_has(f, "the header has: 'client_name', 'when', 'how_much'");
    assert_int_equal(seg_context_error_line(f->ctx), 1);
    assert_int_equal(csv_load_text(f, "customer,amount\nA,1\n", SEG_RECORDS_TRANSACTIONS), SEG_ERR_PARSE);
    expect_msg_has(f, "no column for the role 'date'");
    assert_int_equal(csv_load_text(f, "customer,date,quantity\nA,2024-01-01,1\n", SEG_RECORDS_TRANSACTIONS),
                     SEG_ERR_PARSE);
    expect_msg_has(f, "no column for the role 'amount', nor for both 'quantity' and 'price'");
    assert_int_equal(csv_load_text(f, "date,amount\n2024-01-01,1\n", SEG_RECORDS_CUSTOMERS), SEG_ERR_PARSE);
    expect_msg_has(f, "no column for the role 'customer'");
}

static void ambiguous_guesses_are_refused(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load_text(f, "customer,date,amount,Amount\nA,2024-01-01,1,2\n", SEG_RECORDS_TRANSACTIONS),
                     SEG_ERR_PARSE);
    expect_msg_has(f, "more than one column could be the amount");
    csv_map(f, "amount", "Amount"); /* exact case picks one */
    assert_int_equal(csv_load_text(f, "customer,date,amount,Amount\nA,2024-01-01,1,2\n", SEG_RECORDS_TRANSACTIONS),
                     SEG_OK);
    assert_int_equal(net_of(f, "A"), 200);
}

static void empty_1c_date_in_a_transaction(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load_text(f, "customer;date;amount\nA;01.01.0001 0:00:00;1\n", SEG_RECORDS_TRANSACTIONS),
                     SEG_ERR_PARSE);
    expect_msg_has(f, "<buffer>:2:3: date '01.01.0001 0:00:00': the date is empty (01.01.0001)");
    expect_rows(f, 1, 0, 1);
    assert_int_equal(rep_rejected(f, SEG_REJECT_MISSING), 1);
}

static void more_decimals_than_the_scale(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load_text(f, "customer,date,amount\nA,2024-01-01,1.005\n", SEG_RECORDS_TRANSACTIONS),
                     SEG_ERR_INEXACT);
    assert_int_equal(seg_context_error_column(f->ctx), 18);
    assert_int_equal(seg_dataset_set_option(f->ds, SEG_DATASET_SCALE, 3), SEG_OK);
    assert_int_equal(csv_load_text(f, "customer,date,amount\nA,2024-01-01,1.005\n", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    assert_int_equal(net_of(f, "A"), 1005);
}

static void overflows_reject_the_row(void **state)
{
    csv_fixture *f = *state;
    const char *text = "customer,date,amount\nA,2024-01-01,92233720368547758.07\nA,2024-01-02,0.01\nB,2024-01-03,-1\n";
    csv_set(f, SEG_CSV_STRICT, 0);
    assert_int_equal(csv_load_text(f, text, SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 3, 2, 1);
    assert_int_equal(rep_rejected(f, SEG_REJECT_OVERFLOW), 1);
    expect_error(f, 0, 3, 14, SEG_REJECT_OVERFLOW, "would overflow");
    assert_int_equal(net_of(f, "A"), INT64_MAX);
    assert_int_equal(csv_load_text(f, "customer,date,quantity,price\nC,2024-01-01,4611686018427387904,2\n",
                                   SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 1, 0, 1);
    expect_error(f, 0, 2, 34, SEG_REJECT_OVERFLOW, "quantity x price does not fit");
}

static void field_counts(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_STRICT, 0);
    /* a trailing delimiter on every row, on none, or only on the header are all fine */
    assert_int_equal(csv_load_text(f, "customer;date;amount;\nA;2024-01-01;1\nB;2024-01-02;2;\nC;2024-01-03;3;;\n"
                                      "D;2024-01-04;4;x;y\nE;2024-01-05\n",
                                   SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 5, 3, 2);
    expect_error(f, 0, 5, 0, SEG_REJECT_FIELD_COUNT, "5 fields, but the header has 4");
    expect_error(f, 1, 6, 0, SEG_REJECT_FIELD_COUNT, "2 fields, but the header has 4");
    assert_int_equal(csv_load_text(f, "customer;date;amount\nA;2024-01-01;1;\nB;2024-01-02;2;x\n",
                                   SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 2, 1, 1);
}

static void customer_values(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_STRICT, 0);
    assert_int_equal(csv_load_text(f, "id,status,lead_closed,activity,brand,lead_date\n"
                                      "1,maybe,,,,\n2,,perhaps,,,\n3,,,101,,\n4,,,,4.5,\n5,,,,,2024-02-30\n"
                                      "6,Отток,да,0,100,1.2.2024\n",
                                   SEG_RECORDS_CUSTOMERS), SEG_OK);
    expect_rows(f, 6, 1, 5);
    assert_int_equal(rep_rejected(f, SEG_REJECT_VALUE), 4);
    assert_int_equal(rep_rejected(f, SEG_REJECT_DATE), 1);
    expect_error(f, 0, 2, 3, SEG_REJECT_VALUE, "expected a status");
    expect_error(f, 1, 3, 4, SEG_REJECT_VALUE, "expected yes or no");
    expect_error(f, 2, 4, 5, SEG_REJECT_VALUE, "expected a whole number 0-100");
    expect_error(f, 3, 5, 6, SEG_REJECT_VALUE, "brand (rating:brand) '4.5'");
    expect_error(f, 4, 6, 7, SEG_REJECT_DATE, "no such calendar date");
    assert_int_equal(day_of(f, "6", SEG_FIELD_STATUS), SEG_LIFECYCLE_CHURNED);
    assert_int_equal(day_of(f, "6", SEG_FIELD_LEAD_CLOSED), 1);
    assert_int_equal(day_of(f, "6", SEG_FIELD_LEAD_DATE), day("2024-02-01"));
}

#define T(name) cmocka_unit_test_setup_teardown(name, csv_setup, csv_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(strict_stops_at_the_first_bad_row),
        T(lenient_accounts_for_every_row),
        T(lenient_keeps_only_the_first_errors),
        T(validate_only_changes_nothing),
        T(unterminated_quote),
        T(empty_file),
        T(header_only_file),
        T(no_header_row),
        T(no_trailing_newline),
        T(cr_line_ends),
        T(crlf_line_ends),
        T(line_numbers_after_multiline_records),
        T(nul_bytes),
        T(invalid_utf8),
        T(utf16_is_refused),
        T(records_longer_than_the_limit),
        T(missing_roles_list_the_headers),
        T(ambiguous_guesses_are_refused),
        T(empty_1c_date_in_a_transaction),
        T(more_decimals_than_the_scale),
        T(overflows_reject_the_row),
        T(field_counts),
        T(customer_values),
    };
    return cmocka_run_group_tests_name("csv errors", tests, NULL, NULL);
}
