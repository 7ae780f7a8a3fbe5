package io.hookstream.spi.store;

import java.util.Optional;

/** Notification channels of a scope. */
public interface NotificationChannelRepository {

  /** Stores a new channel; CONFLICT if the id exists. */
  void insert(NotificationChannelRecord channel);

  Optional<NotificationChannelRecord> find(Scope scope, String id);

  /** Across tenants, for the delivery scheduler that sends a channel's notifications. */
  Optional<NotificationChannelRecord> findById(String id);

  /** Channels newest first. */
  Page<NotificationChannelRecord> list(Scope scope, PageRequest page);

  /** Replaces the channel; false if unknown. */
  boolean update(NotificationChannelRecord channel);

  /** Removes the channel; false if unknown. */
  boolean delete(Scope scope, String id);
}
