package io.hookstream.examples.standalone;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The server's node id, so that a restart on the same data takes back the leases of the run that
 * died at once. In order: {@code --node-id} / {@code HOOKSTREAM_NODE_ID}; the {@value #FILE} file
 * in the data directory, written with a new id (host name and random hex) on first start; else (in
 * memory, or {@code --jdbc-url} without an existing data directory) a new id per run.
 */
final class NodeIdentity {

  static final String FILE = "node-id";

  /** The rule of {@code Hookstream.Builder.nodeId}. */
  static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  /** The id, and where it came from (for the startup line). */
  record Resolved(String id, String source) {}

  private NodeIdentity() {}

  static Resolved resolve(ServerOptions options) throws IOException {
    if (options.nodeId() != null) {
      return new Resolved(options.nodeId(), "from --node-id or HOOKSTREAM_NODE_ID");
    }
    Path dir = options.dataDir().toAbsolutePath().normalize();
    boolean persist = !options.inMemory() && (options.jdbcUrl() == null || Files.isDirectory(dir));
    if (!persist) {
      return new Resolved(generate(), "new for this run");
    }
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE);
    if (Files.exists(file)) {
      String id = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!VALID.matcher(id).matches()) {
        throw new IllegalStateException(
            file
                + " must hold a node id of 1-100 letters, digits,"
                + " '.', '_', ':' or '-'; found: "
                + id);
      }
      return new Resolved(id, "from " + file);
    }
    String id = generate();
    Files.writeString(file, id + System.lineSeparator(), StandardCharsets.UTF_8);
    return new Resolved(id, "new, kept in " + file);
  }

  /** The host's name (trimmed to the allowed characters) and 8 random hex digits. */
  static String generate() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "node";
    }
    host = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "");
    host = host.isEmpty() ? "node" : host.substring(0, Math.min(60, host.length()));
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
