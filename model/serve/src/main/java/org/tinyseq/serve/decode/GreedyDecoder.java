package org.tinyseq.serve.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.bundle.GraphShapes;
import org.tinyseq.serve.text.Tokenizer;
import org.tinyseq.serve.text.Vocabulary;

/**
 * Greedy seq2seq decoding over a bundle's weights, in plain Java (the arithmetic of
 * docs/bundle-format.md, with or without attention), and beam search as an option ({@link
 * BeamSearch}). Immutable and thread-safe: every call works on its own scratch arrays.
 *
 * <p>Input handling is predictable and never throws for odd text: {@link #sourceIds} tokenises
 * (char or word tokens, per the architecture), maps tokens outside the source vocabulary to {@code
 * <unk>} and counts them, and keeps only the first {@code maxSourceLength} tokens of a longer
 * input, flagging {@link SourceIds#truncated()}. Decoding stops at the end marker or after {@code
 * min(maxSteps, maxTargetLength)} steps ({@link Decoded#hitStepLimit()}).
 */
public final class GreedyDecoder {
  private final Bundle bundle;
  private final Architecture architecture;
  private final Vocabulary sourceVocabulary;
  private final Vocabulary targetVocabulary;
  private final Network network;
  private final OutputLayer output;

  private final boolean vector;

  private GreedyDecoder(Bundle bundle, boolean vector) {
    this.vector = vector;
    this.bundle = bundle;
    this.architecture = bundle.architecture();
    this.sourceVocabulary = bundle.sourceVocabulary();
    this.targetVocabulary = bundle.targetVocabulary();
    boolean gru = architecture.cell() == Cell.GRU;
    int h = architecture.latentDim();
    this.network =
        architecture.luong()
            ? new AttentionNetwork(bundle.encoder(), bundle.decoder(), h, vector)
            : new PlainNetwork(bundle.encoder(), bundle.decoder(), gru, h, vector);
    this.output =
        new OutputLayer(
            bundle.decoder().get("output_kernel").data(),
            bundle.decoder().get("output_bias").data(),
            h,
            vector);
  }

  /** Prepares the decoding tables of a verified bundle (see {@code BundleReader}). */
  public static GreedyDecoder of(Bundle bundle) {
    return of(bundle, Matrix.vectorAvailable());
  }

  /** With the Vector API kernels ({@code true}; they must be available) or the scalar loops. */
  static GreedyDecoder of(Bundle bundle, boolean vector) {
    if (vector && !Matrix.vectorAvailable()) {
      throw new IllegalStateException("the Vector API kernels are not available");
    }
    return new GreedyDecoder(Objects.requireNonNull(bundle, "bundle"), vector);
  }

  /**
   * An upper estimate of the heap a decoder of this architecture holds, from the shapes alone (no
   * weights read): its own copies of the weights (blocks, vector panels) and the precomputed input
   * tables of its recurrent layers, plus a small allowance for per-thread workspaces. The bundle's
   * own tensors come on top (the registry adds them).
   */
  public static long heapBytes(Architecture a, int sourceVocabulary, int targetVocabulary) {
    long weights =
        GraphShapes.floats(GraphShapes.encoder(a, sourceVocabulary))
            + GraphShapes.floats(GraphShapes.decoder(a, targetVocabulary));
    int h = a.latentDim();
    boolean srcEmbedded = a.sourceEmbeddingDim() > 0;
    boolean tgtEmbedded = a.targetEmbeddingDim() > 0;
    long tables;
    if (a.luong()) {
      tables =
          2 * RecurrentLayer.tableFloats(sourceVocabulary, 4, h / 2, srcEmbedded)
              + RecurrentLayer.tableFloats(targetVocabulary, 4, h, tgtEmbedded);
    } else {
      int g = a.gates();
      tables =
          RecurrentLayer.tableFloats(sourceVocabulary, g, h, srcEmbedded)
              + RecurrentLayer.tableFloats(targetVocabulary, g, h, tgtEmbedded);
    }
    return 4 * (weights + tables) + WORKSPACE_ALLOWANCE;
  }

  /** Per-thread workspaces and small tables: a few MB at most for this project's sizes. */
  static final long WORKSPACE_ALLOWANCE = 4L << 20;

  /**
   * Which inner loops this decoder runs: {@code "vector"} (Vector API, when the JVM runs with
   * {@code --add-modules jdk.incubator.vector}) or {@code "scalar"} (loops C2 auto-vectorises).
   */
  public String kernel() {
    return vector ? "vector" : "scalar";
  }

  public Bundle bundle() {
    return bundle;
  }

  /**
   * Tokenises already normalised text ({@code TextNormalizer}) into source ids. Tokens outside the
   * vocabulary become {@code <unk>} and are counted; input beyond {@code maxSourceLength} tokens is
   * cut, keeping the first tokens, and flagged as truncated. Empty text gives no ids.
   */
  public SourceIds sourceIds(String normalizedText) {
    List<String> tokens = Tokenizer.tokens(normalizedText, architecture.sourceTokens());
    int limit = architecture.maxSourceLength();
    boolean truncated = tokens.size() > limit;
    if (truncated) {
      tokens = tokens.subList(0, limit);
    }
    int[] ids = sourceVocabulary.ids(tokens);
    int unknown = 0;
    for (int id : ids) {
      if (id == Vocabulary.UNKNOWN) {
        unknown++;
      }
    }
    return new SourceIds(ids, unknown, truncated);
  }

  /** Decodes one source; the same as a batch of one. */
  public Decoded decode(SourceIds source, int maxSteps) {
    return decodeBatch(List.of(source), maxSteps).get(0);
  }

  /** Decodes one source with a beam of {@code beam} (1: greedy); the same as a batch of one. */
  public Decoded decode(SourceIds source, int maxSteps, int beam) {
    return decodeBatch(List.of(source), maxSteps, beam).get(0);
  }

  /**
   * Decodes several sources together (one matrix product per step for the whole batch); the results
   * equal those of decoding each alone, in the same order.
   *
   * @param maxSteps step limit, at least 1; {@code architecture.maxTargetLength} caps it
   * @throws IllegalArgumentException when {@code maxSteps < 1} or an id is outside the source
   *     vocabulary
   */
  public List<Decoded> decodeBatch(List<SourceIds> sources, int maxSteps) {
    return decodeBatch(sources, maxSteps, 1);
  }

  /**
   * As {@link #decodeBatch(List, int)} with a beam of {@code beam} hypotheses per source ({@link
   * BeamSearch}); a beam of 1 is greedy decoding.
   *
   * @throws IllegalArgumentException also when {@code beam < 1}
   */
  public List<Decoded> decodeBatch(List<SourceIds> sources, int maxSteps, int beam) {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
    }
    if (beam < 1) {
      throw new IllegalArgumentException("beam must be at least 1, got " + beam);
    }
    int batch = sources.size();
    if (batch == 0) {
      return List.of();
    }
    int limit = Math.min(maxSteps, architecture.maxTargetLength());
    int[][] src = new int[batch][];
    for (int b = 0; b < batch; b++) {
      src[b] = checkedIds(sources.get(b));
    }
    if (beam > 1) {
      return new BeamSearch(network, output, targetVocabulary, beam).decode(src, limit);
    }
    int[] identity = new int[batch];
    for (int b = 0; b < batch; b++) {
      identity[b] = b;
    }
    return greedy(network.start(src, identity), batch, limit);
  }

  /**
   * Scores given targets for one source by teacher forcing: the decoder reads the start marker and
   * then each target character, and the log-softmax of the next true symbol is summed ({@link
   * TargetScore}). The source is encoded once and all targets advance together, one matrix product
   * per step. Characters outside the target vocabulary are scored as {@code <unk>}; a target longer
   * than {@code maxTargetLength} characters is scored on its first {@code maxTargetLength}
   * characters and the end marker. This is {@code log p(T|S)} of the reranking formulas (MMI, noisy
   * channel) with the same arithmetic as decoding.
   */
  public List<TargetScore> score(SourceIds source, List<String> targets) {
    return score(new int[][] {checkedIds(source)}, new int[targets.size()], targets);
  }

  /**
   * {@link #score(SourceIds, List)} of pairs: {@code targets.get(i)} given {@code sources.get(i)},
   * all in one batch (the reverse direction of a reranker: many candidate sources, one target).
   */
  public List<TargetScore> scorePairs(List<SourceIds> sources, List<String> targets) {
    if (sources.size() != targets.size()) {
      throw new IllegalArgumentException(sources.size() + " sources for " + targets.size());
    }
    int[][] src = new int[sources.size()][];
    int[] sourceOf = new int[sources.size()];
    for (int i = 0; i < src.length; i++) {
      src[i] = checkedIds(sources.get(i));
      sourceOf[i] = i;
    }
    return score(src, sourceOf, targets);
  }

  private List<TargetScore> score(int[][] src, int[] sourceOf, List<String> targets) {
    int rows = targets.size();
    if (rows == 0) {
      return List.of();
    }
    int[][] tgt = new int[rows][];
    int longest = 0;
    for (int b = 0; b < rows; b++) {
      tgt[b] = targetIds(targets.get(b));
      longest = Math.max(longest, tgt[b].length);
    }
    Workspace ws = network.start(src, sourceOf);
    float[][] logits = new float[rows][output.logitsLength()];
    int vt = targetVocabulary.size();
    double[] total = new double[rows];
    int[] live = new int[rows];
    int n = rows;
    for (int b = 0; b < rows; b++) {
      live[b] = b;
      ws.tokens[b] = Vocabulary.START;
    }
    for (int step = 0; step < longest && n > 0; step++) {
      network.step(ws, ws.tokens, live, n);
      output.logits(network.outputs(ws), live, n, ws, logits);
      int kept = 0;
      for (int r = 0; r < n; r++) {
        int b = live[r];
        int id = tgt[b][step];
        total[b] += logits[b][id] - BeamSearch.logSumExp(logits[b], vt);
        if (step + 1 < tgt[b].length) {
          ws.tokens[b] = id;
          live[kept++] = b;
        }
      }
      n = kept;
    }
    List<TargetScore> out = new ArrayList<>(rows);
    for (int b = 0; b < rows; b++) {
      out.add(new TargetScore(total[b], tgt[b].length));
    }
    return out;
  }

  /** The target's character ids (at most {@code maxTargetLength}) and the end marker. */
  private int[] targetIds(String target) {
    int max = architecture.maxTargetLength();
    int[] ids = new int[Math.min(max, target.codePointCount(0, target.length())) + 1];
    int i = 0;
    for (int at = 0; at < target.length() && i < ids.length - 1; ) {
      int cp = target.codePointAt(at);
      at += Character.charCount(cp);
      ids[i++] = targetVocabulary.id(new String(Character.toChars(cp)));
    }
    ids[i] = Vocabulary.END;
    return ids;
  }

  /**
   * The {@code beam} best hypotheses (or more, when the step limit cut live ones) of beam search
   * for one source, best first: the N-best list that rerankers read.
   */
  public List<Hypothesis> nBest(SourceIds source, int maxSteps, int beam) {
    return nBest(source, maxSteps, beam, ReplyRules.NONE);
  }

  /** {@link #nBest(SourceIds, int, int)} under {@code rules} (e.g. {@link ReplyRules#CHAT}). */
  public List<Hypothesis> nBest(SourceIds source, int maxSteps, int beam, ReplyRules rules) {
    return nBestBatch(List.of(source), maxSteps, beam, rules).get(0);
  }

  /**
   * The N-best lists of several sources, searched together (one matrix product per step for all
   * their hypotheses); each list equals that of the source alone.
   */
  public List<List<Hypothesis>> nBestBatch(
      List<SourceIds> sources, int maxSteps, int beam, ReplyRules rules) {
    if (maxSteps < 1 || beam < 1) {
      throw new IllegalArgumentException("maxSteps and beam must be at least 1");
    }
    if (sources.isEmpty()) {
      return List.of();
    }
    int limit = Math.min(maxSteps, architecture.maxTargetLength());
    int[][] src = new int[sources.size()][];
    for (int b = 0; b < src.length; b++) {
      src[b] = checkedIds(sources.get(b));
    }
    return new BeamSearch(network, output, targetVocabulary, beam, Objects.requireNonNull(rules))
        .search(src, limit);
  }

  /** Beam search even for a beam of 1 (tests: it must then equal greedy decoding). */
  List<Decoded> beamSearch(List<SourceIds> sources, int maxSteps, int beam) {
    int[][] src = new int[sources.size()][];
    for (int b = 0; b < src.length; b++) {
      src[b] = checkedIds(sources.get(b));
    }
    int limit = Math.min(maxSteps, architecture.maxTargetLength());
    return new BeamSearch(network, output, targetVocabulary, beam).decode(src, limit);
  }

  private int[] checkedIds(SourceIds source) {
    int[] ids = Objects.requireNonNull(source, "source").ids();
    int vocab = sourceVocabulary.size();
    for (int id : ids) {
      if (id < 0 || id >= vocab) {
        throw new IllegalArgumentException(
            "source id " + id + " outside the source vocabulary (size " + vocab + ")");
      }
    }
    return ids;
  }

  private List<Decoded> greedy(Workspace ws, int batch, int limit) {
    int[][] ids = new int[batch][limit];
    float[][] scores = new float[batch][limit];
    int[] length = new int[batch];
    int[] rows = ws.rows;
    int[] tokens = ws.tokens;
    int n = batch;
    for (int b = 0; b < batch; b++) {
      rows[b] = b;
      tokens[b] = Vocabulary.START;
    }
    for (int step = 0; step < limit && n > 0; step++) {
      network.step(ws, tokens, rows, n);
      output.argmax(network.outputs(ws), rows, n, ws);
      int kept = 0;
      for (int r = 0; r < n; r++) {
        int b = rows[r];
        int id = ws.bestId[b];
        ids[b][step] = id;
        scores[b][step] = ws.best[b];
        length[b] = step + 1;
        tokens[b] = id;
        if (id != Vocabulary.END) {
          rows[kept++] = b;
        }
      }
      n = kept;
    }
    List<Decoded> out = new ArrayList<>(batch);
    for (int b = 0; b < batch; b++) {
      out.add(
          decoded(
              targetVocabulary,
              Arrays.copyOf(ids[b], length[b]),
              Arrays.copyOf(scores[b], length[b])));
    }
    return out;
  }

  /** A result from its emitted ids and their logits. */
  static Decoded decoded(Vocabulary target, int[] ids, float[] scores) {
    int len = ids.length;
    boolean ended = len > 0 && ids[len - 1] == Vocabulary.END;
    return new Decoded(target.decode(ids, len), ids, scores, !ended);
  }
}
