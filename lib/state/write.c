/* Serialising a dataset's folded state: options, counters, customers with
 * their totals, per-period cells and the profile, little-endian, checksummed. */
#include "state.h"

#include "../util/bytes.h"

static void write_header(seg_wbuf *w, const seg_dataset *ds)
{
    const seg_dataset_stats *s = &ds->stats;
    seg__put_bytes(w, SEG_STATE_MAGIC, 8);
    seg__put_u32(w, SEG_STATE_VERSION);
    seg__put_u32(w, 0); /* flags: none defined */
    seg__put_u8(w, (uint8_t)ds->frozen);
    seg__put_u8(w, (uint8_t)ds->scale);
    seg__put_u8(w, (uint8_t)ds->period);
    seg__put_i32(w, ds->as_of);
    seg__put_i64(w, s->rows);
    seg__put_i64(w, s->ignored);
    seg__put_i64(w, s->purchase_rows);
    seg__put_i64(w, s->refund_rows);
    seg__put_i64(w, s->net);
    seg__put_i64(w, (int64_t)(ds->orders.n + ds->int_orders.n) + s->merged_orders);
    seg__put_i32(w, s->first_date);
    seg__put_i32(w, s->last_date);
}

static void write_customer(seg_wbuf *w, const seg_dataset *ds, uint32_t i)
{
    const seg_key_entry *e = &ds->ids.entries[i];
    const seg_cust *c = ds->cust;
    seg__put_u8(w, e->len == SEG_KEY_INT ? 0 : 1);
    if (e->len == SEG_KEY_INT) {
        seg__put_u64(w, e->value);
    } else {
        seg__put_u32(w, e->len);
        seg__put_bytes(w, seg__keytab_bytes(&ds->ids, i), e->len);
    }
    seg__put_i64(w, c[i].net);
    seg__put_i64(w, c[i].margin);
    seg__put_i64(w, c[i].quantity);
    seg__put_u32(w, c[i].rows);
    seg__put_u32(w, c[i].purchase_rows);
    seg__put_u32(w, c[i].refund_rows);
    seg__put_u32(w, c[i].purchases);
    seg__put_i32(w, c[i].first_purchase);
    seg__put_i32(w, c[i].last_purchase);
}

static void write_cell(seg_wbuf *w, const seg_dataset *ds, uint32_t j)
{
    const seg_period_cell *k = &ds->cells[j];
    seg__put_u32(w, seg__cell_customer(ds, j));
    seg__put_i32(w, seg__cell_period(ds, j));
    seg__put_i64(w, k->amount);
    seg__put_i64(w, seg__cell_margin(ds, j));
    seg__put_i64(w, seg__cell_quantity(ds, j));
    seg__put_u32(w, k->rows);
    seg__put_u32(w, k->purchase_rows);
    seg__put_u32(w, k->refund_rows);
    seg__put_u32(w, k->purchases);
    seg__put_u64(w, k->days_lo);
    seg__put_u64(w, seg__cell_days_hi(ds, j));
}

static void write_ints(seg_wbuf *w, const int32_t *col, size_t n)
{
    for (size_t i = 0; i < n; i++)
        seg__put_i32(w, col[i]);
}

/* Each row as a length and bytes; length 0 = unset. */
static void write_strs(seg_wbuf *w, const seg_profile *p, const seg_strcol *col, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t len = col->off[i] ? col->len[i] : 0;
        seg__put_u32(w, len);
        seg__put_bytes(w, len ? p->text + col->off[i] - 1 : "", len);
    }
}

static void write_name(seg_wbuf *w, const seg_named *name)
{
    seg__put_u8(w, (uint8_t)name->name_len);
    seg__put_bytes(w, name->name, name->name_len);
}

static void write_profile(seg_wbuf *w, const seg_dataset *ds)
{
    const seg_profile *p = &ds->profile;
    size_t n = seg__customer_count(ds);
    uint8_t mask = 0;
    for (int s = 0; s < SEG_PROFILE_INTS; s++)
        mask |= (uint8_t)((p->ints[s] != NULL) << s);
    seg__put_u8(w, mask);
    for (int s = 0; s < SEG_PROFILE_INTS; s++)
        if (p->ints[s])
            write_ints(w, p->ints[s], n);
    seg__put_u8(w, p->name.off != NULL);
    if (p->name.off)
        write_strs(w, p, &p->name, n);
    seg__put_u8(w, (uint8_t)p->ncriteria);
    for (size_t r = 0; r < p->ncriteria; r++) {
        write_name(w, &p->criteria[r]);
        write_ints(w, p->ratings[r], n);
    }
    seg__put_u8(w, (uint8_t)p->nattributes);
    for (size_t a = 0; a < p->nattributes; a++) {
        write_name(w, &p->attributes[a]);
        write_strs(w, p, &p->attr[a], n);
    }
}

static void write_state(seg_wbuf *w, const seg_dataset *ds)
{
    write_header(w, ds);
    seg__put_u32(w, (uint32_t)ds->ids.n);
    for (uint32_t i = 0; i < ds->ids.n; i++)
        write_customer(w, ds, i);
    seg__put_u32(w, (uint32_t)ds->ncells);
    for (uint32_t j = 0; j < ds->ncells; j++)
        write_cell(w, ds, j);
    write_profile(w, ds);
}

SEG_API seg_status seg_dataset_serialize(void *buf, size_t cap, size_t *needed, const seg_dataset *ds)
{
    if (!seg__live(ds, SEG_TAG_DATASET))
        return SEG_ERR_INVALID_ARGUMENT;
    seg__reset(ds->ctx);
    SEG_CHECK_ARG(ds->ctx, buf || cap == 0, "buf is NULL");
    seg_wbuf w = {NULL, 0};
    write_state(&w, ds);
    size_t total = w.pos + 8;
    if (needed)
        *needed = total;
    if (cap < total)
        return seg__error(ds->ctx, SEG_ERR_BUFFER_TOO_SMALL, "the state takes %zu bytes; the buffer has %zu",
                          total, cap);
    w.buf = buf;
    w.pos = 0;
    write_state(&w, ds);
    seg__put_u64(&w, seg__checksum(w.buf, w.pos));
    return SEG_OK;
}
