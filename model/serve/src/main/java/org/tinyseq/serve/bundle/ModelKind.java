package org.tinyseq.serve.bundle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a model does, by its name in {@code manifest.json}, in the models folder ({@code
 * MODELS_DIR/<kind>/}) and in {@code default:<kind>}.
 */
public enum ModelKind {
  /** English to Chinese (the name predates the second direction). */
  TRANSLATE("translate"),
  /** Chinese to English. */
  TRANSLATE_ZH_EN("translate-zh-en"),
  CHAT("chat");

  private final String jsonName;

  ModelKind(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name in the manifest, the models folder and the command lines. */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** The JSON name, so that messages and version labels built from a kind read as the format. */
  @Override
  public String toString() {
    return jsonName;
  }

  /** The kind of that name; empty for an unknown one. */
  public static Optional<ModelKind> fromJson(String name) {
    for (ModelKind k : values()) {
      if (k.jsonName.equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** Reading a manifest: an unknown name is refused by name. */
  @JsonCreator
  static ModelKind parse(String name) {
    return fromJson(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown model kind '" + name + "' (this build knows " + known() + ")"));
  }

  private static String known() {
    return Arrays.stream(values()).map(ModelKind::jsonName).collect(Collectors.joining(", "));
  }
}
