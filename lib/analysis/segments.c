/* RFM segment rules: the built-in table (written for 5 bins, covering all 125
 * cells) and the first-match lookup, which rescales scores for that table. */
#include "../params.h"

#include <string.h>

void seg__rules_default(seg_rules *t)
{
    static const struct {
        const char *name;
        uint8_t lo[3], hi[3];
    } table[] = {
        {"Champions", {4, 4, 4}, {5, 5, 5}},
        {"Loyal", {3, 3, 1}, {5, 5, 5}},
        {"Can't lose them", {1, 4, 4}, {2, 5, 5}},
        {"At risk", {1, 3, 1}, {2, 5, 5}},
        {"New", {5, 1, 1}, {5, 1, 5}},
        {"Promising", {4, 1, 1}, {4, 1, 5}},
        {"Potential loyalist", {4, 2, 1}, {5, 2, 5}},
        {"Need attention", {3, 1, 3}, {3, 2, 5}},
        {"About to sleep", {3, 1, 1}, {3, 2, 2}},
        {"Hibernating", {2, 1, 1}, {2, 2, 5}},
        {"Lost", {1, 1, 1}, {1, 2, 5}},
    };
    memset(t, 0, sizeof *t);
    t->is_default = 1;
    t->n = sizeof table / sizeof *table;
    for (size_t i = 0; i < t->n; i++) {
        seg_rule *r = &t->rule[i];
        r->name.name_len = strlen(table[i].name);
        memcpy(r->name.name, table[i].name, r->name.name_len);
        memcpy(r->lo, table[i].lo, 3);
        memcpy(r->hi, table[i].hi, 3);
    }
}

/* Score s of k bins read on the 5-bin scale: round(1 + 4 (s − 1) / (k − 1)). */
static int to_five(int s, int k)
{
    return 1 + (8 * (s - 1) + (k - 1)) / (2 * (k - 1));
}

int seg__rules_find(const seg_rules *t, const int *bins, int r, int f, int m)
{
    int s[3] = {r, f, m};
    if (t->is_default)
        for (int a = 0; a < 3; a++)
            s[a] = to_five(s[a], bins[a]);
    for (size_t i = 0; i < t->n; i++) {
        const seg_rule *rule = &t->rule[i];
        if (s[0] >= rule->lo[0] && s[0] <= rule->hi[0] && s[1] >= rule->lo[1] && s[1] <= rule->hi[1] &&
            s[2] >= rule->lo[2] && s[2] <= rule->hi[2])
            return (int)i;
    }
    return -1;
}
