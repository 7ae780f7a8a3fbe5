package io.hookstream.examples.embedded;

import io.hookstream.Hookstream;
import io.hookstream.event.Event;
import io.hookstream.event.EventQuery;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.page.PageRequest;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import java.nio.charset.StandardCharsets;

/**
 * The smallest embedding: an engine on the in-memory store, one source, one webhook received and
 * read back. Run it with {@code mvn -q -pl examples/embedded -am compile exec:java}.
 */
public final class EmbeddedExample {

  private EmbeddedExample() {}

  public static void main(String[] args) {
    try (Hookstream hs =
        Hookstream.builder()
            .store(new InMemoryStore())
            .keyValueStore(new InMemoryKeyValueStore(Clock.system()))
            .blobStore(new InMemoryBlobStore())
            .build()
            .start()) {
      var org = hs.organizations().create("Acme");
      Scope scope = hs.organizations().createEnvironment(org.id(), "production").scope();
      var source = hs.sources().create(scope, SourceSpec.builder().name("Orders").build());
      System.out.println("ingest URL: " + hs.sources().ingestUrl(source.id()));

      IngestResult result =
          hs.ingest(
              source.id(),
              IngestRequest.json("{\"type\":\"order.created\",\"data\":{\"id\":\"ord_123\"}}"));
      System.out.println("stored event " + result.eventId());

      for (Event e : hs.events().list(scope, EventQuery.ALL, PageRequest.first(10)).items()) {
        System.out.println(
            e.id()
                + " "
                + e.method()
                + " "
                + e.status().wireName()
                + " "
                + new String(hs.events().body(e), StandardCharsets.UTF_8));
      }
    }
  }
}
