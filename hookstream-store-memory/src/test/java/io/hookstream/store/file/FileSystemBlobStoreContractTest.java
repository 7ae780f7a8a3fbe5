package io.hookstream.store.file;

import io.hookstream.spi.BlobStore;
import io.hookstream.tck.BlobStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The file-system blob store passes the blob contract. */
class FileSystemBlobStoreContractTest extends BlobStoreContract {

  @TempDir static Path dir;

  @Override
  protected BlobStore createBlobStore() {
    return new FileSystemBlobStore(dir.resolve("blobs"));
  }
}
