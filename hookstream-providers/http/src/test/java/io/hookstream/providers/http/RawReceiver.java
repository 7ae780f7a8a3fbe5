package io.hookstream.providers.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * An HTTP/1 receiver on 127.0.0.1 written on a raw {@link ServerSocket}, so that a test controls
 * every byte, every keep-alive decision and every close. Each accepted connection runs {@link
 * Script#serve} on its own thread; the receiver counts connections and requests.
 */
final class RawReceiver implements AutoCloseable {

  /** What the receiver does on one accepted connection. */
  interface Script {
    void serve(Conn conn) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final Script script;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();
  private final AtomicInteger closedIdle = new AtomicInteger();
  private final List<String> eventIds = new CopyOnWriteArrayList<>();

  private RawReceiver(Script script) throws IOException {
    this.script = script;
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  static RawReceiver start(Script script) {
    try {
      return new RawReceiver(script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/hooks";
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  /** Requests read so far, over all connections. */
  int requests() {
    return eventIds.size();
  }

  /** The {@code X-hookstream-Event-Id} of every request read, in arrival order. */
  List<String> eventIds() {
    return List.copyOf(eventIds);
  }

  /** Connections whose script has ended, so that the receiver closed them. */
  int closed() {
    return closed.get();
  }

  /** Connections the receiver closed because they sat idle (see {@link Conn#readRequest}). */
  int closedIdle() {
    return closedIdle.get();
  }

  /** Waits until {@code what} holds, checking every few milliseconds; fails after timeout. */
  static void awaitUntil(String what, Duration timeout, BooleanSupplier cond) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + what + " within " + timeout);
      }
      LockSupport.parkNanos(2_000_000);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        int index = connections.incrementAndGet();
        open.add(socket);
        threads.execute(() -> serve(socket, index));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket, int index) {
    try (socket) {
      script.serve(new Conn(socket, index));
    } catch (IOException | InterruptedException e) {
      // The client went away or the receiver is closing; the connection's story is over.
    } finally {
      open.remove(socket);
      closed.incrementAndGet();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    threads.shutdownNow();
  }

  /** One accepted connection, with the few moves a script makes. */
  final class Conn {
    private final Socket socket;
    private final int index;
    private final InputStream in;

    private Conn(Socket socket, int index) throws IOException {
      this.socket = socket;
      this.index = index;
      this.in = socket.getInputStream();
    }

    /** 1 for the first connection accepted, 2 for the next... */
    int index() {
      return index;
    }

    /** Reads one request (head and Content-Length body); false when the client closed. */
    boolean readRequest() throws IOException {
      return readRequest(Duration.ZERO);
    }

    /**
     * Reads one request, waiting at most {@code idle} for it to start (zero: no limit); false when
     * the client closed or the idle time passed, which counts as an idle close.
     */
    boolean readRequest(Duration idle) throws IOException {
      socket.setSoTimeout((int) idle.toMillis());
      String head;
      try {
        head = readHead();
      } catch (SocketTimeoutException e) {
        closedIdle.incrementAndGet();
        return false;
      }
      if (head == null) {
        return false;
      }
      socket.setSoTimeout(0);
      int length = 0;
      String eventId = "";
      for (String line : head.split("\r\n")) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        } else if (lower.startsWith("x-hookstream-event-id:")) {
          eventId = line.substring(22).trim();
        }
      }
      in.readNBytes(length);
      eventIds.add(eventId);
      return true;
    }

    /** Writes raw bytes, as they are. */
    void write(String text) throws IOException {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    }

    /** Aborts the connection with a TCP reset instead of an orderly close. */
    void reset() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
    }

    /** The head up to the blank line, or null when the client closed first. */
    private String readHead() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b;
        try {
          b = in.read();
        } catch (SocketException e) {
          return null;
        }
        if (b < 0) {
          return null;
        }
        head.write(b);
        matched =
            (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1)
                ? matched + 1
                : b == '\r' ? 1 : 0;
      }
      return head.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
