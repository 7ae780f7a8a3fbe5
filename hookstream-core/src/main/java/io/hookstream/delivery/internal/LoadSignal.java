package io.hookstream.delivery.internal;

import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;

/**
 * What one delivery's outcome says about the receiver's load, for the adaptive concurrency limit: a
 * success is a latency sample; a timeout, a network failure, a 429 or throttle and a 5xx say it is
 * overloaded; any other failure (a 4xx that is the sender's fault, a refused config) says nothing
 * about load.
 */
enum LoadSignal {
  SUCCESS,
  OVERLOAD,
  NEUTRAL;

  static LoadSignal of(DeliveryResult result) {
    if (result.success()) {
      return SUCCESS;
    }
    FailureKind kind = result.failureKind();
    if (kind == FailureKind.TIMEOUT
        || kind == FailureKind.NETWORK
        || kind == FailureKind.THROTTLED
        || kind == FailureKind.HTTP_5XX) {
      return OVERLOAD;
    }
    int code = result.statusCode();
    return code == 429 || code >= 500 ? OVERLOAD : NEUTRAL;
  }
}
