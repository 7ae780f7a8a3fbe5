package io.hookstream.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's node id: generated once and kept in the data directory, so a restart on the same
 * data is the same node (and takes back its leases); set for clusters by option or environment.
 */
class StandaloneNodeIdTest {

  @TempDir Path data;

  @Test
  void theFirstStartKeepsANewNodeIdInTheDataDirectoryAndTheNextStartIsTheSameNode()
      throws Exception {
    ServerOptions options =
        ServerOptions.parse(
            new String[] {"--port", "0", "--host", "127.0.0.1", "--data", data.toString()},
            Map.of());
    String first = startAndStop(options);
    Path file = data.resolve(NodeIdentity.FILE);
    assertThat(file).exists();
    assertThat(Files.readString(file).strip()).isEqualTo(first).matches("[a-z0-9.-]+-[0-9a-f]{8}");

    assertThat(startAndStop(options)).isEqualTo(first);
  }

  @Test
  void theOptionWinsOverTheEnvironmentAndBothWinOverTheFile() throws Exception {
    Map<String, String> env = Map.of("HOOKSTREAM_NODE_ID", "from-env");
    assertThat(ServerOptions.parse(new String[] {"--node-id", "eu-1"}, env).nodeId())
        .isEqualTo("eu-1");
    ServerOptions fromEnv = ServerOptions.parse(new String[] {"--data", data.toString()}, env);
    assertThat(NodeIdentity.resolve(fromEnv).id()).isEqualTo("from-env");
    assertThat(data.resolve(NodeIdentity.FILE)).doesNotExist();
  }

  @Test
  void badNodeIdsAreRefusedNamingTheOptionOrTheFile() throws Exception {
    assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--node-id", "a b"}, Map.of()))
        .hasMessageContaining("--node-id");
    assertThatThrownBy(
            () -> ServerOptions.parse(new String[0], Map.of("HOOKSTREAM_NODE_ID", "x".repeat(101))))
        .hasMessageContaining("HOOKSTREAM_NODE_ID");
    Files.writeString(data.resolve(NodeIdentity.FILE), "not/an id\n");
    ServerOptions options = ServerOptions.parse(new String[] {"--data", data.toString()}, Map.of());
    assertThatThrownBy(() -> NodeIdentity.resolve(options))
        .hasMessageContaining(data.resolve(NodeIdentity.FILE).toString());
  }

  @Test
  void withoutADataDirectoryEachRunIsANewNode() throws Exception {
    ServerOptions memory =
        ServerOptions.parse(new String[] {"--in-memory", "--data", data.toString()}, Map.of());
    assertThat(NodeIdentity.resolve(memory).id()).isNotEqualTo(NodeIdentity.resolve(memory).id());
    Path missing = data.resolve("missing");
    ServerOptions jdbc =
        ServerOptions.parse(
            new String[] {
              "--jdbc-url", "jdbc:postgresql://localhost/hookstream", "--data", missing.toString()
            },
            Map.of());
    assertThat(NodeIdentity.resolve(jdbc).source()).isEqualTo("new for this run");
    assertThat(missing).doesNotExist();
    assertThat(data.resolve(NodeIdentity.FILE)).doesNotExist();

    ServerOptions jdbcWithData =
        ServerOptions.parse(
            new String[] {
              "--jdbc-url", "jdbc:postgresql://localhost/hookstream", "--data", data.toString()
            },
            Map.of());
    String kept = NodeIdentity.resolve(jdbcWithData).id();
    assertThat(NodeIdentity.resolve(jdbcWithData).id()).isEqualTo(kept);
  }

  /** Starts a server, checks its startup line names its node, stops it; returns the node id. */
  private static String startAndStop(ServerOptions options) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (StandaloneServer server =
        StandaloneServer.start(options, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      String id = server.engine().nodeId();
      assertThat(printed.toString(StandardCharsets.UTF_8)).contains("node " + id);
      return id;
    }
  }
}
