/**
 * Internals of the Pub/Sub provider: config, service-account tokens, the publish call, failures.
 */
package io.hookstream.providers.gcp.internal;
