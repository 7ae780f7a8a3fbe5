/**
 * Internals of the JDBC store: dialects, SQL, row mappers, migrations and the JSON codec.
 * Unsupported: may change in any release.
 */
package io.hookstream.store.jdbc.internal;
