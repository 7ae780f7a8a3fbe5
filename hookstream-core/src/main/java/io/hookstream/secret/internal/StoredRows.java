package io.hookstream.secret.internal;

import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.Environment;
import io.hookstream.spi.store.Organization;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.Store;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/** Visits every source and destination of every environment in the store, page by page. */
public final class StoredRows {

  private StoredRows() {}

  public static void forEachSource(Store store, Consumer<SourceRecord> visit) {
    forEach(store, store.sources()::list, visit);
  }

  public static void forEachDestination(Store store, Consumer<DestinationRecord> visit) {
    forEach(store, store.destinations()::list, visit);
  }

  private static <T> void forEach(
      Store store, BiFunction<Scope, PageRequest, Page<T>> list, Consumer<T> visit) {
    for (Organization org : store.organizations().list()) {
      for (Environment env : store.organizations().listEnvironments(org.id())) {
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
          Page<T> p = list.apply(env.scope(), page);
          p.items().forEach(visit);
          if (!p.hasMore()) {
            break;
          }
          page = new PageRequest(p.nextAfter(), PageRequest.MAX_LIMIT);
        }
      }
    }
  }
}
