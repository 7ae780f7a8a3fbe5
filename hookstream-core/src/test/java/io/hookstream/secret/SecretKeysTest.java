package io.hookstream.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretKeysTest {

  private static final String KEY_A = SecretKeys.newKey();
  private static final String KEY_B = SecretKeys.newKey();

  @Test
  void theFirstKeyOfTheTextFormIsPrimaryAndTheRestAreOldKeys() {
    SecretKeys keys = SecretKeys.parse("k2:" + KEY_B + ", k1:" + KEY_A);
    assertThat(keys.primaryId()).isEqualTo("k2");
    assertThat(keys.ids()).containsExactly("k2", "k1");
  }

  @Test
  void aKeyWithoutAnIdGetsOneDerivedFromTheKey() {
    SecretKeys a = SecretKeys.parse(KEY_A);
    assertThat(a.primaryId())
        .matches("k[0-9a-f]{8}")
        .isEqualTo(SecretKeys.parse(KEY_A).primaryId())
        .isNotEqualTo(SecretKeys.parse(KEY_B).primaryId());
  }

  @Test
  void badKeysFailAtOnceNamingWhatIsWrong() {
    String short16 = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> SecretKeys.parse("k1:" + short16))
        .hasMessageContaining("secret key 'k1' must be 32 bytes (AES-256), not 16 bytes");
    assertThatThrownBy(() -> SecretKeys.parse("k1:not base64!"))
        .hasMessageContaining("not valid base64");
    assertThatThrownBy(() -> SecretKeys.parse("k 1:" + KEY_A))
        .hasMessageContaining("secret key id must be");
    assertThatThrownBy(() -> SecretKeys.parse("k1:" + KEY_A + ",k1:" + KEY_B))
        .hasMessageContaining("'k1' is given twice");
    assertThatThrownBy(() -> SecretKeys.parse(" ")).hasMessageContaining("empty");
  }

  @Test
  void toStringNamesIdsButNeverKeyBytes() {
    assertThat(SecretKeys.parse("k1:" + KEY_A).toString()).contains("k1").doesNotContain(KEY_A);
  }
}
