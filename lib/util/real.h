/* Real numbers as text independent of the C locale: printf's %f/%g, with
 * whatever decimal mark LC_NUMERIC gives replaced by '.'. */
#ifndef SEG_REAL_H
#define SEG_REAL_H

typedef struct seg_real_text {
    char s[48];
} seg_real_text;

/* `v` as printf "%.<precision><conv>" would write it ('f' or 'g'), with '.'. */
seg_real_text seg__real(double v, char conv, int precision);

#endif
