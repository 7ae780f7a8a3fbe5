package io.hookstream.providers.rabbitmq.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.hookstream.spi.DestinationProvider.FailureKind;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * Publishes over AMQP 0-9-1 on one connection and one confirm-mode channel per destination:
 * persistent, {@code mandatory} (a message the broker returns as unroutable is a failure), and
 * taken only once the broker confirms it. The broker closes a channel on an error (a missing
 * exchange); the next publish opens a new one, and a new connection when that one is gone.
 * Publishes are serialized, so a return is matched to the message just published.
 */
final class AmqpPublisher implements Publisher {

  private final ConnectionFactory factory;
  private final String connectionName;
  private Connection connection;
  private Channel channel;
  private volatile String returned;

  AmqpPublisher(RabbitConfig config, Duration timeout, String destinationId) throws Exception {
    this.factory = new ConnectionFactory();
    boolean tls = config.url().getScheme().equalsIgnoreCase("amqps");
    factory.setHost(config.url().getHost());
    factory.setPort(config.url().getPort() > 0 ? config.url().getPort() : tls ? 5671 : 5672);
    factory.setVirtualHost(config.vhost());
    factory.setUsername(config.username());
    factory.setPassword(config.password());
    if (tls) {
      factory.useSslProtocol(SSLContext.getDefault());
      factory.enableHostnameVerification();
    }
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    factory.setConnectionTimeout(millis);
    factory.setHandshakeTimeout(millis);
    factory.setChannelRpcTimeout(millis);
    factory.setShutdownTimeout(0);
    // hookstream retries on its own schedule; the client's recovery would race it.
    factory.setAutomaticRecoveryEnabled(false);
    factory.setTopologyRecoveryEnabled(false);
    this.connectionName = "hookstream " + destinationId;
  }

  @Override
  public synchronized Published publish(RabbitMessage message, Duration timeout) throws Exception {
    Channel ch = channel();
    returned = null;
    try {
      ch.basicPublish(
          message.exchange(), message.routingKey(), true, properties(message), message.body());
      ch.waitForConfirmsOrDie(Math.max(1, timeout.toMillis()));
    } catch (TimeoutException e) {
      closeChannel(); // a late confirm must not be taken for the next message's
      throw e;
    } catch (IOException | RuntimeException e) {
      closeChannel();
      throw e;
    }
    String why = returned;
    if (why != null) {
      throw new PublishFailedException(
          RabbitFailure.permanent(
              FailureKind.NOT_FOUND,
              0,
              "returned: "
                  + why
                  + ": no queue is bound to exchange '"
                  + message.exchange()
                  + "' for routing key '"
                  + message.routingKey()
                  + "'"));
    }
    return new Published(0, "confirmed");
  }

  private Channel channel() throws Exception {
    if (channel != null && channel.isOpen()) {
      return channel;
    }
    if (connection == null || !connection.isOpen()) {
      closeConnection();
      connection = factory.newConnection(connectionName);
    }
    Channel fresh = connection.createChannel();
    fresh.confirmSelect();
    // Called on the connection's thread before the confirm of the same message.
    fresh.addReturnListener(r -> returned = r.getReplyCode() + " " + r.getReplyText());
    channel = fresh;
    return fresh;
  }

  private static AMQP.BasicProperties properties(RabbitMessage m) {
    Map<String, Object> headers = new LinkedHashMap<>(m.headers());
    return new AMQP.BasicProperties.Builder()
        .deliveryMode(RabbitMessage.PERSISTENT)
        .contentType(m.contentType())
        .messageId(m.messageId())
        .timestamp(Date.from(m.timestamp()))
        .headers(headers)
        .build();
  }

  private void closeChannel() {
    Channel ch = channel;
    channel = null;
    if (ch != null && ch.isOpen()) {
      try {
        ch.abort();
      } catch (IOException | RuntimeException e) {
        // already going: nothing to release
      }
    }
  }

  private void closeConnection() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      c.abort(1000);
    }
  }

  @Override
  public synchronized void close() {
    closeChannel();
    closeConnection();
  }
}
