/*
 * report_html.c - the coverage report as one self-contained HTML page.
 *
 * The page must work offline, from a file, in any browser: CSS inline, no
 * fonts or scripts fetched, and a single short script that only adds a
 * "problems only" filter and marks the page ready (data-ready="1"), which
 * the tests look for to know that scripts ran without an exception.
 * Every piece of text goes through S_esc: input may hold "<script>".
 */
#include "config.h"

#include <string.h>

#include "report.h"

static const char S_css[] =
"*{box-sizing:border-box}\n"
"body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',"
"'DejaVu Sans','Noto Sans','Noto Sans Arabic',Tahoma,sans-serif;"
"color:#1d2330;background:#f3f5f8}\n"
"header{background:#1f2a3d;color:#fff;padding:18px 28px 14px}\n"
"h1{margin:0 0 2px;font-size:22px;font-weight:600}\n"
".sub{margin:0;color:#b9c3d6;font-size:13px}\n"
".cards{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0 10px}\n"
".card{background:#2c3a52;border-radius:8px;padding:8px 14px;min-width:120px;"
"border-top:4px solid #6b7a94}\n"
".card b{display:block;font-size:22px}\n"
".card span{font-size:12px;color:#c9d2e3}\n"
".card.om{border-color:#b05ad8}.card.ad{border-color:#2f8fe0}"
".card.su{border-color:#f08c28}.card.cv{border-color:#3cb46e}\n"
".legend{display:flex;flex-wrap:wrap;gap:14px;align-items:center;"
"font-size:13px;color:#dfe5ef}\n"
".sw{display:inline-block;width:14px;height:14px;border-radius:3px;"
"vertical-align:-2px;margin-right:5px;border:1px solid #0003}\n"
"main{padding:8px 28px 40px}\n"
"section.doc{background:#fff;border-radius:10px;margin:18px 0;"
"box-shadow:0 1px 3px #0002;overflow:hidden}\n"
"section.doc h2{margin:0;padding:12px 16px 2px;font-size:18px}\n"
"h2 small{font-weight:400;color:#5b6578;font-size:13px;margin-left:8px}\n"
".stats{margin:0;padding:0 16px 10px;color:#3b4456;font-size:13px}\n"
".err{padding:0 16px 14px;color:#a3202a}\n"
"table{border-collapse:collapse;width:100%}\n"
"table.beads{table-layout:fixed}\n"
"th{position:sticky;top:0;background:#e6eaf0;text-align:start;"
"font-size:12px;text-transform:uppercase;letter-spacing:.04em;"
"color:#445;padding:6px 10px;z-index:1}\n"
"td{vertical-align:top;padding:6px 10px;border-top:1px solid #fff8}\n"
"col.n{width:3.2em}col.sc{width:5.6em}\n"
"td.n,td.sc{font-size:12px;color:#445;font-variant-numeric:tabular-nums}\n"
"td.tgt{font-size:16px}\n"
".i{color:#7a8396;font-size:11px;margin-inline-end:6px;"
"font-variant-numeric:tabular-nums}\n"
"td p{margin:0 0 3px}\n"
"tr.hi td{background:#e3f4e6}tr.mid td{background:#fdf3cf}"
"tr.lo td{background:#fbd9d9}\n"
"tr.omit td{background:#f1e2fa}tr.add td{background:#dcecfb}\n"
"tr.sus td.n{box-shadow:inset 4px 0 #f08c28}\n"
".tag{display:inline-block;font-size:11px;font-weight:600;color:#fff;"
"border-radius:9px;padding:1px 8px;margin:1px 4px 1px 0}\n"
".tag.om{background:#8e3fb8}.tag.ad{background:#1f74c0}"
".tag.su{background:#c96a10}\n"
".sw.hi{background:#e3f4e6}.sw.mid{background:#fdf3cf}"
".sw.lo{background:#fbd9d9}.sw.om{background:#f1e2fa}"
".sw.ad{background:#dcecfb}\n"
"table.index td,table.index th{position:static;padding:5px 10px}\n"
"table.index tr:nth-child(even) td{background:#f6f8fb}\n"
"body.only tr.b:not(.omit):not(.add):not(.sus){display:none}\n"
"a{color:#1f5fa8}header a{color:#9cc8ff}\n";

static const char S_js[] =
"(function(){var c=document.getElementById('only');"
"if(c)c.addEventListener('change',function(){"
"document.body.classList.toggle('only',c.checked);});"
"document.documentElement.setAttribute('data-ready','1');})();\n";

/* Writes s[0..len) escaped for HTML text and attribute values: invalid
 * UTF-8 and control characters other than tab and newline become U+FFFD
 * (HTML does not allow them). */
static void S_esc(FILE *f, const char *s, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		n = tumen_report_utf8_len(s + i, len - i);
		if (c == '&')
			fputs("&amp;", f);
		else if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '"')
			fputs("&quot;", f);
		else if (c == '\'')
			fputs("&#39;", f);
		else if (!n || (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
			fputs("\xEF\xBF\xBD", f);
		else
			fwrite(s + i, 1, n, f);
		i += n ? n : 1;
	}
}

static void S_escs(FILE *f, const char *s)
{
	S_esc(f, s, strlen(s));
}

/* 1 when the primary subtag of BCP 47 `lang` is a right-to-left script's. */
static int S_rtl(const char *lang)
{
	static const char *const rtl[] = { "ar", "fa", "he", "ur", "ps", "yi",
		"dv", "ckb", "sd", "ug", "ku-arab", "iw", "prs", "pes" };
	size_t k, n = strcspn(lang, "-_");

	for (k = 0; k < sizeof rtl / sizeof *rtl; k++)
		if (strlen(rtl[k]) == n && !strncmp(lang, rtl[k], n))
			return 1;
	return 0;
}

/* The cell attributes of a side: its language and direction. */
static void S_side_attrs(FILE *f, const tumen_rdoc *d, int side)
{
	fputs(" lang=\"", f);
	S_escs(f, d->lang[side]);
	fprintf(f, "\" dir=\"%s\"", S_rtl(d->lang[side]) ? "rtl" : "ltr");
}

static void S_card(FILE *f, const char *cls, const char *big,
                   const char *label)
{
	fprintf(f, "<div class=\"card %s\"><b>%s</b><span>%s</span></div>\n",
	        cls, big, label);
}

static void S_cards(FILE *f, const tumen_report_stats *s)
{
	char big[64], label[96];

	snprintf(big, sizeof big, "%.1f%%", tumen_report_pct(s->src_covered,
	         s->src_sentences));
	snprintf(label, sizeof label, "source aligned: %zu of %zu",
	         s->src_covered, s->src_sentences);
	S_card(f, "cv", big, label);
	snprintf(big, sizeof big, "%.1f%%", tumen_report_pct(s->tgt_covered,
	         s->tgt_sentences));
	snprintf(label, sizeof label, "target aligned: %zu of %zu",
	         s->tgt_covered, s->tgt_sentences);
	S_card(f, "cv", big, label);
	snprintf(big, sizeof big, "%zu", s->omitted);
	S_card(f, "om", big, "omitted source sentences");
	snprintf(big, sizeof big, "%zu", s->added);
	S_card(f, "ad", big, "added target sentences");
	snprintf(big, sizeof big, "%zu", s->suspicious);
	S_card(f, "su", big, "suspicious beads");
}

/* "18 × 1-1, 1 × 2-1 ..." */
static void S_shapes(FILE *f, const tumen_report_stats *s)
{
	const char *sep = "";
	int a, b;

	fprintf(f, "%zu beads:", s->beads);
	for (a = 0; a < 4; a++)
		for (b = 0; b < 4; b++)
			if (s->shapes[a][b]) {
				fprintf(f, "%s %zu&#215;&#8239;%d-%d", sep,
				        s->shapes[a][b], a, b);
				sep = ",";
			}
}

static void S_header(FILE *f, const tumen_report *r,
                     const tumen_report_stats *all)
{
	fputs("<header>\n<h1>Coverage report</h1>\n<p class=\"sub\">", f);
	if (r->n == 1) {
		S_escs(f, r->docs[0].id);
		fputs(" &#183; ", f);
	} else {
		fprintf(f, "%zu documents", all->documents);
		if (all->failed)
			fprintf(f, " (%zu failed)", all->failed);
		fputs(" &#183; ", f);
	}
	S_shapes(f, all);
	fprintf(f, " &#183; suspicious: score below %.2f, length ratio beyond "
	        "%.1f sd, numbers differ &#183; tumen %s</p>\n"
	        "<div class=\"cards\">\n", r->o.min_score, r->o.max_ratio_dev,
	        tumen_version());
	S_cards(f, all);
	fprintf(f, "</div>\n<div class=\"legend\">"
	        "<span><i class=\"sw hi\"></i>score &#8805; 0.90</span>"
	        "<span><i class=\"sw mid\"></i>score &#8805; %.2f</span>"
	        "<span><i class=\"sw lo\"></i>below</span>"
	        "<span><i class=\"sw om\"></i>omitted</span>"
	        "<span><i class=\"sw ad\"></i>added</span>"
	        "<label><input type=\"checkbox\" id=\"only\"> show only "
	        "omissions, additions and suspicious beads</label></div>\n"
	        "</header>\n", r->o.min_score);
}

/* The table of documents at the top of a batch report. */
static void S_index(FILE *f, const tumen_report *r)
{
	size_t i;

	fputs("<section class=\"doc\"><h2>Documents</h2>\n<table class=\"index\">"
	      "<thead><tr><th>document</th><th>source aligned</th>"
	      "<th>target aligned</th><th>omitted</th><th>added</th>"
	      "<th>suspicious</th></tr></thead><tbody>\n", f);
	for (i = 0; i < r->n; i++) {
		const tumen_rdoc *d = &r->docs[i];
		const tumen_report_stats *s = &d->stats;
		fprintf(f, "<tr><td><a href=\"#doc-%zu\">", i);
		S_escs(f, d->id);
		fputs("</a></td>", f);
		if (d->error) {
			fputs("<td colspan=\"5\" class=\"err\">failed: ", f);
			S_escs(f, d->error);
			fputs("</td></tr>\n", f);
			continue;
		}
		fprintf(f, "<td>%.1f%%</td><td>%.1f%%</td><td>%zu</td><td>%zu"
		        "</td><td>%zu</td></tr>\n", tumen_report_pct(s->src_covered,
		        s->src_sentences), tumen_report_pct(s->tgt_covered,
		        s->tgt_sentences), s->omitted, s->added, s->suspicious);
	}
	fputs("</tbody></table></section>\n", f);
}

/* The sentences [i, i+n) of one side, each with its index. */
static void S_cell(FILE *f, const tumen_rdoc *d, int side, size_t i, size_t n)
{
	size_t k;

	fprintf(f, "<td class=\"%s\"", side ? "tgt" : "src");
	S_side_attrs(f, d, side);
	fputc('>', f);
	for (k = i; k < i + n; k++) {
		fprintf(f, "<p><span class=\"i\">%zu</span>", k);
		S_esc(f, d->pool + d->off[side][k],
		      d->off[side][k + 1] - d->off[side][k] - 1);
		fputs("</p>", f);
	}
	if (!n)
		fprintf(f, "<span class=\"tag %s\" lang=\"en\" dir=\"ltr\">%s"
		        "</span>", side ? "om" : "ad", side ?
		        "omitted from the translation" : "added in the translation");
	fputs("</td>", f);
}

static void S_bead_row(FILE *f, const tumen_report *r, size_t di, size_t i)
{
	static const char *const why[3] = { "numbers differ",
		"length ratio", "low score" };
	const tumen_rdoc *d = &r->docs[di];
	const tumen_bead *b = &d->beads[i];
	const char *cls = !b->ntgt ? "omit" : !b->nsrc ? "add" :
	                  b->score >= 0.9 ? "hi" :
	                  b->score >= r->o.min_score ? "mid" : "lo";
	int k;

	fprintf(f, "<tr class=\"b %s%s\" id=\"d%zu-b%zu\"><td class=\"n\">%zu"
	        "</td><td class=\"sc\">%.2f", cls, d->why[i] ? " sus" : "", di,
	        i, i, b->score);
	for (k = 0; k < 3; k++)
		if (d->why[i] & (1u << k))
			fprintf(f, "<br><span class=\"tag su\">%s</span>", why[k]);
	fputs("</td>", f);
	S_cell(f, d, 0, b->src, b->nsrc);
	S_cell(f, d, 1, b->tgt, b->ntgt);
	fputs("</tr>\n", f);
}

static void S_doc(FILE *f, const tumen_report *r, size_t di)
{
	const tumen_rdoc *d = &r->docs[di];
	const tumen_report_stats *s = &d->stats;
	size_t i;
	int k;

	fprintf(f, "<section class=\"doc\" id=\"doc-%zu\">\n<h2>", di);
	S_escs(f, d->id);
	if (d->error) {
		fputs("</h2>\n<p class=\"err\">failed: ", f);
		S_escs(f, d->error);
		fputs("</p>\n</section>\n", f);
		return;
	}
	fputs("<small>", f);
	S_escs(f, d->name[0]);
	fputs(" &#8596; ", f);
	S_escs(f, d->name[1]);
	fprintf(f, "</small></h2>\n<p class=\"stats\">source %zu/%zu aligned "
	        "(%.1f%%), target %zu/%zu (%.1f%%) &#183; %zu omitted, %zu "
	        "added, %zu suspicious &#183; ", s->src_covered,
	        s->src_sentences, tumen_report_pct(s->src_covered,
	        s->src_sentences), s->tgt_covered, s->tgt_sentences,
	        tumen_report_pct(s->tgt_covered, s->tgt_sentences), s->omitted,
	        s->added, s->suspicious);
	S_shapes(f, s);
	fputs("</p>\n<table class=\"beads\"><colgroup><col class=\"n\">"
	      "<col class=\"sc\"><col><col></colgroup>\n<thead><tr><th>bead</th>"
	      "<th>score</th>", f);
	for (k = 0; k < 2; k++) {
		fputs("<th", f);
		S_side_attrs(f, d, k);
		fprintf(f, "><span lang=\"en\">%s</span> (", k ? "target" : "source");
		S_escs(f, d->lang[k]);
		fputs(")</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (i = 0; i < d->nbeads; i++)
		S_bead_row(f, r, di, i);
	fputs("</tbody></table>\n</section>\n", f);
}

tumen_status tumen_report_write_html(const tumen_report *r, FILE *f)
{
	tumen_report_stats all;
	size_t i;

	tumen_report_stats_get(r, (size_t)-1, &all);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	      "content=\"width=device-width, initial-scale=1\">\n"
	      "<title>tumen coverage", f);
	if (r->n == 1) {
		fputs(": ", f);
		S_escs(f, r->docs[0].id);
	}
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", S_css);
	S_header(f, r, &all);
	fputs("<main>\n", f);
	if (r->n > 1)
		S_index(f, r);
	for (i = 0; i < r->n; i++)
		S_doc(f, r, i);
	fprintf(f, "</main>\n<script>\n%s</script>\n</body>\n</html>\n", S_js);
	return ferror(f) ? TUMEN_EIO : TUMEN_OK;
}
