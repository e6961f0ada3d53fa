package org.tinyseq.serve.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.text.TokenUnit;

/** Format version 2: the attention field, its tensors' shapes, and version 1 still read. */
class AttentionBundleTest {
  static final List<String> SRC = List.of("a", "b", "c");
  static final List<String> TGT = List.of("你", "好", "吗");

  @TempDir Path dir;

  private Bundle read(Path p) throws BundleException {
    return BundleReader.read(BundleSource.directory(p));
  }

  private Path write(String version, Architecture a) throws Exception {
    return RandomBundles.write(dir, "translate", version, a, SRC, TGT, 3);
  }

  private static void editManifest(Path p, UnaryOperator<String> edit) throws Exception {
    Path m = p.resolve(Manifest.FILE_NAME);
    Files.writeString(m, edit.apply(Files.readString(m)));
  }

  @Test
  void attentionBundleReadsBackWithTheSpecShapes() throws Exception {
    Bundle b = read(write("att", TestBundles.luong(8, 4)));
    assertTrue(b.architecture().luong());
    assertEquals(2, b.manifest().formatVersion());
    assertEquals("[4, 16]", Arrays.toString(b.encoder().get("backward_kernel").shape()));
    assertEquals("[4, 16]", Arrays.toString(b.encoder().get("recurrent_kernel").shape()));
    assertEquals("[12, 32]", Arrays.toString(b.decoder().get("kernel").shape()));
    assertEquals("[16, 8]", Arrays.toString(b.decoder().get("attention_output_kernel").shape()));
    Architecture oneHot =
        Architecture.builder()
            .cell(Cell.LSTM)
            .sourceTokens(TokenUnit.WORD)
            .latentDim(6)
            .embeddingDims(0, 0)
            .maxLengths(5, 5)
            .attention(Attention.LUONG)
            .build();
    Bundle o = read(write("onehot", oneHot));
    assertEquals("[7, 12]", Arrays.toString(o.encoder().get("kernel").shape()));
    assertEquals("[13, 24]", Arrays.toString(o.decoder().get("kernel").shape()));
  }

  @Test
  void versionOneManifestReadsAsNoAttention() throws Exception {
    Path p = write("v1", TestBundles.lstm(8, 4));
    editManifest(
        p,
        s ->
            s.replace("\"formatVersion\" : 2", "\"formatVersion\" : 1")
                .replace("\"attention\" : \"none\",", "")
                .replace(",\n    \"attention\" : \"none\"", ""));
    assertTrue(!Files.readString(p.resolve(Manifest.FILE_NAME)).contains("attention"));
    Bundle b = read(p);
    assertEquals(1, b.manifest().formatVersion());
    assertEquals(Attention.NONE, b.architecture().attention());
  }

  @Test
  void refusesAttentionInAVersionOneManifest() throws Exception {
    Path p = write("v1-luong", TestBundles.luong(8, 4));
    editManifest(p, s -> s.replace("\"formatVersion\" : 2", "\"formatVersion\" : 1"));
    var e = assertThrows(BundleException.class, () -> read(p));
    assertTrue(e.getMessage().contains("needs bundle format version 2"), e.getMessage());
  }

  @Test
  void refusesAVersionTwoManifestWithoutTheAttentionField() throws Exception {
    Path p = write("no-field", TestBundles.lstm(8, 4));
    editManifest(
        p,
        s ->
            s.replace("\"attention\" : \"none\",", "")
                .replace(",\n    \"attention\" : \"none\"", ""));
    var e = assertThrows(BundleException.class, () -> read(p));
    assertTrue(e.getMessage().contains("requires architecture.attention"), e.getMessage());
  }

  @Test
  void refusesUnknownAttentionGruWithAttentionAndAnOddLatent() throws Exception {
    Path unknown = write("bahdanau", TestBundles.lstm(8, 4));
    editManifest(unknown, s -> s.replace("\"attention\" : \"none\"", "\"attention\" : \"bahd\""));
    var e = assertThrows(BundleException.class, () -> read(unknown));
    assertTrue(e.getMessage().contains("unsupported attention 'bahd'"), e.getMessage());

    Path gru = write("gru", TestBundles.lstm(8, 4));
    editManifest(
        gru,
        s ->
            s.replace("\"attention\" : \"none\"", "\"attention\" : \"luong\"")
                .replace("\"cell\" : \"lstm\"", "\"cell\" : \"gru\""));
    e = assertThrows(BundleException.class, () -> read(gru));
    assertTrue(e.getMessage().contains("lstm only"), e.getMessage());

    Path odd = write("odd", TestBundles.luong(8, 4));
    editManifest(odd, s -> s.replace("\"latentDim\" : 8", "\"latentDim\" : 7"));
    e = assertThrows(BundleException.class, () -> read(odd));
    assertTrue(e.getMessage().contains("even latentDim"), e.getMessage());
  }

  @Test
  void refusesAttentionTensorsOfTheWrongShape() throws Exception {
    Bundle good = read(write("good", TestBundles.luong(8, 4)));
    List<Tensor> enc = new ArrayList<>(good.encoder().values());
    List<Tensor> dec = new ArrayList<>();
    for (Tensor t : good.decoder().values()) {
      if (t.name().equals("attention_kernel")) {
        dec.add(new Tensor(t.name(), new int[] {4, 16}, t.data()));
      } else if (!t.name().equals("attention_output_kernel")) {
        dec.add(t);
      }
    }
    enc.removeIf(t -> t.name().equals("backward_bias"));
    Path p =
        BundleWriter.write(
            dir,
            good.manifest().withVersion("bad"),
            good.sourceVocabulary(),
            good.targetVocabulary(),
            enc,
            dec,
            java.util.Map.of());
    var e = assertThrows(BundleException.class, () -> read(p));
    assertTrue(e.getMessage().contains("encoder"), e.getMessage());
    assertTrue(e.getMessage().contains("missing tensor backward_bias"), e.getMessage());

    enc.add(good.encoder().get("backward_bias"));
    Path q =
        BundleWriter.write(
            dir,
            good.manifest().withVersion("bad2"),
            good.sourceVocabulary(),
            good.targetVocabulary(),
            enc,
            dec,
            java.util.Map.of());
    e = assertThrows(BundleException.class, () -> read(q));
    assertTrue(
        e.getMessage().contains("attention_kernel has shape [4, 16], expected [8, 8]"),
        e.getMessage());
    assertTrue(e.getMessage().contains("missing tensor attention_output_kernel"), e.getMessage());
  }
}
