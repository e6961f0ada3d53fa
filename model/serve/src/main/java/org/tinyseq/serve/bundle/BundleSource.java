package org.tinyseq.serve.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where a bundle's files come from: a directory, or a folder of the classpath (the defaults). */
public interface BundleSource {

  /** A human-readable location, for messages. */
  String location();

  /** The bytes of one file of the bundle. */
  byte[] read(String fileName) throws IOException;

  static BundleSource directory(Path dir) {
    return new BundleSource() {
      @Override
      public String location() {
        return dir.toString();
      }

      @Override
      public byte[] read(String fileName) throws IOException {
        return Files.readAllBytes(dir.resolve(fileName));
      }
    };
  }

  /**
   * A bundle packed in a jar under {@code resourceFolder}, e.g. {@code org/tinyseq/models/chat}.
   */
  static BundleSource classpath(String resourceFolder) {
    return new BundleSource() {
      @Override
      public String location() {
        return "classpath:" + resourceFolder;
      }

      @Override
      public byte[] read(String fileName) throws IOException {
        try (InputStream in =
            BundleSource.class
                .getClassLoader()
                .getResourceAsStream(resourceFolder + "/" + fileName)) {
          if (in == null) {
            throw new NoSuchFileException(location() + "/" + fileName);
          }
          return in.readAllBytes();
        }
      }
    };
  }
}
