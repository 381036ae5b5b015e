/* STUB - tumen coverage, being written */
#include "config.h"
#include "cli.h"
int cmd_coverage(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_usage_error(NULL, "'coverage' is not available in this build");
}
