package org.tinyseq.serve.bundle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a bundle may name and how large each of its files may be, so that reading a bundle never
 * reads without bound. A tensor file may hold no more than its tensors need (from the architecture,
 * {@link GraphShapes}) plus the largest header {@link SafeTensors} accepts; the manifest and the
 * vocabulary have stated caps; any other listed file (a loss curve, a translation memory) the
 * generous {@link #OTHER_MAX}. Other file kinds add their own cap with {@link #with}.
 */
public final class FileLimits {
  /** Largest manifest.json read. */
  public static final long MANIFEST_MAX = 1L << 20;

  /** Largest vocab.json read: far beyond any char or word vocabulary this project builds. */
  public static final long VOCAB_MAX = 32L << 20;

  /** Largest other listed file (loss curve, translation memory...). */
  public static final long OTHER_MAX = 256L << 20;

  /**
   * A plain file name: letters, digits, '.', '_', '-', starting with a letter or digit (so neither
   * "." nor ".." nor a hidden name), at most 128 characters; no separators, nothing absolute.
   */
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Map<String, Long> caps;
  private final long otherMax;

  private FileLimits(Map<String, Long> caps, long otherMax) {
    this.caps = caps;
    this.otherMax = otherMax;
  }

  /** The limits for the bundle {@code m} describes; its architecture must be valid. */
  public static FileLimits of(Manifest m) throws BundleException {
    Architecture a = m.architecture();
    Map<String, Long> caps = new LinkedHashMap<>();
    caps.put(Manifest.FILE_NAME, MANIFEST_MAX);
    caps.put(Manifest.VOCAB_FILE, VOCAB_MAX);
    try {
      caps.put(Manifest.ENCODER_FILE, tensorFile(GraphShapes.encoder(a, m.sourceVocabularySize())));
      caps.put(Manifest.DECODER_FILE, tensorFile(GraphShapes.decoder(a, m.targetVocabularySize())));
    } catch (ArithmeticException e) {
      throw new BundleException("architecture sizes overflow: " + a);
    }
    return new FileLimits(caps, OTHER_MAX);
  }

  /** These limits with {@code fileName} capped at {@code maxBytes}. */
  public FileLimits with(String fileName, long maxBytes) {
    Map<String, Long> more = new LinkedHashMap<>(caps);
    more.put(fileName, maxBytes);
    return new FileLimits(more, otherMax);
  }

  /** The most bytes {@code fileName} may hold. */
  public long maxBytes(String fileName) {
    return caps.getOrDefault(fileName, otherMax);
  }

  private static long tensorFile(Map<String, int[]> shapes) {
    return Math.addExact(
        8 + SafeTensors.MAX_HEADER, Math.multiplyExact(4L, GraphShapes.floats(shapes)));
  }

  /** True for a plain file name (see {@link #PLAIN_NAME}). */
  public static boolean isPlainName(String name) {
    return name != null && PLAIN_NAME.matcher(name).matches();
  }

  /** Refuses anything but a plain file name. */
  public static String requirePlainName(String name) throws BundleException {
    if (!isPlainName(name)) {
      throw new BundleException(
          "file name '"
              + printable(name)
              + "' is not a plain file name inside the bundle (letters, digits, '.', '_', '-')");
    }
    return name;
  }

  /** {@code s} safe for a log line: control characters replaced, at most 80 characters. */
  static String printable(String s) {
    if (s == null) {
      return "null";
    }
    String p = s.replaceAll("\\p{Cntrl}", "?");
    return p.length() > 80 ? p.substring(0, 80) + "..." : p;
  }
}
