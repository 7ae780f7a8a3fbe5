/**
 * Helpers that destination provider modules share: reading a config field by field with errors that
 * name each field, and one cached client per destination.
 */
package io.hookstream.spi.provider;
