package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Connections between sources and destinations. */
public interface ConnectionRepository {

  void insert(ConnectionRecord connection);

  Optional<ConnectionRecord> find(Scope scope, String id);

  /**
   * Live connections, newest first, optionally only those of {@code sourceId} and/or {@code
   * destinationId} (null: any).
   */
  Page<ConnectionRecord> list(Scope scope, String sourceId, String destinationId, PageRequest page);

  /** Every live connection of a source, for routing. */
  List<ConnectionRecord> listForSource(Scope scope, String sourceId);

  /** Replaces the connection if its stored version is {@code connection.version() - 1}. */
  boolean update(ConnectionRecord connection);

  boolean delete(Scope scope, String id, Instant at);
}
