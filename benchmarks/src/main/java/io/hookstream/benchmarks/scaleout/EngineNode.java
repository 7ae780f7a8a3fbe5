package io.hookstream.benchmarks.scaleout;

import io.hookstream.Hookstream;
import io.hookstream.benchmarks.support.Databases;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.store.jdbc.JdbcStores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * One engine instance of the scale-out harness, in its own JVM: {@code EngineNode <jdbc url> <node
 * id>}. Builds an engine on the shared PostgreSQL database and prints {@code READY}; starts it
 * (scheduler, heartbeat) when a line {@code GO} arrives; when its standard input closes, prints
 * {@code DELIVERED <n>} (the deliveries this node made), closes the engine and exits.
 */
public final class EngineNode {

  private EngineNode() {}

  public static void main(String[] args) throws Exception {
    try {
      run(args[0], args[1]);
    } catch (Exception | Error e) {
      System.out.println("ERROR " + e);
      throw e;
    }
  }

  private static void run(String jdbcUrl, String nodeId) throws Exception {
    CountingProvider provider =
        new CountingProvider(HttpDestinationProvider.builder().allowPrivateNetworks(true).build());
    JdbcStores stores = JdbcStores.builder(Databases.pool(jdbcUrl)).build();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (Hookstream hs =
        Hookstream.builder()
            .store(stores.store())
            .keyValueStore(stores.keyValueStore())
            .blobStore(stores.blobStore())
            .nodeId(nodeId)
            .provider(provider)
            .build()) {
      System.out.println("READY " + nodeId);
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.equals("GO")) {
          hs.start();
        }
      }
      System.out.println("DELIVERED " + provider.delivered());
    }
    System.exit(0);
  }
}
