/**
 * The HTTP destination provider; its internal package stays closed. On the module path its
 * KeepAlivePolicy needs OkHttp's connection package: see docs/providers/http.md.
 */
module io.hookstream.providers.http {
  requires transitive io.hookstream.spi;
  requires transitive okhttp3;
  requires okio;
  requires org.slf4j;

  exports io.hookstream.providers.http;
}
