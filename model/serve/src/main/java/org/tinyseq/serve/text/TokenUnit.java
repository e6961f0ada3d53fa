package org.tinyseq.serve.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How {@link Tokenizer} splits a source text, by its name in {@code manifest.json}. */
public enum TokenUnit {
  /** One token per code point. */
  CHAR("char"),
  /** Lower-cased words, numbers and single punctuation marks; spaces dropped. */
  WORD("word");

  private final String jsonName;

  TokenUnit(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name in the manifest and on the command line. */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** The unit of that name; empty for an unknown one. */
  public static Optional<TokenUnit> fromJson(String name) {
    for (TokenUnit u : values()) {
      if (u.jsonName.equals(name)) {
        return Optional.of(u);
      }
    }
    return Optional.empty();
  }

  /** Reading a manifest: an unknown name is refused by name. */
  @JsonCreator
  static TokenUnit parse(String name) {
    return fromJson(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unsupported source tokens '"
                        + name
                        + "' (this decoder knows "
                        + known()
                        + ")"));
  }

  private static String known() {
    return Arrays.stream(values()).map(TokenUnit::jsonName).collect(Collectors.joining(", "));
  }
}
