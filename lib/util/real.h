/* Real numbers as text independent of the C locale: printf's %f/%g, with
 * whatever decimal mark LC_NUMERIC gives replaced by '.'. */
#ifndef SEG_REAL_H
#define SEG_REAL_H

#include <stddef.h>

typedef struct seg_real_text {
    char s[48];
} seg_real_text;

#define SEG_REAL_G_MAX 32 /* bytes seg__real_g may write */

/* `v` as printf "%.<precision><conv>" would write it ('f' or 'g'), with '.'. */
seg_real_text seg__real(double v, char conv, int precision);

/* `v` as printf "%.<precision>g" would write it (precision 1-17), with '.',
 * at buf (SEG_REAL_G_MAX bytes, no NUL); returns the length. The same bytes
 * as seg__real, without printf for normal numbers from 1e-18 up to the
 * precision's fixed range; everything else goes through seg__real. */
size_t seg__real_g(char *buf, double v, int precision);

#endif
