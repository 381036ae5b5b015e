/* STUB - public API of the report module, to be written */
#ifndef TUMEN_PUB_report_H
#define TUMEN_PUB_report_H
#endif
