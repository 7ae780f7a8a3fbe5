package io.hookstream.tools.internal;

import io.hookstream.internal.Hashing;
import io.hookstream.tools.TlsDetails;
import io.hookstream.tools.ToolExchange;
import io.hookstream.tools.ToolRequest;
import io.hookstream.tools.ToolResponse;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small HTTP/1.1 client over a plain socket, so the tools control what general clients hide: the
 * socket connects to the address the guard checked (no second lookup), every read is bounded by the
 * request's total timeout, the body is read up to a bound, and the TLS session is reported. One
 * request per connection ({@code Connection: close}). Thread-safe.
 */
final class ToolHttpClient {

  /** The longest wait for the TCP connection, within the request's total timeout. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private static final String USER_AGENT = "hookstream-tools/1";

  private final SSLSocketFactory tls;
  private final int bodyLimit;

  ToolHttpClient(SSLSocketFactory tls, int bodyLimit) {
    this.tls = tls;
    this.bodyLimit = bodyLimit;
  }

  /** Sends {@code request} to {@code target}; any failure is reported, never thrown. */
  ToolExchange exchange(GuardedTarget target, ToolRequest request) {
    long start = System.nanoTime();
    long deadline = start + request.timeout().toNanos();
    String where = target.address().getHostAddress() + ":" + target.port();
    try (Socket raw = new Socket()) {
      int connectMillis = (int) Math.min(CONNECT_TIMEOUT.toMillis(), request.timeout().toMillis());
      raw.connect(new InetSocketAddress(target.address(), target.port()), connectMillis);
      Socket socket = raw;
      TlsDetails session = null;
      if (target.https()) {
        SSLSocket secure = handshake(raw, target, deadline);
        session = details(secure.getSession());
        socket = secure;
      }
      OutputStream out = socket.getOutputStream();
      out.write(requestBytes(target, request));
      out.flush();
      ResponseReader reader =
          new ResponseReader(
              new BufferedInputStream(
                  new DeadlineInputStream(socket, socket.getInputStream(), deadline)),
              bodyLimit);
      ResponseReader.Read head = reader.head(request.method().equals("HEAD"));
      Duration latency = since(start);
      ResponseReader.Read full = reader.body(head);
      return ToolExchange.answered(latency, response(full, session));
    } catch (SSLException e) {
      return ToolExchange.failed(
          since(start), "TLS handshake with " + target.host() + " failed: " + e.getMessage());
    } catch (SocketTimeoutException e) {
      return ToolExchange.failed(
          since(start),
          "timed out talking to "
              + where
              + " (limits: connect "
              + CONNECT_TIMEOUT.toSeconds()
              + " s, total "
              + request.timeout().toSeconds()
              + " s)");
    } catch (ConnectException e) {
      return ToolExchange.failed(
          since(start), "could not connect to " + where + ": " + e.getMessage());
    } catch (IOException e) {
      return ToolExchange.failed(
          since(start), "request to " + where + " failed: " + e.getMessage());
    }
  }

  private SSLSocket handshake(Socket raw, GuardedTarget target, long deadline) throws IOException {
    SSLSocket secure = (SSLSocket) tls.createSocket(raw, target.host(), target.port(), true);
    SSLParameters params = secure.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
    try {
      params.setServerNames(List.of(new SNIHostName(target.host())));
    } catch (IllegalArgumentException e) {
      // an IP literal: no SNI
    }
    secure.setSSLParameters(params);
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("total time limit reached");
    }
    secure.setSoTimeout((int) Math.max(1, left / 1_000_000));
    secure.startHandshake();
    return secure;
  }

  private static byte[] requestBytes(GuardedTarget target, ToolRequest request) throws IOException {
    URI uri = request.uri();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    byte[] body =
        request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(request.method()).append(' ').append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(target.hostHeader()).append("\r\n");
    boolean agent = false;
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      agent |= h.getKey().equalsIgnoreCase("user-agent");
    }
    if (!agent) {
      head.append("User-Agent: ").append(USER_AGENT).append("\r\n");
    }
    if (body.length > 0 || !request.method().matches("GET|HEAD|DELETE|OPTIONS")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length);
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    out.write(body);
    return out.toByteArray();
  }

  private static ToolResponse response(ResponseReader.Read read, TlsDetails session) {
    return new ToolResponse(
        read.status(),
        read.headers(),
        new String(read.body(), StandardCharsets.UTF_8),
        read.truncated(),
        Hashing.sha256Hex(read.body()),
        Optional.ofNullable(session));
  }

  private static TlsDetails details(SSLSession session) throws IOException {
    Certificate[] chain = session.getPeerCertificates();
    X509Certificate leaf = (X509Certificate) chain[0];
    return new TlsDetails(
        session.getProtocol(),
        session.getCipherSuite(),
        leaf.getSubjectX500Principal().getName(),
        leaf.getIssuerX500Principal().getName(),
        leaf.getNotAfter().toInstant());
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
