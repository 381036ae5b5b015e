/* STUB */
#ifndef TUMEN_DICT_PRIV_H
#define TUMEN_DICT_PRIV_H
#endif
