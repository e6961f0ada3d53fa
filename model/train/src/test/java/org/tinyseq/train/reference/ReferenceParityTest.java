package org.tinyseq.train.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.bundle.ModelRef;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.serve.decode.Decoded;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.SourceIds;
import org.tinyseq.serve.text.TokenUnit;

/** The fast Java decoder against the bundle's graphs run in DL4J (SameDiff), step by step. */
class ReferenceParityTest {
  static final List<String> WORDS =
      List.of("i", "you", "we", "like", "see", "the", "a", "cat", "dog", "tea", "home", ".", "?");

  static Stream<Arguments> bundles() {
    List<String> chars = RandomBundles.englishChars();
    List<String> tgt = RandomBundles.cjkChars(400);
    return Stream.of(
        Arguments.of(arch("lstm", "char", 48, 16), chars, tgt),
        Arguments.of(arch("lstm", "word", 40, 0), WORDS, tgt),
        Arguments.of(arch("gru", "char", 44, 0), chars, tgt),
        Arguments.of(arch("gru", "word", 36, 12), WORDS, tgt));
  }

  static Architecture arch(String cell, String tokens, int latent, int embedding) {
    return Architecture.builder()
        .cell(Cell.fromJson(cell).orElseThrow())
        .sourceTokens(TokenUnit.fromJson(tokens).orElseThrow())
        .latentDim(latent)
        .embeddingDims(embedding, embedding)
        .maxLengths(16, 14)
        .build();
  }

  /**
   * Texts of 0 to 20 tokens (longer than the model's 16: truncated) from the vocabulary, some with
   * characters it does not know.
   */
  static List<String> texts(List<String> vocab, boolean words, int n, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      int len = i == 0 ? 0 : 1 + r.nextInt(20);
      for (int k = 0; k < len; k++) {
        if (words && sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(r.nextInt(20) == 0 ? "ж" : vocab.get(r.nextInt(vocab.size())));
      }
      out.add(sb.toString().trim());
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("bundles")
  void javaDecoderReproducesTheDl4jGraphs(Architecture a, List<String> src, List<String> tgt) {
    Bundle bundle = RandomBundles.create("translate", "parity", a, src, tgt, 42);
    // 4 architectures x 12 inputs: a few dozen, each decoded up to 14 steps
    int checked = check(bundle, texts(src, a.sourceTokens() == TokenUnit.WORD, 12, 7));
    assertEquals(12, checked);
  }

  @Test
  void embeddedDefaultsMatchTheirDl4jGraphs() throws Exception {
    // The defaults are committed by the training side; every one present is checked.
    for (String kind : List.of("translate", "chat")) {
      String folder = ModelRef.DEFAULTS_FOLDER + kind + "/manifest.json";
      if (getClass().getClassLoader().getResource(folder) == null) {
        continue;
      }
      Bundle bundle = ModelRef.load("default:" + kind);
      if (bundle.architecture().luong()) {
        // The DL4J reference graphs are the plain design's; attention bundles are checked against
        // the literal arithmetic by the serving module's AttentionDecoderTest.
        continue;
      }
      List<String> texts =
          List.of(
              "Hi.",
              "How are you?",
              "I am hungry.",
              "Where is the station?",
              "Tom likes cats.",
              "What's your name?",
              "Let's go home.",
              "I don't know.",
              "It is raining today.",
              "Thank you very much!",
              "",
              "qxz 12345 ~~~");
      assertEquals(texts.size(), check(bundle, texts));
    }
  }

  private static int check(Bundle bundle, List<String> texts) {
    GreedyDecoder fast = GreedyDecoder.of(bundle);
    ReferenceDecoder reference = ReferenceDecoder.of(bundle);
    int maxSteps = bundle.architecture().maxTargetLength();
    List<SourceIds> sources = new ArrayList<>();
    for (String text : texts) {
      sources.add(fast.sourceIds(text));
    }
    List<Decoded> batch = fast.decodeBatch(sources, maxSteps);
    int checked = 0;
    for (int i = 0; i < texts.size(); i++) {
      Decoded want = reference.decode(sources.get(i), maxSteps);
      Decoded got = fast.decode(sources.get(i), maxSteps);
      String where = bundle.architecture() + " text '" + texts.get(i) + "'";
      assertArrayEquals(want.ids(), got.ids(), where);
      assertArrayEquals(want.scores(), got.scores(), 1e-4f, where);
      assertEquals(want.text(), got.text(), where);
      assertEquals(want.hitStepLimit(), got.hitStepLimit(), where);
      assertArrayEquals(got.ids(), batch.get(i).ids(), where);
      assertTrue(got.steps() >= 1);
      checked++;
    }
    return checked;
  }
}
