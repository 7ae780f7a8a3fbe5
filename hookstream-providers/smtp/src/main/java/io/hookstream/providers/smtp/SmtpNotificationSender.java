package io.hookstream.providers.smtp;

import io.hookstream.providers.smtp.internal.Recipients;
import io.hookstream.providers.smtp.internal.SmtpFailures;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.Notification;
import io.hookstream.spi.NotificationSender;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The {@code email} notification channel type: sends each notification as a plain-text mail
 * (subject: the notification's title; body: its text and the JSON document) through the host's SMTP
 * server. The server, the sender address and the credentials are the host's, set here; a channel
 * only names its recipients ({@code config.to}). Register it with {@code
 * Hookstream.Builder.notificationSender(...)}. Thread-safe.
 *
 * <pre>{@code
 * SmtpNotificationSender mail = SmtpNotificationSender.builder()
 *     .host("smtp.example.com").port(587).startTls(true)
 *     .from("hookstream@example.com").credentials("user", "password")
 *     .build();
 * }</pre>
 */
public final class SmtpNotificationSender implements NotificationSender {

  public static final String TYPE = "email";

  private final String host;
  private final int port;
  private final InternetAddress from;
  private final String username;
  private final String password;
  private final boolean startTls;
  private final boolean ssl;

  private SmtpNotificationSender(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.from = b.from;
    this.username = b.username;
    this.password = b.password;
    this.startTls = b.startTls;
    this.ssl = b.ssl;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String channelType() {
    return TYPE;
  }

  @Override
  public List<FieldError> validate(Map<String, Object> config) {
    return Recipients.check(config);
  }

  @Override
  public DeliveryResult send(Notification n, Map<String, Object> config, Duration timeout) {
    long start = System.nanoTime();
    try {
      MimeMessage message = new MimeMessage(session(timeout));
      message.setFrom(from);
      message.setRecipients(Message.RecipientType.TO, Recipients.of(config));
      message.setSubject("[hookstream] " + n.title(), "UTF-8");
      message.setSentDate(Date.from(n.at()));
      message.setHeader("X-hookstream-Notification-Id", n.id());
      message.setText(
          n.text() + "\n\n" + new String(n.json(), StandardCharsets.UTF_8) + "\n", "UTF-8");
      if (username != null) {
        Transport.send(message, username, password);
      } else {
        Transport.send(message);
      }
      long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
      return new DeliveryResult.Delivered(250, ms, null, null, null);
    } catch (MessagingException e) {
      return SmtpFailures.of(e);
    }
  }

  private Session session(Duration timeout) {
    String millis = String.valueOf(Math.max(1, timeout.toMillis()));
    Properties p = new Properties();
    p.put("mail.smtp.host", host);
    p.put("mail.smtp.port", String.valueOf(port));
    p.put("mail.smtp.connectiontimeout", millis);
    p.put("mail.smtp.timeout", millis);
    p.put("mail.smtp.writetimeout", millis);
    p.put("mail.smtp.auth", String.valueOf(username != null));
    p.put("mail.smtp.starttls.enable", String.valueOf(startTls));
    p.put("mail.smtp.starttls.required", String.valueOf(startTls));
    p.put("mail.smtp.ssl.enable", String.valueOf(ssl));
    return Session.getInstance(p);
  }

  /** The SMTP server and the sender; {@link #build()} requires a host and a from address. */
  public static final class Builder {
    private String host;
    private int port = 25;
    private InternetAddress from;
    private String username;
    private String password;
    private boolean startTls;
    private boolean ssl;

    private Builder() {}

    public Builder host(String host) {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("SMTP host must not be blank");
      }
      this.host = host;
      return this;
    }

    /** Default 25. */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("SMTP port must be 1-65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** The sender address, {@code hookstream@example.com} or {@code Alerts <a@example.com>}. */
    public Builder from(String from) {
      try {
        this.from = new InternetAddress(Objects.requireNonNull(from, "from"), true);
      } catch (AddressException e) {
        throw new IllegalArgumentException("not an email address: " + from, e);
      }
      return this;
    }

    /** Logs in with these credentials (SMTP AUTH). */
    public Builder credentials(String username, String password) {
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Upgrades the connection with STARTTLS and refuses a server that cannot (default off). */
    public Builder startTls(boolean startTls) {
      this.startTls = startTls;
      return this;
    }

    /** Connects over TLS from the start, as on port 465 (default off). */
    public Builder ssl(boolean ssl) {
      this.ssl = ssl;
      return this;
    }

    public SmtpNotificationSender build() {
      if (host == null || from == null) {
        throw new IllegalStateException("an SMTP sender needs a host and a from address");
      }
      return new SmtpNotificationSender(this);
    }
  }
}
