package io.hookstream.secret;

/**
 * What {@link SecretService#reencryptAll} rewrote: sources and destinations whose secrets were
 * under an older key (or in plaintext), and rows skipped because they changed meanwhile (run it
 * again for those).
 */
public record Reencrypted(int sources, int destinations, int skipped) {}
