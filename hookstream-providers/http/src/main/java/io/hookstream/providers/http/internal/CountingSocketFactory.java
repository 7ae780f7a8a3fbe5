package io.hookstream.providers.http.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/**
 * Plain sockets that count the bytes read from them, so that a failed exchange can tell whether the
 * receiver had begun to answer. OkHttp asks only for unconnected sockets; the other factory methods
 * connect as {@link SocketFactory#getDefault()} would.
 */
public final class CountingSocketFactory extends SocketFactory {

  /** A socket whose input stream counts the bytes it returns. */
  public static final class CountingSocket extends Socket {
    private final AtomicLong bytesRead = new AtomicLong();
    private InputStream counted;

    /** Bytes read from this socket since it was opened. */
    public long bytesRead() {
      return bytesRead.get();
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (counted == null) {
        counted = new Counted(super.getInputStream());
      }
      return counted;
    }

    private final class Counted extends FilterInputStream {
      Counted(InputStream in) {
        super(in);
      }

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          bytesRead.incrementAndGet();
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          bytesRead.addAndGet(n);
        }
        return n;
      }
    }
  }

  @Override
  public Socket createSocket() {
    return new CountingSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  private static Socket connected(InetSocketAddress remote, InetSocketAddress local)
      throws IOException {
    Socket socket = new CountingSocket();
    try {
      if (local != null) {
        socket.bind(local);
      }
      socket.connect(remote);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }
}
