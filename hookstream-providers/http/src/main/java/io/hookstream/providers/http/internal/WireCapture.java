package io.hookstream.providers.http.internal;

import java.io.IOException;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A network interceptor that records, in the request's {@link Holder} tag, the request headers
 * exactly as sent (with Host, Content-Length and User-Agent added by OkHttp) and the response
 * headers exactly as received.
 *
 * <p>It also hides {@code Retry-After} of a 503 from OkHttp, which would otherwise resend the
 * request at once on {@code Retry-After: 0}: one delivery attempt must be one request, and the
 * retry policy decides when to try again. The provider reads the header from the holder.
 */
public final class WireCapture implements Interceptor {

  /** One call's captured headers; written by the network thread, read after the call. */
  public static final class Holder {
    private volatile Headers sent;
    private volatile Headers received;

    /** The request headers as sent, or null when no request reached the network. */
    public Headers sent() {
      return sent;
    }

    /** The response headers as received, or null when no response arrived. */
    public Headers received() {
      return received;
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Holder holder = chain.request().tag(Holder.class);
    if (holder == null) {
      return chain.proceed(chain.request());
    }
    holder.sent = chain.request().headers();
    Response response = chain.proceed(chain.request());
    holder.received = response.headers();
    if (response.code() == 503 && response.header("Retry-After") != null) {
      return response.newBuilder().removeHeader("Retry-After").build();
    }
    return response;
  }
}
