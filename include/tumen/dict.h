/* STUB - public API of the dictionary module */
#ifndef TUMEN_PUB_DICT_H
#define TUMEN_PUB_DICT_H
#endif
