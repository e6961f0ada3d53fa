package org.tinyseq.serve.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.ModelRef;

/**
 * The embedded default bundles, as users get them, decoded by the fast decoder (vector and scalar
 * kernels) against the literal double-precision arithmetic of the bundle format: same argmax
 * sequence, logits within 1e-4. Random bundles cover the architectures; this covers the trained
 * weights that ship.
 */
class ShippedDefaultsParityTest {
  static final List<String> TEXTS =
      List.of(
          "Hi.",
          "I like tea.",
          "Where is the train station?",
          "I am a student.",
          "It's a waste of time.",
          "hello",
          "what movies do you like?",
          "i love the beatles",
          "Tom thinks he can do it, but I'm not so sure.",
          "",
          "qxz 12345 ~~~");

  @ParameterizedTest
  @ValueSource(strings = {"translate", "chat"})
  void fastDecoderMatchesTheLiteralArithmetic(String kind) throws Exception {
    Bundle bundle = ModelRef.load("default:" + kind);
    assertTrue(bundle.architecture().luong(), "the default " + kind + " model uses attention");
    NaiveAttentionDecoder naive = new NaiveAttentionDecoder(bundle);
    int maxSteps = bundle.architecture().maxTargetLength();
    int steps = 0;
    for (boolean vector : new boolean[] {true, false}) {
      GreedyDecoder fast = GreedyDecoder.of(bundle, vector);
      for (String text : TEXTS) {
        SourceIds source = fast.sourceIds(text);
        Decoded got = fast.decode(source, maxSteps);
        NaiveDecoder.Result want = naive.decode(source.ids(), maxSteps);
        String where = kind + " '" + text + "' vector=" + vector;
        assertArrayEquals(
            want.ids().stream().mapToInt(Integer::intValue).toArray(), got.ids(), where);
        for (int s = 0; s < got.scores().length; s++) {
          assertEquals(want.scores().get(s), got.scores()[s], 1e-4, where);
        }
        steps += got.steps();
      }
    }
    assertTrue(steps > 4 * TEXTS.size(), "the texts decode to more than a step or two");
  }
}
