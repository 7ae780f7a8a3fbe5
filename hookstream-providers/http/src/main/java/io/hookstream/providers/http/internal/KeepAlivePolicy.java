package io.hookstream.providers.http.internal;

import java.io.IOException;
import java.util.Locale;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.internal.connection.RealConnection;

/**
 * A network interceptor that keeps a connection out of the pool after an HTTP/1.0 response without
 * {@code Connection: keep-alive}: such a receiver closes the connection after answering (Python's
 * {@code http.server} does), and a pooled copy would fail the next request. OkHttp already retires
 * connections answered with {@code Connection: close}.
 *
 * <p>On the module path OkHttp exports no {@code okhttp3.internal.connection}; without {@code
 * --add-exports okhttp3/okhttp3.internal.connection=io.hookstream.providers.http} the policy stands
 * aside and such a receiver's next request may fail once and be retried.
 */
public final class KeepAlivePolicy implements Interceptor {

  private static final String CONNECTION_PACKAGE = "okhttp3.internal.connection";

  private final boolean canRetire;

  /** The policy for the modules OkHttp and this class were loaded in. */
  public KeepAlivePolicy() {
    this(Interceptor.class.getModule(), KeepAlivePolicy.class.getModule());
  }

  /** Whether {@code okhttp} lets {@code us} call its connection internals decides the policy. */
  KeepAlivePolicy(Module okhttp, Module us) {
    this.canRetire = okhttp.isExported(CONNECTION_PACKAGE, us);
  }

  /** False when OkHttp's connection package is closed to this module: nothing is retired. */
  boolean canRetire() {
    return canRetire;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (canRetire
        && response.protocol() == Protocol.HTTP_1_0
        && !allowsKeepAlive(response)
        && chain.connection() instanceof RealConnection connection) {
      // OkHttp has no public call for this; RealConnection is the pinned version's connection.
      connection.noNewExchanges();
    }
    return response;
  }

  private static boolean allowsKeepAlive(Response response) {
    for (String value : response.headers("Connection")) {
      for (String token : value.split(",")) {
        if (token.trim().toLowerCase(Locale.ROOT).equals("keep-alive")) {
          return true;
        }
      }
    }
    return false;
  }
}
