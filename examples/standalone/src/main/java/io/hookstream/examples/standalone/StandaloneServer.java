package io.hookstream.examples.standalone;

import io.hookstream.Hookstream;
import io.hookstream.providers.aws.AwsProviders;
import io.hookstream.providers.gcp.GcpProviders;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.providers.kafka.KafkaProviders;
import io.hookstream.providers.rabbitmq.RabbitMqProviders;
import io.hookstream.secret.Reencrypted;
import io.hookstream.secret.SecretKeys;
import io.hookstream.servlet.HookstreamServlet;
import io.hookstream.servlet.ServletOptions;
import io.hookstream.servlet.ws.HookstreamWebSockets;
import io.hookstream.servlet.ws.WebSocketOptions;
import io.hookstream.spi.Clock;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * hookstream as a server: the engine, the HTTP, AWS and Kafka destination providers, the {@code
 * /v1} REST API, the ingest endpoint and the WebSockets on embedded Jetty 12, with H2 files (or
 * PostgreSQL, or memory) underneath.
 *
 * <pre>{@code
 * java -jar hookstream-standalone.jar --port 8080 --data ./hookstream-data
 * }</pre>
 *
 * <p>{@link #close()} (also run on SIGTERM and Ctrl-C, by the server's own shutdown hook) stops
 * taking requests and lets running ones finish for up to {@link #STOP_TIMEOUT_MILLIS}; closes the
 * engine, which stops claiming, gives back unstarted leases and lets running deliveries finish (its
 * shutdown grace); and only then closes the store. H2 is opened with {@code DB_CLOSE_ON_EXIT=FALSE}
 * so that its own hook does not close the database first.
 */
public final class StandaloneServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StandaloneServer.class);

  /** How long a stop waits for requests in progress. */
  public static final long STOP_TIMEOUT_MILLIS = 10_000;

  private final Server jetty;
  private final Hookstream engine;
  private final HttpDestinationProvider http;
  private final Stores stores;
  private final AtomicReference<HookstreamWebSockets> webSockets;
  private final URI url;
  private final Optional<String> newApiKey;
  private boolean closed;

  private StandaloneServer(
      Server jetty,
      Hookstream engine,
      HttpDestinationProvider http,
      Stores stores,
      AtomicReference<HookstreamWebSockets> webSockets,
      URI url,
      Optional<String> newApiKey) {
    this.jetty = jetty;
    this.engine = engine;
    this.http = http;
    this.stores = stores;
    this.webSockets = webSockets;
    this.url = url;
    this.newApiKey = newApiKey;
  }

  public static void main(String[] args) {
    ServerOptions options;
    try {
      options = ServerOptions.parse(args, System.getenv());
    } catch (ServerOptions.UsageException e) {
      System.err.println(e.getMessage());
      System.err.println(ServerOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options.reencryptSecrets()) {
      try {
        reencryptSecrets(options, System.out);
        System.exit(0);
      } catch (Exception e) {
        LOG.error("re-encrypting secrets failed: {}", e.getMessage(), e);
        System.exit(1);
      }
      return;
    }
    try {
      StandaloneServer server = start(options, System.out);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "hookstream-shutdown"));
    } catch (Exception e) {
      LOG.error("hookstream could not start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  /**
   * Starts a server and prints its one startup line (and a new API key, once) to {@code out}. The
   * port is bound before the engine is built, so {@code --port 0} still gives sources their real
   * ingest URL.
   */
  public static StandaloneServer start(ServerOptions options, PrintStream out) throws Exception {
    Clock clock = Clock.system();
    SecretKeys keys = SecretKeyFile.resolve(options, out);
    NodeIdentity.Resolved node = NodeIdentity.resolve(options);
    Server jetty = new Server();
    jetty.setStopTimeout(STOP_TIMEOUT_MILLIS);
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost(options.host());
    connector.setPort(options.port());
    jetty.addConnector(connector);
    connector.open();
    int port = connector.getLocalPort();
    String base = options.publicUrl() != null ? options.publicUrl() : "http://localhost:" + port;

    Stores stores = Stores.open(options, clock);
    HttpDestinationProvider http = http(options, clock);
    Hookstream engine;
    try {
      engine =
          engine(stores, http, options, clock, keys)
              .ingestBaseUrl(base)
              .trustedProxies(options.trustedProxies())
              .nodeId(node.id())
              .build()
              .start();
    } catch (RuntimeException e) {
      http.close();
      stores.close();
      connector.close();
      throw e;
    }
    Bootstrap.Result setup = Bootstrap.run(engine, options.apiKey());

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServletContainerInitializer(
        (classes, ctx) ->
            HookstreamServlet.register(
                ctx, engine, ServletOptions.builder().publicTools(options.publicTools()).build()));
    AtomicReference<HookstreamWebSockets> ws = new AtomicReference<>();
    JakartaWebSocketServletContainerInitializer.configure(
        context,
        (servletContext, container) ->
            ws.set(
                HookstreamWebSockets.install(
                    servletContext,
                    container,
                    engine,
                    HookstreamWebSockets.DEFAULT_PREFIX,
                    WebSocketOptions.DEFAULTS)));
    jetty.setHandler(new GracefulHandler(context));
    StandaloneServer server =
        new StandaloneServer(
            jetty,
            engine,
            http,
            stores,
            ws,
            URI.create(
                "http://"
                    + (options.host().equals("0.0.0.0") ? "localhost" : options.host())
                    + ":"
                    + port),
            setup.newKey());
    try {
      jetty.start();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    out.println(
        "hookstream "
            + version()
            + " listening on "
            + server.url()
            + " (ingest base "
            + base
            + ", store: "
            + stores.description
            + ", org "
            + setup.scope().orgId()
            + ", env "
            + setup.scope().envId()
            + ", node "
            + node.id()
            + " "
            + node.source()
            + ")");
    setup.newKey().ifPresent(key -> out.println("API key (shown once, store it now): " + key));
    out.flush();
    return server;
  }

  /**
   * The key rotation step: re-encrypts every stored secret under the primary key (the first of
   * {@code HOOKSTREAM_SECRET_KEY} or {@code secret.key}) and prints what it rewrote. Serves
   * nothing; run it with the old key still listed, then remove the old key.
   */
  public static Reencrypted reencryptSecrets(ServerOptions options, PrintStream out)
      throws IOException {
    Clock clock = Clock.system();
    SecretKeys keys = SecretKeyFile.resolve(options, out);
    try (Stores stores = Stores.open(options, clock);
        HttpDestinationProvider http = http(options, clock);
        Hookstream engine = engine(stores, http, options, clock, keys).build()) {
      Reencrypted done = engine.secrets().reencryptAll();
      out.println(
          "re-encrypted under key "
              + keys.primaryId()
              + ": "
              + done.sources()
              + " sources, "
              + done.destinations()
              + " destinations"
              + (done.skipped() == 0
                  ? ""
                  : "; " + done.skipped() + " changed meanwhile, run again"));
      out.flush();
      return done;
    }
  }

  private static HttpDestinationProvider http(ServerOptions options, Clock clock) {
    return HttpDestinationProvider.builder()
        .allowPrivateNetworks(options.allowPrivateNetworks())
        .clock(clock)
        .build();
  }

  /** The engine with every bundled destination type: http, the AWS family, Pub/Sub and kafka. */
  private static Hookstream.Builder engine(
      Stores stores,
      HttpDestinationProvider http,
      ServerOptions options,
      Clock clock,
      SecretKeys keys) {
    Hookstream.Builder builder =
        Hookstream.builder()
            .store(stores.store)
            .keyValueStore(stores.keyValueStore)
            .blobStore(stores.blobStore)
            .clock(clock)
            .provider(http)
            .allowPrivateNetworks(options.allowPrivateNetworks())
            .secretKeys(keys)
            .allowPrivateNotificationTargets(options.allowPrivateNetworks());
    if (options.smtp() != null) {
      builder.notificationSender(options.smtp().sender());
    }
    AwsProviders.builder()
        .allowPrivateNetworks(options.allowPrivateNetworks())
        .build()
        .providers()
        .forEach(builder::provider);
    GcpProviders.builder()
        .allowPrivateNetworks(options.allowPrivateNetworks())
        .clock(clock)
        .build()
        .providers()
        .forEach(builder::provider);
    builder.provider(
        KafkaProviders.builder()
            .allowPrivateNetworks(options.allowPrivateNetworks())
            .build()
            .kafka());
    RabbitMqProviders.builder()
        .allowPrivateNetworks(options.allowPrivateNetworks())
        .build()
        .providers()
        .forEach(builder::provider);
    return builder;
  }

  /** The server's own base URL, such as {@code http://localhost:8080}. */
  public URI url() {
    return url;
  }

  public Hookstream engine() {
    return engine;
  }

  /** The API key created at this start (a first start without HOOKSTREAM_API_KEY). */
  public Optional<String> newApiKey() {
    return newApiKey;
  }

  /**
   * Stops gracefully, in this order: no new requests (running ones finish), the engine stops
   * claiming and settles its deliveries, then the store closes. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn("stopping Jetty failed", e);
    }
    HookstreamWebSockets sockets = webSockets.get();
    if (sockets != null) {
      sockets.close();
    }
    engine.close();
    http.close();
    stores.close();
    LOG.info("hookstream stopped");
  }

  static String version() {
    String v = StandaloneServer.class.getPackage().getImplementationVersion();
    return v == null ? "(development build)" : v;
  }
}
