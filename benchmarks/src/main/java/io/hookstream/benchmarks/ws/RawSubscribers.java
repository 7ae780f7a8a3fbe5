package io.hookstream.benchmarks.ws;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The subscriber side of the fan-out harness, run in its own JVM so that the server's heap holds
 * only the server's connections: {@code RawSubscribers <port> <token> <count>}. Opens {@code count}
 * WebSocket connections to {@code /v1/ws} on loopback (a minimal RFC 6455 client on one selector
 * thread), subscribes each to {@code events}, prints {@code READY}, then for every event prints
 * {@code DONE <event id> <nanoTime of the last receipt>} once all connections got it. Exits when
 * its standard input closes. {@code System.nanoTime()} is the machine's monotonic clock on Linux,
 * so the parent can compare it with its own.
 */
public final class RawSubscribers {

  private static final byte[] SUBSCRIBE =
      "{\"type\":\"subscribe\",\"channel\":\"events\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};

  private final int count;
  private final PrintStream out;
  private final Map<String, long[]> receipts = new HashMap<>();
  private int subscribed;
  private int closed;

  private RawSubscribers(int count, PrintStream out) {
    this.count = count;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String token = args[1];
    int count = Integer.parseInt(args[2]);
    Thread quit =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // Only the end of input matters.
                }
              } catch (IOException e) {
                // The parent is gone either way.
              }
              System.exit(0);
            },
            "stdin-watch");
    quit.setDaemon(true);
    quit.start();
    new RawSubscribers(count, System.out).run(port, token);
  }

  private void run(int port, String token) throws IOException {
    Selector selector = Selector.open();
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    for (int i = 0; i < count; i++) {
      SocketChannel ch = SocketChannel.open(address);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ByteBuffer pending = handshake(ch, port, token);
      write(ch, frame(0x1, SUBSCRIBE));
      ch.configureBlocking(false);
      ch.register(selector, SelectionKey.OP_READ, pending);
      if (i % 1000 == 999) {
        drain(selector, 0); // keep up with welcomes and acknowledgements while connecting
      }
    }
    while (true) {
      drain(selector, 1000);
    }
  }

  private void drain(Selector selector, long timeoutMillis) throws IOException {
    int ready = timeoutMillis == 0 ? selector.selectNow() : selector.select(timeoutMillis);
    if (ready == 0) {
      return;
    }
    for (SelectionKey key : selector.selectedKeys()) {
      SocketChannel ch = (SocketChannel) key.channel();
      ByteBuffer buf = (ByteBuffer) key.attachment();
      if (!buf.hasRemaining()) {
        ByteBuffer bigger = ByteBuffer.allocate(buf.capacity() * 2);
        buf.flip();
        bigger.put(buf);
        key.attach(bigger);
        buf = bigger;
      }
      int n = ch.read(buf);
      if (n < 0) {
        key.cancel();
        ch.close();
        out.println("ERROR connection closed by the server (" + (++closed) + ")");
        continue;
      }
      buf.flip();
      parse(ch, buf);
      buf.compact();
    }
    selector.selectedKeys().clear();
  }

  /** Consumes every whole frame in {@code buf}; leaves a partial one. */
  private void parse(SocketChannel ch, ByteBuffer buf) throws IOException {
    while (buf.remaining() >= 2) {
      int start = buf.position();
      int b0 = buf.get(start) & 0xff;
      int len7 = buf.get(start + 1) & 0x7f;
      int header = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
      if (buf.remaining() < header) {
        return;
      }
      long len =
          len7 == 126
              ? buf.getShort(start + 2) & 0xffff
              : len7 == 127 ? buf.getLong(start + 2) : len7;
      if (buf.remaining() < header + len) {
        return;
      }
      byte[] payload = new byte[(int) len];
      buf.position(start + header);
      buf.get(payload);
      int opcode = b0 & 0x0f;
      if (opcode == 0x1) {
        text(new String(payload, StandardCharsets.UTF_8));
      } else if (opcode == 0x9) {
        write(ch, frame(0xA, payload));
      }
    }
  }

  private void text(String message) {
    if (message.startsWith("{\"type\":\"subscribed\"")) {
      if (++subscribed == count) {
        out.println("READY " + count);
      }
      return;
    }
    if (!message.startsWith("{\"type\":\"event\"")) {
      return;
    }
    long now = System.nanoTime();
    int at = message.indexOf("\"id\":\"") + 6;
    String id = message.substring(at, message.indexOf('"', at));
    long[] r = receipts.computeIfAbsent(id, k -> new long[2]);
    r[0]++;
    r[1] = Math.max(r[1], now);
    if (r[0] == count) {
      receipts.remove(id);
      out.println("DONE " + id + " " + r[1]);
    }
  }

  private static ByteBuffer handshake(SocketChannel ch, int port, String token) throws IOException {
    String request =
        "GET /v1/ws?token="
            + token
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    write(ch, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
    ByteBuffer buf = ByteBuffer.allocate(2048);
    while (true) {
      if (ch.read(buf) < 0) {
        throw new IOException("connection closed during the handshake");
      }
      String seen = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
      int end = seen.indexOf("\r\n\r\n");
      if (end >= 0) {
        if (!seen.startsWith("HTTP/1.1 101")) {
          throw new IOException("upgrade refused: " + seen.lines().findFirst().orElse(""));
        }
        buf.flip();
        buf.position(end + 4);
        ByteBuffer rest = ByteBuffer.allocate(2048);
        rest.put(buf);
        return rest;
      }
    }
  }

  /** A masked client frame (payloads here are always under 126 bytes). */
  private static ByteBuffer frame(int opcode, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(6 + payload.length);
    b.put((byte) (0x80 | opcode)).put((byte) (0x80 | payload.length)).put(MASK);
    for (int i = 0; i < payload.length; i++) {
      b.put((byte) (payload[i] ^ MASK[i % 4]));
    }
    return b.flip();
  }

  private static void write(SocketChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }
}
