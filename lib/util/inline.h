/* Forced inlining, for helpers on the hottest paths and for prefetch helpers:
 * GCC can judge a small function whose only effect is a prefetch pure and drop its calls. */
#ifndef SEG_INLINE_H
#define SEG_INLINE_H

#if defined(__GNUC__)
#define SEG_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define SEG_ALWAYS_INLINE inline
#endif

#endif
