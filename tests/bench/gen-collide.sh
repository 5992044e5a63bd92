#!/bin/sh
# Write a JSON template of N resources (default 40000) whose 16-character
# logical ids all had the same hash under the unkeyed FNV-style strhash
# cfnfix used before (each id: 8 printable characters w0, then 8 chosen so
# that (h0 ^ w0) * p ^ w1 is one constant): every lookup of an id then
# walked all the others.  A keyed hash makes them ordinary ids.  A small C
# program (64-bit arithmetic) finds the ids; it needs cc.
# usage: gen-collide.sh [N]
n=${1:-40000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gen-collide.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
cat > "$tmp/collide.c" <<'C'
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* letters and digits, so each id is a valid logical id */
static int ok(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static const uint64_t prime = 1099511628211ull, h0 = 1469598103934665603ull;
static const uint64_t target = 0x4d6f6f6e4c696768ull; /* the state every id ends in */
static const char alnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
static long want, found;

/* Byte k of w1 = target ^ (h0 ^ w0) * prime depends only on bytes 0..k of
 * w0 (a product's low bits come from the factors' low bits): choose w0
 * byte by byte, keeping only choices that leave w1's byte alphanumeric. */
static void choose(uint64_t w0, int k)
{
    if (k == 8) {
        uint64_t w1 = target ^ ((h0 ^ w0) * prime);
        char id[17];
        memcpy(id, &w0, 8);
        memcpy(id + 8, &w1, 8);
        id[16] = 0;
        printf("%s\n  \"%s\": {\"Type\": \"AWS::SNS::Topic\"}", found ? "," : "", id);
        found++;
        return;
    }
    for (const char *c = k ? alnum : alnum + 10; *c && found < want; c++) { /* ids start with a letter */
        uint64_t w = w0 | (uint64_t)(unsigned char)*c << (8 * k);
        uint64_t w1 = target ^ ((h0 ^ w) * prime);
        if (ok((unsigned char)(w1 >> (8 * k))))
            choose(w, k + 1);
    }
}

int main(int argc, char **argv)
{
    want = argc > 1 ? atol(argv[1]) : 40000;
    printf("{\"Resources\": {");
    choose(0, 0);
    printf("\n}}\n");
    return found == want ? 0 : 1;
}
C
cc -O2 -o "$tmp/collide" "$tmp/collide.c" || exit 1
"$tmp/collide" "$n"
