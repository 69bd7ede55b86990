/* HTML text: escaping of untrusted bytes (ids and names come from CRM
 * exports, so any byte may appear) and the page skeleton with its style. */
#include "html.h"

#include <stdint.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid:
 * no overlong forms, no surrogates, nothing beyond U+10FFFF. */
static size_t utf8_length(const unsigned char *s, size_t n)
{
    size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
                 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    if (!len || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) || (s[0] == 0xF0 && s[1] < 0x90) ||
        (s[0] == 0xF4 && s[1] > 0x8F))
        return 0;
    return len;
}

static uint32_t code_point(const unsigned char *s, size_t len)
{
    static const unsigned char lead_mask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    uint32_t c = s[0] & lead_mask[len];
    for (size_t i = 1; i < len; i++)
        c = c << 6 | (s[i] & 0x3F);
    return c;
}

/* Characters the HTML parser accepts without a parse error. */
static int allowed(uint32_t c)
{
    if (c < 0x20)
        return c == '\t' || c == '\n' || c == '\r';
    if (c >= 0x7F && c <= 0x9F)
        return 0;
    return !(c >= 0xFDD0 && c <= 0xFDEF) && (c & 0xFFFE) != 0xFFFE;
}

void html_text(FILE *out, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_length(s + i, len - i);
        if (n == 0 || !allowed(code_point(s + i, n))) {
            fputs("\xEF\xBF\xBD", out);
            i += n ? n : 1;
            continue;
        }
        switch (s[i]) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fwrite(s + i, 1, n, out); break;
        }
        i += n;
    }
}

void html_str(FILE *out, const char *s)
{
    size_t len = 0;
    while (s && s[len])
        len++;
    html_text(out, s, len);
}

/* System fonts only; a colour-blind-safe palette (Okabe–Ito accents, a
 * single-hue blue ramp for heat maps); print keeps the colours. */
static const char *const style[] = {
    ":root{--ink:#1f2328;--muted:#59636e;--rule:#d1d9e0;--soft:#f6f8fa}\n",
    "*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}\n",
    "body{margin:0;background:#fff;color:var(--ink);"
    "font:15px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif}\n",
    "main{max-width:1040px;margin:0 auto;padding:28px 32px 48px}\n",
    "h1{font-size:26px;line-height:1.25;margin:0 0 6px}\n",
    "h2{font-size:19px;margin:0 0 2px}\n",
    "h3{font-size:15px;margin:16px 0 4px}\n",
    "section{border-top:1px solid var(--rule);padding:22px 0 10px}\n",
    "p{margin:0 0 10px}\n",
    "p.lead{color:var(--muted);margin-bottom:14px}\n",
    ".meta{color:var(--muted);font-size:13px}\n",
    ".kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:12px;margin:6px 0 10px}\n",
    ".kpi{border:1px solid var(--rule);border-radius:8px;padding:10px 14px;background:var(--soft)}\n",
    ".kpi b{display:block;font-size:22px;font-variant-numeric:tabular-nums;white-space:nowrap}\n",
    ".kpi span{color:var(--muted);font-size:13px}\n",
    ".charts{display:flex;flex-wrap:wrap;gap:20px 36px;align-items:flex-start}\n",
    "figure{margin:0 0 12px}\n",
    "figcaption{color:var(--muted);font-size:13px;max-width:560px}\n",
    "svg{display:block;max-width:100%;height:auto;overflow:visible}\n",
    "svg text{font-family:inherit;font-size:12px;fill:var(--ink)}\n",
    "svg text.small{font-size:11px;fill:var(--muted)}\n",
    "svg text.title{font-size:12px;font-weight:600}\n",
    "svg text.light{fill:#fff}\n",
    ".axis{stroke:#59636e;stroke-width:1}\n",
    ".grid{stroke:#e3e8ee;stroke-width:1}\n",
    ".diag{stroke:#8c959f;stroke-width:1;stroke-dasharray:5 4}\n",
    ".guide{stroke:#D55E00;stroke-width:1.2;stroke-dasharray:3 3}\n",
    ".curve{fill:none;stroke:#0072B2;stroke-width:2.5;stroke-linejoin:round}\n",
    ".line2{fill:none;stroke:#D55E00;stroke-width:2;stroke-dasharray:6 3}\n",
    ".cell{stroke:#fff;stroke-width:2}\n",
    "table{border-collapse:collapse;font-size:14px;margin:6px 0 14px}\n",
    "th,td{padding:4px 10px;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}\n",
    "th{font-weight:600;background:var(--soft)}\n",
    ".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n",
    "td.id{word-break:break-all;max-width:320px}\n",
    "code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}\n",
    "pre{white-space:pre-wrap;word-break:break-all;background:var(--soft);padding:8px 12px;border-radius:6px}\n",
    ".na{background:#fff8c5;border:1px solid #e6d68c;border-radius:6px;padding:8px 12px}\n",
    "@media print{main{max-width:none;padding:0}body{font-size:12px}"
    "section{break-inside:avoid}h2{break-after:avoid}}\n",
};

void html_begin(FILE *out, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<link rel=\"icon\" href=\"data:,\">\n<title>",
          out);
    html_str(out, title);
    fputs("</title>\n<style>\n", out);
    for (size_t i = 0; i < sizeof style / sizeof style[0]; i++)
        fputs(style[i], out);
    fputs("</style>\n</head>\n<body>\n<main>\n", out);
}

void html_end(FILE *out)
{
    fputs("</main>\n</body>\n</html>\n", out);
}
