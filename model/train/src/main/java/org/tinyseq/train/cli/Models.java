package org.tinyseq.train.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.bundle.ModelRef;

/** Loads the bundle a {@code --model} option names, with a plain message for a missing folder. */
final class Models {
  private Models() {}

  static Bundle load(String ref) throws BundleException, NoSuchFileException {
    if (!ref.startsWith("default:") && !Files.isDirectory(Path.of(ref))) {
      throw new NoSuchFileException(ref);
    }
    return ModelRef.load(ref);
  }
}
