// The public header must compile as C++ (extern "C", no C-only constructs) and
// link against the C library; built with -Werror -pedantic.
#include <libsegment/segment.h>

int main()
{
    seg_context *ctx = nullptr;
    seg_status st = seg_context_new(&ctx);
    seg_param_type type = SEG_TYPE_I64;
    bool ok = st == SEG_OK && seg_param_type_of(&type, SEG_PARAM_ABC_A) == SEG_OK && type == SEG_TYPE_F64;
    seg_context_free(ctx);
    return ok ? 0 : 1;
}
