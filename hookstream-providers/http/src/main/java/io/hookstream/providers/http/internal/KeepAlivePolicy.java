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
 */
public final class KeepAlivePolicy implements Interceptor {

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.protocol() == Protocol.HTTP_1_0
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
