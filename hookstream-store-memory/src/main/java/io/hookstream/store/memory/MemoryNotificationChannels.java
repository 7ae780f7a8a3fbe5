package io.hookstream.store.memory;

import io.hookstream.spi.store.NotificationChannelRecord;
import io.hookstream.spi.store.NotificationChannelRepository;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.util.Optional;

/** Notification channels in memory. Thread-safe. */
final class MemoryNotificationChannels implements NotificationChannelRepository {

  private final ScopedTable<NotificationChannelRecord> channels =
      new ScopedTable<>(
          "notification channel",
          NotificationChannelRecord::id,
          NotificationChannelRecord::scope,
          true);

  @Override
  public void insert(NotificationChannelRecord channel) {
    channels.insert(channel);
  }

  @Override
  public Optional<NotificationChannelRecord> find(Scope scope, String id) {
    return channels.get(scope, id);
  }

  @Override
  public Optional<NotificationChannelRecord> findById(String id) {
    return channels.get(id);
  }

  @Override
  public Page<NotificationChannelRecord> list(Scope scope, PageRequest page) {
    return channels.page(scope, page, c -> true);
  }

  @Override
  public boolean update(NotificationChannelRecord channel) {
    return channels.update(channel.scope(), channel.id(), old -> channel).isPresent();
  }

  @Override
  public boolean delete(Scope scope, String id) {
    return channels.remove(scope, id).isPresent();
  }
}
