package io.hookstream.examples.standalone;

import io.hookstream.secret.SecretKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where the standalone server's secret keys come from: {@code HOOKSTREAM_SECRET_KEY} when set; else
 * {@code secret.key} in the data directory, created on first start with owner-only permissions
 * (rw-------) and announced once; with {@code --in-memory} a fresh key per run, since nothing
 * outlives the process.
 */
final class SecretKeyFile {

  static final String FILE_NAME = "secret.key";

  private SecretKeyFile() {}

  static SecretKeys resolve(ServerOptions options, PrintStream out) throws IOException {
    if (options.secretKeys() != null) {
      return parse(options.secretKeys(), "HOOKSTREAM_SECRET_KEY");
    }
    if (options.inMemory()) {
      return SecretKeys.parse(SecretKeys.newKey());
    }
    Path file = options.dataDir().toAbsolutePath().normalize().resolve(FILE_NAME);
    if (!Files.exists(file)) {
      try {
        create(file);
        out.println(
            "generated secret key file "
                + file
                + " (owner-only); it encrypts stored"
                + " secrets: back it up, without it they cannot be read");
      } catch (FileAlreadyExistsException raced) {
        // another process created it first: use theirs
      }
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] text = (SecretKeys.newKey() + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.write(file, text);
  }

  private static SecretKeys parse(String text, String from) {
    try {
      return SecretKeys.parse(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(from + ": " + e.getMessage(), e);
    }
  }
}
