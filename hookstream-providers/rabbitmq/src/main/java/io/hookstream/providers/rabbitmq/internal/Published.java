package io.hookstream.providers.rabbitmq.internal;

/** What the broker answered to an accepted message: the HTTP status (0 for AMQP) and a summary. */
record Published(int statusCode, String summary) {}
