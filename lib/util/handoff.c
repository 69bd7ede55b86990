/* One helper thread that runs posted jobs in order. Each side spins briefly
 * before sleeping: jobs follow each other within microseconds. */
#define _POSIX_C_SOURCE 200809L
#include "handoff.h"

#include <pthread.h>
#include <stdatomic.h>

#define SPINS 2000 /* polls before sleeping, some tens of microseconds */

struct seg_handoff {
    atomic_size_t posted, done; /* runs posted by the caller, runs finished by the helper */
    atomic_int quit;
    void (*fn)(void *arg);
    void *arg;
    pthread_mutex_t m;
    pthread_cond_t changed; /* a counter or quit changed; waiters re-check under m */
    pthread_t thread;
};

static void relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

static int ready(atomic_size_t *counter, size_t n, const atomic_int *quit)
{
    return atomic_load_explicit(counter, memory_order_acquire) >= n ||
           (quit && atomic_load_explicit(quit, memory_order_acquire));
}

/* Return once *counter >= n (acquire), or, when `quit` is given, once it is set. */
static void await_count(seg_handoff *h, atomic_size_t *counter, size_t n, const atomic_int *quit)
{
    for (int i = 0; i < SPINS; i++) {
        if (ready(counter, n, quit))
            return;
        relax();
    }
    pthread_mutex_lock(&h->m);
    while (!ready(counter, n, quit))
        pthread_cond_wait(&h->changed, &h->m);
    pthread_mutex_unlock(&h->m);
}

/* Add one to *counter (release) and wake the other side. */
static void bump(seg_handoff *h, atomic_size_t *counter)
{
    pthread_mutex_lock(&h->m);
    atomic_fetch_add_explicit(counter, 1, memory_order_release);
    pthread_cond_broadcast(&h->changed);
    pthread_mutex_unlock(&h->m);
}

static void *helper(void *h_)
{
    seg_handoff *h = h_;
    for (size_t next = 0;; next++) {
        await_count(h, &h->posted, next + 1, &h->quit);
        if (atomic_load_explicit(&h->posted, memory_order_acquire) <= next)
            return NULL; /* quit, with every run done */
        h->fn(h->arg);
        bump(h, &h->done);
    }
}

size_t seg__handoff_size(void)
{
    return sizeof(seg_handoff);
}

int seg__handoff_start(seg_handoff *h, void (*fn)(void *arg), void *arg)
{
    atomic_init(&h->posted, 0);
    atomic_init(&h->done, 0);
    atomic_init(&h->quit, 0);
    h->fn = fn;
    h->arg = arg;
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

void seg__handoff_post(seg_handoff *h)
{
    bump(h, &h->posted);
}

void seg__handoff_wait(seg_handoff *h, size_t n)
{
    await_count(h, &h->done, n, NULL);
}

void seg__handoff_stop(seg_handoff *h)
{
    seg__handoff_wait(h, atomic_load_explicit(&h->posted, memory_order_relaxed));
    pthread_mutex_lock(&h->m);
    atomic_store_explicit(&h->quit, 1, memory_order_release);
    pthread_cond_broadcast(&h->changed);
    pthread_mutex_unlock(&h->m);
    pthread_join(h->thread, NULL);
    pthread_cond_destroy(&h->changed);
    pthread_mutex_destroy(&h->m);
}
