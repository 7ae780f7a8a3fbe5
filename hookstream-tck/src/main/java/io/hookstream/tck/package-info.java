/**
 * The technology compatibility kit: contract suites for the SPI, as abstract JUnit 5 classes that
 * every implementation extends with a few lines supplying the instance under test ({@link
 * io.hookstream.tck.StoreContract}, {@link io.hookstream.tck.KeyValueStoreContract}, {@link
 * io.hookstream.tck.BlobStoreContract}, {@link io.hookstream.tck.DestinationProviderContract}), and
 * {@link io.hookstream.tck.WebhookReceiver}, a scriptable HTTP receiver on loopback. The suites use
 * only the SPI, and each store test works on fresh organization and environment ids, so they also
 * run against a shared database.
 */
package io.hookstream.tck;
