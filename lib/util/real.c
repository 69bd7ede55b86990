/* Real numbers as text independent of the C locale: printf's %f/%g, with
 * whatever decimal mark LC_NUMERIC gives replaced by '.'. */
#include "real.h"

#include <stdio.h>

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
