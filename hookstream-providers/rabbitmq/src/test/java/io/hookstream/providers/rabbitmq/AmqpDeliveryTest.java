package io.hookstream.providers.rabbitmq;

import io.hookstream.delivery.ErrorTypes;

/** The native mode: AMQP 0-9-1 with publisher confirms and mandatory publishing. */
class AmqpDeliveryTest extends BrokerDeliveryTest {

  @Override
  String url() {
    return broker.amqpUrl();
  }

  /** AMQP says so: 530 NOT_ALLOWED "vhost ... not found". */
  @Override
  String missingVhostErrorType() {
    return ErrorTypes.NOT_FOUND;
  }
}
