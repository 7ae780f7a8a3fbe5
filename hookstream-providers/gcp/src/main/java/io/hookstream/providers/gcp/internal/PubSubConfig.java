package io.hookstream.providers.gcp.internal;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.provider.ConfigReader;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code gcp_pubsub} destination's config: {@code project_id}, {@code topic_id}, {@code
 * service_account_json} and an optional {@code endpoint} (the emulator, a proxy, tests) in place of
 * {@code https://pubsub.googleapis.com}. A record, so a changed config means a different client.
 *
 * @param key the service account; null when Application Default Credentials stand in for it
 * @param errors every invalid field; the other components are null when there is any
 */
public record PubSubConfig(
    String projectId,
    String topicId,
    ServiceAccountKey key,
    URI endpoint,
    List<FieldError> errors) {

  public static final String PROJECT_ID = "project_id";
  public static final String TOPIC_ID = "topic_id";
  public static final String ENDPOINT = "endpoint";
  public static final URI GOOGLE_ENDPOINT = URI.create("https://pubsub.googleapis.com");

  // Google's rules: a project id is 6-30 of [a-z0-9-] (domain-scoped ids carry "domain:"),
  // a topic id 3-255 characters starting with a letter, not starting with "goog".
  private static final Pattern PROJECT =
      Pattern.compile("([a-z][a-z0-9.-]*:)?[a-z][a-z0-9-]{4,29}");
  private static final Pattern TOPIC = Pattern.compile("(?!goog)[A-Za-z][A-Za-z0-9\\-_.~+]{2,254}");

  /**
   * The config, with {@link #errors()} naming each invalid field. Without {@code
   * service_account_json} it is valid only when {@code adcAvailable}.
   */
  public static PubSubConfig parse(
      Map<String, Object> config, AddressPolicy policy, boolean adcAvailable) {
    ConfigReader reader = new ConfigReader(config);
    String project =
        reader.matching(
            reader.required(PROJECT_ID),
            PROJECT_ID,
            PROJECT,
            "a Google Cloud project id (6-30 lower-case letters, digits and hyphens)");
    String topic =
        reader.matching(
            reader.required(TOPIC_ID),
            TOPIC_ID,
            TOPIC,
            "a Pub/Sub topic id (3-255 characters, starting with a letter, not with \"goog\")");
    ServiceAccountKey key =
        ServiceAccountKey.read(
            reader,
            config == null ? null : config.get(ServiceAccountKey.FIELD),
            policy,
            adcAvailable);
    URI endpoint = reader.url(ENDPOINT, false, policy);
    // The engine reads these into the request's timeout; checked here so a typo is a 422.
    reader.numberBetween("timeout", 1, 120);
    reader.numberBetween("timeout_ms", 1, 120_000);
    List<FieldError> errors = reader.errors();
    if (!errors.isEmpty()) {
      return new PubSubConfig(null, null, null, null, errors);
    }
    return new PubSubConfig(
        project, topic, key, endpoint == null ? GOOGLE_ENDPOINT : endpoint, List.of());
  }

  /** The publish URL: {@code {endpoint}/v1/projects/{project}/topics/{topic}:publish}. */
  public URI publishUri() {
    String base = endpoint.toString().replaceAll("/+$", "");
    return URI.create(base + "/v1/projects/" + projectId + "/topics/" + topicId + ":publish");
  }
}
