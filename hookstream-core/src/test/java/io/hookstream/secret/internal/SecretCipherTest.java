package io.hookstream.secret.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.secret.SecretKeys;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

  private final SecretCipher k1 = SecretCipher.with(SecretKeys.primary("k1", key(1)));

  @Test
  void aSealedValueCarriesItsKeyIdAndOpensToThePlaintext() {
    String sealed = k1.seal("whsec_abc123");
    assertThat(sealed).startsWith("enc:v1:k1:").doesNotContain("abc123");
    assertThat(k1.seal("whsec_abc123")).isNotEqualTo(sealed); // a fresh nonce each time
    assertThat(k1.open(sealed)).isEqualTo("whsec_abc123");
    assertThat(k1.current(sealed)).isTrue();
  }

  @Test
  void plaintextFromBeforeEncryptionReadsAsItself() {
    assertThat(k1.open("legacy-secret")).isEqualTo("legacy-secret");
    assertThat(k1.current("legacy-secret")).isFalse();
  }

  @Test
  void anAlteredCiphertextOrAMovedKeyIdDoesNotOpen() {
    String sealed = k1.seal("whsec_abc123");
    char last = sealed.charAt(sealed.length() - 2);
    String altered =
        sealed.substring(0, sealed.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + sealed.charAt(sealed.length() - 1);
    assertThatThrownBy(() -> k1.open(altered)).hasMessageContaining("key id 'k1'");

    // The same key under another id: the key id is bound into the tag, so this fails too.
    SecretCipher both =
        SecretCipher.with(SecretKeys.primary("k1", key(1)).withOldKey("k0", key(1)));
    assertThatThrownBy(() -> both.open(sealed.replace("enc:v1:k1:", "enc:v1:k0:")))
        .hasMessageContaining("does not decrypt");
  }

  @Test
  void olderKeysStillOpenWhatTheyWrote() {
    String old = k1.seal("s3cret-value");
    SecretCipher rotated =
        SecretCipher.with(SecretKeys.primary("k2", key(2)).withOldKey("k1", key(1)));
    assertThat(rotated.open(old)).isEqualTo("s3cret-value");
    assertThat(rotated.current(old)).isFalse();
    assertThat(rotated.seal("x")).startsWith("enc:v1:k2:");
  }

  @Test
  void withoutKeysAnEnvelopeIsAClearError() {
    String sealed = k1.seal("x");
    assertThatThrownBy(() -> SecretCipher.plaintext().open(sealed))
        .hasMessageContaining("key id 'k1' but this engine has no secret keys configured");
  }

  private static byte[] key(int fill) {
    byte[] k = new byte[SecretKeys.KEY_BYTES];
    Arrays.fill(k, (byte) fill);
    return k;
  }
}
