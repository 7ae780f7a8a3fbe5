package io.hookstream.providers.gcp.internal;

/**
 * Whether google-auth-library can be used. Kept apart from {@link AdcTokens} so that asking never
 * loads a Google class: without the library only this question is asked.
 */
public final class ApplicationDefault {

  private static final String CREDENTIALS = "com.google.auth.oauth2.GoogleCredentials";

  private ApplicationDefault() {}

  /** True when {@code GoogleCredentials} is visible to this module. */
  public static boolean available() {
    try {
      Class.forName(CREDENTIALS, false, ApplicationDefault.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
