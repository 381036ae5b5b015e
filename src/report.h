/* STUB */
#ifndef TUMEN_report_H
#define TUMEN_report_H
#endif
