package org.tinyseq.serve.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.serve.text.Vocabulary;

/** Teacher-forced scoring, log p(T|S), against the spec's arithmetic and against itself. */
class TargetScoreTest {
  @TempDir Path dir;

  static List<Architecture> architectures() {
    return AttentionDecoderTest.architectures().map(a -> (Architecture) a.get()[0]).toList();
  }

  @ParameterizedTest
  @MethodSource("architectures")
  void equalsTheLiteralArithmeticAndDoesNotDependOnTheBatch(Architecture a) throws Exception {
    Path p =
        RandomBundles.write(
            dir, "chat", "score", a, GreedyDecoderTest.SRC, GreedyDecoderTest.TGT, 3);
    Bundle bundle = BundleReader.read(BundleSource.directory(p));
    NaiveAttentionDecoder naive = new NaiveAttentionDecoder(bundle);
    Random random = new Random(11);
    List<String> targets = new ArrayList<>(List.of("", "x", "\u0000unknown"));
    List<String> chars =
        bundle.targetVocabulary().tokens().subList(4, bundle.targetVocabulary().size());
    for (int i = 0; i < 5; i++) {
      StringBuilder t = new StringBuilder();
      for (int c = random.nextInt(a.maxTargetLength() + 4); c > 0; c--) {
        t.append(chars.get(random.nextInt(chars.size())));
      }
      targets.add(t.toString());
    }
    for (GreedyDecoder decoder : decoders(bundle)) {
      for (SourceIds source : AttentionDecoderTest.sources(5, 4)) {
        List<TargetScore> together = decoder.score(source, targets);
        for (int i = 0; i < targets.size(); i++) {
          TargetScore alone = decoder.score(source, List.of(targets.get(i))).get(0);
          assertEquals(alone, together.get(i), "batch of one, target " + i);
          int[] ids = ids(bundle, targets.get(i), a.maxTargetLength());
          assertEquals(ids.length, alone.symbols());
          assertEquals(naive.logProbability(source.ids(), ids), alone.logProbability(), 1e-3);
          assertTrue(alone.logProbability() < 0);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("architectures")
  void pairsScoreAsEachSourceAlone(Architecture a) throws Exception {
    Path p =
        RandomBundles.write(
            dir, "chat", "pairs", a, GreedyDecoderTest.SRC, GreedyDecoderTest.TGT, 4);
    GreedyDecoder decoder = GreedyDecoder.of(BundleReader.read(BundleSource.directory(p)));
    List<SourceIds> sources = AttentionDecoderTest.sources(6, 6);
    List<String> targets = List.of("ab", "", "hello there", "a", "zz", "xyz");
    List<TargetScore> pairs = decoder.scorePairs(sources, targets);
    for (int i = 0; i < sources.size(); i++) {
      assertEquals(decoder.score(sources.get(i), List.of(targets.get(i))).get(0), pairs.get(i));
    }
  }

  private static List<GreedyDecoder> decoders(Bundle bundle) {
    return Matrix.vectorAvailable()
        ? List.of(GreedyDecoder.of(bundle, false), GreedyDecoder.of(bundle, true))
        : List.of(GreedyDecoder.of(bundle, false));
  }

  private static int[] ids(Bundle bundle, String target, int maxTargetLength) {
    Vocabulary v = bundle.targetVocabulary();
    int[] cps = target.codePoints().limit(maxTargetLength).toArray();
    int[] ids = new int[cps.length + 1];
    for (int i = 0; i < cps.length; i++) {
      ids[i] = v.id(new String(Character.toChars(cps[i])));
    }
    ids[cps.length] = Vocabulary.END;
    return ids;
  }
}
