/** Email notification channels over SMTP; the internal package stays closed. */
module io.hookstream.providers.smtp {
  requires transitive io.hookstream.spi;
  requires jakarta.mail;

  exports io.hookstream.providers.smtp;
}
