/** The rabbitmq provider's implementation; not an API. */
package io.hookstream.providers.rabbitmq.internal;
