/* STUB */
#ifndef TUMEN_tmx_read_H
#define TUMEN_tmx_read_H
#endif
