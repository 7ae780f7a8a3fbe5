package io.hookstream.examples.standalone;

import io.hookstream.ingest.TrustedProxies;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The standalone server's settings, from the command line and the environment. Immutable.
 *
 * @param port the HTTP port; 0 picks a free one
 * @param host the address to bind
 * @param dataDir where the H2 database lives when no JDBC URL is given
 * @param jdbcUrl a PostgreSQL (or H2) JDBC URL, or null for H2 files under {@code dataDir}
 * @param inMemory keep everything in memory (lost on exit)
 * @param publicUrl the base URL senders reach this server at, or null for {@code
 *     http://localhost:<port>}
 * @param allowPrivateNetworks whether destinations may be on loopback or private addresses
 * @param apiKey a key to register at start ({@code HOOKSTREAM_API_KEY}), or null
 * @param trustedProxies the proxies whose forwarding headers give the client address ({@code
 *     --trusted-proxy} and {@code HOOKSTREAM_TRUSTED_PROXIES} together)
 * @param secretKeys the secret keys in {@link io.hookstream.secret.SecretKeys#parse} form ({@code
 *     HOOKSTREAM_SECRET_KEY}), or null for the data directory's {@code secret.key}
 * @param reencryptSecrets re-encrypt every stored secret under the primary key, then exit
 * @param nodeId this server's node id ({@code --node-id} / {@code HOOKSTREAM_NODE_ID}), or null for
 *     the one kept in the data directory
 * @param publicTools serve the public developer endpoints {@code /v1/tools/*} and {@code
 *     /v1/test/*} (off with {@code --no-public-tools})
 * @param smtp the SMTP server of email notification channels, or null for none
 */
public record ServerOptions(
    int port,
    String host,
    Path dataDir,
    String jdbcUrl,
    boolean inMemory,
    String publicUrl,
    boolean allowPrivateNetworks,
    String apiKey,
    TrustedProxies trustedProxies,
    String secretKeys,
    boolean reencryptSecrets,
    String nodeId,
    boolean publicTools,
    SmtpOptions smtp) {

  /** The environment variable with more trusted proxies, comma-separated. */
  public static final String TRUSTED_PROXIES_ENV = "HOOKSTREAM_TRUSTED_PROXIES";

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final Path DEFAULT_DATA_DIR = Path.of("hookstream-data");

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "usage: java -jar hookstream-standalone.jar [options]",
          "  --port N                  HTTP port (default 8080; 0 picks a free port)",
          "  --host ADDRESS            address to bind (default 0.0.0.0)",
          "  --data DIR                H2 database directory (default ./hookstream-data)",
          "  --jdbc-url URL            use this database instead, e.g. jdbc:postgresql://db/hookstream",
          "                            (user and password from HOOKSTREAM_DB_USER/HOOKSTREAM_DB_PASSWORD)",
          "  --in-memory               keep everything in memory; lost on exit",
          "  --public-url URL          base URL senders use (default http://localhost:<port>)",
          "  --allow-private-networks  let destinations, test-session forwarding and the tools reach",
          "                            loopback or private addresses (local dev)",
          "  --no-public-tools         answer 404 on the public /v1/tools/* and /v1/test/* endpoints",
          "  --trusted-proxy CIDR      a load balancer/proxy (address or range, IPv4 or IPv6) whose",
          "                            X-Forwarded-For gives the client IP; repeatable",
          "  --reencrypt-secrets       re-encrypt stored secrets under the primary key, then exit",
          "  --node-id ID              this server's node id, unique among servers sharing a database",
          "                            (default: kept in DIR/node-id; also HOOKSTREAM_NODE_ID)",
          "  --smtp-host HOST          SMTP server for email notification channels",
          "  --smtp-port N             its port (default 587)",
          "  --smtp-from ADDRESS       the sender address of alert mails (required with --smtp-host)",
          "  --smtp-starttls           upgrade with STARTTLS (required); --smtp-ssl: TLS from the start",
          "environment: HOOKSTREAM_API_KEY=hs_live_<64 hex> registers that key instead of printing a"
              + " new one;",
          "  " + TRUSTED_PROXIES_ENV + "=CIDR,CIDR adds trusted proxies;",
          "  HOOKSTREAM_SMTP_USER / HOOKSTREAM_SMTP_PASSWORD log in to the SMTP server;",
          "  HOOKSTREAM_SECRET_KEY=[id:]<base64 32 bytes>[,[id:]<old key>...] encrypts stored secrets"
              + " (default: <data>/secret.key, created on first start)");

  /** Thrown for a bad command line; the message says what is wrong. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Parses {@code args}; {@code env} supplies the {@code HOOKSTREAM_*} variables. */
  static ServerOptions parse(String[] args, Map<String, String> env) throws UsageException {
    int port = DEFAULT_PORT;
    String host = DEFAULT_HOST;
    Path data = DEFAULT_DATA_DIR;
    String jdbcUrl = null;
    boolean inMemory = false;
    String publicUrl = null;
    boolean allowPrivate = false;
    List<String> proxies = new ArrayList<>();
    boolean reencrypt = false;
    boolean publicTools = true;
    String nodeId = nonBlank(env.get("HOOKSTREAM_NODE_ID"));
    String smtpHost = null;
    Integer smtpPort = null;
    String smtpFrom = null;
    boolean smtpStartTls = false;
    boolean smtpSsl = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--port" -> port = port(value(args, ++i, a), a);
        case "--host" -> host = value(args, ++i, a);
        case "--data" -> data = Path.of(value(args, ++i, a));
        case "--jdbc-url" -> jdbcUrl = jdbcUrl(value(args, ++i, a));
        case "--in-memory" -> inMemory = true;
        case "--public-url" -> publicUrl = publicUrl(value(args, ++i, a));
        case "--allow-private-networks" -> allowPrivate = true;
        case "--trusted-proxy" -> proxies.add(trustedProxy(value(args, ++i, a), a));
        case "--reencrypt-secrets" -> reencrypt = true;
        case "--node-id" -> nodeId = value(args, ++i, a);
        case "--no-public-tools" -> publicTools = false;
        case "--smtp-host" -> smtpHost = value(args, ++i, a);
        case "--smtp-port" -> smtpPort = port(value(args, ++i, a), a);
        case "--smtp-from" -> smtpFrom = value(args, ++i, a);
        case "--smtp-starttls" -> smtpStartTls = true;
        case "--smtp-ssl" -> smtpSsl = true;
        default -> throw new UsageException("unknown option: " + a);
      }
    }
    if (inMemory && jdbcUrl != null) {
      throw new UsageException("--in-memory and --jdbc-url exclude each other");
    }
    String fromEnv = env.get(TRUSTED_PROXIES_ENV);
    if (fromEnv != null) {
      for (String entry : fromEnv.split(",")) {
        if (!entry.isBlank()) {
          proxies.add(trustedProxy(entry.strip(), TRUSTED_PROXIES_ENV));
        }
      }
    }
    if (nodeId != null && !NodeIdentity.VALID.matcher(nodeId).matches()) {
      throw new UsageException(
          "--node-id (or HOOKSTREAM_NODE_ID) must be 1-100 letters, digits,"
              + " '.', '_', ':' or '-': "
              + nodeId);
    }
    return new ServerOptions(
        port,
        host,
        data,
        jdbcUrl,
        inMemory,
        publicUrl,
        allowPrivate,
        nonBlank(env.get("HOOKSTREAM_API_KEY")),
        TrustedProxies.of(proxies),
        nonBlank(env.get("HOOKSTREAM_SECRET_KEY")),
        reencrypt,
        nodeId,
        publicTools,
        SmtpOptions.of(smtpHost, smtpPort, smtpFrom, smtpStartTls, smtpSsl, env));
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String value(String[] args, int i, String option) throws UsageException {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static int port(String raw, String option) throws UsageException {
    try {
      int port = Integer.parseInt(raw);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(option + " must be a number from 0 to 65535: " + raw);
  }

  private static String jdbcUrl(String raw) throws UsageException {
    if (!raw.startsWith("jdbc:postgresql:") && !raw.startsWith("jdbc:h2:")) {
      throw new UsageException("--jdbc-url must be a jdbc:postgresql: or jdbc:h2: URL: " + raw);
    }
    return raw;
  }

  /** One entry, checked on its own so that the error names it and where it came from. */
  private static String trustedProxy(String raw, String from) throws UsageException {
    try {
      TrustedProxies.of(List.of(raw));
      return raw;
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          from
              + " must be an IP address or CIDR range (such as"
              + " 10.0.0.0/8 or 2001:db8::/32): "
              + raw);
    }
  }

  private static String publicUrl(String raw) throws UsageException {
    if (!raw.startsWith("http://") && !raw.startsWith("https://")) {
      throw new UsageException("--public-url must be an http(s) URL: " + raw);
    }
    return raw.replaceAll("/+$", "");
  }
}
