package io.hookstream.tools;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How the tools reach endpoints: whether private and loopback addresses are allowed (off by
 * default: the tools are public), how host names resolve, and which certificates https trusts.
 *
 * @param allowPrivateNetworks let requests go to loopback and private addresses (local development)
 * @param resolver how host names resolve
 * @param tls the TLS context of https requests (its trust store decides which peers are accepted)
 */
public record ToolsSettings(boolean allowPrivateNetworks, HostResolver resolver, SSLContext tls) {

  public ToolsSettings {
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(tls, "tls");
  }

  /** Private networks refused, the system resolver, the JVM's default trust. */
  public static ToolsSettings defaults() {
    try {
      return new ToolsSettings(false, HostResolver.system(), SSLContext.getDefault());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no default TLS context", e);
    }
  }
}
