package io.hookstream.benchmarks.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 load generator on raw sockets: {@code connections} keep-alive connections to a
 * loopback port, each sending the next POST as soon as the previous answer has been read (closed
 * loop), until {@code requests} have been answered in all. Counts answers by status class and fails
 * on anything but 2xx. Only targets the loopback address.
 */
public final class HttpLoad {

  private HttpLoad() {}

  /** What a run measured. */
  public record Result(long requests, long elapsedNanos, Latency latency) {
    public double perSecond() {
      return requests * 1e9 / elapsedNanos;
    }
  }

  public static Result post(int port, String path, byte[] body, int connections, long requests)
      throws Exception {
    byte[] head =
        String.format(
                Locale.ROOT,
                "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                    + "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n",
                path,
                port,
                body.length)
            .getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    AtomicLong next = new AtomicLong();
    Latency latency = new Latency();
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    try {
      List<Future<?>> workers = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < connections; c++) {
        workers.add(
            pool.submit(
                () -> {
                  try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
                    while (next.getAndIncrement() < requests) {
                      long t0 = System.nanoTime();
                      out.write(request);
                      out.flush();
                      int status = readResponse(in);
                      latency.recordNanos(System.nanoTime() - t0);
                      if (status / 100 != 2) {
                        throw new IOException("HTTP " + status + " from " + path);
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get(30, TimeUnit.MINUTES);
      }
      return new Result(requests, System.nanoTime() - start, latency);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reads one response (Content-Length or chunked body) and returns its status. */
  private static int readResponse(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      for (long size = Long.parseLong(line(in).trim(), 16);
          size > 0;
          size = Long.parseLong(line(in).trim(), 16)) {
        skip(in, size);
        line(in);
      }
      line(in);
    } else if (length > 0) {
      skip(in, length);
    }
    return status;
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-response");
      }
      if (b != '\r') {
        sb.append((char) b);
      }
    }
    return sb.toString();
  }

  private static void skip(InputStream in, long n) throws IOException {
    while (n > 0) {
      long skipped = in.skip(n);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new IOException("connection closed mid-body");
        }
        skipped = 1;
      }
      n -= skipped;
    }
  }
}
