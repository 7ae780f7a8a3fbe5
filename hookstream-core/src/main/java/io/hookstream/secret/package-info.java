/**
 * Secrets at rest: {@link io.hookstream.secret.SecretKeys} (the AES-256 keyring a host gives the
 * engine builder) and {@link io.hookstream.secret.SecretService} (re-encryption after a key
 * rotation).
 */
package io.hookstream.secret;
