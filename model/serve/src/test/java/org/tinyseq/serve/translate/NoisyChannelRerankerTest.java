package org.tinyseq.serve.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.SourceIds;
import org.tinyseq.serve.text.TextNormalizer;
import org.tinyseq.serve.translate.NoisyChannelReranker.Candidate;

class NoisyChannelRerankerTest {
  private static final List<String> WORDS = List.of("a", "b", "c", " ", "甲", "乙", "丙", "丁");
  private static final Architecture A =
      new Architecture("lstm", "char", 16, 6, 6, true, 12, 8, Architecture.LUONG);

  @TempDir Path dir;

  private GreedyDecoder model(String kind, long seed) throws Exception {
    Path p = RandomBundles.write(dir, kind, kind + "-" + seed, A, WORDS, WORDS, seed);
    return GreedyDecoder.of(BundleReader.read(BundleSource.directory(p)));
  }

  @Test
  void scoresEveryHypothesisBothWaysAndPicksByTheWeightedSum() throws Exception {
    GreedyDecoder direct = model("translate", 1);
    GreedyDecoder channel = model("translate-zh-en", 2);
    NoisyChannelReranker reranker = new NoisyChannelReranker(direct, channel, 4, 0.5);
    String x = "ab c";
    List<Candidate> candidates = reranker.candidates(x, 8);
    assertTrue(candidates.size() >= 4, "N best: " + candidates.size());
    for (Candidate c : candidates) {
      String y = c.decoded().text();
      SourceIds reversed = channel.sourceIds(TextNormalizer.normalize(y));
      double back = channel.score(reversed, List.of(x)).get(0).perSymbol();
      assertEquals(back, c.channel(), 1e-9);
      double forward = direct.score(direct.sourceIds(x), List.of(y)).get(0).perSymbol();
      if (!c.decoded().hitStepLimit() && y.length() == c.decoded().steps() - 1) {
        assertEquals(forward, c.direct(), 1e-4); // beam's own scores equal teacher forcing
      }
    }
    Candidate byDirect =
        candidates.stream().max(Comparator.comparingDouble(Candidate::direct)).get();
    Candidate byChannel =
        candidates.stream().max(Comparator.comparingDouble(Candidate::channel)).get();
    assertSame(byDirect.decoded(), NoisyChannelReranker.pick(candidates, 1));
    assertSame(byChannel.decoded(), NoisyChannelReranker.pick(candidates, 0));
    assertEquals(
        NoisyChannelReranker.pick(candidates, 0.5).text(), reranker.translate(x, 8).text());
  }

  @Test
  void withoutAChannelModelItIsBeamSearchByMeanLogProbability() throws Exception {
    GreedyDecoder direct = model("translate", 3);
    NoisyChannelReranker plain = new NoisyChannelReranker(direct, null, 3, 0.3);
    List<Candidate> candidates = plain.candidates("ca", 8);
    assertTrue(candidates.stream().allMatch(c -> c.channel() == 0));
    Candidate best = candidates.stream().max(Comparator.comparingDouble(Candidate::direct)).get();
    assertEquals(best.decoded().text(), plain.translate("ca", 8).text());
    assertEquals(plain.translate("ca", 8).text(), plain.translate("ca", 8).text(), "deterministic");
    SourceIds ids = direct.sourceIds("ca");
    assertTrue(ids.ids().length > 0);
  }

  @Test
  void refusesBadSettings() throws Exception {
    GreedyDecoder direct = model("translate", 4);
    assertThrows(
        IllegalArgumentException.class, () -> new NoisyChannelReranker(direct, null, 0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> new NoisyChannelReranker(direct, null, 2, 1.5));
  }
}
