/* STUB */
#ifndef TUMEN_srx_H
#define TUMEN_srx_H
#endif
