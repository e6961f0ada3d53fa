package org.tinyseq.spark.data;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Makes a {@code --data} location readable by model/train's corpus readers. A plain path is used as
 * it is; a URI with a scheme ({@code hdfs://}, {@code s3a://}, {@code file://}, ...) is copied to a
 * local folder through the Hadoop file system Spark itself would use, with the Spark context's
 * Hadoop configuration ({@code spark.hadoop.*}); {@code s3a://} needs the {@code hadoop-aws}
 * connector on the classpath, as for any Spark job. The corpus is split and its vocabularies are
 * built on the driver (both need every pair), so it is read there once.
 */
public final class RemoteData {
  private final Configuration hadoop;
  private final Path staging;

  /**
   * @param staging local folder for the copies (the caller deletes it)
   */
  public RemoteData(Configuration hadoop, Path staging) {
    this.hadoop = hadoop;
    this.staging = staging;
  }

  /** The local file or folder to read for {@code location}. */
  public Path localCopy(String location) throws IOException {
    String scheme = scheme(location);
    if (scheme == null) {
      return Path.of(location);
    }
    org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(location);
    FileSystem fs;
    try {
      fs = remote.getFileSystem(hadoop);
    } catch (IOException e) {
      throw new IOException(
          location
              + ": no Hadoop file system for '"
              + scheme
              + ":' ("
              + e.getMessage()
              + "); s3a:// needs hadoop-aws on the classpath",
          e);
    }
    if (!fs.exists(remote)) {
      throw new java.nio.file.NoSuchFileException(location, null, "corpus not found");
    }
    // One folder per source keeps two sources of the same file name apart.
    Path dir = Files.createTempDirectory(staging, "data");
    Path local = dir.resolve(remote.getName());
    fs.copyToLocalFile(false, remote, new org.apache.hadoop.fs.Path(local.toUri()), true);
    return local;
  }

  /** The URI scheme of {@code location}, or null for a plain path. */
  static String scheme(String location) {
    if (!location.matches("[A-Za-z][A-Za-z0-9+.-]+:/.*")) {
      return null; // also keeps Windows drive letters (C:\...) plain
    }
    try {
      return new URI(location).getScheme();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(location + ": not a valid URI: " + e.getMessage(), e);
    }
  }
}
