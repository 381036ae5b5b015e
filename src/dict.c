/* STUB - replaced by its module */
#include "config.h"
