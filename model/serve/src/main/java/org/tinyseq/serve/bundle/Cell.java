package org.tinyseq.serve.bundle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The recurrent cell of a model's layers, by its name in {@code manifest.json}. */
public enum Cell {
  /** Gates i, f, g, o. */
  LSTM("lstm", 4),
  /** Gates r, z, n, with a separate recurrent bias. */
  GRU("gru", 3);

  private final String jsonName;
  private final int gates;

  Cell(String jsonName, int gates) {
    this.jsonName = jsonName;
    this.gates = gates;
  }

  /** The name in the manifest and on the command line. */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** Number of gate blocks in the kernels. */
  public int gates() {
    return gates;
  }

  /** The cell of that name; empty for an unknown one. */
  public static Optional<Cell> fromJson(String name) {
    for (Cell c : values()) {
      if (c.jsonName.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Reading a manifest: an unknown name is refused by name. */
  @JsonCreator
  static Cell parse(String name) {
    return fromJson(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unsupported cell '" + name + "' (this decoder knows " + known() + ")"));
  }

  private static String known() {
    return Arrays.stream(values()).map(Cell::jsonName).collect(Collectors.joining(", "));
  }
}
