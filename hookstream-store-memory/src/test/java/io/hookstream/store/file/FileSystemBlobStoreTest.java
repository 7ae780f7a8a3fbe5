package io.hookstream.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the blob contract cannot see: files on disk, key validation, reopening. */
class FileSystemBlobStoreTest {

  @TempDir Path dir;

  @Test
  void keysAreFilesUnderTheRootAndSurviveReopening() throws Exception {
    FileSystemBlobStore blobs = new FileSystemBlobStore(dir);
    blobs.put("org_a/env_b/evt_c", "first".getBytes(StandardCharsets.UTF_8));
    blobs.put("org_a/env_b/evt_c", "second".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.readString(dir.resolve("org_a/env_b/evt_c"))).isEqualTo("second");
    try (Stream<Path> staged = Files.list(dir.resolve(".staging"))) {
      assertThat(staged).isEmpty(); // no temporary file left behind
    }
    FileSystemBlobStore reopened = new FileSystemBlobStore(dir);
    assertThat(reopened.get("org_a/env_b/evt_c"))
        .hasValueSatisfying(
            b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("second"));
    assertThat(reopened.list("org_a/")).containsExactly("org_a/env_b/evt_c");
  }

  @Test
  void rejectsKeysThatWouldEscapeTheRootOrHitTheStagingArea() {
    FileSystemBlobStore blobs = new FileSystemBlobStore(dir.resolve("root"));
    for (String bad :
        List.of(
            "../outside",
            "a/../../outside",
            "a//b",
            "/abs",
            "a/",
            "",
            "a\\b",
            ".staging/x",
            "./a")) {
      assertThatThrownBy(() -> blobs.put(bad, new byte[] {1}))
          .as(bad)
          .isInstanceOf(HookstreamException.class)
          .extracting(e -> ((HookstreamException) e).code())
          .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }
    assertThat(Files.exists(dir.resolve("outside"))).isFalse();
  }
}
