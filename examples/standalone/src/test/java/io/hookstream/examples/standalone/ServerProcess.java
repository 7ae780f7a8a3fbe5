package io.hookstream.examples.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone server in a child JVM, started as a user starts it (its main class, options and
 * environment) and ended as the operating system ends it: killed, or sent SIGTERM. Its output goes
 * to a file, which outlives the process (a pipe is closed by {@code destroy()}).
 */
final class ServerProcess implements AutoCloseable {

  /** A start includes the migrations and, on PostgreSQL, the first connections. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
  private static final Pattern NODE = Pattern.compile(", node (\\S+)");

  private final Process process;
  private final Path log;
  private URI url;

  private ServerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts a server with {@code options} and API key {@code apiKey}; returns once it listens. */
  static ServerProcess start(String apiKey, List<String> options) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StandaloneServer.class.getName()));
    command.addAll(options);
    Path log = Files.createTempFile("hookstream-server", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("HOOKSTREAM_"));
    builder.environment().put("HOOKSTREAM_API_KEY", apiKey);
    ServerProcess server = new ServerProcess(builder.start(), log);
    server.awaitListening();
    return server;
  }

  private void awaitListening() throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (url == null) {
      Matcher m = LISTENING.matcher(output());
      if (m.find()) {
        url = URI.create(m.group(1));
      } else if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new AssertionError("server did not start within " + START_TIMEOUT + ":\n" + output());
      } else {
        Thread.sleep(50);
      }
    }
  }

  URI url() {
    return url;
  }

  /** Everything the server printed so far (stdout and stderr). */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The node id the startup line names. */
  String nodeId() {
    Matcher m = NODE.matcher(output());
    if (!m.find()) {
      throw new AssertionError("no node id in the startup line:\n" + output());
    }
    return m.group(1);
  }

  /** Kills the process at once, as {@code kill -9} would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("killed server still running");
    }
  }

  /** Sends SIGTERM; returns the exit code, or throws if it does not exit within {@code limit}. */
  int terminate(Duration limit) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("server still running " + limit + " after SIGTERM:\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      kill();
    }
    Files.deleteIfExists(log);
  }
}
