/* STUB - public API of the srx module, to be written */
#ifndef TUMEN_PUB_srx_H
#define TUMEN_PUB_srx_H
#endif
