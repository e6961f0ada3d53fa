package org.tinyseq.train.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a corpus becomes training and validation data. Stored in a bundle manifest's {@code training}
 * map ({@link #toMap()}) so that evaluation can rebuild the exact validation split ({@link
 * #fromMap(Map)}).
 *
 * @param seed seed of the train / validation split
 * @param validationFraction share of distinct source sentences held out for validation, in [0, 1)
 * @param simplified convert Traditional Chinese characters to Simplified (both sides)
 * @param maxSourceChars drop pairs whose normalised source has more code points; 0 = no limit
 * @param maxTargetChars drop pairs whose normalised target has more code points; 0 = no limit
 * @param lowercaseShare share of the training pairs whose source has upper-case letters that get a
 *     second copy with the source lower-cased (target unchanged), in [0, 1]; 0 = none. Teaches a
 *     model trained on cased text to answer lower-cased input; validation is not touched
 * @param reverse train the other direction on the same split: pairs are normalised, filtered (the
 *     length limits apply to the corpus's own columns) and split exactly as without it, then each
 *     pair's sides swap. So a zh→en model holds out the en→zh model's validation pairs, and a
 *     reverse chat model (reply → message) the chat model's conversations
 */
public record DataOptions(
    long seed,
    double validationFraction,
    boolean simplified,
    int maxSourceChars,
    int maxTargetChars,
    double lowercaseShare,
    boolean reverse) {

  public static final long DEFAULT_SEED = 42;
  public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
  public static final int DEFAULT_MAX_SOURCE_CHARS = 60;
  public static final int DEFAULT_MAX_TARGET_CHARS = 40;

  /** Keys of {@link #toMap()}, as they appear in a manifest's {@code training} map. */
  public static final String KEY_SEED = "splitSeed";

  public static final String KEY_VALIDATION_FRACTION = "validationFraction";
  public static final String KEY_SIMPLIFIED = "simplified";
  public static final String KEY_MAX_SOURCE_CHARS = "maxSourceChars";
  public static final String KEY_MAX_TARGET_CHARS = "maxTargetChars";
  public static final String KEY_LOWERCASE_SHARE = "lowercaseSourceShare";
  public static final String KEY_REVERSE = "reverse";

  public DataOptions {
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "validation fraction must be in [0, 1), got " + validationFraction);
    }
    if (maxSourceChars < 0 || maxTargetChars < 0) {
      throw new IllegalArgumentException("length limits must be >= 0 (0 = no limit)");
    }
    if (!(lowercaseShare >= 0 && lowercaseShare <= 1)) {
      throw new IllegalArgumentException(
          "lower-case share must be in [0, 1], got " + lowercaseShare);
    }
  }

  /** In the corpus's own direction. */
  public DataOptions(
      long seed,
      double validationFraction,
      boolean simplified,
      int maxSourceChars,
      int maxTargetChars,
      double lowercaseShare) {
    this(
        seed,
        validationFraction,
        simplified,
        maxSourceChars,
        maxTargetChars,
        lowercaseShare,
        false);
  }

  /** Without lower-cased copies (the options of bundles made before they existed). */
  public DataOptions(
      long seed,
      double validationFraction,
      boolean simplified,
      int maxSourceChars,
      int maxTargetChars) {
    this(seed, validationFraction, simplified, maxSourceChars, maxTargetChars, 0);
  }

  /** Seed 42, 10% validation, Simplified, at most 60 source and 40 target characters. */
  public static DataOptions defaults() {
    return new DataOptions(
        DEFAULT_SEED,
        DEFAULT_VALIDATION_FRACTION,
        true,
        DEFAULT_MAX_SOURCE_CHARS,
        DEFAULT_MAX_TARGET_CHARS);
  }

  /** A copy with another validation fraction. */
  public DataOptions withValidationFraction(double fraction) {
    return new DataOptions(
        seed, fraction, simplified, maxSourceChars, maxTargetChars, lowercaseShare, reverse);
  }

  /** A copy without length limits. */
  public DataOptions withoutLengthLimits() {
    return new DataOptions(seed, validationFraction, simplified, 0, 0, lowercaseShare, reverse);
  }

  /** A copy with another Simplified setting. */
  public DataOptions withSimplified(boolean newSimplified) {
    return new DataOptions(
        seed,
        validationFraction,
        newSimplified,
        maxSourceChars,
        maxTargetChars,
        lowercaseShare,
        reverse);
  }

  /**
   * The options as manifest entries (insertion-ordered); the lower-case share only when > 0, {@code
   * reverse} only when true (so older manifests read back unchanged).
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(KEY_SEED, seed);
    map.put(KEY_VALIDATION_FRACTION, validationFraction);
    map.put(KEY_SIMPLIFIED, simplified);
    map.put(KEY_MAX_SOURCE_CHARS, maxSourceChars);
    map.put(KEY_MAX_TARGET_CHARS, maxTargetChars);
    if (lowercaseShare > 0) {
      map.put(KEY_LOWERCASE_SHARE, lowercaseShare);
    }
    if (reverse) {
      map.put(KEY_REVERSE, true);
    }
    return map;
  }

  /**
   * Reads the options back from a manifest's {@code training} map (numbers may arrive as any {@link
   * Number} or as strings); a missing key takes its default. Other keys are ignored.
   */
  public static DataOptions fromMap(Map<String, ?> map) {
    DataOptions d = defaults();
    if (map == null) {
      return d;
    }
    return new DataOptions(
        number(map, KEY_SEED, d.seed()).longValue(),
        number(map, KEY_VALIDATION_FRACTION, d.validationFraction()).doubleValue(),
        bool(map, KEY_SIMPLIFIED, d.simplified()),
        number(map, KEY_MAX_SOURCE_CHARS, d.maxSourceChars()).intValue(),
        number(map, KEY_MAX_TARGET_CHARS, d.maxTargetChars()).intValue(),
        number(map, KEY_LOWERCASE_SHARE, d.lowercaseShare()).doubleValue(),
        bool(map, KEY_REVERSE, false));
  }

  private static Number number(Map<String, ?> map, String key, Number fallback) {
    Object value = map.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n) {
      return n;
    }
    try {
      return Double.parseDouble(value.toString());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("training." + key + " is not a number: " + value, e);
    }
  }

  private static boolean bool(Map<String, ?> map, String key, boolean fallback) {
    Object value = map.get(key);
    return value == null ? fallback : Boolean.parseBoolean(value.toString());
  }
}
