package io.hookstream.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a request's credentials to a {@link Principal}. hookstream ships an API key
 * authenticator; a host plugs in its own (for example a session cookie check) and the two are tried
 * in order.
 *
 * <p>Implementations must be safe for concurrent use. Return empty when the credentials are absent
 * or not yours; throw {@link HookstreamException} only when the backing store fails.
 */
@FunctionalInterface
public interface Authenticator {

  Optional<Principal> authenticate(Credentials credentials);

  /**
   * What a request presented: the API key (from {@code X-API-Key}, {@code Authorization: Bearer} or
   * the {@code token} query parameter; null if none) and all request headers, names lower case, for
   * host schemes such as cookies.
   */
  record Credentials(String apiKey, Map<String, List<String>> headers) {
    public Credentials {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** The first value of header {@code name} (any case), or empty. */
    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
  }
}
