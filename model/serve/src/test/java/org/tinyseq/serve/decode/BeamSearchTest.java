package org.tinyseq.serve.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.serve.bundle.Tensor;
import org.tinyseq.serve.text.TokenUnit;

class BeamSearchTest {
  /** Few targets, so that the end marker comes up often. */
  static final List<String> TGT = List.of("你", "好", "吗", "我", "们", "是");

  @TempDir Path dir;

  static Stream<Arguments> architectures() {
    return Stream.of(
        Arguments.of(
            Architecture.builder()
                .cell(Cell.LSTM)
                .sourceTokens(TokenUnit.CHAR)
                .latentDim(24)
                .embeddingDims(8, 6)
                .maxLengths(12, 15)
                .build()),
        Arguments.of(
            Architecture.builder()
                .cell(Cell.GRU)
                .sourceTokens(TokenUnit.WORD)
                .latentDim(20)
                .embeddingDims(0, 5)
                .maxLengths(12, 15)
                .build()),
        Arguments.of(AttentionDecoderTest.luong("char", 24, 8, 6)),
        Arguments.of(AttentionDecoderTest.luong("word", 40, 0, 0)));
  }

  Bundle bundle(Architecture a, long seed) throws Exception {
    Path p =
        RandomBundles.write(dir, "translate", "b-" + seed, a, GreedyDecoderTest.SRC, TGT, seed);
    return endMoreOften(BundleReader.read(BundleSource.directory(p)));
  }

  /** Random weights rarely pick the end marker: raise its output bias so that some sources end. */
  static Bundle endMoreOften(Bundle b) {
    return endMoreOften(b, 2.5f);
  }

  /** The bundle with {@code extra} added to the end marker's output bias. */
  static Bundle endMoreOften(Bundle b, float extra) {
    Map<String, Tensor> dec = new HashMap<>(b.decoder());
    Tensor bias = dec.get("output_bias");
    float[] data = bias.data().clone();
    data[2] += extra;
    dec.put("output_bias", new Tensor("output_bias", bias.shape(), data));
    return new Bundle(
        b.manifest(), b.sourceVocabulary(), b.targetVocabulary(), b.encoder(), dec, b.location());
  }

  @ParameterizedTest
  @MethodSource("architectures")
  void beamOfOneIsGreedyDecodingExactly(Architecture a) throws Exception {
    Bundle bundle = bundle(a, 21);
    List<SourceIds> sources = AttentionDecoderTest.sources(8, 12);
    for (boolean vector : new boolean[] {true, false}) {
      GreedyDecoder decoder = GreedyDecoder.of(bundle, vector);
      List<Decoded> greedy = decoder.decodeBatch(sources, 40);
      List<Decoded> beam = decoder.beamSearch(sources, 40, 1);
      int ended = 0;
      for (int i = 0; i < sources.size(); i++) {
        assertArrayEquals(greedy.get(i).ids(), beam.get(i).ids());
        assertArrayEquals(greedy.get(i).scores(), beam.get(i).scores());
        assertEquals(greedy.get(i).text(), beam.get(i).text());
        assertEquals(greedy.get(i).hitStepLimit(), beam.get(i).hitStepLimit());
        ended += greedy.get(i).hitStepLimit() ? 0 : 1;
      }
      assertTrue(ended > 0, "some end at the end marker");
    }
  }

  @ParameterizedTest
  @MethodSource("architectures")
  void widerBeamsBatchLikeOneByOne(Architecture a) throws Exception {
    GreedyDecoder decoder = GreedyDecoder.of(bundle(a, 5));
    List<SourceIds> sources = AttentionDecoderTest.sources(9, 10);
    for (int beam : new int[] {2, 4}) {
      List<Decoded> batch = decoder.decodeBatch(sources, 40, beam);
      for (int i = 0; i < sources.size(); i++) {
        Decoded one = decoder.decode(sources.get(i), 40, beam);
        assertArrayEquals(one.ids(), batch.get(i).ids());
        assertArrayEquals(one.scores(), batch.get(i).scores());
        assertEquals(one.text(), batch.get(i).text());
        assertTrue(one.steps() >= 1 && one.steps() <= 15);
        assertEquals(one.ids()[one.steps() - 1] != 2, one.hitStepLimit());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("architectures")
  void nBestListsTheBeamAnswerFirstWithTheScoresOfTeacherForcing(Architecture a) throws Exception {
    GreedyDecoder decoder = GreedyDecoder.of(bundle(a, 5));
    int checked = 0;
    for (SourceIds source : AttentionDecoderTest.sources(9, 10)) {
      List<Hypothesis> list = decoder.nBest(source, 40, 4);
      assertTrue(list.size() >= 4, "k finished hypotheses at least");
      assertArrayEquals(decoder.decode(source, 40, 4).ids(), list.get(0).decoded().ids());
      for (int i = 1; i < list.size(); i++) {
        assertTrue(list.get(i - 1).score() >= list.get(i).score(), "best first");
      }
      for (Hypothesis h : list) {
        Decoded d = h.decoded();
        // reserved ids (pad, start, unknown) emitted by a random model are not in the text
        boolean reserved = d.text().length() != d.steps() - 1;
        if (!d.hitStepLimit() && !reserved) {
          double forced = decoder.score(source, List.of(d.text())).get(0).logProbability();
          assertEquals(forced, h.logProbability(), 1e-3);
          checked++;
        }
      }
    }
    assertTrue(checked > 0, "some hypotheses end at the end marker");
  }

  @Test
  void aWiderBeamChangesSomeAnswers() throws Exception {
    Architecture a = AttentionDecoderTest.luong("char", 24, 8, 6);
    Path p = RandomBundles.write(dir, "translate", "wide", a, GreedyDecoderTest.SRC, TGT, 5);
    GreedyDecoder decoder = GreedyDecoder.of(BundleReader.read(BundleSource.directory(p)));
    List<SourceIds> sources = AttentionDecoderTest.sources(9, 10);
    List<Decoded> greedy = decoder.decodeBatch(sources, 40);
    List<Decoded> beam = decoder.decodeBatch(sources, 40, 4);
    int changed = 0;
    for (int i = 0; i < sources.size(); i++) {
      if (!java.util.Arrays.equals(beam.get(i).ids(), greedy.get(i).ids())) {
        changed++;
      }
    }
    assertTrue(changed > 0, "a wider beam finds other answers for some sources");
  }

  @Test
  void rejectsABeamBelowOne() throws Exception {
    GreedyDecoder decoder =
        GreedyDecoder.of(bundle(AttentionDecoderTest.luong("char", 8, 4, 4), 1));
    SourceIds s = decoder.sourceIds("abc");
    assertThrows(IllegalArgumentException.class, () -> decoder.decode(s, 5, 0));
  }

  @Test
  void candidatesKeepTheBestFirstAndTheEarliestOnTies() {
    BeamSearch.Candidates c = new BeamSearch.Candidates(3);
    c.offer(-2, 0, 5);
    c.offer(-1, 0, 7);
    c.offer(-2, 1, 1);
    c.offer(-3, 1, 2);
    c.offer(-0.5, 2, 9);
    assertEquals(3, c.size);
    assertArrayEquals(new double[] {-0.5, -1, -2}, c.score);
    assertArrayEquals(new int[] {2, 0, 0}, c.row);
    assertArrayEquals(new int[] {9, 7, 5}, c.id);
  }

  @Test
  void lengthPenaltyIsGnmts() {
    assertEquals(-6.0, BeamSearch.normalised(-6.0, 1), 1e-12);
    assertEquals(-6.0 / Math.pow(15.0 / 6.0, 0.6), BeamSearch.normalised(-6.0, 10), 1e-12);
    assertEquals(Math.log(3.0), BeamSearch.logSumExp(new float[] {0f, 0f, 0f, 99f}, 3), 1e-6);
  }
}
