package io.hookstream.examples.standalone;

import io.hookstream.examples.standalone.ServerOptions.UsageException;
import io.hookstream.providers.smtp.SmtpNotificationSender;
import java.util.Map;

/**
 * The SMTP server of email notification channels: {@code --smtp-host}, {@code --smtp-port} (default
 * 587), {@code --smtp-from}, {@code --smtp-starttls} or {@code --smtp-ssl}; the login from {@code
 * HOOKSTREAM_SMTP_USER} and {@code HOOKSTREAM_SMTP_PASSWORD}. Without a host, email channels cannot
 * be created.
 */
record SmtpOptions(
    String host,
    int port,
    String from,
    String user,
    String password,
    boolean startTls,
    boolean ssl) {

  static final int DEFAULT_PORT = 587;

  /** The sender these options describe. */
  SmtpNotificationSender sender() {
    SmtpNotificationSender.Builder b =
        SmtpNotificationSender.builder()
            .host(host)
            .port(port)
            .from(from)
            .startTls(startTls)
            .ssl(ssl);
    if (user != null) {
      b.credentials(user, password == null ? "" : password);
    }
    return b.build();
  }

  /** The options, or null when no host is given; a host needs a from address. */
  static SmtpOptions of(
      String host,
      Integer port,
      String from,
      boolean startTls,
      boolean ssl,
      Map<String, String> env)
      throws UsageException {
    if (host == null) {
      if (port != null || from != null || startTls || ssl) {
        throw new UsageException(
            "--smtp-port, --smtp-from, --smtp-starttls and --smtp-ssl need --smtp-host");
      }
      return null;
    }
    if (from == null) {
      throw new UsageException("--smtp-host needs --smtp-from (the sender address)");
    }
    SmtpOptions o =
        new SmtpOptions(
            host,
            port == null ? DEFAULT_PORT : port,
            from,
            env.get("HOOKSTREAM_SMTP_USER"),
            env.get("HOOKSTREAM_SMTP_PASSWORD"),
            startTls,
            ssl);
    try {
      o.sender();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--smtp-from: " + e.getMessage());
    }
    return o;
  }
}
