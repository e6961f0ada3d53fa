package org.tinyseq.train.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.Manifest;
import org.tinyseq.serve.bundle.Tensor;
import org.tinyseq.serve.text.Vocabulary;

/**
 * Converts trained {@link Parameters} to the bundle's tensors. The training graphs keep every
 * kernel in the bundle's layout already (row-vector convention, x·kernel; LSTM gates i, f, g, o;
 * GRU r, z, n; both checked against the bundle arithmetic by tests), so the conversion only strips
 * the graph prefix and copies the values out in row-major order.
 */
public final class BundleTensors {
  private BundleTensors() {}

  public static List<Tensor> encoder(Parameters parameters) {
    return graph(parameters, ParameterNames.ENCODER);
  }

  public static List<Tensor> decoder(Parameters parameters) {
    return graph(parameters, ParameterNames.DECODER);
  }

  private static List<Tensor> graph(Parameters parameters, String prefix) {
    List<Tensor> out = new ArrayList<>();
    for (Map.Entry<String, INDArray> e : parameters.arrays().entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      INDArray a = e.getValue().castTo(DataType.FLOAT).dup('c');
      long[] shape = a.shape();
      int[] intShape = new int[shape.length];
      for (int i = 0; i < shape.length; i++) {
        intShape[i] = Math.toIntExact(shape[i]);
      }
      out.add(
          new Tensor(
              e.getKey().substring(prefix.length()),
              intShape,
              a.reshape(a.length()).toFloatVector()));
    }
    return out;
  }

  /** A bundle in memory (not written anywhere), e.g. to evaluate with the serving decoder. */
  public static Bundle inMemory(
      Manifest manifest, Vocabulary source, Vocabulary target, Parameters parameters) {
    return new Bundle(
        manifest,
        source,
        target,
        byName(encoder(parameters)),
        byName(decoder(parameters)),
        "memory:" + manifest.version());
  }

  private static Map<String, Tensor> byName(List<Tensor> tensors) {
    Map<String, Tensor> m = new LinkedHashMap<>();
    tensors.forEach(t -> m.put(t.name(), t));
    return m;
  }
}
