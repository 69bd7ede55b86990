/* Roles of CSV columns: role names, the header row as read, explicit mappings
 * and guesses from common English and Russian header names. */
#include "csv_roles.h"

#include "text.h"
#include "../util/grow.h"

#include <stdio.h>
#include <string.h>

enum { K_TXN = 1, K_CUST = 2, K_BOTH = 3 };

typedef struct role_info {
    const char *name;
    int kinds;
} role_info;

static const role_info roles[SEG_ROLE_COUNT] = {
    {"customer", K_BOTH},      {"date", K_TXN},          {"amount", K_TXN},
    {"order", K_TXN},          {"quantity", K_TXN},      {"price", K_TXN},
    {"margin", K_TXN},         {"name", K_CUST},         {"status", K_CUST},
    {"lead_date", K_CUST},     {"lead_closed", K_CUST},  {"churn_date", K_CUST},
    {"competitor_deadline", K_CUST}, {"project_launch", K_CUST}, {"activity", K_CUST},
    {"capacity", K_CUST},      {"rating", K_CUST},       {"attr", K_CUST},
};

static int applies(seg_role r, seg_record_kind kind)
{
    return (roles[r].kinds & (kind == SEG_RECORDS_TRANSACTIONS ? K_TXN : K_CUST)) != 0;
}

/* "rating:NAME" / "attr:NAME": the prefix length, or 0. */
static size_t named_prefix(seg_role *r, const char *s, size_t len)
{
    if (len >= 7 && memcmp(s, "rating:", 7) == 0)
        return *r = SEG_ROLE_RATING, 7;
    if (len >= 5 && memcmp(s, "attr:", 5) == 0)
        return *r = SEG_ROLE_ATTR, 5;
    return 0;
}

seg_status seg__role_parse(seg_role *r, seg_named *name, seg_context *ctx, const char *s, size_t len)
{
    memset(name, 0, sizeof *name);
    size_t p = named_prefix(r, s, len);
    if (p) {
        if (len - p == 0 || len - p > SEG_NAME_MAX)
            return seg__error(ctx, SEG_ERR_INVALID_ARGUMENT, "role '%.*s': the name after '%.*s' must have 1-%d bytes",
                              (int)len, s, (int)p, s, SEG_NAME_MAX);
        memcpy(name->name, s + p, len - p);
        name->name_len = len - p;
        return SEG_OK;
    }
    for (int i = 0; i < SEG_ROLE_RATING; i++)
        if (strlen(roles[i].name) == len && memcmp(roles[i].name, s, len) == 0)
            return *r = (seg_role)i, SEG_OK;
    return seg__error(ctx, len ? SEG_ERR_UNSUPPORTED : SEG_ERR_INVALID_ARGUMENT, "unknown role '%.*s'",
                      (int)(len > 80 ? 80 : len), s);
}

const char *seg__binding_role(char *buf, size_t cap, const seg_csv_binding *b)
{
    if (b->role != SEG_ROLE_RATING && b->role != SEG_ROLE_ATTR)
        return roles[b->role].name;
    snprintf(buf, cap, "%s:%s", roles[b->role].name, b->name.name);
    return buf;
}

/* ---- the header row ---- */

seg_status seg__headers_add(seg_csv_headers *h, seg_context *ctx, const char *text, size_t len, int folded)
{
    char number[24];
    seg__text_trim(&text, &len);
    size_t fold_room = folded ? len + 1 : 1;
    if (len == 0)
        len = (size_t)snprintf(number, sizeof number, "#%zu", h->n + 1), text = number;
    SEG_TRY(seg__grow(ctx, (void **)&h->cols, &h->cap, h->n + 1, sizeof *h->cols));
    SEG_TRY(seg__grow(ctx, (void **)&h->text, &h->text_cap, h->ntext + len + 1 + fold_room, 1));
    seg_csv_header *c = &h->cols[h->n++];
    c->off = h->ntext;
    c->len = len;
    memcpy(h->text + c->off, text, len);
    h->text[c->off + len] = '\0';
    c->fold_off = c->off + len + 1;
    c->fold_len = folded && text != number ? seg__text_fold(h->text + c->fold_off, text, len) : 0;
    h->text[c->fold_off + c->fold_len] = '\0';
    h->ntext = c->fold_off + c->fold_len + 1;
    return SEG_OK;
}

void seg__headers_free(seg_csv_headers *h, seg_context *ctx)
{
    seg__free(ctx, h->cols);
    seg__free(ctx, h->text);
    memset(h, 0, sizeof *h);
}

/* ---- guesses: folded header names, best first within a role ---- */

typedef struct guess {
    seg_role role;
    int kinds;
    const char *folded;
    const char *criterion; /* ratings: the criterion; attributes: NULL (the header names it) */
} guess;

#define G(role, ...) {role, K_BOTH, __VA_ARGS__, NULL}

static const guess guesses[] = {
    /* customer: explicit ids first, then names of the party, then bare ids (customers files only) */
    G(SEG_ROLE_CUSTOMER, "customerid"), G(SEG_ROLE_CUSTOMER, "customerno"), G(SEG_ROLE_CUSTOMER, "customernumber"),
    G(SEG_ROLE_CUSTOMER, "customercode"), G(SEG_ROLE_CUSTOMER, "custid"), G(SEG_ROLE_CUSTOMER, "clientid"),
    G(SEG_ROLE_CUSTOMER, "clientcode"), G(SEG_ROLE_CUSTOMER, "clientno"), G(SEG_ROLE_CUSTOMER, "buyerid"),
    G(SEG_ROLE_CUSTOMER, "accountid"), G(SEG_ROLE_CUSTOMER, "companyid"), G(SEG_ROLE_CUSTOMER, "idклиента"),
    G(SEG_ROLE_CUSTOMER, "кодклиента"), G(SEG_ROLE_CUSTOMER, "номерклиента"), G(SEG_ROLE_CUSTOMER, "idконтрагента"),
    G(SEG_ROLE_CUSTOMER, "кодконтрагента"), G(SEG_ROLE_CUSTOMER, "кодпокупателя"), G(SEG_ROLE_CUSTOMER, "customer"),
    G(SEG_ROLE_CUSTOMER, "client"), G(SEG_ROLE_CUSTOMER, "buyer"), G(SEG_ROLE_CUSTOMER, "account"),
    G(SEG_ROLE_CUSTOMER, "клиент"), G(SEG_ROLE_CUSTOMER, "контрагент"), G(SEG_ROLE_CUSTOMER, "покупатель"),
    G(SEG_ROLE_CUSTOMER, "заказчик"), G(SEG_ROLE_CUSTOMER, "партнер"),
    {SEG_ROLE_CUSTOMER, K_CUST, "id", NULL}, {SEG_ROLE_CUSTOMER, K_CUST, "код", NULL},
    {SEG_ROLE_CUSTOMER, K_CUST, "ид", NULL},
    /* transactions */
    G(SEG_ROLE_DATE, "date"), G(SEG_ROLE_DATE, "orderdate"), G(SEG_ROLE_DATE, "invoicedate"),
    G(SEG_ROLE_DATE, "purchasedate"), G(SEG_ROLE_DATE, "transactiondate"), G(SEG_ROLE_DATE, "saledate"),
    G(SEG_ROLE_DATE, "salesdate"), G(SEG_ROLE_DATE, "paymentdate"), G(SEG_ROLE_DATE, "documentdate"),
    G(SEG_ROLE_DATE, "дата"), G(SEG_ROLE_DATE, "датазаказа"), G(SEG_ROLE_DATE, "датадокумента"),
    G(SEG_ROLE_DATE, "датапродажи"), G(SEG_ROLE_DATE, "датаоплаты"), G(SEG_ROLE_DATE, "датаотгрузки"),
    G(SEG_ROLE_DATE, "датареализации"),
    G(SEG_ROLE_AMOUNT, "amount"), G(SEG_ROLE_AMOUNT, "revenue"), G(SEG_ROLE_AMOUNT, "sum"),
    G(SEG_ROLE_AMOUNT, "total"), G(SEG_ROLE_AMOUNT, "totalamount"), G(SEG_ROLE_AMOUNT, "linetotal"),
    G(SEG_ROLE_AMOUNT, "sales"), G(SEG_ROLE_AMOUNT, "salesamount"), G(SEG_ROLE_AMOUNT, "payment"),
    G(SEG_ROLE_AMOUNT, "paymentamount"), G(SEG_ROLE_AMOUNT, "сумма"), G(SEG_ROLE_AMOUNT, "выручка"),
    G(SEG_ROLE_AMOUNT, "суммапродажи"), G(SEG_ROLE_AMOUNT, "суммадокумента"), G(SEG_ROLE_AMOUNT, "суммазаказа"),
    G(SEG_ROLE_AMOUNT, "суммаоплаты"), G(SEG_ROLE_AMOUNT, "суммасндс"), G(SEG_ROLE_AMOUNT, "оплата"),
    G(SEG_ROLE_AMOUNT, "стоимость"), G(SEG_ROLE_AMOUNT, "итого"),
    G(SEG_ROLE_ORDER, "orderid"), G(SEG_ROLE_ORDER, "order"), G(SEG_ROLE_ORDER, "orderno"),
    G(SEG_ROLE_ORDER, "ordernumber"), G(SEG_ROLE_ORDER, "invoiceno"), G(SEG_ROLE_ORDER, "invoice"),
    G(SEG_ROLE_ORDER, "invoiceid"), G(SEG_ROLE_ORDER, "invoicenumber"), G(SEG_ROLE_ORDER, "documentno"),
    G(SEG_ROLE_ORDER, "document"), G(SEG_ROLE_ORDER, "receiptno"), G(SEG_ROLE_ORDER, "номерзаказа"),
    G(SEG_ROLE_ORDER, "номердокумента"), G(SEG_ROLE_ORDER, "номер"), G(SEG_ROLE_ORDER, "№заказа"),
    G(SEG_ROLE_ORDER, "№документа"), G(SEG_ROLE_ORDER, "№"), G(SEG_ROLE_ORDER, "заказ"),
    G(SEG_ROLE_ORDER, "документ"), G(SEG_ROLE_ORDER, "счет"), G(SEG_ROLE_ORDER, "номерсчета"),
    G(SEG_ROLE_QUANTITY, "quantity"), G(SEG_ROLE_QUANTITY, "qty"), G(SEG_ROLE_QUANTITY, "units"),
    G(SEG_ROLE_QUANTITY, "количество"), G(SEG_ROLE_QUANTITY, "колво"),
    G(SEG_ROLE_PRICE, "unitprice"), G(SEG_ROLE_PRICE, "price"), G(SEG_ROLE_PRICE, "priceeach"),
    G(SEG_ROLE_PRICE, "цена"), G(SEG_ROLE_PRICE, "ценазаединицу"),
    G(SEG_ROLE_MARGIN, "margin"), G(SEG_ROLE_MARGIN, "grossmargin"), G(SEG_ROLE_MARGIN, "profit"),
    G(SEG_ROLE_MARGIN, "grossprofit"), G(SEG_ROLE_MARGIN, "маржа"), G(SEG_ROLE_MARGIN, "прибыль"),
    G(SEG_ROLE_MARGIN, "валоваяприбыль"),
    /* customers */
    G(SEG_ROLE_NAME, "name"), G(SEG_ROLE_NAME, "customername"), G(SEG_ROLE_NAME, "clientname"),
    G(SEG_ROLE_NAME, "companyname"), G(SEG_ROLE_NAME, "accountname"), G(SEG_ROLE_NAME, "company"),
    G(SEG_ROLE_NAME, "fullname"), G(SEG_ROLE_NAME, "наименование"), G(SEG_ROLE_NAME, "название"),
    G(SEG_ROLE_NAME, "наименованиеклиента"), G(SEG_ROLE_NAME, "названиекомпании"), G(SEG_ROLE_NAME, "компания"),
    G(SEG_ROLE_NAME, "организация"), G(SEG_ROLE_NAME, "имя"), G(SEG_ROLE_NAME, "фио"),
    G(SEG_ROLE_STATUS, "status"), G(SEG_ROLE_STATUS, "lifecycle"), G(SEG_ROLE_STATUS, "stage"),
    G(SEG_ROLE_STATUS, "статус"), G(SEG_ROLE_STATUS, "стадия"),
    G(SEG_ROLE_LEAD_DATE, "leaddate"), G(SEG_ROLE_LEAD_DATE, "inquirydate"), G(SEG_ROLE_LEAD_DATE, "firstcontactdate"),
    G(SEG_ROLE_LEAD_DATE, "даталида"), G(SEG_ROLE_LEAD_DATE, "датаобращения"), G(SEG_ROLE_LEAD_DATE, "датапервогообращения"),
    G(SEG_ROLE_LEAD_CLOSED, "leadclosed"), G(SEG_ROLE_LEAD_CLOSED, "closed"), G(SEG_ROLE_LEAD_CLOSED, "lost"),
    G(SEG_ROLE_LEAD_CLOSED, "лидзакрыт"), G(SEG_ROLE_LEAD_CLOSED, "закрыт"), G(SEG_ROLE_LEAD_CLOSED, "отказ"),
    G(SEG_ROLE_CHURN_DATE, "churndate"), G(SEG_ROLE_CHURN_DATE, "enddate"), G(SEG_ROLE_CHURN_DATE, "contractend"),
    G(SEG_ROLE_CHURN_DATE, "contractenddate"), G(SEG_ROLE_CHURN_DATE, "cancellationdate"),
    G(SEG_ROLE_CHURN_DATE, "датаоттока"), G(SEG_ROLE_CHURN_DATE, "датаокончания"),
    G(SEG_ROLE_CHURN_DATE, "датаокончаниядоговора"), G(SEG_ROLE_CHURN_DATE, "датарасторжения"),
    G(SEG_ROLE_COMPETITOR_DEADLINE, "competitordeadline"), G(SEG_ROLE_COMPETITOR_DEADLINE, "дедлайнконкурента"),
    G(SEG_ROLE_COMPETITOR_DEADLINE, "срокконкурента"),
    G(SEG_ROLE_PROJECT_LAUNCH, "projectlaunch"), G(SEG_ROLE_PROJECT_LAUNCH, "projectlaunchdate"),
    G(SEG_ROLE_PROJECT_LAUNCH, "launchdate"), G(SEG_ROLE_PROJECT_LAUNCH, "запускпроекта"),
    G(SEG_ROLE_PROJECT_LAUNCH, "датазапуска"), G(SEG_ROLE_PROJECT_LAUNCH, "датазапускапроекта"),
    G(SEG_ROLE_ACTIVITY, "activity"), G(SEG_ROLE_ACTIVITY, "активность"),
    G(SEG_ROLE_CAPACITY, "capacity"), G(SEG_ROLE_CAPACITY, "potential"), G(SEG_ROLE_CAPACITY, "потенциал"),
    G(SEG_ROLE_CAPACITY, "емкость"),
    /* the default renew criteria */
    {SEG_ROLE_RATING, K_CUST, "brand", "brand"}, {SEG_ROLE_RATING, K_CUST, "бренд", "brand"},
    {SEG_ROLE_RATING, K_CUST, "deal", "deal"}, {SEG_ROLE_RATING, K_CUST, "сделка", "deal"},
    {SEG_ROLE_RATING, K_CUST, "closeness", "closeness"}, {SEG_ROLE_RATING, K_CUST, "близость", "closeness"},
    /* common free attributes, named by their header */
    G(SEG_ROLE_ATTR, "industry"), G(SEG_ROLE_ATTR, "region"), G(SEG_ROLE_ATTR, "city"), G(SEG_ROLE_ATTR, "country"),
    G(SEG_ROLE_ATTR, "manager"), G(SEG_ROLE_ATTR, "segment"), G(SEG_ROLE_ATTR, "size"), G(SEG_ROLE_ATTR, "source"),
    G(SEG_ROLE_ATTR, "channel"), G(SEG_ROLE_ATTR, "отрасль"), G(SEG_ROLE_ATTR, "регион"), G(SEG_ROLE_ATTR, "город"),
    G(SEG_ROLE_ATTR, "страна"), G(SEG_ROLE_ATTR, "менеджер"), G(SEG_ROLE_ATTR, "ответственный"),
    G(SEG_ROLE_ATTR, "сегмент"), G(SEG_ROLE_ATTR, "размер"), G(SEG_ROLE_ATTR, "источник"), G(SEG_ROLE_ATTR, "канал"),
};
#define N_GUESSES (sizeof guesses / sizeof guesses[0])

/* ---- resolution ---- */

/* Working state: which columns are taken, and the error context. */
typedef struct resolver {
    seg_csv_roles *out;
    seg_context *ctx;
    const seg_csv_headers *h;
    seg_record_kind kind;
    const char *source;
    unsigned char *taken; /* per column, for guesses */
} resolver;

/* "…; the header has: 'a', 'b', …" appended to buf. */
static void list_headers(char *buf, size_t cap, const seg_csv_headers *h)
{
    size_t n = strlen(buf);
    n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0, "; the header has:");
    for (size_t i = 0; i < h->n && n + 8 < cap; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%s '%s'", i ? "," : "", seg__header_text(h, i));
    if (n >= cap && cap > 4)
        memcpy(buf + cap - 4, "...", 4);
}

static seg_status header_error(resolver *rs, seg_status st, const char *msg)
{
    char buf[SEG_MSG_CAP];
    snprintf(buf, sizeof buf, "%s:1: %s", rs->source, msg);
    list_headers(buf, sizeof buf, rs->h);
    return seg__error_at(rs->ctx, st, 1, 0, "%s", buf);
}

/* "#N" for column N, 1-based; 0 if the text is not of that form. */
static size_t column_number(const char *s, size_t len)
{
    size_t n = 0;
    if (len < 2 || len > 7 || s[0] != '#')
        return 0;
    for (size_t i = 1; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        n = n * 10 + (size_t)(s[i] - '0');
    }
    return n;
}

/* Columns whose header equals `name` (exactly, or folded when `folded`). */
static size_t match_columns(const resolver *rs, const char *name, size_t len, int folded, size_t *first)
{
    size_t count = 0;
    for (size_t i = 0; i < rs->h->n; i++) {
        const seg_csv_header *c = &rs->h->cols[i];
        const char *t = rs->h->text + (folded ? c->fold_off : c->off);
        size_t tl = folded ? c->fold_len : c->len;
        if (tl == len && memcmp(t, name, len) == 0 && count++ == 0)
            *first = i;
    }
    return count;
}

static seg_status find_mapped(size_t *col, resolver *rs, const seg_csv_mapping *m)
{
    char msg[SEG_MSG_CAP], folded[SEG_MSG_CAP];
    const char *name = m->header;
    size_t len = m->header_len, n = column_number(name, len);
    if (n >= 1 && n <= rs->h->n)
        return *col = n - 1, SEG_OK;
    seg__text_trim(&name, &len);
    size_t count = match_columns(rs, name, len, 0, col);
    if (count == 0 && len < sizeof folded)
        count = match_columns(rs, folded, seg__text_fold(folded, name, len), 1, col);
    if (count == 1)
        return SEG_OK;
    snprintf(msg, sizeof msg, "role %s is mapped to '%s', which %s", m->role, m->header,
             count ? "more than one column has" : "no column has");
    return header_error(rs, SEG_ERR_PARSE, msg);
}

static seg_status bind(resolver *rs, seg_role role, const seg_named *name, size_t col)
{
    seg_csv_roles *o = rs->out;
    size_t same = 0;
    for (size_t i = 0; i < o->n; i++)
        same += o->b[i].role == role;
    if ((role == SEG_ROLE_RATING && same == SEG_MAX_CRITERIA) || (role == SEG_ROLE_ATTR && same == SEG_MAX_ATTRIBUTES))
        return seg__error(rs->ctx, SEG_ERR_RANGE, "%s: more than %d %s columns", rs->source,
                          role == SEG_ROLE_RATING ? SEG_MAX_CRITERIA : SEG_MAX_ATTRIBUTES,
                          role == SEG_ROLE_RATING ? "rating" : "attribute");
    seg_csv_binding *b = &o->b[o->n++];
    b->role = role;
    b->column = col;
    if (name)
        b->name = *name;
    else
        memset(&b->name, 0, sizeof b->name);
    rs->taken[col] = 1;
    return SEG_OK;
}

static int bound(const seg_csv_roles *o, seg_role role, const seg_named *name)
{
    for (size_t i = 0; i < o->n; i++)
        if (o->b[i].role == role && (!name || (o->b[i].name.name_len == name->name_len &&
                                               memcmp(o->b[i].name.name, name->name, name->name_len) == 0)))
            return 1;
    return 0;
}

static seg_status bind_explicit(resolver *rs, const seg_csv_config *cfg)
{
    for (size_t i = 0; i < cfg->nmaps; i++) {
        const seg_csv_mapping *m = &cfg->maps[i];
        seg_role role;
        seg_named name;
        size_t col = 0;
        SEG_TRY(seg__role_parse(&role, &name, rs->ctx, m->role, m->role_len));
        if (!applies(role, rs->kind))
            continue;
        SEG_TRY(find_mapped(&col, rs, m));
        SEG_TRY(bind(rs, role, role >= SEG_ROLE_RATING ? &name : NULL, col));
    }
    return SEG_OK;
}

/* Guess one fixed role: the first synonym that some free column has. */
static seg_status guess_role(resolver *rs, seg_role role)
{
    for (size_t g = 0; g < N_GUESSES; g++) {
        if (guesses[g].role != role || !(guesses[g].kinds & (rs->kind == SEG_RECORDS_TRANSACTIONS ? K_TXN : K_CUST)))
            continue;
        size_t col = 0, count = 0;
        for (size_t i = 0; i < rs->h->n; i++) {
            const seg_csv_header *c = &rs->h->cols[i];
            if (!rs->taken[i] && c->fold_len == strlen(guesses[g].folded) &&
                memcmp(rs->h->text + c->fold_off, guesses[g].folded, c->fold_len) == 0 && count++ == 0)
                col = i;
        }
        if (count > 1) {
            char msg[SEG_MSG_CAP];
            snprintf(msg, sizeof msg, "more than one column could be the %s; map it explicitly", roles[role].name);
            return header_error(rs, SEG_ERR_PARSE, msg);
        }
        if (count == 1)
            return bind(rs, role, NULL, col);
    }
    return SEG_OK;
}

/* A named role (rating or attribute) from a free column, if it has no binding yet. */
static seg_status guess_named(resolver *rs, seg_role role, const char *name, size_t len, size_t col)
{
    seg_named n;
    if (len == 0 || len > SEG_NAME_MAX)
        return SEG_OK;
    memset(&n, 0, sizeof n);
    memcpy(n.name, name, len);
    n.name_len = len;
    if (bound(rs->out, role, &n))
        return SEG_OK;
    return bind(rs, role, &n, col);
}

/* Ratings and attributes: "rating:X" / "attr:X" headers, then the tables. */
static seg_status guess_column(resolver *rs, size_t col)
{
    const seg_csv_header *c = &rs->h->cols[col];
    const char *text = rs->h->text + c->off, *fold = rs->h->text + c->fold_off;
    seg_role role;
    size_t p = c->fold_len ? named_prefix(&role, text, c->len) : 0;
    if (p)
        return guess_named(rs, role, text + p, c->len - p, col);
    for (size_t g = 0; g < N_GUESSES; g++) {
        if (guesses[g].role < SEG_ROLE_RATING || strlen(guesses[g].folded) != c->fold_len ||
            memcmp(guesses[g].folded, fold, c->fold_len) != 0)
            continue;
        const char *name = guesses[g].criterion ? guesses[g].criterion : text;
        return guess_named(rs, guesses[g].role, name, strlen(name), col);
    }
    return SEG_OK;
}

static seg_status bind_guesses(resolver *rs)
{
    for (int r = 0; r < SEG_ROLE_RATING; r++)
        if (applies((seg_role)r, rs->kind) && !bound(rs->out, (seg_role)r, NULL))
            SEG_TRY(guess_role(rs, (seg_role)r));
    if (rs->kind != SEG_RECORDS_CUSTOMERS)
        return SEG_OK;
    for (size_t col = 0; col < rs->h->n; col++)
        if (!rs->taken[col] && rs->h->cols[col].fold_len)
            SEG_TRY(guess_column(rs, col));
    return SEG_OK;
}

static seg_status check_required(resolver *rs)
{
    const seg_csv_roles *o = rs->out;
    if (!bound(o, SEG_ROLE_CUSTOMER, NULL))
        return header_error(rs, SEG_ERR_PARSE, "no column for the role 'customer' (map one with seg_csv_options_map)");
    if (rs->kind == SEG_RECORDS_CUSTOMERS)
        return SEG_OK;
    if (!bound(o, SEG_ROLE_DATE, NULL))
        return header_error(rs, SEG_ERR_PARSE, "no column for the role 'date' (map one with seg_csv_options_map)");
    if (!bound(o, SEG_ROLE_AMOUNT, NULL) && !(bound(o, SEG_ROLE_QUANTITY, NULL) && bound(o, SEG_ROLE_PRICE, NULL)))
        return header_error(rs, SEG_ERR_PARSE,
                            "no column for the role 'amount', nor for both 'quantity' and 'price' "
                            "(map them with seg_csv_options_map)");
    return SEG_OK;
}

/* With an amount the unit price is not needed: drop it. */
static void drop_unused_price(seg_csv_roles *o)
{
    if (!bound(o, SEG_ROLE_AMOUNT, NULL))
        return;
    size_t k = 0;
    for (size_t i = 0; i < o->n; i++)
        if (o->b[i].role != SEG_ROLE_PRICE)
            o->b[k++] = o->b[i];
    o->n = k;
}

seg_status seg__csv_roles_resolve(seg_csv_roles *out, seg_context *ctx, const seg_csv_config *cfg,
                                  seg_record_kind kind, const seg_csv_headers *h, const char *source)
{
    resolver rs = {out, ctx, h, kind, source, NULL};
    out->n = 0;
    rs.taken = seg__malloc(ctx, h->n ? h->n : 1);
    if (!rs.taken)
        return seg__nomem(ctx, h->n);
    memset(rs.taken, 0, h->n ? h->n : 1);
    seg_status st = bind_explicit(&rs, cfg);
    if (st == SEG_OK && cfg->guess)
        st = bind_guesses(&rs);
    if (st == SEG_OK)
        st = check_required(&rs);
    seg__free(ctx, rs.taken);
    if (st == SEG_OK)
        drop_unused_price(out);
    return st;
}

const seg_csv_binding *seg__csv_role_find(const seg_csv_roles *o, seg_role role)
{
    for (size_t i = 0; i < o->n; i++)
        if (o->b[i].role == role)
            return &o->b[i];
    return NULL;
}
