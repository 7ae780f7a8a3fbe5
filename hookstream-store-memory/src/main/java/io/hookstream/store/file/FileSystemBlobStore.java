package io.hookstream.store.file;

import io.hookstream.spi.BlobStore;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} in a directory: key {@code a/b/c} is the file {@code root/a/b/c}. A put
 * writes a temporary file, forces it to disk and renames it over the target, so readers see the old
 * or the new bytes, never a torn file, and the data is durable when {@code put} returns. Keys are
 * slash-separated segments without {@code .}, {@code ..}, backslashes or empty parts. Thread-safe
 * within one JVM and across processes sharing the directory; I/O failures throw {@link
 * HookstreamException} with UNAVAILABLE.
 */
public final class FileSystemBlobStore implements BlobStore {

  /** Where puts stage their temporary files; never a key's first segment. */
  private static final String STAGING = ".staging";

  private final Path root;
  private final Path staging;

  /** A store in {@code root}, created if missing. */
  public FileSystemBlobStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.staging = this.root.resolve(STAGING);
    try {
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw unavailable("cannot create blob directory " + staging, e);
    }
  }

  @Override
  public void put(String key, byte[] data) {
    Path target = path(key);
    Path temp = staging.resolve(UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(target.getParent());
      try (FileChannel ch =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      move(temp, target);
    } catch (IOException e) {
      deleteQuietly(temp, e);
      throw unavailable("cannot write blob " + key, e);
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    try {
      return Optional.of(Files.readAllBytes(path(key)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw unavailable("cannot read blob " + key, e);
    }
  }

  @Override
  public boolean delete(String key) {
    try {
      return Files.deleteIfExists(path(key));
    } catch (IOException e) {
      throw unavailable("cannot delete blob " + key, e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> !p.startsWith(staging) && Files.isRegularFile(p))
          .map(p -> root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
          .filter(k -> k.startsWith(prefix))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw unavailable("cannot list blobs under " + prefix, e);
    }
  }

  private Path path(String key) {
    if (key == null || key.isEmpty() || key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
      throw HookstreamException.invalid("key", "not a valid blob key: " + key);
    }
    String[] segments = key.split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw HookstreamException.invalid("key", "not a valid blob key: " + key);
      }
    }
    if (segments[0].equals(STAGING)) {
      throw HookstreamException.invalid("key", "reserved blob key: " + key);
    }
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root)) {
      throw HookstreamException.invalid("key", "not a valid blob key: " + key);
    }
    return path;
  }

  private static void deleteQuietly(Path temp, Exception cause) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  private static HookstreamException unavailable(String message, Exception cause) {
    return new HookstreamException(
        ErrorCode.UNAVAILABLE, message + ": " + cause.getMessage(), cause);
  }
}
