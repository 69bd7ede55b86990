/* White-box tests of the key table: integer and string keys, owners, growth
 * through rehashing, and the reserve-then-insert contract. */
#include "test_util.h"

#include "util/hash.h"
#include "util/keytab.h"

#include <stdio.h>

static void ints_and_strings_are_distinct(void **state)
{
    seg_context *ctx = *state;
    seg_keytab kt = {0};
    seg_key k5 = seg__key_int(0, 5), s5 = seg__key_str(0, "5", 1);
    assert_int_equal(seg__keytab_find(&kt, &k5), SEG_KEY_NONE);
    assert_int_equal(seg__keytab_reserve(ctx, &kt, &k5), SEG_OK);
    assert_int_equal(seg__keytab_insert(&kt, &k5), 0);
    assert_int_equal(seg__keytab_find(&kt, &s5), SEG_KEY_NONE);
    assert_int_equal(seg__keytab_reserve(ctx, &kt, &s5), SEG_OK);
    assert_int_equal(seg__keytab_insert(&kt, &s5), 1);
    assert_int_equal(seg__keytab_find(&kt, &k5), 0);
    assert_int_equal(seg__keytab_find(&kt, &s5), 1);
    assert_string_equal(seg__keytab_bytes(&kt, 1), "5");
    seg__keytab_free(ctx, &kt);
}

static void owner_scopes_keys(void **state)
{
    seg_context *ctx = *state;
    seg_keytab kt = {0};
    seg_key a = seg__key_str(1, "INV-1", 5), b = seg__key_str(2, "INV-1", 5);
    assert_int_equal(seg__keytab_reserve(ctx, &kt, &a), SEG_OK);
    seg__keytab_insert(&kt, &a);
    assert_int_equal(seg__keytab_find(&kt, &b), SEG_KEY_NONE);
    assert_int_equal(seg__keytab_find(&kt, &a), 0);
    seg__keytab_free(ctx, &kt);
}

static void embedded_nul_and_empty_keys(void **state)
{
    seg_context *ctx = *state;
    seg_keytab kt = {0};
    seg_key e = seg__key_str(0, "", 0), z = seg__key_str(0, "a\0b", 3), a = seg__key_str(0, "a", 1);
    const seg_key *keys[] = {&e, &z, &a};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(seg__keytab_reserve(ctx, &kt, keys[i]), SEG_OK);
        assert_int_equal(seg__keytab_insert(&kt, keys[i]), (uint32_t)i);
    }
    for (int i = 0; i < 3; i++)
        assert_int_equal(seg__keytab_find(&kt, keys[i]), (uint32_t)i);
    assert_memory_equal(seg__keytab_bytes(&kt, 1), "a\0b", 4);
    seg__keytab_free(ctx, &kt);
}

static void many_keys_survive_rehashing(void **state)
{
    seg_context *ctx = *state;
    seg_keytab kt = {0};
    enum { N = 200000 };
    char buf[32];
    for (int64_t i = 0; i < N; i++) {
        seg_key k = i % 2 ? seg__key_int(0, i * 7919) : seg__key_str(0, buf, (size_t)snprintf(buf, sizeof buf, "c%lld", (long long)i));
        assert_int_equal(seg__keytab_reserve(ctx, &kt, &k), SEG_OK);
        assert_int_equal(seg__keytab_insert(&kt, &k), (uint32_t)i);
    }
    for (int64_t i = 0; i < N; i++) {
        seg_key k = i % 2 ? seg__key_int(0, i * 7919) : seg__key_str(0, buf, (size_t)snprintf(buf, sizeof buf, "c%lld", (long long)i));
        assert_int_equal(seg__keytab_find(&kt, &k), (uint32_t)i);
    }
    seg_key missing = seg__key_int(0, -1);
    assert_int_equal(seg__keytab_find(&kt, &missing), SEG_KEY_NONE);
    assert_true(kt.nslots >= 2 * kt.n);
    assert_true(seg__keytab_memory(&kt) > 0);
    seg__keytab_free(ctx, &kt);
}

/* A repeated string reuses the hash of the key before it and says so;
 * anything else is hashed afresh. */
static void key_after_reuses_only_an_equal_string(void **state)
{
    (void)state;
    char a[] = "C0001", b[] = "C0001", c[] = "C0002";
    seg_key first = seg__key_str(0, a, 5), prev = first, i5 = seg__key_int(0, 5);
    int same = -1;
    prev.hash ^= 1; /* marks a reused hash */
    seg_key k = seg__key_str_after(&prev, 0, b, 5, &same);
    assert_true(same == 1 && k.hash == prev.hash && k.bytes == b && k.len == 5);
    const struct {
        const seg_key *prev;
        uint32_t owner;
        const char *bytes;
        size_t len;
    } fresh[] = {{&prev, 0, c, 5}, {&prev, 0, b, 4}, {&prev, 1, b, 5}, {&i5, 0, b, 5}, {NULL, 0, b, 5}};
    for (size_t i = 0; i < sizeof fresh / sizeof fresh[0]; i++) {
        k = seg__key_str_after(fresh[i].prev, fresh[i].owner, fresh[i].bytes, fresh[i].len, &same);
        assert_int_equal(same, 0);
        assert_true(k.hash == seg__key_str(fresh[i].owner, fresh[i].bytes, fresh[i].len).hash);
    }
}

/* seg__same_bytes agrees with memcmp at every length up to 40, with one
 * byte changed at every position (the word compares overlap in the middle). */
static void same_bytes_agrees_with_memcmp(void **state)
{
    (void)state;
    char a[48], b[48];
    for (size_t len = 0; len <= 40; len++) {
        for (size_t i = 0; i < len; i++)
            a[i] = b[i] = (char)('A' + i % 23);
        assert_true(seg__same_bytes(a, b, len));
        for (size_t at = 0; at < len; at++) {
            b[at] ^= 0x20;
            assert_false(seg__same_bytes(a, b, len));
            assert_false(seg__same_bytes(b, a, len));
            b[at] ^= 0x20;
        }
    }
}

/* The definition seg__hash_bytes computes with word reads: words mixed in
 * order, then the tail bytes as a little-endian number and the length. */
static uint64_t hash_by_bytes(const unsigned char *p, size_t len, uint64_t seed)
{
    uint64_t h = seed ^ (len * SEG_HASH_STEP);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w = 0;
        for (int b = 0; b < 8; b++)
            w |= (uint64_t)p[i + b] << (8 * b);
        h = seg__mix64(h ^ w) + SEG_HASH_STEP;
    }
    uint64_t tail = 0;
    for (size_t b = 0; i + b < len; b++)
        tail |= (uint64_t)p[i + b] << (8 * b);
    return seg__mix64(h ^ tail ^ ((uint64_t)len << 56));
}

/* The overlapping-word tail agrees with the byte definition at every length
 * up to 40 and every start within a word (bytes on both sides differ). */
static void hash_reads_tails_as_bytes(void **state)
{
    (void)state;
    unsigned char buf[64];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (unsigned char)(i * 37 + 11);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (size_t at = 0; at < 8; at++)
        for (size_t len = 0; len <= 40; len++)
            assert_true(seg__hash_bytes(buf + at, len, 7) == hash_by_bytes(buf + at, len, 7));
#endif
    assert_true(seg__hash_bytes("C00475900", 9, 1) != seg__hash_bytes("C00475901", 9, 1));
    assert_true(seg__hash_bytes("ab", 2, 1) != seg__hash_bytes("ba", 2, 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(ints_and_strings_are_distinct, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(owner_scopes_keys, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(embedded_nul_and_empty_keys, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(many_keys_survive_rehashing, ctx_setup, ctx_teardown),
        cmocka_unit_test(key_after_reuses_only_an_equal_string),
        cmocka_unit_test(same_bytes_agrees_with_memcmp),
        cmocka_unit_test(hash_reads_tails_as_bytes),
    };
    return cmocka_run_group_tests_name("keytab", tests, NULL, NULL);
}
