package org.tinyseq.train.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.bundle.Attention;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.text.TokenUnit;

/**
 * The options as manifest and checkpoint entries keep the JSON names, so manifests stay the same
 * and a checkpoint's run identity still matches when resuming.
 */
class TrainOptionsTest {

  @Test
  void mapHoldsTheJsonNames() {
    TrainOptions o =
        new TrainOptions(
            ModelKind.CHAT,
            Cell.GRU,
            TokenUnit.WORD,
            32,
            8,
            true,
            16,
            2,
            0.01,
            5.0,
            1,
            0,
            2,
            0,
            3,
            true,
            7,
            1);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("kind", "chat");
    expected.put("cell", "gru");
    expected.put("sourceTokens", "word");
    expected.put("latentDim", 32);
    expected.put("embeddingDim", 8);
    expected.put("teacherForcing", true);
    expected.put("batchSize", 16);
    expected.put("epochs", 2);
    expected.put("learningRate", 0.01);
    expected.put("clipNorm", 5.0);
    expected.put("sourceMinCount", 1);
    expected.put("sourceMaxVocabulary", 0);
    expected.put("targetMinCount", 2);
    expected.put("targetMaxVocabulary", 0);
    expected.put("patience", 3);
    expected.put("bucketing", true);
    expected.put("seed", 7L);
    expected.put("threads", 1);
    assertEquals(expected, o.toMap());
  }

  @Test
  void attentionAddsItsNameAndDropout() {
    Map<String, Object> m =
        TrainOptions.defaults(ModelKind.TRANSLATE).withAttention(Attention.LUONG, 0.2).toMap();
    assertEquals("translate", m.get("kind"));
    assertEquals("lstm", m.get("cell"));
    assertEquals("char", m.get("sourceTokens"));
    assertEquals("luong", m.get("attention"));
    assertEquals(0.2, m.get("dropout"));
  }
}
