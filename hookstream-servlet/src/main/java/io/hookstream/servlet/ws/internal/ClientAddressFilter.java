package io.hookstream.servlet.ws.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records each WebSocket upgrade's client address under its {@code Sec-WebSocket-Key} (a random
 * per-handshake nonce) so {@link Handshake} can find it: the Jakarta WebSocket API exposes no
 * remote address. Keeps at most {@link #CAPACITY} pending entries. Thread-safe.
 */
public final class ClientAddressFilter implements Filter {

  static final int CAPACITY = 10_000;

  private final Map<String, String> pending = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > CAPACITY;
    }
  };

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http) {
      String key = http.getHeader("Sec-WebSocket-Key");
      if (key != null) {
        synchronized (pending) {
          pending.put(key, http.getRemoteAddr());
        }
      }
    }
    chain.doFilter(request, response);
  }

  /** The address recorded for {@code key}, removed on read; null if none. */
  String take(String key) {
    if (key == null) {
      return null;
    }
    synchronized (pending) {
      return pending.remove(key);
    }
  }
}
