/**
 * The {@code rabbitmq} destination type: the Management API or native AMQP 0-9-1, registered with
 * {@link io.hookstream.providers.rabbitmq.RabbitMqProviders}.
 */
package io.hookstream.providers.rabbitmq;
