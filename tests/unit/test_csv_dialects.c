/* Tests of CSV dialects, one fixture each: quoting, delimiters, encodings,
 * decimal marks and separators, date shapes and orders, header guessing and mapping. */
#include "test_csv_util.h"

static void quotes_with_line_breaks(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "quoted_newlines.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 3, 3, 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_LINES), 6);
    assert_int_equal(net_of(f, "Acme\nEurope"), 10000);
    assert_int_equal(net_of(f, "Smith, \"Bob\""), 5025);
    assert_int_equal(net_of(f, "Acme"), 1000);
    assert_int_equal(ds_stat(f, SEG_STAT_ORDERS), 3);
}

static void semicolons_with_trailing_delimiter(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "bitrix_semicolon.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 3, 3, 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_DELIMITER), SEG_CSV_DELIMITER_SEMICOLON);
    assert_string_equal(role_header(f, "customer"), "CLIENT"); /* ID is not a customer in a transactions file */
    assert_int_equal(net_of(f, "C-1"), 9525);
    assert_int_equal(net_of(f, "C-2"), 2000);
}

static void tabs(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "tab.tsv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 2, 2, 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_DELIMITER), SEG_CSV_DELIMITER_TAB);
    assert_int_equal(net_of(f, "B"), 250);
}

static void explicit_delimiter_wins(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_DELIMITER, SEG_CSV_DELIMITER_COMMA);
    assert_int_equal(csv_load(f, "tab.tsv", SEG_RECORDS_TRANSACTIONS), SEG_ERR_PARSE); /* one column: no roles */
    expect_msg_has(f, "no column for the role 'customer'");
}

static void utf8_bom(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "bom.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 2, 2, 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_BOM), 1);
    assert_int_equal(rep_stat(f, SEG_LOAD_ENCODING), SEG_CSV_ENCODING_UTF8);
    assert_string_equal(role_header(f, "customer"), "customer");
}

static void windows_1251(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "cp1251.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 3, 3, 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_ENCODING), SEG_CSV_ENCODING_CP1251);
    assert_int_equal(rep_stat(f, SEG_LOAD_BOM), 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_DECIMAL), SEG_CSV_DECIMAL_COMMA);
    assert_string_equal(role_header(f, "customer"), "Клиент");
    assert_int_equal(net_of(f, "ООО \"Ромашка\""), 124450); /* 1 234,50 with a 0xA0 no-break space + 10,00 */
    assert_int_equal(net_of(f, "Иванов Пётр"), 9990);
}

static void windows_1251_read_as_utf8_is_rejected(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_ENCODING, SEG_CSV_ENCODING_UTF8);
    assert_int_equal(csv_load(f, "cp1251.csv", SEG_RECORDS_TRANSACTIONS), SEG_ERR_PARSE);
    expect_msg_has(f, "header 1 is not valid UTF-8");
}

static void decimal_comma(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "decimal_comma.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 3, 3, 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_DECIMAL), SEG_CSV_DECIMAL_COMMA);
    assert_int_equal(net_of(f, "A"), 1000);
    assert_int_equal(col_of(f, "B", SEG_COL_MARGIN), 10050);
}

static void decimal_point_option_refuses_commas(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_DECIMAL, SEG_CSV_DECIMAL_POINT);
    assert_int_equal(csv_load(f, "decimal_comma.csv", SEG_RECORDS_TRANSACTIONS), SEG_ERR_PARSE);
    expect_msg_has(f, ":2:16: amount '12,50': a decimal comma, but this file's decimal mark is a point");
    assert_int_equal(seg_context_error_line(f->ctx), 2);
    assert_int_equal(seg_context_error_column(f->ctx), 16);
}

static void thousands_separators(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "thousands.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 4, 4, 0);
    assert_int_equal(net_of(f, "A"), 123456789 + 100001); /* spaces, then U+00A0 */
    assert_int_equal(net_of(f, "B"), 1234500 + 200000);   /* apostrophe, then U+202F */
}

static void expect_dates(csv_fixture *f, const char *first, const char *last)
{
    assert_int_equal(col_of(f, "A", SEG_COL_FIRST_PURCHASE), day(first));
    assert_int_equal(col_of(f, "A", SEG_COL_LAST_PURCHASE), day(last));
}

static void dates_iso(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "dates_iso.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 3, 3, 0);
    expect_dates(f, "2024-02-29", "2024-03-02");
    assert_int_equal(rep_stat(f, SEG_LOAD_DATE_ORDER), SEG_CSV_DATE_ORDER_AUTO);
}

static void dates_with_dots(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "dates_dots.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 3, 3, 0);
    expect_dates(f, "2024-02-29", "2024-03-02");
}

static void dates_month_first_detected(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "dates_mdy.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 3, 3, 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_DATE_ORDER), SEG_CSV_DATE_ORDER_MDY);
    expect_dates(f, "2023-12-31", "2024-02-03");
}

static void dates_day_first_detected(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "dates_dmy.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 3, 3, 0);
    assert_int_equal(rep_stat(f, SEG_LOAD_DATE_ORDER), SEG_CSV_DATE_ORDER_DMY);
    expect_dates(f, "2023-12-31", "2024-03-02");
}

static void dates_yyyymmdd(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "dates_yyyymmdd.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_dates(f, "2023-12-31", "2024-02-29");
}

static void ambiguous_dates_ask_for_the_option(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_STRICT, 0); /* a whole-file question, not a bad row */
    assert_int_equal(csv_load(f, "dates_ambiguous.csv", SEG_RECORDS_TRANSACTIONS), SEG_ERR_PARSE);
    expect_msg_has(f, "could be DD/MM/YYYY or MM/DD/YYYY");
    expect_msg_has(f, "set SEG_CSV_DATE_ORDER");
    assert_int_equal(seg_context_error_line(f->ctx), 2);
    assert_int_equal(ds_stat(f, SEG_STAT_TRANSACTIONS), 0);
    expect_rows(f, 0, 0, 0);
    csv_set(f, SEG_CSV_DATE_ORDER, SEG_CSV_DATE_ORDER_DMY);
    assert_int_equal(csv_load(f, "dates_ambiguous.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_dates(f, "2024-03-02", "2024-06-06");
}

static void ambiguous_dates_month_first(void **state)
{
    csv_fixture *f = *state;
    csv_set(f, SEG_CSV_DATE_ORDER, SEG_CSV_DATE_ORDER_MDY);
    assert_int_equal(csv_load(f, "dates_ambiguous.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    assert_int_equal(rep_stat(f, SEG_LOAD_DATE_ORDER), SEG_CSV_DATE_ORDER_MDY);
    expect_dates(f, "2024-02-03", "2024-06-06");
}

static void conflicting_date_orders(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load_text(f, "customer,date,amount\nA,13/01/2024,1\nA,01/13/2024,1\n", SEG_RECORDS_TRANSACTIONS),
                     SEG_ERR_PARSE);
    expect_msg_has(f, "day first ('13/01/2024', line 2) and month first ('01/13/2024', line 3)");
}

static void empty_1c_date(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "empty_1c_date.csv", SEG_RECORDS_CUSTOMERS), SEG_OK);
    expect_rows(f, 2, 2, 0);
    assert_int_equal(day_of(f, "К-1", SEG_FIELD_LEAD_DATE), day("2024-01-15"));
    assert_int_equal(day_of(f, "К-1", SEG_FIELD_CHURN_DATE), SEG_NONE);
    assert_int_equal(day_of(f, "К-2", SEG_FIELD_LEAD_DATE), SEG_NONE);
    assert_int_equal(day_of(f, "К-2", SEG_FIELD_CHURN_DATE), day("2024-06-20"));
}

static void guessed_english_headers(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "headers_en.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 3, 3, 0);
    assert_string_equal(role_header(f, "order"), "InvoiceNo");
    assert_string_equal(role_header(f, "date"), "InvoiceDate");
    assert_string_equal(role_header(f, "customer"), "CustomerID");
    assert_string_equal(role_header(f, "amount"), "Revenue");
    assert_string_equal(role_header(f, "quantity"), "Qty");
    assert_string_equal(role_header(f, "margin"), "Margin");
    assert_int_equal(rep_stat(f, SEG_LOAD_ROLES), 6);
    assert_int_equal(net_of(f, "C1"), 15000);
    assert_int_equal(col_of(f, "C1", SEG_COL_ORDERS), 1);
    assert_int_equal(col_of(f, "C1", SEG_COL_QUANTITY), 3);
    assert_int_equal(col_of(f, "C2", SEG_COL_MARGIN), 500);
}

static void guessed_russian_headers(void **state)
{
    csv_fixture *f = *state;
    const char *role = NULL, *header = NULL;
    int64_t column = 0;
    assert_int_equal(csv_load(f, "headers_ru.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 2, 2, 0);
    assert_string_equal(role_header(f, "order"), "Номер документа");
    assert_string_equal(role_header(f, "customer"), "Контрагент");
    assert_string_equal(role_header(f, "amount"), "Сумма, руб.");
    assert_string_equal(role_header(f, "quantity"), "Количество");
    assert_string_equal(role_header(f, "margin"), "Маржа");
    assert_int_equal(seg_load_report_role(&role, &header, &column, f->rep, 0), SEG_OK); /* column order */
    assert_string_equal(role, "order");
    assert_int_equal(column, 1);
    assert_int_equal(net_of(f, "ООО Альфа"), 150000);
    assert_int_equal(col_of(f, "ООО Бета", SEG_COL_MARGIN), 7005);
}

static void explicit_mapping(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "explicit_mapping.csv", SEG_RECORDS_TRANSACTIONS), SEG_ERR_PARSE);
    expect_msg_has(f, "no column for the role 'customer'");
    expect_msg_has(f, "the header has: 'Kunde', 'Datum', 'Betrag', 'Beleg'");
    csv_map(f, "customer", "kunde"); /* case-insensitive */
    csv_map(f, "date", "#2");
    csv_map(f, "amount", " Betrag ");
    csv_map(f, "order", "Beleg");
    csv_map(f, "lead_date", "Datum"); /* a customers role: ignored for transactions */
    assert_int_equal(csv_load(f, "explicit_mapping.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 2, 2, 0);
    assert_string_equal(role_header(f, "date"), "Datum");
    assert_null(role_header(f, "lead_date"));
    assert_int_equal(net_of(f, "K2"), 2000);
}

static void explicit_mapping_overrides_guesses(void **state)
{
    csv_fixture *f = *state;
    csv_map(f, "amount", "Margin");
    assert_int_equal(csv_load(f, "headers_en.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    assert_string_equal(role_header(f, "amount"), "Margin");
    assert_null(role_header(f, "margin")); /* its column is taken */
    assert_int_equal(net_of(f, "C1"), 4000);
    assert_int_equal(seg_csv_options_map(f->opts, "amount", 6, NULL, 0), SEG_OK); /* back to guessing */
    assert_int_equal(csv_load(f, "headers_en.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    assert_string_equal(role_header(f, "amount"), "Revenue");
}

static void mapping_to_a_missing_header(void **state)
{
    csv_fixture *f = *state;
    csv_map(f, "customer", "Client");
    assert_int_equal(csv_load(f, "headers_en.csv", SEG_RECORDS_TRANSACTIONS), SEG_ERR_PARSE);
    expect_msg_has(f, "role customer is mapped to 'Client', which no column has");
    assert_int_equal(seg_context_error_line(f->ctx), 1);
}

static void quantity_times_price(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "quantity_price.csv", SEG_RECORDS_TRANSACTIONS), SEG_OK);
    expect_rows(f, 3, 3, 0);
    assert_string_equal(role_header(f, "price"), "price");
    assert_int_equal(net_of(f, "A"), 500);
    assert_int_equal(col_of(f, "A", SEG_COL_QUANTITY), 2);
    assert_int_equal(col_of(f, "A", SEG_COL_REFUND_ROWS), 1);
    assert_int_equal(net_of(f, "B"), 990);
}

static void customers_with_ratings_and_attributes(void **state)
{
    csv_fixture *f = *state;
    const char *s = NULL;
    int32_t v = 0;
    size_t c = 0;
    assert_int_equal(csv_load(f, "customers.csv", SEG_RECORDS_CUSTOMERS), SEG_OK);
    expect_rows(f, 3, 3, 0);
    assert_string_equal(role_header(f, "rating:deal"), "deal");
    assert_string_equal(role_header(f, "attr:Region"), "Region");
    assert_string_equal(role_header(f, "attr:manager"), "attr:manager");
    assert_int_equal(seg_dataset_find_str(&c, f->ds, "C1", 2), SEG_OK);
    assert_int_equal(seg_dataset_get_str(&s, NULL, f->ds, c, SEG_FIELD_NAME), SEG_OK);
    assert_string_equal(s, "Acme, Inc");
    assert_int_equal(day_of(f, "C1", SEG_FIELD_STATUS), SEG_LIFECYCLE_CURRENT);
    assert_int_equal(day_of(f, "C1", SEG_FIELD_LEAD_DATE), day("2023-01-10"));
    assert_int_equal(day_of(f, "C1", SEG_FIELD_LEAD_CLOSED), 0);
    assert_int_equal(day_of(f, "C1", SEG_FIELD_ACTIVITY), 80);
    assert_int_equal(day_of(f, "C1", SEG_FIELD_CAPACITY), 60);
    assert_int_equal(seg_dataset_get_rating(&v, f->ds, c, "brand", 5), SEG_OK);
    assert_int_equal(v, 4);
    assert_int_equal(seg_dataset_get_attribute(&s, NULL, f->ds, c, "manager", 7), SEG_OK);
    assert_string_equal(s, "Anna");
    assert_int_equal(seg_dataset_find_str(&c, f->ds, "C2", 2), SEG_OK);
    assert_int_equal(day_of(f, "C2", SEG_FIELD_STATUS), SEG_LIFECYCLE_REFUSED);
    assert_int_equal(day_of(f, "C2", SEG_FIELD_LEAD_CLOSED), 1);
    assert_int_equal(day_of(f, "C2", SEG_FIELD_COMPETITOR_DEADLINE), day("2024-09-01"));
    assert_int_equal(day_of(f, "C2", SEG_FIELD_PROJECT_LAUNCH), day("2024-12-01"));
    assert_int_equal(seg_dataset_get_rating(&v, f->ds, c, "deal", 4), SEG_OK);
    assert_int_equal(v, SEG_NONE);
    assert_int_equal(seg_dataset_get_attribute(&s, NULL, f->ds, c, "Region", 6), SEG_OK);
    assert_string_equal(s, "South");
    assert_int_equal(seg_dataset_find_str(&c, f->ds, "C3", 2), SEG_OK);
    assert_int_equal(seg_dataset_get_str(&s, NULL, f->ds, c, SEG_FIELD_NAME), SEG_OK);
    assert_string_equal(s, "Gamma \"G\" Ltd");
    assert_int_equal(day_of(f, "C3", SEG_FIELD_STATUS), SEG_LIFECYCLE_CHURNED);
    assert_int_equal(day_of(f, "C3", SEG_FIELD_CHURN_DATE), day("2024-02-29"));
    assert_int_equal(seg_dataset_get_attribute(&s, NULL, f->ds, c, "Region", 6), SEG_OK);
    assert_null(s);
}

static void customers_then_transactions_share_ids(void **state)
{
    csv_fixture *f = *state;
    assert_int_equal(csv_load(f, "customers.csv", SEG_RECORDS_CUSTOMERS), SEG_OK);
    csv_map(f, "customer", "Customer ID"); /* one set of options for both files */
    assert_int_equal(csv_load_text(f, "Customer ID,date,amount\nC2,2024-01-01,5\nC9,2024-01-01,7\n",
                                   SEG_RECORDS_TRANSACTIONS), SEG_OK);
    assert_int_equal(ds_stat(f, SEG_STAT_CUSTOMERS), 4);
    assert_int_equal(net_of(f, "C2"), 500);
}

#define T(name) cmocka_unit_test_setup_teardown(name, csv_setup, csv_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(quotes_with_line_breaks),
        T(semicolons_with_trailing_delimiter),
        T(tabs),
        T(explicit_delimiter_wins),
        T(utf8_bom),
        T(windows_1251),
        T(windows_1251_read_as_utf8_is_rejected),
        T(decimal_comma),
        T(decimal_point_option_refuses_commas),
        T(thousands_separators),
        T(dates_iso),
        T(dates_with_dots),
        T(dates_month_first_detected),
        T(dates_day_first_detected),
        T(dates_yyyymmdd),
        T(ambiguous_dates_ask_for_the_option),
        T(ambiguous_dates_month_first),
        T(conflicting_date_orders),
        T(empty_1c_date),
        T(guessed_english_headers),
        T(guessed_russian_headers),
        T(explicit_mapping),
        T(explicit_mapping_overrides_guesses),
        T(mapping_to_a_missing_header),
        T(quantity_times_price),
        T(customers_with_ratings_and_attributes),
        T(customers_then_transactions_share_ids),
    };
    return cmocka_run_group_tests_name("csv dialects", tests, NULL, NULL);
}
