package io.hookstream;

import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Engines on the in-memory store for core tests, with a recording "http" provider. */
final class TestEngine {

  private TestEngine() {}

  static Hookstream.Builder builder(Store store, ManualClock clock) {
    return Hookstream.builder()
        .store(store)
        .keyValueStore(new InMemoryKeyValueStore(clock))
        .blobStore(new InMemoryBlobStore())
        .clock(clock)
        .provider(new RecordingProvider());
  }

  static Hookstream start(ManualClock clock) {
    return builder(new InMemoryStore(), clock).build().start();
  }

  /** A fresh organization and environment in {@code hs}. */
  static Scope newScope(Hookstream hs) {
    var org = hs.organizations().create("Acme");
    var env = hs.organizations().createEnvironment(org.id(), "production");
    return env.scope();
  }

  /** A new "http" destination named {@code name} in {@code scope}; returns its id. */
  static String destination(Hookstream hs, Scope scope, String name) {
    return hs.destinations()
        .create(
            scope,
            io.hookstream.destination.DestinationSpec.builder()
                .name(name)
                .url("https://example.com/" + name)
                .build())
        .id();
  }

  /** An "http" provider that records requests and succeeds; validates that a url is given. */
  static class RecordingProvider implements DestinationProvider {
    final List<DeliveryRequest> requests = new ArrayList<>();

    @Override
    public String type() {
      return "http";
    }

    @Override
    public List<FieldError> validate(Map<String, Object> config) {
      return config.get("url") instanceof String
          ? List.of()
          : List.of(new FieldError("url", "is required"));
    }

    @Override
    public Map<String, Object> mask(Map<String, Object> config) {
      return config;
    }

    @Override
    public synchronized DeliveryResult deliver(DeliveryRequest request) {
      requests.add(request);
      return new DeliveryResult.Delivered(200, 1, Map.of(), Map.of(), "ok");
    }
  }
}
