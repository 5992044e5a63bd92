/* Comparing version strings the way people read them: 14.15 after 14.7,
 * 8.0.mysql_aurora.3.05.2 after 8.0.mysql_aurora.3.04.0. */
#ifndef CFNFIX_VERSION_H
#define CFNFIX_VERSION_H

/* <0, 0, >0; runs of digits compare as numbers, the rest byte by byte. */
int cf_version_cmp(const char *a, const char *b);
/* The major line of an RDS version: "14" of "14.7", "5.7" of "5.7.44"
 * (MySQL and MariaDB majors have two parts, PostgreSQL's one). */
void cf_version_major(const char *engine, const char *version, char *out, unsigned size);

#endif
