/*
 * tumen/tumen.h - libtumen: English-Persian (and any pair) sentence alignment.
 *
 * Pipeline: tumen_doc_from_bytes() (decode, normalize, segment) on each side,
 * tumen_align(), then a tumen_writer for TMX 1.4b, beads, TSV or Moses.
 * See each header for the ownership of what it returns.
 */
#ifndef TUMEN_TUMEN_H
#define TUMEN_TUMEN_H

#include <tumen/status.h>
#include <tumen/document.h>
#include <tumen/dict.h>
#include <tumen/align.h>
#include <tumen/output.h>
#include <tumen/eval.h>
#include <tumen/tmx.h>
#include <tumen/report.h>
#include <tumen/srx.h>

#endif
