package io.hookstream.providers.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code rabbitmq-server} as a child process on private loopback ports (AMQP and the
 * Management API), with its own node name and data directory; one per test JVM, stopped when the
 * JVM exits. Public for the standalone server's test. Tests call {@link #shared()} after checking
 * {@link #installed()}.
 */
public final class RabbitBroker {

  public static final String USER = "guest";
  public static final String PASSWORD = "guest";
  public static final String INSTALL_HINT =
      "rabbitmq-server is not installed; install it with `apt-get install -y rabbitmq-server`"
          + " (.ci/run does) to run the RabbitMQ tests";

  private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
  private static final Duration START_DEADLINE = Duration.ofSeconds(90);
  private static RabbitBroker shared;

  private final Process process;
  private final Path dir;
  private final int amqpPort;
  private final int managementPort;
  private final ConnectionFactory admin = new ConnectionFactory();

  private RabbitBroker(Process process, Path dir, int amqpPort, int managementPort) {
    this.process = process;
    this.dir = dir;
    this.amqpPort = amqpPort;
    this.managementPort = managementPort;
    admin.setHost("127.0.0.1");
    admin.setPort(amqpPort);
    admin.setUsername(USER);
    admin.setPassword(PASSWORD);
  }

  public static boolean installed() {
    return Files.isExecutable(SERVER);
  }

  /** The broker of this JVM, started on first use. */
  public static synchronized RabbitBroker shared() {
    if (shared == null) {
      shared = start();
      RabbitBroker broker = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "rabbitmq-stop"));
    }
    return shared;
  }

  private static RabbitBroker start() {
    try {
      Path dir = Files.createTempDirectory("hookstream-rabbitmq-");
      int amqp = freePort();
      int management = freePort();
      int dist = freePort();
      Files.writeString(dir.resolve("enabled_plugins"), "[rabbitmq_management].\n");
      Files.writeString(
          dir.resolve("rabbit.conf"),
          String.join(
              "\n",
              "listeners.tcp.1 = 127.0.0.1:" + amqp,
              "management.tcp.ip = 127.0.0.1",
              "management.tcp.port = " + management,
              "loopback_users = none",
              ""));
      String node =
          "hookstream-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
      ProcessBuilder pb = new ProcessBuilder(SERVER.toString());
      Map<String, String> env = pb.environment();
      env.put("HOME", dir.toString()); // the Erlang cookie goes here, not in the user's home
      env.put("RABBITMQ_NODENAME", node + "@localhost");
      env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
      env.put("RABBITMQ_NODE_PORT", Integer.toString(amqp));
      env.put("RABBITMQ_DIST_PORT", Integer.toString(dist));
      env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
      env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
      env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
      env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
      env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbit.conf").toString());
      env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
      env.put("RABBITMQ_PID_FILE", dir.resolve("pid").toString());
      pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile());
      RabbitBroker broker = new RabbitBroker(pb.start(), dir, amqp, management);
      broker.awaitManagement(dir);
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Polls the Management API until it answers 200, or fails at the deadline. */
  private void awaitManagement(Path dir) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + START_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "rabbitmq-server exited: " + Files.readString(dir.resolve("server.out")));
      }
      try {
        HttpResponse<Void> r =
            http.send(
                management("/api/overview").GET().timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(200); // a poll interval, not a wait for an outcome
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    stop();
    throw new IllegalStateException("rabbitmq-server did not start within " + START_DEADLINE);
  }

  private HttpRequest.Builder management(String path) {
    String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes());
    return HttpRequest.newBuilder(URI.create(managementUrl() + path))
        .header("Authorization", "Basic " + auth);
  }

  public String managementUrl() {
    return "http://127.0.0.1:" + managementPort;
  }

  public String amqpUrl() {
    return "amqp://127.0.0.1:" + amqpPort;
  }

  /** A durable direct exchange {@code exchange} with queue {@code queue} bound for {@code key}. */
  public void declare(String exchange, String queue, String key) {
    admin(
        ch -> {
          ch.exchangeDeclare(exchange, "direct", true);
          ch.queueDeclare(queue, true, false, false, null);
          ch.queueBind(queue, exchange, key);
          return null;
        });
  }

  /** Every message waiting in {@code queue}, taken off it. */
  public List<GetResponse> take(String queue) {
    return admin(
        ch -> {
          List<GetResponse> got = new ArrayList<>();
          for (GetResponse r = ch.basicGet(queue, true); r != null; r = ch.basicGet(queue, true)) {
            got.add(r);
          }
          return got;
        });
  }

  public static String text(GetResponse r) {
    return new String(r.getBody(), StandardCharsets.UTF_8);
  }

  interface ChannelWork<T> {
    T run(Channel channel) throws IOException;
  }

  <T> T admin(ChannelWork<T> work) {
    try (Connection c = admin.newConnection("hookstream-test");
        Channel ch = c.createChannel()) {
      return work.run(ch);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the broker (SIGTERM: it shuts down cleanly) and removes its data directory. */
  private void stop() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.forEach(ProcessHandle::destroy);
    process.destroy();
    all.forEach(p -> p.onExit().completeOnTimeout(p, 20, TimeUnit.SECONDS).join());
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
