package io.hookstream.tools;

import java.time.Instant;

/**
 * The TLS session of an https request: negotiated protocol and cipher suite, and the peer's leaf
 * certificate.
 *
 * @param protocol such as {@code TLSv1.3}
 * @param cipherSuite such as {@code TLS_AES_128_GCM_SHA256}
 * @param peerSubject the certificate's subject distinguished name
 * @param peerIssuer the certificate's issuer distinguished name
 * @param peerNotAfter when the certificate expires
 */
public record TlsDetails(
    String protocol,
    String cipherSuite,
    String peerSubject,
    String peerIssuer,
    Instant peerNotAfter) {}
