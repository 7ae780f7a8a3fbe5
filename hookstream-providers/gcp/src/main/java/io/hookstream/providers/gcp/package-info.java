/**
 * The Google Cloud destination type {@code gcp_pubsub}: REST publish with a service-account JWT, no
 * Google SDK (see {@link io.hookstream.providers.gcp.GcpProviders}).
 */
package io.hookstream.providers.gcp;
