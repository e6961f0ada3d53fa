package org.tinyseq.serve.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    assertEquals(
        List.of("none", "luong"),
        Arrays.stream(Attention.values()).map(Attention::jsonName).toList());
  }

  @Test
  void namesParseBackAndUnknownOnesAreEmpty() {
    assertEquals(Optional.of(ModelKind.CHAT), ModelKind.fromJson("chat"));
    assertEquals(Optional.of(Cell.GRU), Cell.fromJson("gru"));
    assertEquals(Optional.of(TokenUnit.WORD), TokenUnit.fromJson("word"));
    assertEquals(Optional.of(Attention.LUONG), Attention.fromJson("luong"));
    assertTrue(ModelKind.fromJson("Chat").isEmpty());
    assertTrue(Cell.fromJson("rnn").isEmpty());
    assertTrue(TokenUnit.fromJson(null).isEmpty());
    assertTrue(Attention.fromJson("LUONG").isEmpty());
  }

  @Test
  void theTypedArchitectureIsWrittenAndReadAsTheFormatsStrings() throws Exception {
    Architecture typed =
        Architecture.builder()
            .cell(Cell.GRU)
            .sourceTokens(TokenUnit.WORD)
            .latentDim(8)
            .embeddingDims(4, 4)
            .maxLengths(20, 12)
            .build();
    String json = BundleReader.JSON.writeValueAsString(typed);
    assertEquals(
        "{\"cell\":\"gru\",\"sourceTokens\":\"word\",\"latentDim\":8,\"sourceEmbeddingDim\":4,"
            + "\"targetEmbeddingDim\":4,\"teacherForcing\":true,\"maxSourceLength\":20,"
            + "\"maxTargetLength\":12,\"attention\":\"none\"}",
        json);
    assertEquals(typed, BundleReader.JSON.readValue(json, Architecture.class));
    assertEquals(3, typed.gates());
  }

  @Test
  void theBuilderRefusesWhatNoBundleMayHold() {
    Architecture.Builder ok = TestBundles.lstm(8, 4).toBuilder();
    assertEquals(TestBundles.lstm(8, 4), ok.build());
    assertEquals(
        "architecture has no cell",
        assertThrows(IllegalArgumentException.class, () -> ok.cell(null).build()).getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> TestBundles.lstm(8, 4).toBuilder().latentDim(0).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> TestBundles.lstm(8, 4).toBuilder().embeddingDims(-1, 4).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> TestBundles.lstm(8, 4).toBuilder().maxLengths(20, 0).build());
    assertEquals(
        "attention luong is defined for cell lstm only, not gru",
        assertThrows(
                IllegalArgumentException.class,
                () -> TestBundles.luong(8, 4).toBuilder().cell(Cell.GRU).build())
            .getMessage());
    assertEquals(
        "attention luong needs an even latentDim (two encoder directions), got 7",
        assertThrows(
                IllegalArgumentException.class,
                () -> TestBundles.luong(8, 4).toBuilder().latentDim(7).build())
            .getMessage());
  }
}
