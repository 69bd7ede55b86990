/* Memory placement for arrays read at random: blocks aligned to cache lines,
 * and huge pages asked for on large blocks (Linux), so lookups miss less. */
#define _DEFAULT_SOURCE
#include "pages.h"

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

void seg__advise_huge(void *p, size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const uintptr_t huge = SEG_HUGE_PAGE;
    uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1);
    uintptr_t to = ((uintptr_t)p + bytes) & ~(huge - 1);
    if (to <= from)
        return;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    from = (uintptr_t)p & ~(page - 1);
    to = ((uintptr_t)p + bytes + page - 1) & ~(page - 1);
    (void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)p, (void)bytes;
#endif
}
