/* Real numbers as text independent of the C locale: printf's %f/%g, with
 * whatever decimal mark LC_NUMERIC gives replaced by '.'. */
#include "real.h"

#include "exact.h"

#include "digits.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The bytes printf writes for a double besides its decimal mark. */
static int plain(char ch)
{
    return (ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == 'e' || ch == 'E' ||
           (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

seg_real_text seg__real(double v, char conv, int precision)
{
    char raw[sizeof(seg_real_text)];
    seg_real_text out;
    size_t o = 0;
    int dot = 0;
    if (conv == 'f')
        snprintf(raw, sizeof raw, "%.*f", precision, v);
    else
        snprintf(raw, sizeof raw, "%.*g", precision, v);
    for (const char *p = raw; *p && o + 1 < sizeof out.s; p++) {
        if (plain(*p))
            out.s[o++] = *p;
        else if (!dot++)
            out.s[o++] = '.'; /* the locale's mark, however many bytes it has */
    }
    out.s[o] = '\0';
    return out;
}

/* ---- %g without printf: v = m · 2^q, scaled by 10^k exactly as m · 5^k ·
 * 2^(q+k) in two 64-bit words, then cut to `precision` digits ---- */

/* n >> s (1 ≤ s ≤ 127), known to fit in 64 bits. */
static uint64_t shift_down(seg_u128 n, int s)
{
    if (s >= 64)
        return n.hi >> (s - 64);
    return (n.lo >> s) | (n.hi << (64 - s));
}

/* 1 if bit i (0-127) of n is set. */
static int bit_at(seg_u128 n, int i)
{
    return (int)((i >= 64 ? n.hi >> (i - 64) : n.lo >> i) & 1);
}

/* 1 if any bit of n below bit i (0-127) is set. */
static int bits_below(seg_u128 n, int i)
{
    if (i >= 64)
        return n.lo != 0 || (i > 64 && (n.hi << (128 - i)) != 0);
    return i > 0 && (n.lo << (64 - i)) != 0;
}

static const uint64_t pow10_table[20] = {
    1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u,
    10000000000u, 100000000000u, 1000000000000u, 10000000000000u, 100000000000000u,
    1000000000000000u, 10000000000000000u, 100000000000000000u, 1000000000000000000u,
    10000000000000000000u};

static const uint64_t pow5_table[28] = {
    1u, 5u, 25u, 125u, 625u, 3125u, 15625u, 78125u, 390625u, 1953125u, 9765625u, 48828125u,
    244140625u, 1220703125u, 6103515625u, 30517578125u, 152587890625u, 762939453125u,
    3814697265625u, 19073486328125u, 95367431640625u, 476837158203125u, 2384185791015625u,
    11920928955078125u, 59604644775390625u, 298023223876953125u, 1490116119384765625u,
    7450580596923828125u};

/* floor(m · 2^q · 10^k) in *whole, and 1 in *up when rounding to nearest
 * (ties to even) adds one; 0 when k or the shift is out of range. */
static int scaled(uint64_t *whole, int *up, uint64_t m, int q, int k)
{
    int s = -(q + k);
    if (k < 0 || k > 27 || s < 1 || s > 127)
        return 0;
    seg_u128 n = seg__mul64(m, pow5_table[k]);
    *whole = shift_down(n, s);
    *up = bit_at(n, s - 1) && (bits_below(n, s - 1) || (*whole & 1));
    return 1;
}

/* 10^(i − 19) for i = 0 … 38, to place a double between powers of ten. */
static const double pow10_double[39] = {1e-19, 1e-18, 1e-17, 1e-16, 1e-15, 1e-14, 1e-13, 1e-12, 1e-11, 1e-10,
                                        1e-9,  1e-8,  1e-7,  1e-6,  1e-5,  1e-4,  1e-3,  1e-2,  1e-1,  1e0,
                                        1e1,   1e2,   1e3,   1e4,   1e5,   1e6,   1e7,   1e8,   1e9,   1e10,
                                        1e11,  1e12,  1e13,  1e14,  1e15,  1e16,  1e17,  1e18,  1e19};

/* floor(e2 · log10 2) for |e2| < 1100: the decimal exponent or one less. */
static int exp10_estimate(int e2)
{
    return e2 >= 0 ? (e2 * 78913) >> 18 : -((-e2 * 78913 + (1 << 18) - 1) >> 18);
}

/* The `precision` significant digits of |v| (normal, nonzero) as an integer,
 * and the decimal exponent of the first one; 0 when out of the fast range.
 * A wrong exponent shows as too many or too few digits before rounding, and
 * is corrected. */
static int significand(uint64_t *digits, int *exp10, uint64_t bits, double magnitude, int precision)
{
    int e2 = (int)((bits >> 52) & 0x7FF) - 1023;
    uint64_t m = (bits & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52);
    int e10 = exp10_estimate(e2);
    if (e10 >= -19 && e10 < 19 && magnitude >= pow10_double[e10 + 20])
        e10++; /* saves a second scaling; a wrong guess is still corrected */
    for (int tries = 0; tries < 3; tries++) {
        uint64_t d;
        int up;
        if (!scaled(&d, &up, m, e2 - 52, precision - 1 - e10))
            return 0;
        if (d >= pow10_table[precision] || d < pow10_table[precision - 1]) {
            e10 += d >= pow10_table[precision] ? 1 : -1; /* the digits before rounding decide */
            continue;
        }
        d += (uint64_t)up;
        if (d == pow10_table[precision]) { /* rounds up to the next power of ten */
            d /= 10;
            e10++;
        }
        *digits = d;
        *exp10 = e10;
        return 1;
    }
    return 0;
}

/* d without its trailing zeros, of which at most `most` are dropped; returns
 * how many were. */
static int strip_zeros(uint64_t *d, int most)
{
    int n = 0;
    while (n < most && *d % 10 == 0) {
        *d /= 10;
        n++;
    }
    return n;
}

/* %e style: d.ddd followed by e±XX, trailing zeros dropped. */
static size_t put_exponent_form(char *buf, uint64_t d, int precision, int e10)
{
    size_t n = (size_t)(precision - strip_zeros(&d, precision - 1));
    seg__digits_fixed(buf + 1, d, n);
    buf[0] = buf[1];
    buf[1] = '.';
    n += n > 1; /* the bare '.' of a single digit is overwritten */
    buf[n++] = 'e';
    buf[n++] = e10 < 0 ? '-' : '+';
    int a = e10 < 0 ? -e10 : e10;
    if (a >= 100)
        buf[n++] = (char)('0' + a / 100);
    buf[n++] = (char)('0' + a / 10 % 10);
    buf[n++] = (char)('0' + a % 10);
    return n;
}

/* %f style with precision − 1 − e10 decimals (−4 ≤ e10 < precision),
 * trailing zeros and a bare '.' dropped. */
static size_t put_fixed_form(char *buf, uint64_t d, int precision, int e10)
{
    int decimals = precision - 1 - e10, zeros = strip_zeros(&d, decimals);
    decimals -= zeros;
    if (e10 < 0) { /* 0.000ddd */
        size_t lead = (size_t)(1 - e10), n = (size_t)(precision - zeros);
        memcpy(buf, "0.0000", lead);
        seg__digits_fixed(buf + lead, d, n);
        return lead + n;
    }
    uint64_t unit = pow10_table[decimals];
    size_t n = (size_t)e10 + 1;
    seg__digits_fixed(buf, d / unit, n);
    if (decimals == 0)
        return n;
    buf[n++] = '.';
    seg__digits_fixed(buf + n, d % unit, (size_t)decimals);
    return n + (size_t)decimals;
}

/* Through printf, for zero, subnormals, non-finite and out-of-range values. */
static size_t slow_g(char *buf, double v, int precision)
{
    seg_real_text t = seg__real(v, 'g', precision);
    size_t n = strlen(t.s);
    n = n < SEG_REAL_G_MAX ? n : SEG_REAL_G_MAX;
    memcpy(buf, t.s, n);
    return n;
}

size_t seg__real_g(char *buf, double v, int precision)
{
    uint64_t bits, d;
    int e10;
    memcpy(&bits, &v, sizeof bits);
    int exp_bits = (int)((bits >> 52) & 0x7FF);
    if ((bits << 1) == 0) { /* zero, "-0" when negative */
        buf[0] = '-';
        buf[bits >> 63] = '0';
        return 1 + (bits >> 63);
    }
    if (precision < 1 || precision > 17 || exp_bits == 0 || exp_bits == 0x7FF ||
        !significand(&d, &e10, bits, fabs(v), precision))
        return slow_g(buf, v, precision);
    size_t n = bits >> 63;
    buf[0] = '-';
    if (e10 < -4 || e10 >= precision)
        return n + put_exponent_form(buf + n, d, precision, e10);
    return n + put_fixed_form(buf + n, d, precision, e10);
}
