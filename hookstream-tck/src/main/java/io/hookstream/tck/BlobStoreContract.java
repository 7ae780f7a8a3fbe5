package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.BlobStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BlobStore} must pass. Extend it and implement {@link #createBlobStore},
 * called once before every test; override {@link #releaseBlobStore} to clean up. Each test uses
 * keys under its own fresh prefix, so the suite also runs on shared storage.
 */
public abstract class BlobStoreContract {

  /** Subclasses bind the suite to one implementation. */
  protected BlobStoreContract() {}

  /** The store under test. */
  protected BlobStore blobs;

  private final ContractIds ids = new ContractIds();
  private String prefix;

  /** Creates the store under test; called once per test. */
  protected abstract BlobStore createBlobStore();

  /** Called once after each test. */
  protected void releaseBlobStore(BlobStore blobs) throws Exception {}

  @BeforeEach
  final void createStore() {
    blobs = createBlobStore();
    prefix = ids.next("org") + "/";
  }

  @AfterEach
  final void release() throws Exception {
    releaseBlobStore(blobs);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putGetAndDelete() {
    String key = prefix + "env_1/evt_1";
    assertThat(blobs.get(key)).isEmpty();
    blobs.put(key, utf8("{\"a\":1}"));
    assertThat(blobs.get(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("{\"a\":1}")));
    blobs.put(prefix + "empty", new byte[0]);
    assertThat(blobs.get(prefix + "empty")).hasValueSatisfying(b -> assertThat(b).isEmpty());

    assertThat(blobs.delete(key)).isTrue();
    assertThat(blobs.get(key)).isEmpty();
    assertThat(blobs.delete(key)).isFalse();
  }

  @Test
  void putReplacesAndKeepsNoReferenceToTheCallersArray() {
    String key = prefix + "k";
    byte[] data = utf8("first");
    blobs.put(key, data);
    data[0] = 'X';
    assertThat(blobs.get(key).orElseThrow()).isEqualTo(utf8("first"));
    blobs.put(key, utf8("second, longer"));
    assertThat(blobs.get(key).orElseThrow()).isEqualTo(utf8("second, longer"));
    assertThat(blobs.list(prefix)).containsExactly(key);
  }

  @Test
  void listReturnsKeysWithThePrefixInOrder() {
    for (String k :
        List.of(
            "env_b/evt_2",
            "env_a/evt_2",
            "env_a/evt_1",
            "env_ab/evt_1",
            "archive/2026-01-01.ndjson")) {
      blobs.put(prefix + k, utf8(k));
    }
    assertThat(blobs.list(prefix + "env_a/"))
        .containsExactly(prefix + "env_a/evt_1", prefix + "env_a/evt_2");
    assertThat(blobs.list(prefix + "env_a"))
        .containsExactly(prefix + "env_a/evt_1", prefix + "env_a/evt_2", prefix + "env_ab/evt_1");
    assertThat(blobs.list(prefix)).hasSize(5).isSorted();
    assertThat(blobs.list(prefix + "nothing/")).isEmpty();
  }

  @Test
  void largePayloadRoundTrips() {
    byte[] data = new byte[5 * 1024 * 1024];
    new Random(42).nextBytes(data);
    blobs.put(prefix + "large", data);
    assertThat(blobs.get(prefix + "large").orElseThrow()).isEqualTo(data);
  }

  @Test
  void concurrentPutsOfDifferentKeysAllLand() throws Exception {
    int threads = 8;
    int perThread = 25;
    Concurrently.run(
        threads,
        i ->
            () -> {
              for (int n = 0; n < perThread; n++) {
                blobs.put(prefix + "t" + i + "/" + n, utf8(i + ":" + n));
              }
              return null;
            });
    List<String> keys = blobs.list(prefix);
    assertThat(keys).hasSize(threads * perThread).isSorted();
    List<String> mismatched = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      for (int n = 0; n < perThread; n++) {
        byte[] got = blobs.get(prefix + "t" + i + "/" + n).orElse(null);
        if (got == null || !new String(got, StandardCharsets.UTF_8).equals(i + ":" + n)) {
          mismatched.add("t" + i + "/" + n);
        }
      }
    }
    assertThat(mismatched).isEmpty();
  }
}
