package org.tinyseq.train.reference;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.decode.Decoded;
import org.tinyseq.serve.decode.SourceIds;
import org.tinyseq.serve.text.Vocabulary;

/**
 * The DL4J reference: a bundle's graphs rebuilt in SameDiff ({@link ReferenceGraphs}) and run the
 * classic way, step by step: the encoder graph over the source, then the decoder step graph fed one
 * token and the states at a time, the argmax taken in the graph. The fast Java decoder ({@code
 * GreedyDecoder}) must reproduce its ids exactly and its scores within 1e-4. Not thread-safe (no
 * SameDiff instance is).
 */
public final class ReferenceDecoder {
  private final Bundle bundle;
  private final ReferenceGraphs graphs;
  private final boolean gru;
  private final int hidden;
  private final SameDiff decoderStep;
  private final Map<Integer, SameDiff> encoders = new HashMap<>();

  private ReferenceDecoder(Bundle bundle) {
    this.bundle = bundle;
    Architecture a = bundle.architecture();
    this.graphs = new ReferenceGraphs(a);
    this.gru = a.cell() == Cell.GRU;
    this.hidden = a.latentDim();
    this.decoderStep = graphs.decoderStep(bundle.decoder());
  }

  public static ReferenceDecoder of(Bundle bundle) {
    return new ReferenceDecoder(bundle);
  }

  /** Greedy decoding with the same stopping rule as {@code GreedyDecoder.decode}. */
  public Decoded decode(SourceIds source, int maxSteps) {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
    }
    int limit = Math.min(maxSteps, bundle.architecture().maxTargetLength());
    INDArray[] state = encode(source.ids());
    int[] ids = new int[limit];
    float[] scores = new float[limit];
    int token = Vocabulary.START;
    int steps = 0;
    Map<String, INDArray> in = new HashMap<>();
    String[] outputs =
        gru
            ? new String[] {ReferenceGraphs.SCORES, ReferenceGraphs.BEST, ReferenceGraphs.H_OUT}
            : new String[] {
              ReferenceGraphs.SCORES,
              ReferenceGraphs.BEST,
              ReferenceGraphs.H_OUT,
              ReferenceGraphs.C_OUT
            };
    while (steps < limit) {
      in.put(ReferenceGraphs.TOKEN, Nd4j.createFromArray(new int[] {token}));
      in.put(ReferenceGraphs.H_IN, state[0]);
      if (!gru) {
        in.put(ReferenceGraphs.C_IN, state[1]);
      }
      Map<String, INDArray> out = decoderStep.output(in, outputs);
      int best = out.get(ReferenceGraphs.BEST).getInt(0);
      ids[steps] = best;
      scores[steps] = out.get(ReferenceGraphs.SCORES).getFloat(0, best);
      steps++;
      state =
          new INDArray[] {
            out.get(ReferenceGraphs.H_OUT), gru ? null : out.get(ReferenceGraphs.C_OUT)
          };
      if (best == Vocabulary.END) {
        break;
      }
      token = best;
    }
    int[] emitted = Arrays.copyOf(ids, steps);
    boolean ended = steps > 0 && emitted[steps - 1] == Vocabulary.END;
    return new Decoded(
        bundle.targetVocabulary().decode(emitted, steps),
        emitted,
        Arrays.copyOf(scores, steps),
        !ended);
  }

  /** Final encoder state {h, c} ({c} null for GRU); zeros for an empty source. */
  private INDArray[] encode(int[] source) {
    if (source.length == 0) {
      INDArray zeros = Nd4j.zeros(DataType.FLOAT, 1, hidden);
      return new INDArray[] {zeros, gru ? null : zeros.dup()};
    }
    SameDiff encoder =
        encoders.computeIfAbsent(source.length, n -> graphs.encoder(bundle.encoder(), n));
    Map<String, INDArray> in = Map.of(ReferenceGraphs.SOURCE, ReferenceGraphs.ids(source));
    if (gru) {
      return new INDArray[] {
        encoder.output(in, ReferenceGraphs.H_OUT).get(ReferenceGraphs.H_OUT), null
      };
    }
    Map<String, INDArray> out = encoder.output(in, ReferenceGraphs.H_OUT, ReferenceGraphs.C_OUT);
    return new INDArray[] {out.get(ReferenceGraphs.H_OUT), out.get(ReferenceGraphs.C_OUT)};
  }
}
