package io.hookstream.internal;

import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import java.util.function.Function;

/** Converts pages between the Java API and the store SPI, at the service boundary. Stateless. */
public final class Pages {

  private Pages() {}

  /** The store's request for the caller's. */
  public static io.hookstream.spi.store.PageRequest toStore(PageRequest page) {
    return new io.hookstream.spi.store.PageRequest(page.after(), page.limit());
  }

  /** The caller's page of the store's page, items as they are. */
  public static <T> Page<T> fromStore(io.hookstream.spi.store.Page<T> page) {
    return fromStore(page, Function.identity());
  }

  /** The caller's page of the store's page, each item converted by {@code toApi}. */
  public static <S, A> Page<A> fromStore(
      io.hookstream.spi.store.Page<S> page, Function<S, A> toApi) {
    return new Page<>(page.items().stream().map(toApi).toList(), page.nextAfter(), page.hasMore());
  }
}
