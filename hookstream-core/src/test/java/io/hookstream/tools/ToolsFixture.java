package io.hookstream.tools;

import io.hookstream.Hookstream;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.Store;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.UnaryOperator;

/** Engines for the tools tests: the in-memory store, and resolvers that lie as DNS can. */
final class ToolsFixture {

  private ToolsFixture() {}

  /** An unstarted engine on {@code store} and {@code clock}, adjusted by {@code options}. */
  static Hookstream engine(Store store, Clock clock, UnaryOperator<Hookstream.Builder> options) {
    return options
        .apply(
            Hookstream.builder()
                .store(store)
                .keyValueStore(new InMemoryKeyValueStore(clock))
                .blobStore(new InMemoryBlobStore())
                .clock(clock))
        .build();
  }

  /** A resolver that answers every name with {@code ips}, in order. */
  static HostResolver resolvingTo(String... ips) {
    return host -> addresses(host, ips);
  }

  static InetAddress[] addresses(String host, String... ips) throws UnknownHostException {
    InetAddress[] out = new InetAddress[ips.length];
    for (int i = 0; i < ips.length; i++) {
      out[i] = InetAddress.getByAddress(host, InetAddress.getByName(ips[i]).getAddress());
    }
    return out;
  }
}
