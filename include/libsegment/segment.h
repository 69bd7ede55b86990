/* libsegment public API: customer segmentation (ABC/XYZ, RFM, Pareto, lifecycle,
 * renew) over B2B customer records, with exact money and a stable C ABI. */
#ifndef LIBSEGMENT_SEGMENT_H
#define LIBSEGMENT_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

#include <libsegment/version.h>

/**
 * @file segment.h
 * @brief The whole public API of libsegment.
 *
 * Conventions, stated once for every function below:
 * - Every fallible function returns a ::seg_status; ::SEG_OK is 0.
 * - Out-parameters come first. On failure they are left unchanged unless
 *   the function says otherwise.
 * - Every constructor `seg_X_new` has exactly one destructor `seg_X_free`,
 *   which accepts NULL and does nothing then.
 * - Objects are created from a ::seg_context and report their errors into
 *   it; read the detail with seg_context_errmsg(). The context must outlive
 *   every object made from it.
 * - Passing NULL where a handle or an out-parameter is required returns
 *   ::SEG_ERR_INVALID_ARGUMENT; the library never crashes on NULL, never
 *   prints, never aborts and never exits.
 * - Strings in are (pointer, byte length) pairs and need not be
 *   NUL-terminated; strings out are borrowed and NUL-terminated.
 */

/**
 * @def SEG_API
 * Marks a function as part of the exported API. With GCC and Clang it gives
 * default visibility (the library is built with hidden visibility, and the
 * linker version script lib/libsegment.map names every exported symbol); on
 * Windows it is dllexport while building the library and dllimport otherwise
 * (define SEG_STATIC to link the static library).
 * @since 0.1.0
 */
#if defined(_WIN32) && !defined(SEG_STATIC)
#  ifdef SEG_BUILDING_LIBRARY
#    define SEG_API __declspec(dllexport)
#  else
#    define SEG_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define SEG_API __attribute__((visibility("default")))
#else
#  define SEG_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/** @defgroup status Status codes and errors
 *  @{ */

/**
 * Result of every fallible call. Values are fixed forever and never reused.
 * @since 0.1.0
 */
typedef enum seg_status {
    SEG_OK = 0,                      /**< Success. */
    SEG_ERR_INVALID_ARGUMENT = -1,   /**< A NULL handle, a wrong field type, or a value the call cannot take. */
    SEG_ERR_OUT_OF_MEMORY = -2,      /**< An allocation failed; the objects involved are unchanged. */
    SEG_ERR_UNSUPPORTED = -3,        /**< Unknown option key or field: this library is older than the caller. */
    SEG_ERR_RANGE = -4,              /**< A value is outside the documented bounds. */
    SEG_ERR_PARSE = -5,              /**< Text could not be read as the expected type (see line/column). */
    SEG_ERR_INEXACT = -6,            /**< A decimal has more digits than the scale; money is never rounded. */
    SEG_ERR_OVERFLOW = -7,           /**< An exact sum or count would exceed its integer type. */
    SEG_ERR_STATE = -8,              /**< The call is not allowed in the object's current state. */
    SEG_ERR_NOT_FOUND = -9,          /**< No such customer. */
    SEG_ERR_BUFFER_TOO_SMALL = -10,  /**< The caller's buffer is too small; the needed size is reported. */
    SEG_ERR_IO = -11,                /**< Reading or writing a file or stream failed. */
    SEG_ERR_CANCELLED = -12,         /**< A progress callback asked to stop. */
    SEG_ERR_CORRUPT = -13            /**< A serialised state is truncated, damaged or of an unknown format version. @since 0.3.0 */
} seg_status;

/**
 * Static English description of a status code.
 * @param[in] status Any value; unknown values get a generic text.
 * @return A NUL-terminated string with static storage; never NULL.
 * @since 0.1.0
 */
SEG_API const char *seg_strerror(seg_status status);

/** @} */

/* ------------------------------------------------------------------------ */
/** @defgroup version Library version
 *  Run-time version, to compare with the compile-time SEG_VERSION_* macros.
 *  @{ */

/** Major version of the loaded library. @return e.g. 0 for 0.1.0. @since 0.1.0 */
SEG_API int seg_version_major(void);
/** Minor version of the loaded library. @return e.g. 1 for 0.1.0. @since 0.1.0 */
SEG_API int seg_version_minor(void);
/** Patch version of the loaded library. @return e.g. 0 for 0.1.0. @since 0.1.0 */
SEG_API int seg_version_patch(void);
/** Version as one number, major × 10000 + minor × 100 + patch. @return e.g. 100 for 0.1.0. @since 0.1.0 */
SEG_API int seg_version_number(void);
/** Version as text. @return A static string such as "0.1.0"; never NULL. @since 0.1.0 */
SEG_API const char *seg_version_string(void);

/** @} */

/* ------------------------------------------------------------------------ */
/** @defgroup context Context: allocator, log and last error
 *  @{ */

/**
 * @struct seg_context
 * Owns the allocator, the log callback and the last error message.
 * A context and the objects made from it must be used by one thread at a
 * time; use one context per thread for parallel work. The context must be
 * freed after every object made from it.
 * @since 0.1.0
 */
typedef struct seg_context seg_context;

/**
 * Allocation hook, called like malloc().
 * @param[in] size Bytes wanted; the library never asks for 0.
 * @param[in] user_data The pointer given to seg_context_new_with_allocator().
 * @return The new block, owned by the library until it passes it to the
 *         matching ::seg_free_fn; NULL on failure.
 * @since 0.1.0
 */
typedef void *(*seg_malloc_fn)(size_t size, void *user_data);
/**
 * Reallocation hook, called like realloc().
 * @param[in] ptr A block from the same context's hooks; never NULL.
 * @param[in] size New size in bytes; the library never asks for 0.
 * @param[in] user_data The pointer given to seg_context_new_with_allocator().
 * @return The resized block; NULL on failure, leaving @p ptr valid and unchanged.
 * @since 0.1.0
 */
typedef void *(*seg_realloc_fn)(void *ptr, size_t size, void *user_data);
/**
 * Release hook, called like free().
 * @param[in] ptr A block from the matching malloc or realloc hook; may be NULL.
 * @param[in] user_data The pointer given to seg_context_new_with_allocator().
 * @since 0.1.0
 */
typedef void (*seg_free_fn)(void *ptr, void *user_data);

/** Severity of a log message. @since 0.1.0 */
typedef enum seg_log_level {
    SEG_LOG_ERROR = 1,   /**< A call failed; the same text as seg_context_errmsg(). */
    SEG_LOG_WARNING = 2, /**< Something suspicious that did not fail the call. */
    SEG_LOG_INFO = 3,    /**< Progress of long operations. */
    SEG_LOG_DEBUG = 4    /**< Internal detail (growth, timings). */
} seg_log_level;

/**
 * Receives log messages. It is called synchronously, from inside the
 * library call that logs, on the thread that made that call.
 * @param[in] level Severity.
 * @param[in] message NUL-terminated text, never NULL, valid only during the call.
 * @param[in] user_data The pointer given to seg_context_set_log().
 * @since 0.1.0
 */
typedef void (*seg_log_fn)(seg_log_level level, const char *message, void *user_data);

/**
 * Create a context that allocates with the C library's malloc/realloc/free.
 * @param[out] out Receives the new context; free it with seg_context_free().
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT if @p out is NULL,
 *         ::SEG_ERR_OUT_OF_MEMORY.
 * @since 0.1.0
 */
SEG_API seg_status seg_context_new(seg_context **out);

/**
 * Create a context whose every allocation goes through the given hooks.
 * The context itself is allocated with @p malloc_fn.
 * @param[out] out Receives the new context.
 * @param[in] malloc_fn Allocation hook; must not be NULL.
 * @param[in] realloc_fn Reallocation hook; must not be NULL.
 * @param[in] free_fn Release hook; must not be NULL.
 * @param[in] user_data Passed as the last argument to every hook; may be NULL.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT if a pointer argument is NULL,
 *         ::SEG_ERR_OUT_OF_MEMORY.
 * @since 0.1.0
 */
SEG_API seg_status seg_context_new_with_allocator(seg_context **out, seg_malloc_fn malloc_fn,
                                                  seg_realloc_fn realloc_fn, seg_free_fn free_fn,
                                                  void *user_data);

/**
 * Free a context.
 * @param[in] ctx The context, or NULL (nothing happens).
 * @since 0.1.0
 */
SEG_API void seg_context_free(seg_context *ctx);

/**
 * Install (or remove) the log callback. Nothing is logged unless one is set.
 * @param[in] ctx The context.
 * @param[in] fn Callback, or NULL to stop logging.
 * @param[in] max_level Most verbose level delivered (1–4).
 * @param[in] user_data Passed to @p fn as its last argument.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT if @p ctx is NULL,
 *         ::SEG_ERR_RANGE for a level outside 1–4.
 * @since 0.1.0
 */
SEG_API seg_status seg_context_set_log(seg_context *ctx, seg_log_fn fn, seg_log_level max_level,
                                       void *user_data);

/**
 * Message of the last failed call made with this context or its objects.
 * @param[in] ctx The context; NULL gives a fixed text.
 * @return A NUL-terminated string owned by @p ctx, valid until the next call
 *         that uses @p ctx; "" after success. Never NULL.
 * @since 0.1.0
 */
SEG_API const char *seg_context_errmsg(const seg_context *ctx);

/**
 * Status of the last failed call made with this context or its objects.
 * @param[in] ctx The context, or NULL (gives ::SEG_ERR_INVALID_ARGUMENT).
 * @return The status, ::SEG_OK when the last call succeeded.
 * @since 0.1.0
 */
SEG_API seg_status seg_context_errcode(const seg_context *ctx);

/**
 * Line of the last parse error: the 1-based row of a batch, or the line of
 * a file; 0 when the error has no position.
 * @param[in] ctx The context, or NULL (gives 0).
 * @return The line, or 0.
 * @since 0.1.0
 */
SEG_API int64_t seg_context_error_line(const seg_context *ctx);

/**
 * Column of the last parse error: the 1-based byte within the offending
 * value, or for a CSV load the 1-based character within the line (a byte
 * in Windows-1251 text); 0 when the error has no position.
 * @param[in] ctx The context, or NULL (gives 0).
 * @return The column, or 0.
 * @since 0.1.0
 */
SEG_API int64_t seg_context_error_column(const seg_context *ctx);

/** @} */

/* ------------------------------------------------------------------------ */
/** @defgroup values Dates and money
 *  Civil dates are days since 1970-01-01 (proleptic Gregorian, no time
 *  zone), limited to 0001-01-01 … 9999-12-31. Money is an int64 count of
 *  minor units at a scale of 0–6 decimals.
 *  @{ */

/** Special values of int32 fields. @since 0.1.0 */
typedef enum seg_special {
    /** "No value" in int32 date and rating columns (INT32_MIN). */
    SEG_NONE = -2147483647 - 1,
    /** Smallest valid date, 0001-01-01. */
    SEG_DATE_MIN = -719162,
    /** Largest valid date, 9999-12-31. */
    SEG_DATE_MAX = 2932896
} seg_special;

/**
 * Days since 1970-01-01 of a calendar date.
 * @param[out] out Receives the day number; must not be NULL.
 * @param[in] year 1–9999.
 * @param[in] month 1–12.
 * @param[in] day 1–31, valid for the month.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT if @p out is NULL,
 *         ::SEG_ERR_RANGE for an impossible date.
 * @since 0.1.0
 */
SEG_API seg_status seg_date_from_ymd(int32_t *out, int year, int month, int day);

/**
 * Calendar date of a day number.
 * @param[out] year Receives the year; must not be NULL.
 * @param[out] month Receives the month, 1–12; must not be NULL.
 * @param[out] day Receives the day of the month; must not be NULL.
 * @param[in] date Days since 1970-01-01, within ::SEG_DATE_MIN … ::SEG_DATE_MAX.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (a NULL pointer),
 *         ::SEG_ERR_RANGE (date outside the range).
 * @since 0.1.0
 */
SEG_API seg_status seg_date_to_ymd(int *year, int *month, int *day, int32_t date);

/**
 * Parse an ISO 8601 date `YYYY-MM-DD`, optionally followed by a time
 * (`T` or a space, then `HH:MM[:SS[.fff]]`), which is checked and ignored.
 * @param[out] out Receives the day number.
 * @param[in] ctx Receives the error message and column; may be NULL.
 * @param[in] text The text; need not be NUL-terminated. NULL only with @p len 0.
 * @param[in] len Its length in bytes.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_PARSE (malformed),
 *         ::SEG_ERR_RANGE (e.g. 2023-02-30).
 * @since 0.1.0
 */
SEG_API seg_status seg_date_parse(int32_t *out, seg_context *ctx, const char *text, size_t len);

/**
 * Write a day number as `YYYY-MM-DD` plus a NUL.
 * @param[out] buf Receives 11 bytes; must not be NULL.
 * @param[in] cap Size of @p buf; at least 11.
 * @param[in] date The day number.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_RANGE,
 *         ::SEG_ERR_BUFFER_TOO_SMALL.
 * @since 0.1.0
 */
SEG_API seg_status seg_date_format(char *buf, size_t cap, int32_t date);

/**
 * Parse a decimal amount into exact minor units; never rounds.
 * Accepts an optional sign, digits, and an optional `.` with digits:
 * "-12", "1234.5", "+0.07", within ±(2^63 − 1) minor units (INT64_MIN is
 * reserved as "none"). Trailing zeros beyond @p scale are exact and
 * accepted ("1.500" at scale 2); other extra digits are ::SEG_ERR_INEXACT.
 * @param[out] out Receives the amount × 10^scale.
 * @param[in] ctx Receives the error message and column; may be NULL.
 * @param[in] text The text; need not be NUL-terminated.
 * @param[in] len Its length in bytes.
 * @param[in] scale Decimals of a minor unit, 0–6.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_RANGE (scale),
 *         ::SEG_ERR_PARSE, ::SEG_ERR_INEXACT, ::SEG_ERR_OVERFLOW.
 * @since 0.1.0
 */
SEG_API seg_status seg_money_parse(int64_t *out, seg_context *ctx, const char *text, size_t len,
                                   int scale);

/**
 * Write minor units as a decimal ("-1234.50" at scale 2) plus a NUL.
 * @param[out] buf Receives the text; must not be NULL.
 * @param[in] cap Size of @p buf; 29 bytes always suffice.
 * @param[in] amount Minor units.
 * @param[in] scale Decimals, 0–6.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_RANGE,
 *         ::SEG_ERR_BUFFER_TOO_SMALL.
 * @since 0.1.0
 */
SEG_API seg_status seg_money_format(char *buf, size_t cap, int64_t amount, int scale);

/** @} */

/* ------------------------------------------------------------------------ */
/** @defgroup batch Batches: columns bound for bulk loading
 *  A batch names caller-owned arrays, one per field, which
 *  seg_dataset_add_transactions() and seg_dataset_add_customers() read
 *  row by row. Nothing is copied when binding.
 *  @{ */

/**
 * @struct seg_batch
 * A set of borrowed column pointers for one bulk load. The arrays must stay
 * valid and unchanged until the load call that reads them returns.
 * @since 0.1.0
 */
typedef struct seg_batch seg_batch;

/**
 * Record fields, for batches and one-record setters. Values are fixed.
 * The type each field takes is listed; "str" fields are bound with
 * seg_batch_bind_str(), and money and date fields also take text there
 * (parsed as by seg_money_parse() at the dataset scale and seg_date_parse()).
 * @since 0.1.0
 */
typedef enum seg_field {
    /* identity: both record kinds */
    SEG_FIELD_CUSTOMER_ID = 1,          /**< i64 or str; required. */
    /* transactions */
    SEG_FIELD_DATE = 10,                /**< date (i32) or ISO text; required. */
    SEG_FIELD_AMOUNT = 11,              /**< money (i64) or decimal text; required unless QUANTITY and UNIT_PRICE are bound. Negative = refund. */
    SEG_FIELD_ORDER_ID = 12,            /**< i64 (INT64_MIN = none) or str (empty = none; canonical digits = that integer); optional. */
    SEG_FIELD_MARGIN = 13,              /**< money (i64) or decimal text; optional. */
    SEG_FIELD_QUANTITY = 14,            /**< i64 whole units; optional. */
    SEG_FIELD_UNIT_PRICE = 15,          /**< money (i64) or decimal text; with QUANTITY gives amount = quantity × price. */
    /* customers */
    SEG_FIELD_NAME = 30,                /**< str (empty = none). */
    SEG_FIELD_STATUS = 31,              /**< i32 ::seg_lifecycle; ::SEG_LIFECYCLE_NONE = no override. */
    SEG_FIELD_LEAD_DATE = 32,           /**< date; SEG_NONE = none. */
    SEG_FIELD_LEAD_CLOSED = 33,         /**< i32: 1 closed (lost), 0 open, SEG_NONE unknown. */
    SEG_FIELD_CHURN_DATE = 34,          /**< date; SEG_NONE = none. */
    SEG_FIELD_COMPETITOR_DEADLINE = 35, /**< date; SEG_NONE = none. */
    SEG_FIELD_PROJECT_LAUNCH = 36,      /**< date; SEG_NONE = none. */
    SEG_FIELD_ACTIVITY = 37,            /**< i32 manager rating 0–100; SEG_NONE = none. */
    SEG_FIELD_CAPACITY = 38             /**< i32 manager rating 0–100; SEG_NONE = none. */
} seg_field;

/** Explicit lifecycle stage of a customer. @since 0.1.0 */
typedef enum seg_lifecycle {
    SEG_LIFECYCLE_NONE = 0,     /**< Not set / not applicable. */
    SEG_LIFECYCLE_CURRENT = 1,  /**< Buying within the churn horizon. */
    SEG_LIFECYCLE_PROSPECT = 2, /**< Never bought; the lead is open. */
    SEG_LIFECYCLE_REFUSED = 3,  /**< Never bought; the lead is closed or timed out. */
    SEG_LIFECYCLE_CHURNED = 4   /**< Bought before and gone now, or an explicit churn date or status says so. */
} seg_lifecycle;

/**
 * Create an empty batch.
 * @param[out] out Receives the batch; free it with seg_batch_free().
 * @param[in] ctx The context; must not be NULL.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_OUT_OF_MEMORY.
 * @since 0.1.0
 */
SEG_API seg_status seg_batch_new(seg_batch **out, seg_context *ctx);

/**
 * Free a batch. The bound arrays are not touched; they stay the caller's.
 * @param[in] batch The batch, or NULL (nothing happens).
 * @since 0.1.0
 */
SEG_API void seg_batch_free(seg_batch *batch);

/**
 * Unbind every column, keeping the batch for reuse.
 * @param[in] batch The batch, or NULL (nothing happens).
 * @since 0.1.0
 */
SEG_API void seg_batch_clear(seg_batch *batch);

/**
 * Bind an int64 column (ids, money in minor units, order ids, quantities).
 * @param[in] batch The batch.
 * @param[in] field The field; its type must admit i64.
 * @param[in] values One value per row, borrowed; NULL unbinds the field.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (type mismatch),
 *         ::SEG_ERR_UNSUPPORTED (unknown field).
 * @since 0.1.0
 */
SEG_API seg_status seg_batch_bind_i64(seg_batch *batch, seg_field field, const int64_t *values);

/**
 * Bind an int32 column (dates, status, lead_closed, manager ratings).
 * @param[in] batch The batch.
 * @param[in] field The field; its type must admit i32.
 * @param[in] values One value per row, borrowed; NULL unbinds the field.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED.
 * @since 0.1.0
 */
SEG_API seg_status seg_batch_bind_i32(seg_batch *batch, seg_field field, const int32_t *values);

/**
 * Bind a string column in Arrow layout: row i is bytes
 * `data[offsets[i]] … data[offsets[i+1]-1]`.
 * @param[in] batch The batch.
 * @param[in] field The field; ids, order ids and names, or money and date
 *            fields as text.
 * @param[in] data The concatenated bytes, borrowed; NULL unbinds the field.
 * @param[in] offsets n + 1 non-decreasing offsets, borrowed.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED.
 * @since 0.1.0
 */
SEG_API seg_status seg_batch_bind_str(seg_batch *batch, seg_field field, const char *data,
                                      const int64_t *offsets);

/**
 * Bind a renew-criterion rating column (customers only), e.g. "brand".
 * @param[in] batch The batch.
 * @param[in] criterion Criterion name bytes; copied.
 * @param[in] criterion_len Its length, 1–64.
 * @param[in] values One rating per row (0–100, SEG_NONE = unrated), borrowed;
 *            NULL unbinds the criterion.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL batch, bad name),
 *         ::SEG_ERR_RANGE (too many criteria in one batch), ::SEG_ERR_OUT_OF_MEMORY.
 * @since 0.1.0
 */
SEG_API seg_status seg_batch_bind_rating(seg_batch *batch, const char *criterion,
                                         size_t criterion_len, const int32_t *values);

/**
 * Bind a free attribute column (customers only), e.g. "region".
 * @param[in] batch The batch.
 * @param[in] name Attribute name bytes; copied.
 * @param[in] name_len Its length, 1–64.
 * @param[in] data Concatenated values (empty = none), borrowed; NULL unbinds.
 * @param[in] offsets n + 1 offsets into @p data, borrowed; must not be NULL
 *            when @p data is not.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL batch, bad name, NULL offsets),
 *         ::SEG_ERR_RANGE (too many attributes in one batch), ::SEG_ERR_OUT_OF_MEMORY.
 * @since 0.1.0
 */
SEG_API seg_status seg_batch_bind_attribute(seg_batch *batch, const char *name, size_t name_len,
                                            const char *data, const int64_t *offsets);

/** @} */

/* ------------------------------------------------------------------------ */
/** @defgroup dataset Dataset: customers and folded transactions
 *  @{ */

/**
 * @struct seg_dataset
 * Customers and the per-customer state folded from their transactions.
 * Transactions are not stored: each one is folded into its customer's
 * totals and per-period cells as it arrives, so memory grows with customers
 * and their active periods, not with rows. Customers have dense indices
 * 0 … n−1 in order of first appearance; result rows use the same indices.
 * Options that shape the folded state are set before the first transaction.
 * While a result made from the dataset is alive, loading calls return
 * ::SEG_ERR_STATE. Free results before their dataset.
 * @since 0.1.0
 */
typedef struct seg_dataset seg_dataset;

/** Options that shape a dataset; set before the first transaction. @since 0.1.0 */
typedef enum seg_dataset_option {
    /** Decimals of a money minor unit, 0–6 [2]. Set before any money is loaded. */
    SEG_DATASET_SCALE = 1,
    /** As-of date (days since 1970-01-01), or SEG_NONE [SEG_NONE] for the latest
     *  transaction date; transactions after an explicit as-of are counted and ignored. */
    SEG_DATASET_AS_OF = 2,
    /** Granularity of the per-period cells, a ::seg_period [SEG_PERIOD_MONTH]. */
    SEG_DATASET_PERIOD = 3
} seg_dataset_option;

/** Calendar period granularity. @since 0.1.0 */
typedef enum seg_period {
    SEG_PERIOD_DAY = 1,     /**< Calendar days. */
    SEG_PERIOD_WEEK = 2,    /**< ISO weeks, Monday to Sunday. */
    SEG_PERIOD_MONTH = 3,   /**< Calendar months. */
    SEG_PERIOD_QUARTER = 4  /**< Calendar quarters. */
} seg_period;

/** Dataset counters, read with seg_dataset_stat(). @since 0.1.0 */
typedef enum seg_dataset_stat_key {
    SEG_STAT_CUSTOMERS = 1,         /**< Customers, declared or implied by transactions. */
    SEG_STAT_TRANSACTIONS = 2,      /**< Transaction rows folded. */
    SEG_STAT_IGNORED_AFTER_AS_OF = 3, /**< Rows dated after an explicit as-of, counted and skipped. */
    SEG_STAT_PURCHASE_ROWS = 4,     /**< Folded rows with amount > 0. */
    SEG_STAT_REFUND_ROWS = 5,       /**< Folded rows with amount < 0. */
    SEG_STAT_ORDERS = 6,            /**< Distinct (customer, order id) pairs seen on purchase rows (purchase rows without an order id are not counted here; see ::SEG_COL_ORDERS). */
    SEG_STAT_PERIOD_CELLS = 7,      /**< (customer, period) cells holding folded state. */
    SEG_STAT_FIRST_DATE = 8,        /**< Earliest folded transaction date, or SEG_NONE. */
    SEG_STAT_LAST_DATE = 9,         /**< Latest folded transaction date, or SEG_NONE. */
    SEG_STAT_NET_AMOUNT = 10,       /**< Sum of folded amounts, minor units. */
    SEG_STAT_MEMORY_BYTES = 11      /**< Bytes the dataset holds from its allocator. */
} seg_dataset_stat_key;

/** How a customer id was given. @since 0.1.0 */
typedef enum seg_id_kind {
    SEG_ID_INT = 1,   /**< An int64. */
    SEG_ID_STRING = 2 /**< A byte string. The int 5 and the string "5" are different customers. */
} seg_id_kind;

/**
 * Create an empty dataset.
 * @param[out] out Receives the dataset; free it with seg_dataset_free().
 * @param[in] ctx The context.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_OUT_OF_MEMORY.
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_new(seg_dataset **out, seg_context *ctx);

/**
 * Free a dataset and everything it holds. Its results must be freed first.
 * @param[in] ds The dataset, or NULL (nothing happens).
 * @since 0.1.0
 */
SEG_API void seg_dataset_free(seg_dataset *ds);

/**
 * Set an option that shapes the dataset.
 * @param[in] ds The dataset.
 * @param[in] key The option.
 * @param[in] value The new value, within seg_dataset_option_bounds().
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED (unknown key),
 *         ::SEG_ERR_RANGE, ::SEG_ERR_STATE (a transaction was already loaded,
 *         or money already loaded for the scale).
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_set_option(seg_dataset *ds, seg_dataset_option key, int64_t value);

/**
 * Read an option's current value.
 * @param[out] out Receives the value; must not be NULL.
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] key The option.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED.
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_get_option(int64_t *out, const seg_dataset *ds, seg_dataset_option key);

/**
 * Default value of a dataset option.
 * @param[out] out Receives the default; must not be NULL.
 * @param[in] key The option.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED.
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_option_default(int64_t *out, seg_dataset_option key);

/**
 * Smallest and largest accepted value of a dataset option.
 * @param[out] min Receives the minimum; must not be NULL.
 * @param[out] max Receives the maximum; must not be NULL.
 * @param[in] key The option.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED.
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_option_bounds(int64_t *min, int64_t *max, seg_dataset_option key);

/**
 * Load transactions from a batch, folding each row into its customer.
 * Rows are taken in order; each is loaded whole or not at all. On the first
 * bad row the call stops: the rows before it stay loaded, the context names
 * the row (line) and the byte within the value (column).
 * @param[in] ds The dataset.
 * @param[in] batch Bound columns: CUSTOMER_ID, DATE and AMOUNT (or QUANTITY
 *            and UNIT_PRICE); ORDER_ID, MARGIN, QUANTITY optional. Customer
 *            fields, ratings and attributes are refused (they would be ignored).
 * @param[in] n Number of rows.
 * @param[out] n_loaded Receives the rows loaded (also on failure); may be NULL.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (missing or misplaced column, bad value),
 *         ::SEG_ERR_PARSE, ::SEG_ERR_INEXACT, ::SEG_ERR_RANGE, ::SEG_ERR_OVERFLOW,
 *         ::SEG_ERR_OUT_OF_MEMORY, ::SEG_ERR_STATE (a result is alive).
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_add_transactions(seg_dataset *ds, const seg_batch *batch, size_t n,
                                                size_t *n_loaded);

/**
 * Declare or update customers from a batch. A customer known before the
 * call gets the given fields overwritten; SEG_NONE and empty strings leave a
 * field as is. Within one call a customer may appear again only without
 * contradicting its earlier row (::SEG_ERR_STATE names both rows).
 * @param[in] ds The dataset.
 * @param[in] batch Bound columns: CUSTOMER_ID plus any customer fields,
 *            ratings and attributes; transaction columns (DATE, AMOUNT, …)
 *            are refused.
 * @param[in] n Number of rows.
 * @param[out] n_loaded Receives the rows loaded (also on failure); may be NULL.
 * @return As seg_dataset_add_transactions(), and ::SEG_ERR_STATE for a contradiction.
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_add_customers(seg_dataset *ds, const seg_batch *batch, size_t n,
                                             size_t *n_loaded);

/**
 * Find or create the customer with an integer id.
 * @param[out] index Receives the customer's dense index; must not be NULL.
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] id The id; any int64.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_OUT_OF_MEMORY, ::SEG_ERR_STATE.
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_customer_i64(size_t *index, seg_dataset *ds, int64_t id);

/**
 * Find or create the customer with a string id.
 * @param[out] index Receives the customer's dense index.
 * @param[in] ds The dataset.
 * @param[in] id Id bytes, copied; NULL only with @p len 0.
 * @param[in] len Length in bytes, 1 or more.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL, empty id),
 *         ::SEG_ERR_OUT_OF_MEMORY, ::SEG_ERR_STATE.
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_customer_str(size_t *index, seg_dataset *ds, const char *id, size_t len);

/**
 * Look up a customer with an integer id without creating it.
 * @param[out] index Receives the dense index; must not be NULL.
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] id The id.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_NOT_FOUND.
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_find_i64(size_t *index, const seg_dataset *ds, int64_t id);

/**
 * Look up a customer with a string id without creating it.
 * @param[out] index Receives the dense index; must not be NULL.
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] id Id bytes; NULL only with @p len 0.
 * @param[in] len Their length in bytes.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_NOT_FOUND.
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_find_str(size_t *index, const seg_dataset *ds, const char *id, size_t len);

/**
 * Set an integer or date field of one customer (one-record call).
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] customer Dense index.
 * @param[in] field A customer field of type i32/date.
 * @param[in] value The value; SEG_NONE clears it.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED,
 *         ::SEG_ERR_RANGE, ::SEG_ERR_NOT_FOUND (index), ::SEG_ERR_OUT_OF_MEMORY, ::SEG_ERR_STATE.
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_set_int(seg_dataset *ds, size_t customer, seg_field field, int32_t value);

/**
 * Set a string field of one customer (SEG_FIELD_NAME).
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] customer Dense index.
 * @param[in] field ::SEG_FIELD_NAME.
 * @param[in] value Bytes, copied; NULL only with @p len 0.
 * @param[in] len Their length in bytes (0 clears the field).
 * @return As seg_dataset_set_int().
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_set_str(seg_dataset *ds, size_t customer, seg_field field,
                                       const char *value, size_t len);

/**
 * Set one renew-criterion rating of one customer.
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] customer Dense index.
 * @param[in] criterion Criterion name bytes, copied; must not be NULL.
 * @param[in] criterion_len Length of the name, 1–64.
 * @param[in] value 0–100, or SEG_NONE for unrated.
 * @return As seg_dataset_set_int().
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_set_rating(seg_dataset *ds, size_t customer, const char *criterion,
                                          size_t criterion_len, int32_t value);

/**
 * Set one free attribute of one customer.
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] customer Dense index.
 * @param[in] name Attribute name bytes, copied; must not be NULL.
 * @param[in] name_len Length of the name, 1–64.
 * @param[in] value Value bytes, copied; NULL only with @p value_len 0.
 * @param[in] value_len Their length in bytes (0 clears the attribute).
 * @return As seg_dataset_set_int().
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_set_attribute(seg_dataset *ds, size_t customer, const char *name,
                                             size_t name_len, const char *value, size_t value_len);

/**
 * Fold one transaction into a customer (one-record call).
 * @param[in] ds The dataset.
 * @param[in] customer Dense index from seg_dataset_customer_i64()/_str().
 * @param[in] date Days since 1970-01-01.
 * @param[in] amount Minor units at the dataset scale; negative = refund.
 * @param[in] order_id Order id bytes, or NULL for none; copied.
 * @param[in] order_id_len Their length.
 * @param[in] margin Margin in minor units, or NULL if unknown.
 * @param[in] quantity Quantity, or NULL if unknown.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_NOT_FOUND (index),
 *         ::SEG_ERR_RANGE (date), ::SEG_ERR_OVERFLOW, ::SEG_ERR_OUT_OF_MEMORY, ::SEG_ERR_STATE.
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_add_transaction(seg_dataset *ds, size_t customer, int32_t date,
                                               int64_t amount, const char *order_id,
                                               size_t order_id_len, const int64_t *margin,
                                               const int64_t *quantity);

/**
 * Read a dataset counter.
 * @param[out] out Receives the value; must not be NULL.
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] key The counter.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED.
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_stat(int64_t *out, const seg_dataset *ds, seg_dataset_stat_key key);

/**
 * How a customer's id was given, and its value.
 * @param[out] kind Receives ::SEG_ID_INT or ::SEG_ID_STRING; must not be NULL.
 * @param[out] int_id Receives the integer id (0 for strings); may be NULL.
 * @param[out] str_id Receives the string id, NUL-terminated, borrowed from the
 *             dataset and valid until the next loading call or its free
 *             (NULL for integers); may be NULL.
 * @param[out] str_len Receives the string's length (0 for integers); may be NULL.
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] customer Dense index.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_NOT_FOUND.
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_customer_id(seg_id_kind *kind, int64_t *int_id, const char **str_id,
                                           size_t *str_len, const seg_dataset *ds, size_t customer);

/**
 * Read an integer or date field of one customer.
 * @param[out] out Receives the value, SEG_NONE when unset; must not be NULL.
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] customer Dense index.
 * @param[in] field An i32/date customer field.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED, ::SEG_ERR_NOT_FOUND.
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_get_int(int32_t *out, const seg_dataset *ds, size_t customer,
                                       seg_field field);

/**
 * Read a string field (name) or an attribute of one customer.
 * @param[out] value Receives the bytes, NUL-terminated, borrowed until the
 *             next loading call (NULL when unset); must not be NULL.
 * @param[out] len Receives their length; may be NULL.
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] customer Dense index.
 * @param[in] field ::SEG_FIELD_NAME.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED, ::SEG_ERR_NOT_FOUND.
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_get_str(const char **value, size_t *len, const seg_dataset *ds,
                                       size_t customer, seg_field field);

/**
 * Read one rating of one customer.
 * @param[out] out Receives the rating, SEG_NONE when unrated; must not be NULL.
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] customer Dense index.
 * @param[in] criterion Criterion name bytes.
 * @param[in] criterion_len Length of the name.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_NOT_FOUND (customer or criterion).
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_get_rating(int32_t *out, const seg_dataset *ds, size_t customer,
                                          const char *criterion, size_t criterion_len);

/**
 * Read one free attribute of one customer.
 * @param[out] value Receives the bytes, NUL-terminated, borrowed until the
 *             next loading call (NULL when unset); must not be NULL.
 * @param[out] len Receives their length; may be NULL.
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] customer Dense index.
 * @param[in] name Attribute name bytes.
 * @param[in] name_len Length of the name.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_NOT_FOUND (customer or attribute).
 * @since 0.1.0
 */
SEG_API seg_status seg_dataset_get_attribute(const char **value, size_t *len, const seg_dataset *ds,
                                             size_t customer, const char *name, size_t name_len);

/** @} */

/* ------------------------------------------------------------------------ */
/** @defgroup state Partial state
 *  A dataset holds only folded aggregates (per customer, per customer and
 *  period, and the profile), so datasets loaded from parts of one customer
 *  base can be serialised, shipped and merged, and analysing the merged
 *  dataset gives exactly the result of loading everything into one. The
 *  guide page @ref partial_state "Partial state and merging" states the
 *  contract; in short:
 *  - every part uses the same dataset options (scale, as-of, period);
 *  - all lines of one order are in one part (partition rows by customer);
 *  - a customer field set in two parts must have the same value there.
 *  Merging is associative and commutative; only the order of customer rows
 *  in a result differs, and no analysis depends on it (ties go by id).
 *  @{ */

/**
 * Serialise the dataset's state into bytes: options, counters, every
 * customer's totals, its per-period cells and the profile. The format is
 * versioned, little-endian on every machine and ends with a checksum. Order
 * ids are not included (see the contract above).
 * @param[out] buf Receives the bytes; may be NULL when @p cap is 0.
 * @param[in] cap Size of @p buf.
 * @param[out] needed Receives the size of the state in bytes; may be NULL.
 * @param[in] ds The dataset; must not be NULL.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT,
 *         ::SEG_ERR_BUFFER_TOO_SMALL (nothing written; call again with @p needed bytes).
 * @since 0.3.0
 */
SEG_API seg_status seg_dataset_serialize(void *buf, size_t cap, size_t *needed, const seg_dataset *ds);

/**
 * Merge another dataset's state into @p ds. A dataset without transactions
 * takes the other's options; two with transactions must have equal options.
 * All or nothing: on failure @p ds is unchanged.
 * @param[in,out] ds The dataset merged into; it must have no live result.
 * @param[in] other The dataset merged from (unchanged; may use another context).
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL, or @p other is @p ds),
 *         ::SEG_ERR_STATE (live results, different options, or a customer
 *         field with different values), ::SEG_ERR_OVERFLOW (a merged total),
 *         ::SEG_ERR_RANGE (more criteria or attributes than allowed),
 *         ::SEG_ERR_OUT_OF_MEMORY.
 * @since 0.3.0
 */
SEG_API seg_status seg_dataset_merge(seg_dataset *ds, const seg_dataset *other);

/**
 * Merge a state made by seg_dataset_serialize() into @p ds; merging into an
 * empty dataset restores the state. Every count, range and total of the
 * bytes is validated before anything changes: a truncated or damaged buffer,
 * or one of another format version, is ::SEG_ERR_CORRUPT and leaves @p ds
 * unchanged. Needs memory for the decoded state besides @p ds.
 * @param[in,out] ds The dataset merged into; it must have no live result.
 * @param[in] buf The bytes; may be NULL when @p len is 0.
 * @param[in] len Their length.
 * @return ::SEG_ERR_CORRUPT (the message gives the byte offset and what is wrong), or as seg_dataset_merge().
 * @since 0.3.0
 */
SEG_API seg_status seg_dataset_merge_serialized(seg_dataset *ds, const void *buf, size_t len);

/** @} */

/* ------------------------------------------------------------------------ */
/** @defgroup csv CSV loading
 *  Transactions and customers from CSV text read from a path, a memory
 *  buffer or a read callback. The dialect (delimiter, encoding, decimal mark,
 *  day/month order) is detected unless set, and header names are mapped to
 *  roles, guessed from common English and Russian names unless mapped
 *  explicitly. A strict load stops at the first bad row; a lenient one loads
 *  every good row and accounts for every bad one in a ::seg_load_report.
 *  The guide page @ref csv_guide "CSV loading" gives the rules in full.
 *  @{ */

/**
 * @struct seg_csv_options
 * How to read CSV text: dialect, strictness, limits, the header-to-role
 * mapping and a progress callback. A load only reads it, so one set can
 * serve any number of loads, of transactions and of customers alike.
 * @since 0.2.0
 */
typedef struct seg_csv_options seg_csv_options;

/**
 * @struct seg_load_report
 * What one CSV load did: rows read, loaded and rejected, rejections by
 * reason, the first errors with their positions, the roles mapped and the
 * dialect used. Each load given the report replaces its contents, also when
 * the load fails.
 * @since 0.2.0
 */
typedef struct seg_load_report seg_load_report;

/** What a CSV file holds. @since 0.2.0 */
typedef enum seg_record_kind {
    /** Transactions; roles `customer`, `date`, `amount` (or `quantity` and
     *  `price`), and optional `order`, `quantity`, `price`, `margin`. */
    SEG_RECORDS_TRANSACTIONS = 1,
    /** Customers; role `customer`, and optional `name`, `status`,
     *  `lead_date`, `lead_closed`, `churn_date`, `competitor_deadline`,
     *  `project_launch`, `activity`, `capacity`, `rating:NAME`, `attr:NAME`. */
    SEG_RECORDS_CUSTOMERS = 2
} seg_record_kind;

/** CSV options, set with seg_csv_options_set_i64(); values are fixed. Defaults in brackets. @since 0.2.0 */
typedef enum seg_csv_option {
    SEG_CSV_DELIMITER = 1,        /**< A ::seg_csv_delimiter [SEG_CSV_DELIMITER_AUTO]. */
    SEG_CSV_ENCODING = 2,         /**< A ::seg_csv_encoding [SEG_CSV_ENCODING_AUTO]. */
    SEG_CSV_DECIMAL = 3,          /**< A ::seg_csv_decimal [SEG_CSV_DECIMAL_AUTO]. */
    SEG_CSV_DATE_ORDER = 4,       /**< A ::seg_csv_date_order for slash dates [SEG_CSV_DATE_ORDER_AUTO]. */
    SEG_CSV_HEADER = 5,           /**< 0/1: the first record is a header row [1]. */
    SEG_CSV_GUESS_ROLES = 6,      /**< 0/1: guess unmapped roles from the header names [1]. */
    SEG_CSV_STRICT = 7,           /**< 0/1: stop at the first bad row (1), or reject bad rows and go on (0) [1]. */
    SEG_CSV_MAX_ERRORS = 8,       /**< Errors a report keeps with their positions, 0–1000000 [100]. */
    SEG_CSV_MAX_RECORD_BYTES = 9, /**< Longest record (one row, quoted line breaks included), hence longest field, 1024–536870912 bytes [1048576]. */
    SEG_CSV_VALIDATE_ONLY = 10,   /**< 0/1: check every row as a load would, changing nothing in the dataset [0]. */
    /** Threads a load may use, 1–64 [1]. 1 does everything on the calling
     *  thread. 2 or more (only two are used) parse and convert the next rows
     *  on the calling thread while a helper thread folds the rows before them
     *  into the dataset, once the input outgrows one chunk of 4,096 rows. The result, the report and the errors are the same;
     *  the context's allocator hooks and log callback may then be called from
     *  the helper thread, though never from two threads at once, and the
     *  progress callback only from the calling thread. @since 0.3.0 */
    SEG_CSV_THREADS = 11
} seg_csv_option;

/** Field delimiter. @since 0.2.0 */
typedef enum seg_csv_delimiter {
    SEG_CSV_DELIMITER_AUTO = 0,      /**< The one of `,` `;` tab that splits the first lines consistently. */
    SEG_CSV_DELIMITER_COMMA = 1,     /**< `,` */
    SEG_CSV_DELIMITER_SEMICOLON = 2, /**< `;` (a trailing `;` on every row, as Bitrix writes, is accepted) */
    SEG_CSV_DELIMITER_TAB = 3        /**< Tab. */
} seg_csv_delimiter;

/** Text encoding. @since 0.2.0 */
typedef enum seg_csv_encoding {
    SEG_CSV_ENCODING_AUTO = 0,  /**< UTF-8 after a UTF-8 BOM or when the first 1 MiB is valid UTF-8; else Windows-1251. */
    SEG_CSV_ENCODING_UTF8 = 1,  /**< UTF-8, with or without a BOM; invalid UTF-8 in a value is an error. */
    SEG_CSV_ENCODING_CP1251 = 2 /**< Windows-1251 (1C, Bitrix); text is converted to UTF-8. */
} seg_csv_encoding;

/** Decimal mark of numbers. @since 0.2.0 */
typedef enum seg_csv_decimal {
    SEG_CSV_DECIMAL_AUTO = 0,  /**< The first number written with a point or a comma decides. */
    SEG_CSV_DECIMAL_POINT = 1, /**< `1234.56` */
    SEG_CSV_DECIMAL_COMMA = 2  /**< `1234,56` */
} seg_csv_decimal;

/** Order of day and month in slash dates (`03/04/2024`). @since 0.2.0 */
typedef enum seg_csv_date_order {
    SEG_CSV_DATE_ORDER_AUTO = 0, /**< From the data: a slash date with a part above 12 decides; if none does, an error asks for this option. */
    SEG_CSV_DATE_ORDER_DMY = 1,  /**< DD/MM/YYYY. */
    SEG_CSV_DATE_ORDER_MDY = 2   /**< MM/DD/YYYY. */
} seg_csv_date_order;

/** Why a row was rejected; values are fixed. @since 0.2.0 */
typedef enum seg_reject_reason {
    SEG_REJECT_FIELD_COUNT = 1, /**< Not as many fields as the header. */
    SEG_REJECT_QUOTE = 2,       /**< Text after a closing quote, or a quote never closed. */
    SEG_REJECT_TOO_LONG = 3,    /**< The record is longer than ::SEG_CSV_MAX_RECORD_BYTES. */
    SEG_REJECT_ENCODING = 4,    /**< Invalid UTF-8, or a NUL byte, in a text value. */
    SEG_REJECT_MISSING = 5,     /**< A required value is empty: customer, date, amount, or quantity and price. */
    SEG_REJECT_NUMBER = 6,      /**< Not a number as the dialect writes them. */
    SEG_REJECT_INEXACT = 7,     /**< More decimals than the dataset's money scale (never rounded). */
    SEG_REJECT_DATE = 8,        /**< Not a date, no such date, or an ambiguous day/month order. */
    SEG_REJECT_VALUE = 9,       /**< Outside its allowed words or range (status, lead_closed, a rating above 100). */
    SEG_REJECT_OVERFLOW = 10,   /**< A product or a running total would not fit in 64 bits. */
    SEG_REJECT_CONFLICT = 11    /**< A customer declared earlier in the same load with a different value of a field. @since 0.3.0 */
} seg_reject_reason;

/** Counters and dialect of a load report, read with seg_load_report_stat(). @since 0.2.0 */
typedef enum seg_load_stat {
    SEG_LOAD_ROWS_READ = 1,     /**< Data rows the load got to (not the header, not blank lines); always loaded + rejected. */
    SEG_LOAD_ROWS_LOADED = 2,   /**< Rows loaded (with ::SEG_CSV_VALIDATE_ONLY: rows that would be). */
    SEG_LOAD_ROWS_REJECTED = 3, /**< Rows rejected, each counted under exactly one ::seg_reject_reason. */
    SEG_LOAD_LINES = 4,         /**< Lines read, header and blank lines included. */
    SEG_LOAD_BYTES = 5,         /**< Bytes read from the source. */
    SEG_LOAD_ERRORS = 6,        /**< Errors kept (at most ::SEG_CSV_MAX_ERRORS); see seg_load_report_error(). */
    SEG_LOAD_ROLES = 7,         /**< Roles mapped to columns; see seg_load_report_role(). */
    SEG_LOAD_DELIMITER = 20,    /**< The ::seg_csv_delimiter used. */
    SEG_LOAD_ENCODING = 21,     /**< The ::seg_csv_encoding used. */
    SEG_LOAD_BOM = 22,          /**< 1 if the text began with a UTF-8 byte order mark. */
    SEG_LOAD_DECIMAL = 23,      /**< The ::seg_csv_decimal used; AUTO when no number had a decimal mark. */
    SEG_LOAD_DATE_ORDER = 24    /**< The ::seg_csv_date_order used; AUTO when no slash date needed one. */
} seg_load_stat;

/**
 * Receives the progress of a long load. Called on the loading thread after
 * each block of about 1 MiB and once at the end.
 * @param[in] done Bytes read so far.
 * @param[in] total Size of the source in bytes, or 0 when unknown (streams, pipes).
 * @param[in] user_data The pointer given to seg_csv_options_set_progress().
 * @return 0 to go on; nonzero to stop the load with ::SEG_ERR_CANCELLED
 *         (the rows loaded so far stay loaded and are counted in the report).
 *         The return of the call at the end is ignored.
 * @since 0.2.0
 */
typedef int (*seg_progress_fn)(uint64_t done, uint64_t total, void *user_data);

/**
 * Supplies CSV bytes to seg_dataset_load_csv_stream(), which calls it until
 * it reports the end of the data.
 * @param[out] buf Where to put the bytes; never NULL.
 * @param[in] cap Room in @p buf, at least 1.
 * @param[out] got Receives the bytes written, at most @p cap; 0 means the end of the data.
 * @param[in] user_data The pointer given to seg_dataset_load_csv_stream().
 * @return 0 on success; nonzero on failure, which makes the load fail with
 *         ::SEG_ERR_IO.
 * @since 0.2.0
 */
typedef int (*seg_read_fn)(void *buf, size_t cap, size_t *got, void *user_data);

/**
 * Create a set of CSV options, each at its default, with no mapping.
 * @param[out] out Receives the set; free it with seg_csv_options_free().
 * @param[in] ctx The context; must not be NULL.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_OUT_OF_MEMORY.
 * @since 0.2.0
 */
SEG_API seg_status seg_csv_options_new(seg_csv_options **out, seg_context *ctx);

/**
 * Free a set of CSV options.
 * @param[in] opts The set, or NULL (nothing happens).
 * @since 0.2.0
 */
SEG_API void seg_csv_options_free(seg_csv_options *opts);

/**
 * Set a CSV option.
 * @param[in] opts The set; must not be NULL.
 * @param[in] key The option.
 * @param[in] value Within seg_csv_option_bounds_i64().
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL), ::SEG_ERR_UNSUPPORTED
 *         (unknown key), ::SEG_ERR_RANGE.
 * @since 0.2.0
 */
SEG_API seg_status seg_csv_options_set_i64(seg_csv_options *opts, seg_csv_option key, int64_t value);

/**
 * Read a CSV option.
 * @param[out] out Receives the value; must not be NULL.
 * @param[in] opts The set; must not be NULL.
 * @param[in] key The option.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED.
 * @since 0.2.0
 */
SEG_API seg_status seg_csv_options_get_i64(int64_t *out, const seg_csv_options *opts, seg_csv_option key);

/**
 * Default of a CSV option.
 * @param[out] out Receives the default; must not be NULL.
 * @param[in] key The option.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED.
 * @since 0.2.0
 */
SEG_API seg_status seg_csv_option_default_i64(int64_t *out, seg_csv_option key);

/**
 * Smallest and largest accepted value of a CSV option.
 * @param[out] min Receives the minimum; must not be NULL.
 * @param[out] max Receives the maximum; must not be NULL.
 * @param[in] key The option.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED.
 * @since 0.2.0
 */
SEG_API seg_status seg_csv_option_bounds_i64(int64_t *min, int64_t *max, seg_csv_option key);

/**
 * Map a role to the column with a given header, overriding any guess.
 * Roles that do not apply to the kind of records loaded are ignored, so
 * one set of options can serve a transactions file and a customers file.
 * @param[in] opts The set; must not be NULL.
 * @param[in] role A role name such as "amount", "rating:brand" or
 *            "attr:region" (the names after `rating:` and `attr:` have
 *            1–64 bytes); NULL only with @p role_len 0.
 * @param[in] role_len Its length in bytes.
 * @param[in] header The header as the file writes it (compared after
 *            trimming spaces, case-insensitively for ASCII and Russian
 *            letters), or `#N` for the Nth column (1-based), the only way
 *            without a header row; copied. NULL with @p header_len 0
 *            removes the role's mapping.
 * @param[in] header_len Its length in bytes.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL, empty or malformed
 *         names), ::SEG_ERR_UNSUPPORTED (unknown role), ::SEG_ERR_RANGE (more
 *         than 128 mappings), ::SEG_ERR_OUT_OF_MEMORY.
 * @since 0.2.0
 */
SEG_API seg_status seg_csv_options_map(seg_csv_options *opts, const char *role, size_t role_len,
                                       const char *header, size_t header_len);

/**
 * Install (or remove) a progress callback for loads made with these options.
 * @param[in] opts The set; must not be NULL.
 * @param[in] fn The callback, or NULL for none.
 * @param[in] user_data Passed to @p fn as its last argument.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT.
 * @since 0.2.0
 */
SEG_API seg_status seg_csv_options_set_progress(seg_csv_options *opts, seg_progress_fn fn, void *user_data);

/**
 * Create an empty load report.
 * @param[out] out Receives the report; free it with seg_load_report_free().
 * @param[in] ctx The context; must not be NULL.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_OUT_OF_MEMORY.
 * @since 0.2.0
 */
SEG_API seg_status seg_load_report_new(seg_load_report **out, seg_context *ctx);

/**
 * Free a load report; strings read from it become invalid.
 * @param[in] report The report, or NULL (nothing happens).
 * @since 0.2.0
 */
SEG_API void seg_load_report_free(seg_load_report *report);

/**
 * Read a counter or the dialect of the last load.
 * @param[out] out Receives the value; must not be NULL.
 * @param[in] report The report; must not be NULL.
 * @param[in] key What to read.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED.
 * @since 0.2.0
 */
SEG_API seg_status seg_load_report_stat(int64_t *out, const seg_load_report *report, seg_load_stat key);

/**
 * Rows of the last load rejected for one reason.
 * @param[out] out Receives the count; must not be NULL.
 * @param[in] report The report; must not be NULL.
 * @param[in] reason The reason.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED (unknown reason).
 * @since 0.2.0
 */
SEG_API seg_status seg_load_report_rejected(int64_t *out, const seg_load_report *report,
                                            seg_reject_reason reason);

/**
 * One of the first errors of the last load, in file order. Strings are
 * NUL-terminated UTF-8, borrowed from the report until its next load or its free.
 * @param[out] line Receives the 1-based line; may be NULL.
 * @param[out] column Receives the 1-based character within the line (a
 *             byte in Windows-1251 text), 0 when the error is the whole
 *             row's; may be NULL.
 * @param[out] reason Receives the reason; may be NULL.
 * @param[out] header Receives the header of the offending column ("" for a
 *             whole-row error); may be NULL.
 * @param[out] message Receives the message, the same text a strict load
 *             leaves in seg_context_errmsg(); may be NULL.
 * @param[in] report The report; must not be NULL.
 * @param[in] index 0 … ::SEG_LOAD_ERRORS − 1.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_RANGE (index).
 * @since 0.2.0
 */
SEG_API seg_status seg_load_report_error(int64_t *line, int64_t *column, seg_reject_reason *reason,
                                         const char **header, const char **message,
                                         const seg_load_report *report, size_t index);

/**
 * One role of the last load and the column it was read from, explicit
 * mappings and guesses alike. Strings are borrowed as in seg_load_report_error().
 * @param[out] role Receives the role name, e.g. "amount" or "attr:region"; may be NULL.
 * @param[out] header Receives the column's header (UTF-8, trimmed; `#N`
 *             without a header row); may be NULL.
 * @param[out] column Receives the 1-based column number; may be NULL.
 * @param[in] report The report; must not be NULL.
 * @param[in] index 0 … ::SEG_LOAD_ROLES − 1.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_RANGE (index).
 * @since 0.2.0
 */
SEG_API seg_status seg_load_report_role(const char **role, const char **header, int64_t *column,
                                        const seg_load_report *report, size_t index);

/**
 * Stable lower-case name of a reject reason, e.g. "field_count".
 * @param[in] reason The reason.
 * @return A static string, or NULL for an unknown reason.
 * @since 0.2.0
 */
SEG_API const char *seg_reject_reason_name(seg_reject_reason reason);

/**
 * Load transactions or customers from a CSV file. A row is loaded whole or
 * rejected whole. A strict load stops at the first bad row, keeps the rows
 * before it, and leaves in the context a message naming the file, line,
 * column, header and what was expected, e.g.
 * `orders.csv:17:23: amount '12,5x': expected a decimal number like -1234.56`,
 * with seg_context_error_line() and seg_context_error_column() set. A lenient
 * load rejects bad rows into the report and returns ::SEG_OK.
 * @param[in,out] report Receives what the load did, also on failure; may be NULL.
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] kind What the file holds.
 * @param[in] opts The options, or NULL for every default; not retained.
 * @param[in] path The file's path bytes (need not be NUL-terminated; no NUL inside).
 * @param[in] path_len Their length, 1 or more.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED (kind),
 *         ::SEG_ERR_IO (cannot open or read), ::SEG_ERR_PARSE (header,
 *         dialect, or a bad row when strict), ::SEG_ERR_INEXACT,
 *         ::SEG_ERR_RANGE, ::SEG_ERR_OVERFLOW (a bad row when strict),
 *         ::SEG_ERR_CANCELLED, ::SEG_ERR_OUT_OF_MEMORY, ::SEG_ERR_STATE (a
 *         result is alive).
 * @since 0.2.0
 */
SEG_API seg_status seg_dataset_load_csv_path(seg_load_report *report, seg_dataset *ds, seg_record_kind kind,
                                             const seg_csv_options *opts, const char *path, size_t path_len);

/**
 * Load transactions or customers from CSV text in memory, read in place
 * without a copy; messages name the source "<buffer>". Otherwise as
 * seg_dataset_load_csv_path().
 * @param[in,out] report Receives what the load did, also on failure; may be NULL.
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] kind What the text holds.
 * @param[in] opts The options, or NULL for every default; not retained.
 * @param[in] data The bytes, borrowed for the call; NULL only with @p len 0.
 * @param[in] len Their length.
 * @return As seg_dataset_load_csv_path().
 * @since 0.2.0
 */
SEG_API seg_status seg_dataset_load_csv_buffer(seg_load_report *report, seg_dataset *ds, seg_record_kind kind,
                                               const seg_csv_options *opts, const char *data, size_t len);

/**
 * Load transactions or customers from CSV text supplied by a read callback;
 * messages name the source "<stream>". Otherwise as seg_dataset_load_csv_path().
 * @param[in,out] report Receives what the load did, also on failure; may be NULL.
 * @param[in] ds The dataset; must not be NULL.
 * @param[in] kind What the text holds.
 * @param[in] opts The options, or NULL for every default; not retained.
 * @param[in] read The callback; must not be NULL. A nonzero return, or more
 *            bytes reported than asked for, fails the load with ::SEG_ERR_IO.
 * @param[in] user_data Passed to @p read as its last argument.
 * @return As seg_dataset_load_csv_path().
 * @since 0.2.0
 */
SEG_API seg_status seg_dataset_load_csv_stream(seg_load_report *report, seg_dataset *ds, seg_record_kind kind,
                                               const seg_csv_options *opts, seg_read_fn read, void *user_data);

/** @} */

/* ------------------------------------------------------------------------ */
/** @defgroup params Analysis parameters
 *  Every option is set by enum key through a typed setter, checked against
 *  its bounds; unknown keys give ::SEG_ERR_UNSUPPORTED so that a newer
 *  binding can probe an older library.
 *  @{ */

/**
 * @struct seg_params
 * A reusable set of analysis options, each at its default until set.
 * @since 0.1.0
 */
typedef struct seg_params seg_params;

/** Type of a parameter's value. @since 0.1.0 */
typedef enum seg_param_type {
    SEG_TYPE_I64 = 1,      /**< Integer or enum; read/write with the _i64 calls. */
    SEG_TYPE_F64 = 2,      /**< Real number; read/write with the _f64 calls. */
    SEG_TYPE_I64_ARRAY = 3 /**< List of integers; read/write with the _i64_array calls. @since 0.2.0 */
} seg_param_type;

/**
 * Analysis parameter keys, grouped by analysis with gaps; values are fixed.
 * Defaults in brackets; fractions are 0–1 (0.8 = 80 %).
 * @since 0.1.0
 */
typedef enum seg_param {
    SEG_PARAM_ANALYSES = 1,          /**< i64 bit set of ::seg_analysis [all]. */
    /** i64 analysis date (days since 1970-01-01), or SEG_NONE [SEG_NONE] for the
     *  dataset's as-of (::SEG_DATASET_AS_OF) or, without one, its latest
     *  transaction date. It may lie after the data (e.g. today) but not before
     *  a folded transaction: to cut data, set ::SEG_DATASET_AS_OF before
     *  loading. @since 0.2.0 */
    SEG_PARAM_AS_OF = 2,
    /** i64 look-back window in periods of the dataset's granularity
     *  (::SEG_DATASET_PERIOD), 0–10000 [0 = all history]: the aggregates, RFM,
     *  ABC and Pareto count only the periods from the as-of date's period back
     *  this many periods. Lifecycle and XYZ always use the whole history.
     *  @since 0.2.0 */
    SEG_PARAM_LOOKBACK_PERIODS = 3,
    /** i64 threads seg_analyze() may use, 1–64 [1]: 1 runs everything on the
     *  calling thread; more run the shared steps two at a time (customers
     *  by id beside cells grouped by customer, then totals beside the
     *  window's cells), then the independent analyses (lifecycle, rates and
     *  renew, RFM, ABC and Pareto, XYZ, the period lists) on worker threads. The
     *  context's allocator hooks are then called from several threads at once
     *  and must be thread-safe (the default malloc is); the log callback is
     *  only called from the calling thread. Results do not depend on it.
     *  Writing the per-customer table of a result analysed with 2 or more
     *  (seg_result_write(), 4,096 rows or more) formats every other block of
     *  rows on one helper thread; the write callback is still called only
     *  from the calling thread, in order, and the bytes are the same.
     *  @since 0.2.0 */
    SEG_PARAM_THREADS = 4,
    SEG_PARAM_FREQUENCY = 10,        /**< i64 ::seg_frequency [SEG_FREQUENCY_ORDERS]. */
    SEG_PARAM_MONETARY = 11,         /**< i64 ::seg_monetary [SEG_MONETARY_TOTAL]. */
    SEG_PARAM_RFM_METHOD = 100,      /**< i64 ::seg_rfm_method [SEG_RFM_TIE_QUANTILE]. */
    SEG_PARAM_RFM_BINS_R = 101,      /**< i64 2–10 [5]. */
    SEG_PARAM_RFM_BINS_F = 102,      /**< i64 2–10 [5]. */
    SEG_PARAM_RFM_BINS_M = 103,      /**< i64 2–10 [5]. */
    /** i64 array of 1–9 strictly increasing recency break points in days for
     *  ::SEG_RFM_THRESHOLDS [empty]; R = bins − (number of break points ≤ days),
     *  bins = count + 1. @since 0.2.0 */
    SEG_PARAM_RFM_THRESHOLDS_R = 104,
    /** i64 array of frequency break points for ::SEG_RFM_THRESHOLDS [empty];
     *  F = 1 + (number of break points ≤ frequency). @since 0.2.0 */
    SEG_PARAM_RFM_THRESHOLDS_F = 105,
    /** i64 array of monetary break points in minor units for
     *  ::SEG_RFM_THRESHOLDS [empty]; M = 1 + (number of break points ≤ monetary).
     *  @since 0.2.0 */
    SEG_PARAM_RFM_THRESHOLDS_M = 106,
    SEG_PARAM_ABC_METRIC = 200,      /**< i64 ::seg_metric of ABC and Pareto [SEG_METRIC_REVENUE]. */
    SEG_PARAM_ABC_A = 201,           /**< f64 cumulative share closing class A, 0–1 [0.80]. */
    SEG_PARAM_ABC_B = 202,           /**< f64 cumulative share closing class B, 0–1 [0.95]. */
    SEG_PARAM_ABC_BOUNDARY = 203,    /**< i64 ::seg_abc_boundary [SEG_ABC_SMALLEST]. */
    SEG_PARAM_ABC_BY_COUNT = 204,    /**< i64 0/1: classes by customer count [0]. */
    SEG_PARAM_ABC_COUNT_A = 205,     /**< f64 share of customers in A by count [0.20]. */
    SEG_PARAM_ABC_COUNT_B = 206,     /**< f64 share of customers in B by count [0.30]. */
    SEG_PARAM_XYZ_WINDOW = 300,      /**< i64 complete periods in the window, 2–520 [12]. */
    SEG_PARAM_XYZ_PARTIAL = 301,     /**< i64 0/1: include the partial last period [0]. */
    SEG_PARAM_XYZ_ZERO_FILL = 302,   /**< i64 0/1: zero-fill the whole window [0]. */
    SEG_PARAM_XYZ_MIN_PERIODS = 303, /**< i64 fewer periods → "too new", 2–520 [3]. */
    SEG_PARAM_XYZ_SAMPLE_STD = 304,  /**< i64 0/1: sample instead of population std [0]. */
    SEG_PARAM_XYZ_X = 305,           /**< f64 CV bound of X, 0–100 [0.10]. */
    SEG_PARAM_XYZ_Y = 306,           /**< f64 CV bound of Y, 0–100 [0.25]. */
    /** i64 ::seg_period of the XYZ series, per-period Pareto lists and
     *  lifecycle rates, or 0 [0] for the dataset's period; it must be made of
     *  whole dataset periods (day → any, month → quarter). @since 0.2.0 */
    SEG_PARAM_XYZ_PERIOD = 307,
    SEG_PARAM_XYZ_METRIC = 308,      /**< i64 ::seg_metric of the XYZ series [SEG_METRIC_REVENUE]. @since 0.2.0 */
    SEG_PARAM_XYZ_BY_RANK = 309,     /**< i64 0/1: classes by CV rank instead of bounds [0]. @since 0.2.0 */
    SEG_PARAM_XYZ_RANK_X = 310,      /**< f64 share of customers in X by rank [0.20]. @since 0.2.0 */
    SEG_PARAM_XYZ_RANK_Y = 311,      /**< f64 share of customers in Y by rank [0.30]. @since 0.2.0 */
    SEG_PARAM_PARETO_TOP = 400,      /**< f64 top share p of customers, 0–1 [0.20]. */
    SEG_PARAM_PARETO_REACH = 401,    /**< f64 metric share q to reach, 0–1 [0.80]. */
    SEG_PARAM_LORENZ_POINTS = 402,   /**< i64 Lorenz curve resolution, 2–10000 [101]. */
    SEG_PARAM_CHURN_DAYS = 500,      /**< i64 churn horizon in days, 1–36500 [180]. */
    SEG_PARAM_CHURN_ADAPTIVE = 501,  /**< i64 0/1: adaptive horizon [0]. */
    SEG_PARAM_CHURN_GAP_FACTOR = 502,/**< f64 m of the adaptive horizon, 1–100 [3.0]. */
    SEG_PARAM_LEAD_TIMEOUT_DAYS = 503,/**< i64 open lead older than this is refused, 1–36500 [90]. */
    SEG_PARAM_CHURN_MIN_DAYS = 504,  /**< i64 smallest adaptive horizon in days, 1–36500 [30]. @since 0.2.0 */
    SEG_PARAM_RENEW_BINARY = 600,    /**< i64 0/1: ratings are good(1)/bad(0) instead of 1–5 [0]. */
    SEG_PARAM_RENEW_BEFORE_DEADLINE = 601, /**< i64 days before a competitor deadline, 0–3650 [14]. */
    SEG_PARAM_RENEW_AFTER_LAUNCH = 602     /**< i64 days after a project launch, 0–3650 [60]. */
} seg_param;

/** Analyses, as bits of ::SEG_PARAM_ANALYSES. ABC×XYZ needs both bits;
 *  renew runs the lifecycle it depends on. @since 0.1.0 */
typedef enum seg_analysis {
    SEG_ANALYSIS_RFM = 1,        /**< RFM scores and segments. */
    SEG_ANALYSIS_ABC = 2,        /**< ABC classes. */
    SEG_ANALYSIS_XYZ = 4,        /**< XYZ classes by coefficient of variation. */
    SEG_ANALYSIS_PARETO = 8,     /**< Pareto shares, Lorenz curve and Gini coefficient. */
    SEG_ANALYSIS_LIFECYCLE = 16, /**< Lifecycle stage of every customer. */
    SEG_ANALYSIS_RENEW = 32,     /**< Renew scores of refused leads. */
    SEG_ANALYSIS_ALL = 63        /**< Every analysis above. */
} seg_analysis;

/** What counts as one purchase. @since 0.1.0 */
typedef enum seg_frequency {
    SEG_FREQUENCY_ORDERS = 0, /**< Distinct order ids with amount > 0; rows when no order id. */
    SEG_FREQUENCY_ROWS = 1,   /**< Rows with amount > 0. */
    SEG_FREQUENCY_DAYS = 2    /**< Distinct days with a row of amount > 0. */
} seg_frequency;

/** Monetary value of a customer. @since 0.1.0 */
typedef enum seg_monetary {
    SEG_MONETARY_TOTAL = 0, /**< Net sum of amounts (refunds subtract). */
    SEG_MONETARY_MEAN = 1   /**< Net sum divided by frequency. */
} seg_monetary;

/** RFM scoring method. @since 0.1.0 */
typedef enum seg_rfm_method {
    SEG_RFM_TIE_QUANTILE = 0, /**< 1 + floor(k·(rank_min−1)/n). */
    SEG_RFM_NTILE = 1,        /**< SQL NTILE(k), ties by id. */
    SEG_RFM_THRESHOLDS = 2,   /**< User break points. */
    SEG_RFM_R_RFM = 3         /**< R package rfm 0.3.0 bands. */
} seg_rfm_method;

/** ABC metric. @since 0.1.0 */
typedef enum seg_metric {
    SEG_METRIC_REVENUE = 0,  /**< Net sum of amounts. */
    SEG_METRIC_MARGIN = 1,   /**< Sum of margins. */
    SEG_METRIC_QUANTITY = 2, /**< Sum of quantities. */
    SEG_METRIC_PURCHASES = 3 /**< Number of purchases (the frequency). */
} seg_metric;

/** ABC boundary rule. Either way, customers tied in value stay in one class. @since 0.1.0 */
typedef enum seg_abc_boundary {
    SEG_ABC_SMALLEST = 0,  /**< Smallest prefix reaching the threshold (the crossing customer is in). */
    SEG_ABC_INCLUSIVE = 1  /**< Only while the cumulative share stays ≤ the threshold. */
} seg_abc_boundary;

/** Named sets of parameter values. @since 0.2.0 */
typedef enum seg_preset {
    SEG_PRESET_ABC_80_95 = 1,  /**< ABC thresholds 80 % / 95 % (the defaults). */
    SEG_PRESET_ABC_80_96 = 2,  /**< ABC "80 % then 80 % of the rest": 80 % / 96 %. */
    SEG_PRESET_XYZ_10_25 = 3,  /**< XYZ CV bounds 10 % / 25 % (the defaults). */
    SEG_PRESET_XYZ_50_100 = 4  /**< XYZ "wide" CV bounds 50 % / 100 %, for customer revenue. */
} seg_preset;

/**
 * Create a parameter set with every option at its default.
 * @param[out] out Receives the set; free it with seg_params_free().
 * @param[in] ctx The context.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_OUT_OF_MEMORY.
 * @since 0.1.0
 */
SEG_API seg_status seg_params_new(seg_params **out, seg_context *ctx);

/**
 * Free a parameter set.
 * @param[in] params The set, or NULL (nothing happens).
 * @since 0.1.0
 */
SEG_API void seg_params_free(seg_params *params);

/**
 * Set an integer (or enum) parameter.
 * @param[in] params The set; must not be NULL.
 * @param[in] key An ::SEG_TYPE_I64 key.
 * @param[in] value Within seg_param_bounds_i64().
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL, wrong type),
 *         ::SEG_ERR_UNSUPPORTED (unknown key), ::SEG_ERR_RANGE.
 * @since 0.1.0
 */
SEG_API seg_status seg_params_set_i64(seg_params *params, seg_param key, int64_t value);

/**
 * Set a real parameter.
 * @param[in] params The set; must not be NULL.
 * @param[in] key An ::SEG_TYPE_F64 key.
 * @param[in] value Finite, within seg_param_bounds_f64().
 * @return As seg_params_set_i64().
 * @since 0.1.0
 */
SEG_API seg_status seg_params_set_f64(seg_params *params, seg_param key, double value);

/**
 * Read an integer parameter.
 * @param[out] out Receives the value; must not be NULL.
 * @param[in] params The set; must not be NULL.
 * @param[in] key An ::SEG_TYPE_I64 key.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL, wrong type), ::SEG_ERR_UNSUPPORTED.
 * @since 0.1.0
 */
SEG_API seg_status seg_params_get_i64(int64_t *out, const seg_params *params, seg_param key);

/**
 * Read a real parameter.
 * @param[out] out Receives the value; must not be NULL.
 * @param[in] params The set; must not be NULL.
 * @param[in] key An ::SEG_TYPE_F64 key.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL, wrong type), ::SEG_ERR_UNSUPPORTED.
 * @since 0.1.0
 */
SEG_API seg_status seg_params_get_f64(double *out, const seg_params *params, seg_param key);

/**
 * Put one parameter back to its default.
 * @param[in] params The set; must not be NULL.
 * @param[in] key The key.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED.
 * @since 0.1.0
 */
SEG_API seg_status seg_params_reset(seg_params *params, seg_param key);

/**
 * Type of a parameter.
 * @param[out] out Receives the type; must not be NULL.
 * @param[in] key The key.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED.
 * @since 0.1.0
 */
SEG_API seg_status seg_param_type_of(seg_param_type *out, seg_param key);

/**
 * Stable lower-case name of a parameter, e.g. "rfm_bins_r".
 * @param[in] key The key.
 * @return A static string, or NULL for an unknown key.
 * @since 0.1.0
 */
SEG_API const char *seg_param_name(seg_param key);

/**
 * Key of a parameter name, the inverse of seg_param_name().
 * @param[out] out Receives the key; must not be NULL.
 * @param[in] name Name bytes; NULL only with @p len 0.
 * @param[in] len Their length in bytes.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED (unknown name).
 * @since 0.1.0
 */
SEG_API seg_status seg_param_from_name(seg_param *out, const char *name, size_t len);

/**
 * Default of an integer parameter.
 * @param[out] out Receives the default; must not be NULL.
 * @param[in] key An ::SEG_TYPE_I64 key.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL, wrong type), ::SEG_ERR_UNSUPPORTED.
 * @since 0.1.0
 */
SEG_API seg_status seg_param_default_i64(int64_t *out, seg_param key);

/**
 * Default of a real parameter.
 * @param[out] out Receives the default; must not be NULL.
 * @param[in] key An ::SEG_TYPE_F64 key.
 * @return As seg_param_default_i64().
 * @since 0.1.0
 */
SEG_API seg_status seg_param_default_f64(double *out, seg_param key);

/**
 * Bounds of an integer parameter (inclusive).
 * @param[out] min Receives the minimum; must not be NULL.
 * @param[out] max Receives the maximum; must not be NULL.
 * @param[in] key An ::SEG_TYPE_I64 key.
 * @return As seg_param_default_i64().
 * @since 0.1.0
 */
SEG_API seg_status seg_param_bounds_i64(int64_t *min, int64_t *max, seg_param key);

/**
 * Bounds of a real parameter (inclusive).
 * @param[out] min Receives the minimum; must not be NULL.
 * @param[out] max Receives the maximum; must not be NULL.
 * @param[in] key An ::SEG_TYPE_F64 key.
 * @return As seg_param_default_i64().
 * @since 0.1.0
 */
SEG_API seg_status seg_param_bounds_f64(double *min, double *max, seg_param key);

/**
 * Set an integer-list parameter (the RFM threshold lists).
 * @param[in] params The set; must not be NULL.
 * @param[in] key An ::SEG_TYPE_I64_ARRAY key.
 * @param[in] values @p n values, copied; NULL only with @p n 0.
 * @param[in] n Their count; 0 empties the list, otherwise 1–9 strictly
 *            increasing values.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL, wrong type),
 *         ::SEG_ERR_UNSUPPORTED, ::SEG_ERR_RANGE (count or order).
 * @since 0.2.0
 */
SEG_API seg_status seg_params_set_i64_array(seg_params *params, seg_param key, const int64_t *values,
                                            size_t n);

/**
 * Read an integer-list parameter.
 * @param[out] values Receives up to @p cap values; may be NULL when @p cap is 0.
 * @param[in] cap Room in @p values.
 * @param[out] n Receives the list's length; must not be NULL.
 * @param[in] params The set; must not be NULL.
 * @param[in] key An ::SEG_TYPE_I64_ARRAY key.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED,
 *         ::SEG_ERR_BUFFER_TOO_SMALL (then @p n holds the length needed).
 * @since 0.2.0
 */
SEG_API seg_status seg_params_get_i64_array(int64_t *values, size_t cap, size_t *n,
                                            const seg_params *params, seg_param key);

/**
 * Set the parameters a preset names.
 * @param[in] params The set; must not be NULL.
 * @param[in] preset The preset.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED (unknown preset).
 * @since 0.2.0
 */
SEG_API seg_status seg_params_apply_preset(seg_params *params, seg_preset preset);

/**
 * Empty the RFM segment rule table (no customer gets a segment until rules
 * are added). A new parameter set holds the default table, written for
 * 5 bins: Champions, Loyal, Can't lose them, At risk, New, Promising,
 * Potential loyalist, Need attention, About to sleep, Hibernating, Lost.
 * With other bin counts a score s of k bins is read as the 5-bin score
 * round(1 + 4 (s − 1) / (k − 1)) for the default table only.
 * @param[in] params The set; must not be NULL.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT.
 * @since 0.2.0
 */
SEG_API seg_status seg_params_segments_clear(seg_params *params);

/**
 * Put the default RFM segment rule table back.
 * @param[in] params The set; must not be NULL.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT.
 * @since 0.2.0
 */
SEG_API seg_status seg_params_segments_default(seg_params *params);

/**
 * Append a rule to the RFM segment table; the first rule whose three ranges
 * all hold names a customer's segment. Ranges are inclusive scores.
 * Appending to the default table first empties it.
 * @param[in] params The set; must not be NULL.
 * @param[in] name Segment name bytes (UTF-8), copied; must not be NULL.
 * @param[in] len Name length, 1–64.
 * @param[in] r_min Lowest R, 1–10. @param[in] r_max Highest R, r_min–10.
 * @param[in] f_min Lowest F. @param[in] f_max Highest F.
 * @param[in] m_min Lowest M. @param[in] m_max Highest M.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL, bad name length),
 *         ::SEG_ERR_RANGE (a range, or more than 64 rules), ::SEG_ERR_OUT_OF_MEMORY.
 * @since 0.2.0
 */
SEG_API seg_status seg_params_segment_add(seg_params *params, const char *name, size_t len, int r_min,
                                          int r_max, int f_min, int f_max, int m_min, int m_max);

/**
 * Number of rules in the RFM segment table.
 * @param[in] params The set, or NULL (gives 0).
 * @return The rule count.
 * @since 0.2.0
 */
SEG_API size_t seg_params_segment_count(const seg_params *params);

/**
 * Read one rule of the RFM segment table.
 * @param[out] name Receives the name, NUL-terminated, borrowed from @p params
 *             until its next change; must not be NULL.
 * @param[out] len Receives the name's length; may be NULL.
 * @param[out] ranges Receives six scores: r_min, r_max, f_min, f_max, m_min,
 *             m_max; must not be NULL.
 * @param[in] params The set; must not be NULL.
 * @param[in] index Rule index, below seg_params_segment_count().
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_NOT_FOUND (index).
 * @since 0.2.0
 */
SEG_API seg_status seg_params_segment_get(const char **name, size_t *len, int32_t *ranges,
                                          const seg_params *params, size_t index);

/**
 * Check that the segment table names every (R, F, M) score cell the current
 * bin counts can produce, and list the cells no rule covers.
 * @param[out] missing Receives up to @p cap uncovered cells as (R, F, M)
 *             triples, 3 × @p cap values; may be NULL when @p cap is 0.
 * @param[in] cap Room in @p missing, in cells.
 * @param[out] n_missing Receives the number of uncovered cells (0 = complete);
 *             must not be NULL.
 * @param[in] params The set; must not be NULL.
 * @return ::SEG_OK (whatever the coverage), ::SEG_ERR_INVALID_ARGUMENT.
 * @since 0.2.0
 */
SEG_API seg_status seg_params_segments_check(int32_t *missing, size_t cap, size_t *n_missing,
                                             const seg_params *params);

/**
 * Empty the renew criteria (the default is brand, deal and closeness, weight 1).
 * @param[in] params The set; must not be NULL.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT.
 * @since 0.2.0
 */
SEG_API seg_status seg_params_renew_clear(seg_params *params);

/**
 * Add a renew criterion, or change the weight of one already listed. Its
 * ratings are the customers' ratings of the same name
 * (seg_dataset_set_rating()).
 * @param[in] params The set; must not be NULL.
 * @param[in] name Criterion name bytes, copied; must not be NULL.
 * @param[in] len Name length, 1–64.
 * @param[in] weight Finite, 0–1000.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_RANGE (weight, or
 *         more than 16 criteria).
 * @since 0.2.0
 */
SEG_API seg_status seg_params_renew_add(seg_params *params, const char *name, size_t len, double weight);

/**
 * Number of renew criteria.
 * @param[in] params The set, or NULL (gives 0).
 * @return The criterion count.
 * @since 0.2.0
 */
SEG_API size_t seg_params_renew_count(const seg_params *params);

/**
 * Read one renew criterion.
 * @param[out] name Receives the name, NUL-terminated, borrowed from @p params
 *             until its next change; must not be NULL.
 * @param[out] len Receives the name's length; may be NULL.
 * @param[out] weight Receives the weight; may be NULL.
 * @param[in] params The set; must not be NULL.
 * @param[in] index Criterion index, below seg_params_renew_count().
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_NOT_FOUND (index).
 * @since 0.2.0
 */
SEG_API seg_status seg_params_renew_get(const char **name, size_t *len, double *weight,
                                        const seg_params *params, size_t index);

/** @} */

/* ------------------------------------------------------------------------ */
/** @defgroup result Results: per-customer columns and summaries
 *  @{ */

/**
 * @struct seg_result
 * The read-only outcome of one analysis run. Row i is the dataset's
 * customer i. Reads (copies, summaries, breaks, matrix, periods, explain,
 * cursor moves) do not touch the context, so many threads may read one
 * result at once; the writers and seg_cursor_new() use the context. Free
 * results before their dataset; while one is alive the dataset refuses
 * loading calls.
 * @since 0.1.0
 */
typedef struct seg_result seg_result;

/** Per-customer result columns; values are fixed. @since 0.1.0 */
typedef enum seg_column {
    SEG_COL_RECENCY_DAYS = 1,  /**< i64 as-of − last purchase date; null without purchases. */
    SEG_COL_FREQUENCY = 2,     /**< i64 purchases per ::SEG_PARAM_FREQUENCY. */
    SEG_COL_MONETARY = 3,      /**< i64 minor units per ::SEG_PARAM_MONETARY (mean: rounded half away from zero); null when frequency is 0 for mean. */
    SEG_COL_NET_AMOUNT = 4,    /**< i64 net sum of amounts, minor units. */
    SEG_COL_MARGIN = 5,        /**< i64 sum of margins, minor units. */
    SEG_COL_QUANTITY = 6,      /**< i64 sum of quantities. */
    SEG_COL_ROWS = 7,          /**< i64 transaction rows folded. */
    SEG_COL_PURCHASE_ROWS = 8, /**< i64 rows with amount > 0. */
    SEG_COL_REFUND_ROWS = 9,   /**< i64 rows with amount < 0. */
    SEG_COL_ORDERS = 10,       /**< i64 purchases: distinct order ids on purchase rows, plus each purchase row without an order id (it is a purchase of its own). */
    SEG_COL_PURCHASE_DAYS = 11,/**< i64 distinct days with a purchase. */
    SEG_COL_FIRST_PURCHASE = 12, /**< i64 date of the first purchase; null without purchases. */
    SEG_COL_LAST_PURCHASE = 13,  /**< i64 date of the last purchase; null without purchases. */
    SEG_COL_TENURE_DAYS = 14,    /**< i64 as-of − first purchase date; null without purchases. */
    SEG_COL_ACTIVE_PERIODS = 15, /**< i64 periods with any folded row. */
    SEG_COL_MEAN_GAP_DAYS = 16,  /**< f64 (last − first purchase) / (purchase days − 1); null below 2 days. */
    /* RFM (@since 0.2.0); null for customers without a purchase. */
    SEG_COL_R = 17,              /**< i64 recency score, 1 (longest ago) … bins. */
    SEG_COL_F = 18,              /**< i64 frequency score, 1 (fewest) … bins. */
    SEG_COL_M = 19,              /**< i64 monetary score, 1 (least) … bins. */
    SEG_COL_RFM = 20,            /**< i64 100·R + 10·F + M, as R's rfm package writes it. */
    SEG_COL_RFM_SEGMENT = 21,    /**< i64 index of the segment rule (seg_result_segment_name()); null when no rule covers the cell. */
    /* ABC (@since 0.2.0); null for customers without a purchase. */
    SEG_COL_ABC = 30,            /**< i64 ::seg_abc_class. */
    SEG_COL_ABC_METRIC = 31,     /**< i64 the ABC metric (minor units, units or purchases). */
    SEG_COL_ABC_RANK = 32,       /**< i64 1-based rank by metric, descending, ties by id. */
    SEG_COL_ABC_SHARE = 33,      /**< f64 cumulative share of the positive metric through this customer. */
    /* XYZ (@since 0.2.0); null for customers without a purchase. */
    SEG_COL_XYZ = 40,            /**< i64 ::seg_xyz_class. */
    SEG_COL_XYZ_CV = 41,         /**< f64 coefficient of variation of the period series. */
    SEG_COL_XYZ_PERIODS = 42,    /**< i64 periods in the customer's series. */
    SEG_COL_XYZ_MEAN = 43,       /**< f64 mean of the period series, in metric units. */
    /* Pareto (@since 0.2.0). */
    SEG_COL_PARETO_PERIODS = 50, /**< i64 window periods in which the customer was in that period's top share. */
    /* Lifecycle (@since 0.2.0); every customer has a stage. */
    SEG_COL_LIFECYCLE = 60,        /**< i64 ::seg_lifecycle. */
    SEG_COL_LIFECYCLE_REASON = 61, /**< i64 ::seg_lifecycle_reason. */
    SEG_COL_CHURN_HORIZON = 62,    /**< i64 churn horizon in days used for the customer; null without a purchase. */
    /* Renew (@since 0.2.0); null except for refused leads. */
    SEG_COL_RENEW = 70,          /**< f64 weighted sum of the ratings; null when unrated. */
    SEG_COL_RENEW_RANK = 71,     /**< i64 1-based rank by renew, descending, ties by id; null when unrated. */
    SEG_COL_RENEW_STATUS = 72,   /**< i64 ::seg_renew_status. */
    SEG_COL_RECONTACT_DATE = 73  /**< i64 suggested re-contact date; null when none is known and not past. */
} seg_column;

/** ABC classes, the values of ::SEG_COL_ABC. @since 0.2.0 */
typedef enum seg_abc_class {
    SEG_ABC_A = 1, /**< The few customers that bring most of the metric. */
    SEG_ABC_B = 2, /**< The middle. */
    SEG_ABC_C = 3  /**< The many that bring little, and buyers whose metric is ≤ 0. */
} seg_abc_class;

/** XYZ classes, the values of ::SEG_COL_XYZ. @since 0.2.0 */
typedef enum seg_xyz_class {
    SEG_XYZ_X = 1,       /**< Steady: CV within the X bound. */
    SEG_XYZ_Y = 2,       /**< Fluctuating: CV within the Y bound. */
    SEG_XYZ_Z = 3,       /**< Irregular. */
    SEG_XYZ_TOO_NEW = 4, /**< "-": fewer periods than ::SEG_PARAM_XYZ_MIN_PERIODS since the first purchase. */
    SEG_XYZ_NO_MEAN = 5  /**< "-": the series' mean is ≤ 0, so no CV. */
} seg_xyz_class;

/** Why a customer has its lifecycle stage, the values of ::SEG_COL_LIFECYCLE_REASON. @since 0.2.0 */
typedef enum seg_lifecycle_reason {
    SEG_REASON_STATUS = 1,       /**< The explicit status field. */
    SEG_REASON_CHURN_DATE = 2,   /**< An explicit churn date on or before the as-of date, no purchase after it. */
    SEG_REASON_RECENCY = 3,      /**< Recency compared with the churn horizon. */
    SEG_REASON_LEAD_CLOSED = 4,  /**< Never bought; the lead is closed. */
    SEG_REASON_LEAD_TIMEOUT = 5, /**< Never bought; the lead is older than ::SEG_PARAM_LEAD_TIMEOUT_DAYS. */
    SEG_REASON_LEAD_OPEN = 6,    /**< Never bought; the lead is open and recent. */
    SEG_REASON_NO_LEAD = 7       /**< Never bought; nothing is known of a lead. */
} seg_lifecycle_reason;

/** Renew state of a refused lead, the values of ::SEG_COL_RENEW_STATUS. @since 0.2.0 */
typedef enum seg_renew_status {
    SEG_RENEW_SCORED = 1, /**< Every criterion is rated. */
    SEG_RENEW_UNRATED = 2 /**< A rating is missing; never scored as 0. */
} seg_renew_status;

/** Result summaries; values are fixed. @since 0.1.0 */
typedef enum seg_summary {
    SEG_SUM_CUSTOMERS = 1,   /**< i64 rows of the result. */
    SEG_SUM_BUYERS = 2,      /**< i64 customers with at least one purchase. */
    SEG_SUM_AS_OF = 3,       /**< i64 as-of date used (days), SEG_NONE for an empty dataset. */
    SEG_SUM_NET_AMOUNT = 4,  /**< i64 net sum of all amounts (of the look-back window, if set), minor units. */
    SEG_SUM_PURCHASES = 5,   /**< i64 sum of the frequency column. */
    SEG_SUM_SCALE = 6,       /**< i64 money scale of the dataset. */
    SEG_SUM_ANALYSES = 7,        /**< i64 ::seg_analysis bits that ran. @since 0.2.0 */
    SEG_SUM_RFM_SCORED = 8,      /**< i64 customers with RFM scores (n of the quantiles). @since 0.2.0 */
    SEG_SUM_RFM_UNSEGMENTED = 9, /**< i64 scored customers whose cell no segment rule covers. @since 0.2.0 */
    SEG_SUM_METRIC_TOTAL = 10,   /**< i64 sum of the positive ABC metric over buyers (the 100 % of ABC and Pareto). @since 0.2.0 */
    SEG_SUM_PERIODS = 11,        /**< i64 periods in the window of XYZ, period lists and rates. @since 0.2.0 */
    SEG_SUM_PARETO_TOP_COUNT = 12,   /**< i64 customers in the top share: floor(p · buyers). @since 0.2.0 */
    SEG_SUM_PARETO_REACH_COUNT = 13, /**< i64 fewest customers whose metric reaches the share q. @since 0.2.0 */
    SEG_SUM_RENEW_SCORED = 14,   /**< i64 refused leads with a renew score. @since 0.2.0 */
    SEG_SUM_RENEW_UNRATED = 15,  /**< i64 refused leads missing a rating. @since 0.2.0 */
    SEG_SUM_XYZ_PERIOD = 16,     /**< i64 ::seg_period of the window. @since 0.2.0 */
    SEG_SUM_MEAN_MONETARY = 100, /**< f64 mean monetary value over buyers, in minor units. */
    SEG_SUM_GINI = 101,          /**< f64 Gini coefficient of the metric over buyers (negative values count as 0). @since 0.2.0 */
    SEG_SUM_PARETO_TOP_SHARE = 102,   /**< f64 share of the metric from the top p of buyers. @since 0.2.0 */
    SEG_SUM_PARETO_REACH_SHARE = 103, /**< f64 smallest share of buyers reaching the share q of the metric. @since 0.2.0 */
    SEG_SUM_TYPICAL_GAP_DAYS = 104,   /**< f64 median mean gap between purchases, the adaptive fallback. @since 0.2.0 */
    SEG_SUM_REPEAT_RATE = 105,   /**< f64 buyers with ≥ 2 purchases / buyers. @since 0.2.0 */
    SEG_SUM_XYZ_CV_MIN = 110,    /**< f64 smallest CV. @since 0.2.0 */
    SEG_SUM_XYZ_CV_P10 = 111,    /**< f64 10th percentile of CV (type-7 quantile). @since 0.2.0 */
    SEG_SUM_XYZ_CV_P25 = 112,    /**< f64 25th percentile of CV. @since 0.2.0 */
    SEG_SUM_XYZ_CV_MEDIAN = 113, /**< f64 median CV. @since 0.2.0 */
    SEG_SUM_XYZ_CV_P75 = 114,    /**< f64 75th percentile of CV. @since 0.2.0 */
    SEG_SUM_XYZ_CV_P90 = 115,    /**< f64 90th percentile of CV. @since 0.2.0 */
    SEG_SUM_XYZ_CV_MAX = 116     /**< f64 largest CV. @since 0.2.0 */
} seg_summary;

/** RFM axes. @since 0.2.0 */
typedef enum seg_rfm_axis {
    SEG_AXIS_R = 1, /**< Recency, in days. */
    SEG_AXIS_F = 2, /**< Frequency, in purchases. */
    SEG_AXIS_M = 3  /**< Monetary, in minor units. */
} seg_rfm_axis;

/** Per-period figures of the window, read with seg_result_period_i64() and _f64(). @since 0.2.0 */
typedef enum seg_period_stat {
    SEG_PSTAT_START = 1,            /**< i64 first day of the period. */
    SEG_PSTAT_END = 2,              /**< i64 last day counted: the period's end, or the as-of date for a partial one. */
    SEG_PSTAT_COMPLETE = 3,         /**< i64 1 if the period ends on or before the as-of date. */
    SEG_PSTAT_BUYERS = 4,           /**< i64 customers with a purchase in the period. */
    SEG_PSTAT_REPEAT_BUYERS = 5,    /**< i64 customers with ≥ 2 purchases in the period. */
    SEG_PSTAT_NEW = 6,              /**< i64 customers whose first purchase is in the period. */
    SEG_PSTAT_CURRENT_AT_START = 7, /**< i64 customers current on the day before the period. */
    SEG_PSTAT_CHURNED = 8,          /**< i64 of those, customers no longer current on its last day. */
    SEG_PSTAT_TOP_COUNT = 9,        /**< i64 customers in the period's top list. */
    SEG_PSTAT_METRIC = 10,          /**< i64 sum of the XYZ metric over the period. */
    SEG_PSTAT_CHURN_RATE = 100,     /**< f64 churned / current at start (NaN when none were current). */
    SEG_PSTAT_REPEAT_RATE = 101     /**< f64 repeat buyers / buyers (NaN without buyers). */
} seg_period_stat;

/** Output formats of the writers. @since 0.2.0 */
typedef enum seg_format {
    SEG_FORMAT_CSV = 1, /**< RFC 4180 CSV, UTF-8, a header row; text cells that a spreadsheet could run as formulas (starting with = @ tab CR, or + - and more than a number) are prefixed with '. */
    SEG_FORMAT_JSON = 2 /**< JSON (RFC 8259), UTF-8. */
} seg_format;

/** What a writer writes. @since 0.2.0 */
typedef enum seg_output {
    SEG_OUTPUT_TABLE = 1,  /**< The per-customer table, one row per customer. */
    SEG_OUTPUT_SUMMARY = 2 /**< The summaries: parameters, class counts and shares, breaks, matrix, Pareto, periods. */
} seg_output;

/**
 * Receives the bytes a writer produces, in order.
 * @param[in] data The bytes; not NUL-terminated; valid only during the call.
 * @param[in] len Their count, at least 1.
 * @param[in] user_data The pointer given to the writer.
 * @return 0 to go on; anything else stops the writer with ::SEG_ERR_IO.
 * @since 0.2.0
 */
typedef int (*seg_write_fn)(const void *data, size_t len, void *user_data);

/**
 * @struct seg_cursor
 * Walks the rows of a result, optionally only those with one column value.
 * @since 0.2.0
 */
typedef struct seg_cursor seg_cursor;

/**
 * Run the analyses selected in @p params over @p ds. The dataset is read,
 * never copied; every definition is in the guide page "The analyses".
 * @param[out] out Receives the result; free it with seg_result_free().
 * @param[in] ds The dataset; must outlive the result.
 * @param[in] params The options, or NULL for all defaults; not retained.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (e.g. ABC B below A, thresholds
 *         method without thresholds), ::SEG_ERR_RANGE (a rating outside the
 *         renew scale), ::SEG_ERR_STATE (as-of before a folded transaction, an
 *         XYZ period not made of dataset periods), ::SEG_ERR_OVERFLOW (the net
 *         of a look-back window, a period's metric or the ABC metric's total
 *         exceeds 64 bits), ::SEG_ERR_OUT_OF_MEMORY.
 * @since 0.1.0
 */
SEG_API seg_status seg_analyze(seg_result **out, seg_dataset *ds, const seg_params *params);

/**
 * Free a result; afterwards its dataset accepts loading calls again once
 * no other result of it is alive.
 * @param[in] result The result, or NULL (nothing happens).
 * @since 0.1.0
 */
SEG_API void seg_result_free(seg_result *result);

/**
 * Number of rows (customers) of a result.
 * @param[in] result The result, or NULL (gives 0).
 * @return The row count.
 * @since 0.1.0
 */
SEG_API size_t seg_result_rows(const seg_result *result);

/**
 * Type of a result column.
 * @param[out] out Receives ::SEG_TYPE_I64 or ::SEG_TYPE_F64; must not be NULL.
 * @param[in] column The column.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED.
 * @since 0.1.0
 */
SEG_API seg_status seg_result_column_type(seg_param_type *out, seg_column column);

/**
 * Stable lower-case name of a result column, e.g. "recency_days".
 * @param[in] column The column.
 * @return A static string, or NULL for an unknown column.
 * @since 0.1.0
 */
SEG_API const char *seg_result_column_name(seg_column column);

/**
 * Copy rows [first, first + count) of an integer column into caller arrays.
 * @param[out] values Receives @p count values (0 where null); must not be
 *             NULL if @p count > 0.
 * @param[out] valid Receives @p count flags, 1 for a value, 0 for null; may be NULL.
 * @param[in] result The result; must not be NULL.
 * @param[in] column An ::SEG_TYPE_I64 column.
 * @param[in] first First row.
 * @param[in] count Rows to copy; first + count ≤ seg_result_rows().
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL, wrong type),
 *         ::SEG_ERR_UNSUPPORTED, ::SEG_ERR_RANGE (rows).
 * @since 0.1.0
 */
SEG_API seg_status seg_result_copy_i64(int64_t *values, uint8_t *valid, const seg_result *result,
                                       seg_column column, size_t first, size_t count);

/**
 * Copy rows [first, first + count) of a real column into caller arrays.
 * @param[out] values Receives @p count values (NaN where null); must not be
 *             NULL if @p count > 0.
 * @param[out] valid Receives @p count flags, 1 for a value, 0 for null; may be NULL.
 * @param[in] result The result; must not be NULL.
 * @param[in] column An ::SEG_TYPE_F64 column.
 * @param[in] first First row.
 * @param[in] count Rows to copy; first + count ≤ seg_result_rows().
 * @return As seg_result_copy_i64().
 * @since 0.1.0
 */
SEG_API seg_status seg_result_copy_f64(double *values, uint8_t *valid, const seg_result *result,
                                       seg_column column, size_t first, size_t count);

/**
 * Read an integer summary.
 * @param[out] out Receives the value; must not be NULL.
 * @param[in] result The result; must not be NULL.
 * @param[in] key An integer summary.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL, wrong type), ::SEG_ERR_UNSUPPORTED.
 * @since 0.1.0
 */
SEG_API seg_status seg_result_summary_i64(int64_t *out, const seg_result *result, seg_summary key);

/**
 * Read a real summary.
 * @param[out] out Receives the value (NaN when undefined, e.g. no buyers);
 *            must not be NULL.
 * @param[in] result The result; must not be NULL.
 * @param[in] key A real summary.
 * @return As seg_result_summary_i64().
 * @since 0.1.0
 */
SEG_API seg_status seg_result_summary_f64(double *out, const seg_result *result, seg_summary key);

/**
 * The dataset a result was computed from.
 * @param[in] result The result, or NULL (gives NULL).
 * @return The dataset, borrowed; use it for ids and customer fields.
 * @since 0.1.0
 */
SEG_API const seg_dataset *seg_result_dataset(const seg_result *result);

/**
 * The parameters a result was computed with, resolved: the as-of date used,
 * the XYZ period used, the bins of the thresholds method. Read them with
 * seg_params_get_i64(), seg_params_get_f64(), seg_params_get_i64_array(),
 * seg_params_segment_get() and seg_params_renew_get().
 * @param[in] result The result, or NULL (gives NULL).
 * @return A read-only parameter set owned by @p result, valid until it is
 *         freed; never pass it to a setter.
 * @since 0.2.0
 */
SEG_API const seg_params *seg_result_params(const seg_result *result);

/**
 * Customers, metric and shares of one class of a class column.
 * @param[out] count Receives the customers with @p value; may be NULL.
 * @param[out] metric Receives their summed ABC metric; may be NULL.
 * @param[out] count_share Receives count / customers with any value in the
 *             column (NaN when none); may be NULL.
 * @param[out] metric_share Receives metric / the metric of those customers
 *             (NaN when that is 0); may be NULL.
 * @param[in] result The result; must not be NULL.
 * @param[in] column ::SEG_COL_ABC, ::SEG_COL_XYZ, ::SEG_COL_LIFECYCLE,
 *            ::SEG_COL_RFM_SEGMENT, ::SEG_COL_R, ::SEG_COL_F, ::SEG_COL_M or
 *            ::SEG_COL_RENEW_STATUS.
 * @param[in] value The class value, e.g. ::SEG_ABC_A.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL, not a class column),
 *         ::SEG_ERR_UNSUPPORTED, ::SEG_ERR_STATE (the analysis did not run).
 * @since 0.2.0
 */
SEG_API seg_status seg_result_class_summary(int64_t *count, int64_t *metric, double *count_share,
                                            double *metric_share, const seg_result *result,
                                            seg_column column, int64_t value);

/**
 * Name of an RFM segment, as given in its rule.
 * @param[in] result The result, or NULL (gives NULL).
 * @param[in] segment A value of ::SEG_COL_RFM_SEGMENT.
 * @return A NUL-terminated string owned by @p result, valid until it is freed;
 *         NULL for an unknown index.
 * @since 0.2.0
 */
SEG_API const char *seg_result_segment_name(const seg_result *result, int64_t segment);

/**
 * Number of RFM segment rules the result used.
 * @param[in] result The result, or NULL (gives 0).
 * @return The count; segments are numbered 0 … count − 1.
 * @since 0.2.0
 */
SEG_API size_t seg_result_segment_count(const seg_result *result);

/**
 * Break points used on one RFM axis: b[0] < … ≤ b[k−2] such that
 * F = 1 + (number of b ≤ frequency), M likewise, and R = k − (number of
 * b ≤ recency days). Coinciding points mean an empty score; +∞ means no
 * customer reached the score. Money is in minor units. With ::SEG_RFM_NTILE,
 * equal values may straddle a point (ties are split by id).
 * @param[out] values Receives up to @p cap points; may be NULL when @p cap is 0.
 * @param[in] cap Room in @p values.
 * @param[out] n Receives the number of points, k − 1; must not be NULL.
 * @param[in] result The result; must not be NULL.
 * @param[in] axis The axis.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED (axis),
 *         ::SEG_ERR_STATE (RFM did not run), ::SEG_ERR_BUFFER_TOO_SMALL.
 * @since 0.2.0
 */
SEG_API seg_status seg_result_rfm_breaks(double *values, size_t cap, size_t *n, const seg_result *result,
                                         seg_rfm_axis axis);

/**
 * The ABC × XYZ matrix: customers and ABC-metric shares per cell, rows A, B,
 * C and columns X, Y, Z (cell = 3 × (abc − 1) + (xyz − 1)); empty cells are 0.
 * Customers with XYZ "-" are not in it. Shares are of the metric of all
 * customers with an ABC class.
 * @param[out] counts Receives 9 counts; may be NULL.
 * @param[out] shares Receives 9 shares; may be NULL.
 * @param[in] result The result; must not be NULL.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_STATE (ABC or XYZ did not run).
 * @since 0.2.0
 */
SEG_API seg_status seg_result_abc_xyz(int64_t *counts, double *shares, const seg_result *result);

/**
 * Lorenz curve of the metric over buyers (ascending; negative values count as
 * 0), at ::SEG_PARAM_LORENZ_POINTS evenly spaced customer shares from 0 to 1.
 * @param[out] x Receives the customer shares; may be NULL when @p cap is 0.
 * @param[out] y Receives the metric shares held by the smallest x of buyers.
 * @param[in] cap Room in @p x and @p y.
 * @param[out] n Receives the number of points; must not be NULL.
 * @param[in] result The result; must not be NULL.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_STATE (Pareto did not
 *         run), ::SEG_ERR_BUFFER_TOO_SMALL.
 * @since 0.2.0
 */
SEG_API seg_status seg_result_lorenz(double *x, double *y, size_t cap, size_t *n, const seg_result *result);

/**
 * Number of periods in the window (::SEG_SUM_PERIODS), oldest first.
 * @param[in] result The result, or NULL (gives 0).
 * @return The count.
 * @since 0.2.0
 */
SEG_API size_t seg_result_period_count(const seg_result *result);

/**
 * Read an integer figure of one window period.
 * @param[out] out Receives the value; must not be NULL.
 * @param[in] result The result; must not be NULL.
 * @param[in] period 0 (oldest) … seg_result_period_count() − 1.
 * @param[in] key An integer ::seg_period_stat.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL, wrong type),
 *         ::SEG_ERR_UNSUPPORTED, ::SEG_ERR_NOT_FOUND (period),
 *         ::SEG_ERR_STATE (the analysis behind it did not run).
 * @since 0.2.0
 */
SEG_API seg_status seg_result_period_i64(int64_t *out, const seg_result *result, size_t period,
                                         seg_period_stat key);

/**
 * Read a real figure of one window period.
 * @param[out] out Receives the value; must not be NULL.
 * @param[in] result The result; must not be NULL.
 * @param[in] period 0 (oldest) … seg_result_period_count() − 1.
 * @param[in] key A real ::seg_period_stat.
 * @return As seg_result_period_i64().
 * @since 0.2.0
 */
SEG_API seg_status seg_result_period_f64(double *out, const seg_result *result, size_t period,
                                         seg_period_stat key);

/**
 * The top list of one window period: the floor(p · n) customers with the
 * largest positive metric in the period (ties by id), p = ::SEG_PARAM_PARETO_TOP.
 * @param[out] customers Receives up to @p cap dense customer indices, best
 *             first; may be NULL when @p cap is 0.
 * @param[in] cap Room in @p customers.
 * @param[out] n Receives the list's length; must not be NULL.
 * @param[in] result The result; must not be NULL.
 * @param[in] period 0 (oldest) … seg_result_period_count() − 1.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_NOT_FOUND (period),
 *         ::SEG_ERR_STATE (Pareto did not run), ::SEG_ERR_BUFFER_TOO_SMALL.
 * @since 0.2.0
 */
SEG_API seg_status seg_result_period_top(size_t *customers, size_t cap, size_t *n, const seg_result *result,
                                         size_t period);

/**
 * Explain a customer's classes in sentences that quote its numbers and the
 * thresholds, one sentence per analysis, separated by newlines.
 * @param[out] buf Receives the text and a NUL; may be NULL when @p cap is 0.
 * @param[in] cap Size of @p buf.
 * @param[out] needed Receives the bytes needed, NUL included; may be NULL.
 * @param[in] result The result; must not be NULL.
 * @param[in] customer Dense customer index.
 * @param[in] analyses ::seg_analysis bits to explain (those that ran).
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_NOT_FOUND (customer),
 *         ::SEG_ERR_BUFFER_TOO_SMALL (nothing written; call again with @p needed bytes).
 * @since 0.2.0
 */
SEG_API seg_status seg_result_explain(char *buf, size_t cap, size_t *needed, const seg_result *result,
                                      size_t customer, seg_analysis analyses);

/**
 * Write the per-customer table or the summaries through a callback.
 * Table columns start with customer_id, lifecycle, recency_days, frequency,
 * monetary, r, f, m, rfm, rfm_segment, abc, xyz, renew, renew_rank; money is
 * decimal text at the dataset scale, dates are ISO, reals are what printf's
 * "%.10g" gives in the C locale (a point whatever LC_NUMERIC says), nulls are
 * empty (CSV) or null (JSON).
 * @param[in] result The result; must not be NULL.
 * @param[in] what Table or summary.
 * @param[in] format CSV or JSON.
 * @param[in] fn Receives the bytes; must not be NULL.
 * @param[in] user_data Passed to @p fn as its last argument.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED (what or
 *         format), ::SEG_ERR_IO (@p fn asked to stop), ::SEG_ERR_OUT_OF_MEMORY.
 *         Errors are also recorded in the result's context.
 * @since 0.2.0
 */
SEG_API seg_status seg_result_write(const seg_result *result, seg_output what, seg_format format,
                                    seg_write_fn fn, void *user_data);

/**
 * Write the per-customer table or the summaries to a file, replacing it.
 * @param[in] result The result; must not be NULL.
 * @param[in] what Table or summary.
 * @param[in] format CSV or JSON.
 * @param[in] path File path bytes; need not be NUL-terminated; must not be NULL.
 * @param[in] path_len Their length, at least 1.
 * @return As seg_result_write(); ::SEG_ERR_IO names the path and the reason.
 * @since 0.2.0
 */
SEG_API seg_status seg_result_write_file(const seg_result *result, seg_output what, seg_format format,
                                         const char *path, size_t path_len);

/**
 * Create a cursor before the first row of a result. It allocates with the
 * result's context, so create cursors on the thread that uses the context.
 * @param[out] out Receives the cursor; free it with seg_cursor_free().
 * @param[in] result The result; must outlive the cursor.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_OUT_OF_MEMORY.
 * @since 0.2.0
 */
SEG_API seg_status seg_cursor_new(seg_cursor **out, const seg_result *result);

/**
 * Free a cursor.
 * @param[in] cursor The cursor, or NULL (nothing happens).
 * @since 0.2.0
 */
SEG_API void seg_cursor_free(seg_cursor *cursor);

/**
 * Visit only rows whose integer column equals a value (e.g. ABC = A), and go
 * back before the first row.
 * @param[in] cursor The cursor; must not be NULL.
 * @param[in] column An ::SEG_TYPE_I64 column, or 0 to visit every row.
 * @param[in] value The value to match.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT (NULL, a real column), ::SEG_ERR_UNSUPPORTED.
 * @since 0.2.0
 */
SEG_API seg_status seg_cursor_filter(seg_cursor *cursor, seg_column column, int64_t value);

/**
 * Move to the next row (the first one after creation or filtering).
 * @param[in] cursor The cursor, or NULL (gives 0).
 * @return 1 on a row, 0 past the last one.
 * @since 0.2.0
 */
SEG_API int seg_cursor_next(seg_cursor *cursor);

/**
 * Dense customer index of the current row.
 * @param[out] customer Receives the index; must not be NULL.
 * @param[in] cursor The cursor; must not be NULL.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_STATE (not on a row).
 * @since 0.2.0
 */
SEG_API seg_status seg_cursor_customer(size_t *customer, const seg_cursor *cursor);

/**
 * Integer value of the current row.
 * @param[out] value Receives the value, 0 for null; must not be NULL.
 * @param[out] valid Receives 1 for a value, 0 for null; may be NULL.
 * @param[in] cursor The cursor; must not be NULL.
 * @param[in] column An ::SEG_TYPE_I64 column.
 * @return ::SEG_OK, ::SEG_ERR_INVALID_ARGUMENT, ::SEG_ERR_UNSUPPORTED, ::SEG_ERR_STATE (not on a row).
 * @since 0.2.0
 */
SEG_API seg_status seg_cursor_get_i64(int64_t *value, uint8_t *valid, const seg_cursor *cursor,
                                      seg_column column);

/**
 * Real value of the current row.
 * @param[out] value Receives the value, NaN for null; must not be NULL.
 * @param[out] valid Receives 1 for a value, 0 for null; may be NULL.
 * @param[in] cursor The cursor; must not be NULL.
 * @param[in] column An ::SEG_TYPE_F64 column.
 * @return As seg_cursor_get_i64().
 * @since 0.2.0
 */
SEG_API seg_status seg_cursor_get_f64(double *value, uint8_t *valid, const seg_cursor *cursor,
                                      seg_column column);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* LIBSEGMENT_SEGMENT_H */
