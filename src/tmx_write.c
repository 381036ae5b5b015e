/* STUB - to be replaced by the TMX writer */
#include "config.h"
#include "tmx_write.h"
tumen_status tumen_xml_escape(tumen_buf *out, const char *s, size_t len, size_t *dropped)
{ (void)dropped; return tumen_buf_add(out, s, len); }
tumen_status tumen_tmx_begin(FILE *f, const char *srclang, const char *date)
{ (void)f; (void)srclang; (void)date; return TUMEN_OK; }
tumen_status tumen_tmx_unit(FILE *f, tumen_buf *scratch, const char *doc_id,
                            double score, size_t nsrc, size_t ntgt,
                            const char *srclang, const char *src, size_t srclen,
                            const char *tgtlang, const char *tgt, size_t tgtlen,
                            size_t *dropped)
{ (void)f;(void)scratch;(void)doc_id;(void)score;(void)nsrc;(void)ntgt;(void)srclang;(void)src;(void)srclen;(void)tgtlang;(void)tgt;(void)tgtlen;(void)dropped; return TUMEN_OK; }
tumen_status tumen_tmx_end(FILE *f) { (void)f; return TUMEN_OK; }
