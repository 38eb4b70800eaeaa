/**
 * Advisory lock keys. PostgreSQL's two-int form keeps ours apart from anyone else's: the first
 * int is a namespace ("PARL"), the second names what is locked.
 */
export const ADVISORY_NAMESPACE = 0x5041524c;
export const MIGRATION_LOCK = 100;
