/* Option tables shared by parameters and dataset options: each key's name,
 * type, bounds and default, looked up by key or by name. */
#include "optspec.h"

#include <string.h>

int seg__optspec_find(const seg_optspec *table, int n, int key)
{
    for (int i = 0; i < n; i++)
        if (table[i].key == key)
            return i;
    return -1;
}

int seg__optspec_by_name(const seg_optspec *table, int n, const char *name, size_t len)
{
    for (int i = 0; i < n; i++)
        if (strlen(table[i].name) == len && memcmp(table[i].name, name, len) == 0)
            return i;
    return -1;
}
