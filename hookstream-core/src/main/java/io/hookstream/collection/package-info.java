/**
 * Collections (the Instant Database): each follows one source and keeps, per primary key, the
 * newest event body as a record, with its changelog, stats, inferred schema, export and backfill.
 */
package io.hookstream.collection;
