package io.hookstream.tools;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into its addresses for the tools. The SSRF guard checks every address returned
 * and the request connects to the first, so a name is resolved exactly once per request. Tests plug
 * in a resolver that answers what a hostile DNS server would.
 */
@FunctionalInterface
public interface HostResolver {

  /** All addresses of {@code host}, never empty; throws if it has none. */
  InetAddress[] resolve(String host) throws UnknownHostException;

  /** The JVM's resolver. */
  static HostResolver system() {
    return InetAddress::getAllByName;
  }
}
