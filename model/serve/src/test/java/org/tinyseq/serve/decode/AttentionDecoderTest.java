package org.tinyseq.serve.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Attention;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.serve.text.TokenUnit;

/** The attention decoder (format version 2) against the literal arithmetic of the spec. */
class AttentionDecoderTest {
  static final List<String> SRC = GreedyDecoderTest.SRC;
  static final List<String> TGT = GreedyDecoderTest.TGT;

  @TempDir Path dir;

  static Stream<Arguments> architectures() {
    return Stream.of(
        Arguments.of(luong("char", 24, 8, 6)),
        Arguments.of(luong("word", 16, 0, 0)),
        Arguments.of(luong("char", 20, 0, 5)),
        Arguments.of(luong("word", 40, 7, 0)));
  }

  static Architecture luong(String tokens, int latent, int srcEmb, int tgtEmb) {
    return Architecture.builder()
        .sourceTokens(TokenUnit.fromJson(tokens).orElseThrow())
        .latentDim(latent)
        .embeddingDims(srcEmb, tgtEmb)
        .maxLengths(12, 15)
        .attention(Attention.LUONG)
        .build();
  }

  Bundle bundle(Architecture a, long seed) throws Exception {
    Path p = RandomBundles.write(dir, "translate", "att-" + seed, a, SRC, TGT, seed);
    return BundleReader.read(BundleSource.directory(p));
  }

  /** Sources of lengths 0..12 in one batch, ids over the whole source vocabulary. */
  static List<SourceIds> sources(long seed, int count) {
    Random r = new Random(seed);
    List<SourceIds> out = new ArrayList<>();
    out.add(new SourceIds(new int[0], 0, false));
    for (int i = 1; i < count; i++) {
      out.add(new SourceIds(r.ints(1 + r.nextInt(12), 0, SRC.size() + 4).toArray(), 0, false));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("architectures")
  void matchesTheLiteralArithmeticAndBatchEqualsOneByOne(Architecture a) throws Exception {
    Bundle bundle = bundle(a, 7);
    NaiveAttentionDecoder naive = new NaiveAttentionDecoder(bundle);
    List<SourceIds> sources = sources(3, 12);
    for (boolean vector : new boolean[] {true, false}) {
      GreedyDecoder decoder = GreedyDecoder.of(bundle, vector);
      List<Decoded> batch = decoder.decodeBatch(sources, 40);
      int steps = 0;
      for (int i = 0; i < sources.size(); i++) {
        Decoded one = decoder.decode(sources.get(i), 40);
        assertArrayEquals(one.ids(), batch.get(i).ids());
        assertArrayEquals(one.scores(), batch.get(i).scores());
        NaiveDecoder.Result want = naive.decode(sources.get(i).ids(), 40);
        assertArrayEquals(want.ids().stream().mapToInt(Integer::intValue).toArray(), one.ids());
        for (int s = 0; s < one.scores().length; s++) {
          assertEquals(want.scores().get(s), one.scores()[s], 1e-4);
        }
        assertEquals(one.ids()[one.steps() - 1] != 2, one.hitStepLimit());
        steps += one.steps();
      }
      assertTrue(steps > 2 * sources.size(), "the test decodes more than a step or two");
    }
  }

  @ParameterizedTest
  @MethodSource("architectures")
  void vectorAndScalarKernelsAgreeBitForBit(Architecture a) throws Exception {
    assertTrue(Matrix.vectorAvailable(), "surefire runs with --add-modules jdk.incubator.vector");
    Bundle bundle = bundle(a, 13);
    List<SourceIds> sources = sources(5, 11);
    List<Decoded> v = GreedyDecoder.of(bundle, true).decodeBatch(sources, 40);
    List<Decoded> s = GreedyDecoder.of(bundle, false).decodeBatch(sources, 40);
    for (int i = 0; i < sources.size(); i++) {
      assertArrayEquals(s.get(i).ids(), v.get(i).ids());
      assertArrayEquals(s.get(i).scores(), v.get(i).scores());
    }
  }
}
