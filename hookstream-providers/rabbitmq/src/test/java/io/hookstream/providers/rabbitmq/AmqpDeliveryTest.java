package io.hookstream.providers.rabbitmq;

/** The native mode: AMQP 0-9-1 with publisher confirms and mandatory publishing. */
class AmqpDeliveryTest extends BrokerDeliveryTest {

  @Override
  String url() {
    return broker.amqpUrl();
  }
}
