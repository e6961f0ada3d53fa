package org.tinyseq.serve.bundle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the decoder looks back at the encoder, by its name in {@code manifest.json}. */
public enum Attention {
  /** None: the Keras design, the encoder's final state only (every format version 1 bundle). */
  NONE("none"),
  /**
   * Luong general attention with input feeding over a bidirectional encoder (bundle format version
   * 2).
   */
  LUONG("luong");

  private final String jsonName;

  Attention(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name in the manifest and on the command line. */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** The attention of that name; empty for an unknown one. */
  public static Optional<Attention> fromJson(String name) {
    for (Attention a : values()) {
      if (a.jsonName.equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Reading a manifest: an unknown name is refused by name. */
  @JsonCreator
  static Attention parse(String name) {
    return fromJson(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unsupported attention '" + name + "' (this decoder knows " + known() + ")"));
  }

  private static String known() {
    return Arrays.stream(values()).map(Attention::jsonName).collect(Collectors.joining(", "));
  }
}
