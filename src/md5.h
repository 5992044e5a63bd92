/* MD5 (RFC 1321), for one purpose: cfn-lint names each finding in its JSON
 * output by the MD5 of the finding's text, and cfnfix's JSON carries the
 * same identifier so tools that track findings by it see the same ones.
 * Not for anything that needs a secure hash. */
#ifndef CFNFIX_MD5_H
#define CFNFIX_MD5_H

#include <stddef.h>
#include <stdint.h>

void cf_md5(const void *data, size_t len, uint8_t out[16]);

#endif
