package io.hookstream.providers.rabbitmq;

/** The seed's mode: {@code POST /api/exchanges/{vhost}/{exchange}/publish} with Basic auth. */
class ManagementApiDeliveryTest extends BrokerDeliveryTest {

  @Override
  String url() {
    return broker.managementUrl();
  }
}
