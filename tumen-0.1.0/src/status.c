#include "config.h"

#include <string.h>

#include <tumen/status.h>

const char *tumen_strerror(tumen_status st)
{
	switch (st) {
	case TUMEN_OK: return "success";
	case TUMEN_ENOMEM: return "out of memory";
	case TUMEN_EIO: return "input/output error";
	case TUMEN_EENCODING: return "unknown encoding";
	case TUMEN_EUTF8: return "invalid UTF-8";
	case TUMEN_EEMPTY: return "empty document";
	case TUMEN_EINVAL: return "invalid argument";
	case TUMEN_EFORMAT: return "malformed input";
	case TUMEN_ELIMIT: return "input exceeds a limit";
	case TUMEN_EICU: return "ICU error";
	}
	return "unknown error";
}

void tumen_error_clear(tumen_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

const char *tumen_version(void)
{
	return PACKAGE_VERSION;
}
