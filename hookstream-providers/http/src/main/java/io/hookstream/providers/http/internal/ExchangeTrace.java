package io.hookstream.providers.http.internal;

import io.hookstream.providers.http.internal.CountingSocketFactory.CountingSocket;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A network interceptor that records, in the request's {@link Record} tag, whether the exchange ran
 * on a connection that had carried an earlier exchange and, when it failed, whether any byte of the
 * response had arrived. That tells a pooled connection the receiver had already closed (Node closes
 * idle ones after 5 s, Python's {@code http.server} after every answer) apart from a receiver that
 * failed while answering.
 *
 * <p>Bytes are counted on plain connections. Over TLS the decrypted bytes are out of reach, so
 * there "nothing received" means that no complete response head arrived.
 *
 * <p>Safe for concurrent use.
 */
public final class ExchangeTrace implements Interceptor {

  /** One call's trace; written by the network thread, read after the call. */
  public static final class Record {
    private volatile boolean reused;
    private volatile boolean failedBeforeResponse;

    /**
     * Whether {@code failure} ended an exchange on a reused connection before any response byte
     * arrived, and was not a timeout or a cancel: the request can be sent again on a new connection
     * without the receiver having answered it.
     */
    public boolean staleConnection(IOException failure) {
      return reused
          && failedBeforeResponse
          && !(failure instanceof InterruptedIOException)
          && !(failure instanceof ProtocolException)
          && !Thread.currentThread().isInterrupted();
    }
  }

  // Connections that have carried an exchange; weak, so closed connections drop out.
  private final Map<Connection, Boolean> used = Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public Response intercept(Chain chain) throws IOException {
    Record record = chain.request().tag(Record.class);
    Connection connection = chain.connection();
    if (record == null || connection == null) {
      return chain.proceed(chain.request());
    }
    record.reused = used.put(connection, Boolean.TRUE) != null;
    record.failedBeforeResponse = false;
    long before = bytesRead(connection);
    try {
      return chain.proceed(chain.request());
    } catch (IOException e) {
      record.failedBeforeResponse = bytesRead(connection) == before;
      throw e;
    }
  }

  /** Bytes read so far on a plain connection; 0 on TLS, whose bytes cannot be counted here. */
  private static long bytesRead(Connection connection) {
    return connection.socket() instanceof CountingSocket counting ? counting.bytesRead() : 0;
  }
}
