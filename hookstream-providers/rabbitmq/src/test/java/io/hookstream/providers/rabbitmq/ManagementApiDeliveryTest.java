package io.hookstream.providers.rabbitmq;

import io.hookstream.delivery.ErrorTypes;

/** The seed's mode: {@code POST /api/exchanges/{vhost}/{exchange}/publish} with Basic auth. */
class ManagementApiDeliveryTest extends BrokerDeliveryTest {

  @Override
  String url() {
    return broker.managementUrl();
  }

  /** The Management API answers a missing vhost like a forbidden one: 401 "Access refused.". */
  @Override
  String missingVhostErrorType() {
    return ErrorTypes.AUTH_FAILED;
  }
}
