/* Static descriptions of status codes, and the run-time version functions
 * that let bindings check which library they loaded. */
#include <libsegment/segment.h>

SEG_API const char *seg_strerror(seg_status status)
{
    switch (status) {
    case SEG_OK: return "success";
    case SEG_ERR_INVALID_ARGUMENT: return "invalid argument";
    case SEG_ERR_OUT_OF_MEMORY: return "out of memory";
    case SEG_ERR_UNSUPPORTED: return "unsupported option or field";
    case SEG_ERR_RANGE: return "value out of range";
    case SEG_ERR_PARSE: return "parse error";
    case SEG_ERR_INEXACT: return "decimal has more digits than the scale allows";
    case SEG_ERR_OVERFLOW: return "integer overflow";
    case SEG_ERR_STATE: return "not allowed in the current state";
    case SEG_ERR_NOT_FOUND: return "not found";
    case SEG_ERR_BUFFER_TOO_SMALL: return "buffer too small";
    case SEG_ERR_IO: return "input/output error";
    case SEG_ERR_CANCELLED: return "cancelled";
    case SEG_ERR_CORRUPT: return "corrupted or truncated state";
    }
    return "unknown status";
}

SEG_API int seg_version_major(void) { return SEG_VERSION_MAJOR; }
SEG_API int seg_version_minor(void) { return SEG_VERSION_MINOR; }
SEG_API int seg_version_patch(void) { return SEG_VERSION_PATCH; }
SEG_API int seg_version_number(void) { return SEG_VERSION_NUMBER; }
SEG_API const char *seg_version_string(void) { return SEG_VERSION_STRING; }
