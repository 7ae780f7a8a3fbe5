package io.hookstream.routing.internal;

import io.hookstream.spi.store.ConnectionRecord;
import java.util.function.Function;

/** Compiles a connection's filters and transform into a {@link CompiledRoute}. Stateless. */
public final class RouteCompiler implements Function<ConnectionRecord, CompiledRoute> {

  @Override
  public CompiledRoute apply(ConnectionRecord connection) {
    return (event, body) -> CompiledRoute.Decision.ORIGINAL;
  }
}
