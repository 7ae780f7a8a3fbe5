package io.hookstream.providers.aws;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * s3proxy (a real S3 server that verifies SigV4: a wrong secret gets a 403) on loopback with an
 * in-memory store, and a client to create buckets and read objects back. Objects larger than {@link
 * #MAX_OBJECT} bytes are refused with EntityTooLarge. Shared with the standalone server's
 * end-to-end test through this module's test jar.
 */
public final class S3Server implements AutoCloseable {

  public static final String REGION = "us-east-1";
  public static final String KEY_ID = "AKIAHOOKSTREAMTEST01";
  public static final String SECRET = "s3proxy-secret-key-4f2a9c7e1b";
  public static final long MAX_OBJECT = 64 * 1024;

  private final S3Proxy proxy;
  private final URI endpoint;
  private final S3Client reader;

  private S3Server() throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY_ID, SECRET)
            .maxSinglePartObjectSize(MAX_OBJECT)
            .build();
    proxy.start();
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    reader =
        S3Client.builder()
            .region(Region.of(REGION))
            .endpointOverride(endpoint)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
            .httpClient(Apache5HttpClient.create())
            .build();
  }

  public static S3Server start() throws Exception {
    return new S3Server();
  }

  public URI endpoint() {
    return endpoint;
  }

  public void createBucket(String name) {
    reader.createBucket(r -> r.bucket(name));
  }

  /** The object's bytes and metadata as the server stored them. */
  public ResponseBytes<GetObjectResponse> get(String bucket, String key) {
    return reader.getObjectAsBytes(r -> r.bucket(bucket).key(key));
  }

  /** Keys in the bucket. */
  public java.util.List<String> keys(String bucket) {
    return reader.listObjectsV2(r -> r.bucket(bucket)).contents().stream()
        .map(o -> o.key())
        .toList();
  }

  @Override
  public void close() throws Exception {
    reader.close();
    proxy.stop();
  }
}
