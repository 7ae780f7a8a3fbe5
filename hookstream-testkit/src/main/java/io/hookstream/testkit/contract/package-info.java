/**
 * Contract test suites for the SPI: abstract JUnit 5 classes that every implementation extends
 * with a few lines supplying the instance under test ({@link
 * io.hookstream.testkit.contract.StoreContract}, {@link
 * io.hookstream.testkit.contract.KeyValueStoreContract}, {@link
 * io.hookstream.testkit.contract.BlobStoreContract}). They use only the SPI, and each test works
 * on fresh organization and environment ids, so they also run against a shared database.
 */
package io.hookstream.testkit.contract;
