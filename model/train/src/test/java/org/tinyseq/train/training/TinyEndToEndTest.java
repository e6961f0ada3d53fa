package org.tinyseq.train.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tinyseq.serve.bundle.Attention;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.train.data.PreparedData;
import org.tinyseq.train.data.TextPair;

/**
 * Trains each variant on pairs the test writes, exports the bundle, loads it through the serving
 * core's reader and decodes with its greedy decoder: the model has learnt the pairs.
 */
class TinyEndToEndTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "cell={0} tokens={1} teacherForcing={2} attention={3}")
  @CsvSource({
    "lstm,char,true,none,60,0.7",
    "gru,char,true,none,40,0.7",
    "lstm,word,true,none,40,0.7",
    "lstm,char,false,none,40,0.3",
    "lstm,char,true,luong,40,0.7",
    "lstm,word,true,luong,40,0.7"
  })
  void learnsExportsLoadsAndDecodes(
      String cell,
      String tokens,
      boolean teacherForcing,
      String attention,
      int epochs,
      double minReproduced)
      throws Exception {
    PreparedData prepared = TinyCorpus.prepared();
    TrainOptions options =
        TinyCorpus.options(
                Cell.fromJson(cell).orElseThrow(),
                TokenUnit.fromJson(tokens).orElseThrow(),
                teacherForcing,
                epochs)
            .withAttention(
                Attention.fromJson(attention).orElseThrow(), "luong".equals(attention) ? 0.1 : 0);
    TrainingData data = TrainingData.of(prepared, options);
    Trainer.Result result =
        new Trainer(options, false, 0).train(data, TinyCorpus.identity(), null, false);

    List<EpochRecord> h = result.history();
    assertTrue(
        h.get(h.size() - 1).trainLoss() < h.get(0).trainLoss() / 3,
        "loss falls: " + h.get(0).trainLoss() + " -> " + h.get(h.size() - 1).trainLoss());

    Path written =
        BundleExport.write(
            dir,
            new BundleExport.Request(
                result,
                TinyCorpus.corpus(),
                prepared,
                TinyCorpus.dataOptions(),
                options,
                "test",
                1.0,
                0,
                Map.of()));
    assertTrue(Files.isRegularFile(written.resolve(BundleExport.LOSS_CURVE)));
    Bundle bundle = BundleReader.read(BundleSource.directory(written));
    assertEquals(cell, bundle.architecture().cell().jsonName());
    assertEquals(tokens, bundle.architecture().sourceTokens().jsonName());
    assertEquals(teacherForcing, bundle.architecture().teacherForcing());
    assertEquals(attention, bundle.architecture().attention().jsonName());
    assertEquals("test", bundle.manifest().training().get("command"));
    assertFalse(bundle.manifest().metrics().isEmpty());

    GreedyDecoder decoder = GreedyDecoder.of(bundle);
    List<String> sources = prepared.train().stream().map(TextPair::source).toList();
    List<String> outputs = ValidationMetrics.decodeAll(decoder, sources);
    long right = 0;
    for (int i = 0; i < sources.size(); i++) {
      if (outputs.get(i).equals(prepared.train().get(i).target())) {
        right++;
      }
    }
    assertTrue(
        right >= minReproduced * sources.size(),
        right + " of " + sources.size() + " reproduced: " + outputs);
  }
}
