/** io.hookstream.providers.gcp: exports the API packages; the internal ones stay closed. */
module io.hookstream.providers.gcp {
  requires transitive io.hookstream.spi;
  requires java.net.http;
  requires org.slf4j;
  // Optional: Application Default Credentials when a host app adds google-auth-library.
  requires static com.google.auth;
  requires static com.google.auth.oauth2;

  exports io.hookstream.providers.gcp;
}
