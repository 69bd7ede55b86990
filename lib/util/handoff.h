/* One helper thread that runs the caller's jobs one at a time: hand a job
 * over, go on with other work, then wait for it (a two-stage pipeline). */
#ifndef SEG_HANDOFF_H
#define SEG_HANDOFF_H

#include <stddef.h>

typedef struct seg_handoff seg_handoff;

/* Bytes of caller-provided storage a seg_handoff needs. */
size_t seg__handoff_size(void);

/* Start the helper thread in `h`; 0 on success, else nothing was started. */
int seg__handoff_start(seg_handoff *h);

/* Run fn(arg) on the helper. The job handed over before must have been
 * waited for; everything the caller wrote before is visible to the job. */
void seg__handoff_run(seg_handoff *h, void (*fn)(void *arg), void *arg);

/* Return once the job handed over last is done (at once when there is none);
 * everything the job wrote is then visible to the caller. */
void seg__handoff_wait(seg_handoff *h);

/* Wait for the last job, stop the thread and release what start took. */
void seg__handoff_stop(seg_handoff *h);

#endif
