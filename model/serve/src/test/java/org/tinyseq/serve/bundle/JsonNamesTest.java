package org.tinyseq.serve.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.text.TokenUnit;

/** The enums' names are the bundle format's strings: they must never change. */
class JsonNamesTest {
  @Test
  void theNamesAreTheFormatsStrings() {
    assertEquals(
        List.of("translate", "translate-zh-en", "chat"),
        Arrays.stream(ModelKind.values()).map(ModelKind::jsonName).toList());
    assertEquals(List.of("lstm", "gru"), Arrays.stream(Cell.values()).map(Cell::jsonName).toList());
    assertEquals(
        List.of("char", "word"),
        Arrays.stream(TokenUnit.values()).map(TokenUnit::jsonName).toList());
  }

  @Test
  void namesParseBackAndUnknownOnesAreEmpty() {
    assertEquals(Optional.of(ModelKind.CHAT), ModelKind.fromJson("chat"));
    assertEquals(Optional.of(Cell.GRU), Cell.fromJson("gru"));
    assertEquals(Optional.of(TokenUnit.WORD), TokenUnit.fromJson("word"));
    assertTrue(ModelKind.fromJson("Chat").isEmpty());
    assertTrue(Cell.fromJson("rnn").isEmpty());
    assertTrue(TokenUnit.fromJson(null).isEmpty());
  }

  @Test
  void theTypedArchitectureWritesTheSameStrings() {
    Architecture typed = new Architecture(Cell.GRU, TokenUnit.WORD, 8, 4, 4, true, 20, 12);
    assertEquals(new Architecture("gru", "word", 8, 4, 4, true, 20, 12), typed);
    assertEquals(Cell.GRU, typed.cellType());
    assertEquals(TokenUnit.WORD, typed.tokenUnit());
    assertEquals(3, typed.gates());
  }
}
