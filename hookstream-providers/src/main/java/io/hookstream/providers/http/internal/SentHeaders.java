package io.hookstream.providers.http.internal;

import java.io.IOException;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A network interceptor that records, in the request's {@link Holder} tag, the headers exactly as
 * they go on the wire (with Host, Content-Length and User-Agent added by OkHttp).
 */
public final class SentHeaders implements Interceptor {

  /** Where one call's sent headers land; written by the network thread, read after the call. */
  public static final class Holder {
    private volatile Headers headers;

    public Headers headers() {
      return headers;
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Holder holder = chain.request().tag(Holder.class);
    if (holder != null) {
      holder.headers = chain.request().headers();
    }
    return chain.proceed(chain.request());
  }
}
