/* Order statistics by radix selection: the keys a sort would put at a few
 * positions, found without sorting the rest. */
#ifndef SEG_SELECT_H
#define SEG_SELECT_H

#include "../ctx.h"

/* The keys that ascending order puts at positions pos[0 .. npos) (ascending,
 * each < n) into out[0 .. npos). keys[0 .. n) serve as scratch: afterwards
 * they hold no particular content. More scratch comes from ctx. */
seg_status seg__select_keys(seg_context *ctx, uint64_t *keys, size_t n, const size_t *pos, size_t npos,
                            uint64_t *out);

#endif
