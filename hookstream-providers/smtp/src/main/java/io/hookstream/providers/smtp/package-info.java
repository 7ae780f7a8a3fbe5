/**
 * Email notification channels: {@link io.hookstream.providers.smtp.SmtpNotificationSender} sends
 * alert notifications through the host's SMTP server.
 */
package io.hookstream.providers.smtp;
