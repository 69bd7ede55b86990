/* Worker threads for independent pieces of one call: run n tasks on up to
 * `threads` threads (the caller's included), and a mutex for shared state. */
#define _POSIX_C_SOURCE 200809L
#include "workers.h"

#include <pthread.h>

#define MAX_WORKERS 64

struct seg_mutex {
    pthread_mutex_t m;
};

typedef struct pool {
    pthread_mutex_t lock;
    size_t next, n;
    void (*fn)(void *arg, size_t i);
    void *arg;
} pool;

static void *work(void *p_)
{
    pool *p = p_;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t i = p->next < p->n ? p->next++ : p->n;
        pthread_mutex_unlock(&p->lock);
        if (i == p->n)
            return NULL;
        p->fn(p->arg, i);
    }
}

void seg__parallel(size_t n, unsigned threads, void (*fn)(void *arg, size_t i), void *arg)
{
    pthread_t tid[MAX_WORKERS];
    size_t started = 0, want = threads < n ? threads : n;
    pool p = {PTHREAD_MUTEX_INITIALIZER, 0, n, fn, arg};
    want = want > MAX_WORKERS ? MAX_WORKERS : want;
    while (started + 1 < want && pthread_create(&tid[started], NULL, work, &p) == 0)
        started++;
    work(&p);
    for (size_t i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    pthread_mutex_destroy(&p.lock);
}

size_t seg__mutex_size(void)
{
    return sizeof(seg_mutex);
}

int seg__mutex_init(seg_mutex *m)
{
    return pthread_mutex_init(&m->m, NULL);
}

void seg__mutex_destroy(seg_mutex *m)
{
    pthread_mutex_destroy(&m->m);
}

void seg__mutex_lock(seg_mutex *m)
{
    pthread_mutex_lock(&m->m);
}

void seg__mutex_unlock(seg_mutex *m)
{
    pthread_mutex_unlock(&m->m);
}
