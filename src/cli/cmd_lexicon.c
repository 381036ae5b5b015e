/* STUB - tumen lexicon, being written */
#include "config.h"
#include "cli.h"
int cmd_lexicon(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_usage_error(NULL, "'lexicon' is not available in this build");
}
