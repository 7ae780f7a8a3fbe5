/**
 * The JDBC store for H2 and PostgreSQL: {@link io.hookstream.store.jdbc.JdbcStores} builds a {@link
 * io.hookstream.spi.store.Store}, a {@link io.hookstream.spi.KeyValueStore} and a {@link
 * io.hookstream.spi.BlobStore} on a host-supplied {@link javax.sql.DataSource}, migrating the
 * schema at start unless told not to ({@code FileSystemBlobStore}, in hookstream-store-memory,
 * keeps blobs in a directory instead). {@link io.hookstream.store.jdbc.PostgresChannelBus} carries
 * live stream messages between instances over PostgreSQL {@code LISTEN/NOTIFY}.
 */
package io.hookstream.store.jdbc;
