package org.tinyseq.serve.bundle;

import java.nio.file.Path;

/**
 * Parses the names that the command lines accept wherever a bundle is expected: {@code
 * default:translate}, {@code default:chat}, or a bundle directory.
 */
public final class ModelRef {
  /** Classpath folder of the embedded default bundle of each kind. */
  public static final String DEFAULTS_FOLDER = "org/tinyseq/models/";

  private ModelRef() {}

  public static BundleSource source(String ref) throws BundleException {
    if (ref.startsWith("default:")) {
      String kind = ref.substring("default:".length());
      if (ModelKind.fromJson(kind).isEmpty()) {
        throw new BundleException(
            "unknown default model '" + ref + "' (default:translate, default:chat)");
      }
      return BundleSource.classpath(DEFAULTS_FOLDER + kind);
    }
    return BundleSource.directory(Path.of(ref));
  }

  public static Bundle load(String ref) throws BundleException {
    return BundleReader.read(source(ref));
  }
}
