package org.tinyseq.serve.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import org.tinyseq.serve.bundle.TestBundles;
import org.tinyseq.serve.text.TokenUnit;

class GreedyDecoderTest {
  static final List<String> SRC = List.of("a", "b", "c", "d", "e", " ", "hello", "world", "!");
  static final List<String> TGT = chars(300);

  @TempDir Path dir;

  static List<String> chars(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(String.valueOf((char) (0x4e00 + i)));
    }
    return out;
  }

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
                .cell(Cell.LSTM)
                .sourceTokens(TokenUnit.WORD)
                .latentDim(16)
                .embeddingDims(0, 0)
                .maxLengths(12, 15)
                .build()),
        Arguments.of(
            Architecture.builder()
                .cell(Cell.GRU)
                .sourceTokens(TokenUnit.CHAR)
                .latentDim(20)
                .embeddingDims(0, 5)
                .maxLengths(12, 15)
                .build()),
        Arguments.of(
            Architecture.builder()
                .cell(Cell.GRU)
                .sourceTokens(TokenUnit.WORD)
                .latentDim(300)
                .embeddingDims(7, 0)
                .maxLengths(12, 15)
                .build()));
  }

  Bundle bundle(Architecture a, long seed) throws Exception {
    Path p = RandomBundles.write(dir, "translate", "t-" + seed, a, SRC, TGT, seed);
    return BundleReader.read(BundleSource.directory(p));
  }

  @ParameterizedTest
  @MethodSource("architectures")
  void matchesTheLiteralArithmeticAndBatchEqualsOneByOne(Architecture a) throws Exception {
    Bundle bundle = bundle(a, 7);
    GreedyDecoder decoder = GreedyDecoder.of(bundle);
    NaiveDecoder naive = new NaiveDecoder(bundle);
    Random r = new Random(3);
    List<SourceIds> sources = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      int[] ids = r.ints(r.nextInt(12), 0, SRC.size() + 4).toArray();
      sources.add(new SourceIds(ids, 0, false));
    }
    List<Decoded> batch = decoder.decodeBatch(sources, 40);
    for (int i = 0; i < sources.size(); i++) {
      Decoded one = decoder.decode(sources.get(i), 40);
      assertArrayEquals(one.ids(), batch.get(i).ids());
      assertArrayEquals(one.scores(), batch.get(i).scores());
      assertEquals(one.text(), batch.get(i).text());
      NaiveDecoder.Result expected = naive.decode(sources.get(i).ids(), 40);
      assertArrayEquals(expected.ids().stream().mapToInt(Integer::intValue).toArray(), one.ids());
      for (int s = 0; s < one.scores().length; s++) {
        double want = expected.scores().get(s);
        assertEquals(want, one.scores()[s], 1e-4);
      }
      int last = one.ids()[one.ids().length - 1];
      assertEquals(last != 2, one.hitStepLimit());
      assertTrue(one.ids().length <= a.maxTargetLength());
    }
  }

  @ParameterizedTest
  @MethodSource("architectures")
  void vectorAndScalarKernelsAgreeBitForBit(Architecture a) throws Exception {
    assertTrue(Matrix.vectorAvailable(), "surefire runs with --add-modules jdk.incubator.vector");
    Bundle bundle = bundle(a, 13);
    GreedyDecoder vector = GreedyDecoder.of(bundle, true);
    GreedyDecoder scalar = GreedyDecoder.of(bundle, false);
    assertEquals("vector", vector.kernel());
    assertEquals("scalar", scalar.kernel());
    Random r = new Random(5);
    List<SourceIds> sources = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      sources.add(new SourceIds(r.ints(r.nextInt(12), 0, SRC.size() + 4).toArray(), 0, false));
    }
    List<Decoded> v = vector.decodeBatch(sources, 40);
    List<Decoded> s = scalar.decodeBatch(sources, 40);
    for (int i = 0; i < sources.size(); i++) {
      assertArrayEquals(s.get(i).ids(), v.get(i).ids());
      assertArrayEquals(s.get(i).scores(), v.get(i).scores());
      assertArrayEquals(v.get(i).scores(), vector.decode(sources.get(i), 40).scores());
      assertArrayEquals(s.get(i).scores(), scalar.decode(sources.get(i), 40).scores());
    }
  }

  @Test
  void expIsAccurateOverTheWholeRange() {
    for (float x = -87f; x <= 88f; x += 0.01f) {
      double want = Math.exp(x);
      assertEquals(want, Kernels.exp(x), want * 3e-7, "exp(" + x + ")");
    }
    assertEquals(1f, Kernels.tanh(50f));
    assertEquals(-1f, Kernels.tanh(-50f));
    assertEquals(0f, Kernels.sigmoid(-200f), 1e-37);
    assertEquals(1f, Kernels.sigmoid(200f));
  }

  @Test
  void stepLimitIsTheSmallerOfMaxStepsAndMaxTargetLength() throws Exception {
    GreedyDecoder decoder = GreedyDecoder.of(bundle(TestBundles.lstm(8, 4), 11));
    SourceIds s = decoder.sourceIds("abc");
    Decoded one = decoder.decode(s, 1);
    assertEquals(1, one.steps());
    assertEquals(one.ids()[0] != 2, one.hitStepLimit());
    assertTrue(decoder.decode(s, 1000).steps() <= 12);
    assertThrows(IllegalArgumentException.class, () -> decoder.decode(s, 0));
  }

  @Test
  void sourceIdsCountUnknownsAndTruncateKeepingTheFirstTokens() throws Exception {
    GreedyDecoder decoder = GreedyDecoder.of(bundle(TestBundles.lstm(8, 4), 5));
    SourceIds ids = decoder.sourceIds("abxz");
    assertArrayEquals(new int[] {4, 5, 3, 3}, ids.ids());
    assertEquals(2, ids.unknownTokens());
    assertFalse(ids.truncated());
    SourceIds longer = decoder.sourceIds("abcde".repeat(5));
    assertEquals(20, longer.ids().length);
    assertTrue(longer.truncated());
    assertArrayEquals(
        decoder.sourceIds("abcde".repeat(4)).ids(), longer.ids(), "first 20 tokens kept");
    assertEquals(0, decoder.sourceIds("").ids().length);
    assertTrue(decoder.decode(decoder.sourceIds(""), 5).steps() >= 1);
  }

  @Test
  void wordTokensAreLowerCasedWordsAndPunctuation() throws Exception {
    Architecture a =
        Architecture.builder()
            .cell(Cell.GRU)
            .sourceTokens(TokenUnit.WORD)
            .latentDim(8)
            .embeddingDims(4, 4)
            .maxLengths(3, 10)
            .build();
    GreedyDecoder decoder = GreedyDecoder.of(bundle(a, 9));
    SourceIds ids = decoder.sourceIds("Hello big World!");
    assertArrayEquals(new int[] {10, 3, 11}, ids.ids());
    assertEquals(1, ids.unknownTokens());
    assertTrue(ids.truncated());
  }

  @Test
  void rejectsIdsOutsideTheVocabulary() throws Exception {
    GreedyDecoder decoder = GreedyDecoder.of(bundle(TestBundles.lstm(8, 4), 5));
    assertThrows(
        IllegalArgumentException.class,
        () -> decoder.decode(new SourceIds(new int[] {99}, 0, false), 5));
    assertEquals(List.of(), decoder.decodeBatch(List.of(), 5));
  }
}
