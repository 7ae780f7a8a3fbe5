package io.hookstream.benchmarks.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM on this JVM's class path, running one main class: the parent reads its standard
 * output line by line and writes lines to its standard input; its standard error goes to ours. A
 * line starting with {@code ERROR}, or the end of its output ({@code EXIT}), fails a wait.
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private ChildJvm(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("ERROR " + e);
              }
              lines.add("EXIT");
            },
            "child-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code main} with {@code heap} (such as {@code -Xmx1g}) and {@code args}. */
  public static ChildJvm start(String heap, Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(heap);
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ChildJvm(
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
  }

  /** The next line starting with {@code prefix}; fails on an error, the child's exit or timeout. */
  public String expect(String prefix, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IllegalStateException("child: no '" + prefix + "' within " + seconds + " s");
      }
      if (line.startsWith(prefix)) {
        return line;
      }
      if (line.startsWith("EXIT") || line.startsWith("ERROR")) {
        throw new IllegalStateException("child: " + line + " while waiting for " + prefix);
      }
    }
  }

  /** Writes one line to the child's standard input. */
  public void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Closes the child's standard input: the children here take it as the signal to finish. */
  public void closeInput() throws IOException {
    process.getOutputStream().close();
  }

  /** Closes its input, then ends the child if it has not exited within 10 s. */
  @Override
  public void close() throws IOException, InterruptedException {
    closeInput();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
