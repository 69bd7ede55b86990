/* One helper thread that runs one job function as often as it is posted, in
 * order: post jobs, go on with other work, wait until enough are done. */
#ifndef SEG_HANDOFF_H
#define SEG_HANDOFF_H

#include <stddef.h>

typedef struct seg_handoff seg_handoff;

/* Bytes of caller-provided storage a seg_handoff needs. */
size_t seg__handoff_size(void);

/* Start the helper thread in `h`, to run fn(arg) once per post; 0 on
 * success, else nothing was started. */
int seg__handoff_start(seg_handoff *h, void (*fn)(void *arg), void *arg);

/* Post one more run; everything the caller wrote before is visible to it.
 * Runs are numbered from 0 in the order they are posted. */
void seg__handoff_post(seg_handoff *h);

/* Return once the first `n` runs are done (at once when they are);
 * everything they wrote is then visible to the caller. */
void seg__handoff_wait(seg_handoff *h, size_t n);

/* Wait for every run posted, stop the thread and release what start took. */
void seg__handoff_stop(seg_handoff *h);

#endif
