package io.hookstream.tools.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input that gives up at a deadline: each read waits at most the time left, so a peer
 * that trickles one byte at a time cannot hold a tool past its total timeout.
 */
final class DeadlineInputStream extends FilterInputStream {

  private final Socket socket;
  private final long deadlineNanos;

  DeadlineInputStream(Socket socket, InputStream in, long deadlineNanos) {
    super(in);
    this.socket = socket;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public int read() throws IOException {
    arm();
    return super.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    arm();
    return super.read(b, off, len);
  }

  private void arm() throws IOException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("total time limit reached");
    }
    socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
  }
}
