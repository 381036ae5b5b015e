/*
 * uprop.c - ICU's character properties below U+0800, tabulated (see
 * uprop.h).
 */
#include "config.h"

#include <pthread.h>

#include "uprop.h"

unsigned char tumen_uprop_table[TUMEN_UP_BELOW];
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static void S_fill(void)
{
	UChar32 c;

	for (c = 0; c < TUMEN_UP_BELOW; c++)
		tumen_uprop_table[c] = (unsigned char)(
		        (u_isalpha(c) ? TUMEN_UP_ALPHA : 0) |
		        (u_isalnum(c) ? TUMEN_UP_ALNUM : 0) |
		        (u_isspace(c) ? TUMEN_UP_SPACE : 0) |
		        (u_isupper(c) ? TUMEN_UP_UPPER : 0));
}

void tumen_uprop_init(void)
{
	pthread_once(&S_once, S_fill);
}
