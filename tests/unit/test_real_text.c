/* White-box test of %g without printf: seg__real_g against snprintf "%.*g"
 * over millions of random and edge-case doubles at every precision 1-17. */
#include "test_util.h"

#include "util/real.h"

#include <float.h>
#include <math.h>
#include <stdio.h>

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t next_u64(void) /* splitmix64: deterministic */
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static double from_bits(uint64_t bits)
{
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

static long checked;

/* seg__real_g(v, p) equals printf's "%.*g"; reports the first difference. */
static void check(double v, int p)
{
    char want[64], got[SEG_REAL_G_MAX + 1];
    snprintf(want, sizeof want, "%.*g", p, v);
    size_t n = seg__real_g(got, v, p);
    got[n] = '\0';
    if (strcmp(want, got) != 0) {
        uint64_t bits;
        memcpy(&bits, &v, sizeof bits);
        print_error("%%.%dg of %a (bits %016llx): printf \"%s\", seg__real_g \"%s\"\n", p, v,
                    (unsigned long long)bits, want, got);
        fail();
    }
    checked++;
}

static void check_all_precisions(double v)
{
    for (int p = 1; p <= 17; p++)
        check(v, p);
}

/* v and its neighbours one and two ulps away on each side. */
static void check_around(double v, int p)
{
    double lo = v, hi = v;
    check(v, p);
    for (int i = 0; i < 2; i++) {
        lo = nextafter(lo, -INFINITY);
        hi = nextafter(hi, INFINITY);
        check(lo, p);
        check(hi, p);
    }
}

static void edge_cases(void **state)
{
    (void)state;
    const double edges[] = {0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1.0 / 3, 2.0 / 3, DBL_MIN, -DBL_MIN, DBL_MAX,
                            -DBL_MAX, DBL_TRUE_MIN, -DBL_TRUE_MIN, DBL_MIN - DBL_TRUE_MIN, DBL_EPSILON,
                            INFINITY, -INFINITY, NAN, -NAN, 1e-18, 1e-19, 9.9999999995e-19, 1e-5, 1e-4,
                            9.99999999995e-5, 0.000099999999995, 9999999999.5, 9999999999.4, 1e10, 1e17,
                            123456789.0, 0.9999999999, 0.99999999995, 0.999999999949999, 4503599627370496.5,
                            9007199254740993.0, 1e22, 1e23};
    for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
        check_all_precisions(edges[i]);
        if (isfinite(edges[i]))
            for (int p = 1; p <= 17; p++)
                check_around(edges[i], p);
    }
    for (int e = -330; e <= 310; e++) { /* powers of ten and two, and their neighbours */
        for (int p = 1; p <= 17; p++) {
            check_around(pow(10, e), p);
            check_around(-ldexp(1, e * 3 + 1), p);
        }
    }
}

/* Random bit patterns (every exponent, subnormals, NaN payloads) and random
 * doubles in the range the fast path covers. */
static void random_doubles(void **state)
{
    (void)state;
    for (long i = 0; i < 1000000; i++)
        check(from_bits(next_u64()), 1 + (int)(i % 17));
    for (long i = 0; i < 2000000; i++) {
        uint64_t r = next_u64();
        int e2 = -75 + (int)(r % 120); /* about 2^-75 to 2^44 */
        double v = ldexp((double)(r >> 11) / 9007199254740992.0 + 0.5, e2);
        check(r & 1024 ? -v : v, i & 1 ? 10 : 1 + (int)(i / 2 % 17));
    }
}

/* What the writer prints at %.10g: shares in [0, 1] and small ratios. */
static void shares_and_ratios(void **state)
{
    (void)state;
    for (long i = 0; i < 1000000; i++) {
        uint64_t a = next_u64() % 1000000 + 1, b = next_u64() % 1000000 + 1;
        check((double)(a < b ? a : b) / (double)(a < b ? b : a), 10);
        check((double)a / 1e6 * (double)(next_u64() % 100), 10);
        check((double)(next_u64() >> 11) / 9007199254740992.0, 10);
    }
}

/* Values nearest to a tie between two `p`-digit outputs: a random p-digit
 * number with a 5 appended, at random decimal exponents, and its neighbours. */
static void rounding_boundaries(void **state)
{
    (void)state;
    for (long i = 0; i < 200000; i++) {
        int p = 1 + (int)(i % 17), e = -25 + (int)(next_u64() % 45);
        char text[64];
        uint64_t d = next_u64() % 100000000000000000u;
        snprintf(text, sizeof text, "%llu5e%d", (unsigned long long)(d % (uint64_t)pow(10, p)), e);
        check_around(strtod(text, NULL), p);
        check_around(strtod(text, NULL), 10);
    }
}

/* Exact binary ties: odd multiples of 2^-j end in a 5 in decimal, so some
 * precision cuts them exactly halfway; printf rounds those to even. */
static void exact_ties(void **state)
{
    (void)state;
    for (long i = 0; i < 60000; i++) {
        uint64_t n = 2 * (next_u64() % 1048576) + 1;
        int j = 1 + (int)(next_u64() % 40);
        check_all_precisions(ldexp((double)n, -j));
        check_all_precisions(ldexp((double)n, (int)(next_u64() % 20)));
    }
    print_message("[ real     ] %ld values compared with printf\n", checked);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(edge_cases),       cmocka_unit_test(random_doubles),
        cmocka_unit_test(shares_and_ratios), cmocka_unit_test(rounding_boundaries),
        cmocka_unit_test(exact_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
