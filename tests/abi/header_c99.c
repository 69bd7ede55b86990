/* The public header must compile as strict C99 (-std=c99 -pedantic -Werror)
 * and be self-contained; this file is built with exactly those flags. */
#include <libsegment/segment.h>

int main(void)
{
    seg_context *ctx = 0;
    int ok = seg_context_new(&ctx) == SEG_OK && SEG_VERSION_NUMBER == seg_version_number();
    seg_context_free(ctx);
    return ok ? 0 : 1;
}
