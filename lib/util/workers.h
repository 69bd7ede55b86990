/* Worker threads for independent pieces of one call: run n tasks on up to
 * `threads` threads (the caller's included), and a mutex for shared state. */
#ifndef SEG_WORKERS_H
#define SEG_WORKERS_H

#include <stddef.h>

typedef struct seg_mutex seg_mutex;

/* Run fn(arg, i) for every i in [0, n), on up to `threads` threads. If no
 * thread can be started, the caller runs every task itself. */
void seg__parallel(size_t n, unsigned threads, void (*fn)(void *arg, size_t i), void *arg);

/* A mutex in caller-provided storage of seg__mutex_size() bytes. */
size_t seg__mutex_size(void);
int seg__mutex_init(seg_mutex *m);
void seg__mutex_destroy(seg_mutex *m);
void seg__mutex_lock(seg_mutex *m);
void seg__mutex_unlock(seg_mutex *m);

#endif
