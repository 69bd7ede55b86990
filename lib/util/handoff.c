/* One helper thread that runs the caller's jobs one at a time. Each side
 * spins briefly before sleeping: jobs follow each other within microseconds. */
#define _POSIX_C_SOURCE 200809L
#include "handoff.h"

#include <pthread.h>
#include <stdatomic.h>

#define SPINS 2000 /* polls before sleeping, some tens of microseconds */

enum { IDLE, JOB, QUIT };

struct seg_handoff {
    atomic_int state; /* IDLE, JOB (handed over, not done) or QUIT */
    void (*fn)(void *arg);
    void *arg;
    pthread_mutex_t m;
    pthread_cond_t changed; /* state changed; waiters re-check under m */
    pthread_t thread;
};

static void relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/* Return once state != `from` (acquire). */
static int await_change(seg_handoff *h, int from)
{
    int s;
    for (int i = 0; i < SPINS; i++) {
        if ((s = atomic_load_explicit(&h->state, memory_order_acquire)) != from)
            return s;
        relax();
    }
    pthread_mutex_lock(&h->m);
    while ((s = atomic_load_explicit(&h->state, memory_order_acquire)) == from)
        pthread_cond_wait(&h->changed, &h->m);
    pthread_mutex_unlock(&h->m);
    return s;
}

static void set_state(seg_handoff *h, int s)
{
    pthread_mutex_lock(&h->m);
    atomic_store_explicit(&h->state, s, memory_order_release);
    pthread_cond_broadcast(&h->changed);
    pthread_mutex_unlock(&h->m);
}

static void *helper(void *h_)
{
    seg_handoff *h = h_;
    while (await_change(h, IDLE) == JOB) {
        h->fn(h->arg);
        set_state(h, IDLE);
    }
    return NULL;
}

size_t seg__handoff_size(void)
{
    return sizeof(seg_handoff);
}

int seg__handoff_start(seg_handoff *h)
{
    atomic_init(&h->state, IDLE);
    if (pthread_mutex_init(&h->m, NULL) != 0)
        return -1;
    if (pthread_cond_init(&h->changed, NULL) == 0) {
        if (pthread_create(&h->thread, NULL, helper, h) == 0)
            return 0;
        pthread_cond_destroy(&h->changed);
    }
    pthread_mutex_destroy(&h->m);
    return -1;
}

void seg__handoff_run(seg_handoff *h, void (*fn)(void *arg), void *arg)
{
    h->fn = fn;
    h->arg = arg;
    set_state(h, JOB);
}

void seg__handoff_wait(seg_handoff *h)
{
    if (atomic_load_explicit(&h->state, memory_order_acquire) == JOB)
        await_change(h, JOB);
}

void seg__handoff_stop(seg_handoff *h)
{
    seg__handoff_wait(h);
    set_state(h, QUIT);
    pthread_join(h->thread, NULL);
    pthread_cond_destroy(&h->changed);
    pthread_mutex_destroy(&h->m);
}
