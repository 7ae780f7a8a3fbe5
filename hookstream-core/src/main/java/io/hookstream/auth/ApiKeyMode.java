package io.hookstream.auth;

/** Whether a key is for production ({@code hs_live_}) or testing ({@code hs_test_}). */
public enum ApiKeyMode {
  LIVE("hs_live_"),
  TEST("hs_test_");

  private final String prefix;

  ApiKeyMode(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }
}
