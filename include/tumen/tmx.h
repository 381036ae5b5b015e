/* STUB - public API of the tmx module, to be written */
#ifndef TUMEN_PUB_tmx_H
#define TUMEN_PUB_tmx_H
#endif
