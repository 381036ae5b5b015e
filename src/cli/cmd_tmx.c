/* STUB - tumen tmx, being written */
#include "config.h"
#include "cli.h"
int cmd_tmx(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_usage_error(NULL, "'tmx' is not available in this build");
}
