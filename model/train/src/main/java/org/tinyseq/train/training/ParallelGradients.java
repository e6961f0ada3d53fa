package org.tinyseq.train.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tinyseq.train.model.Batch;
import org.tinyseq.train.model.BatchGradients.LossAndGradients;
import org.tinyseq.train.model.GraphFactory;
import org.tinyseq.train.model.ModelConfig;
import org.tinyseq.train.model.Parameters;

/**
 * Computes a batch's loss and gradients with several workers: the batch's rows are cut into
 * contiguous parts, each worker runs its own graphs (SameDiff graphs are not thread-safe) over the
 * shared parameters on one native thread, and the parts' gradients are summed weighted by their
 * target tokens, which is exactly the gradient of the whole batch's token-mean loss.
 *
 * <p>Why not ND4J's own threads: on this project's model sizes its ops are too small to split well,
 * and two native threads on one graph measured slower than one; one graph per core is 1.4-1.6x
 * faster than one graph (docs/training.md).
 */
public final class ParallelGradients implements AutoCloseable {
  private final List<GraphFactory> graphs = new ArrayList<>();
  private final ExecutorService pool;

  /**
   * @param workers threads, each with its own graphs; 1 computes on the calling thread
   */
  public ParallelGradients(ModelConfig config, Parameters parameters, int workers) {
    this(config, parameters, workers, false);
  }

  /**
   * @param libraryLstm compute with ND4J's own LSTM op (the throughput benchmark's baseline)
   */
  public ParallelGradients(
      ModelConfig config, Parameters parameters, int workers, boolean libraryLstm) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    for (int i = 0; i < workers; i++) {
      graphs.add(new GraphFactory(config, parameters, libraryLstm));
    }
    pool =
        workers == 1
            ? null
            : Executors.newFixedThreadPool(
                workers,
                r -> {
                  Runnable oneNativeThread =
                      () -> {
                        Threads.configure(1); // OpenMP's count is per calling thread
                        r.run();
                      };
                  Thread t = new Thread(oneNativeThread, "gradient-worker");
                  t.setDaemon(true);
                  return t;
                });
  }

  /** The first worker's graphs (what a {@link Batcher} needs to know about padding). */
  public GraphFactory graphs() {
    return graphs.get(0);
  }

  public int workers() {
    return graphs.size();
  }

  /** Token-mean loss and its gradients over the rows {@code indices} of {@code batcher}. */
  public LossAndGradients gradients(Batcher batcher, int[] indices) {
    List<LossAndGradients> parts = run(indices, (part, g) -> part(batcher, part, g));
    if (parts.size() == 1) {
      return parts.get(0);
    }
    int tokens = parts.stream().mapToInt(LossAndGradients::targetTokens).sum();
    double loss = 0;
    Map<String, INDArray> sum = new HashMap<>();
    for (LossAndGradients p : parts) {
      double weight = (double) p.targetTokens() / tokens;
      loss += p.loss() * weight;
      for (Map.Entry<String, INDArray> e : p.gradients().entrySet()) {
        INDArray g = e.getValue().muli(weight);
        INDArray total = sum.get(e.getKey());
        if (total == null) {
          sum.put(e.getKey(), g);
        } else {
          total.addi(g);
        }
      }
    }
    return new LossAndGradients(loss, sum, tokens);
  }

  /** Summed (not averaged) token loss and the token count over the rows {@code indices}. */
  public LossSum loss(Batcher batcher, int[] indices) {
    List<LossSum> parts =
        run(
            indices,
            (part, g) -> {
              Batch batch = batcher.batch(part);
              return new LossSum(
                  g.graphFor(batch).loss(batch) * batch.targetTokens(), batch.targetTokens());
            });
    return new LossSum(
        parts.stream().mapToDouble(LossSum::sum).sum(),
        parts.stream().mapToLong(LossSum::tokens).sum());
  }

  /**
   * @param sum summed per-token cross-entropy
   * @param tokens tokens counted
   */
  public record LossSum(double sum, long tokens) {}

  private static LossAndGradients part(Batcher batcher, int[] rows, GraphFactory graphs) {
    Batch batch = batcher.batch(rows);
    return graphs.graphFor(batch).gradients(batch);
  }

  private interface PartTask<T> {
    T apply(int[] rows, GraphFactory graphs);
  }

  /** Runs {@code task} on each worker's share of the rows; results in worker order. */
  private <T> List<T> run(int[] indices, PartTask<T> task) {
    int parts = Math.min(graphs.size(), indices.length);
    if (parts <= 1) {
      return List.of(task.apply(indices, graphs.get(0)));
    }
    List<Future<T>> futures = new ArrayList<>();
    for (int w = 0; w < parts; w++) {
      int[] rows =
          Arrays.copyOfRange(indices, w * indices.length / parts, (w + 1) * indices.length / parts);
      GraphFactory g = graphs.get(w);
      futures.add(pool.submit(() -> task.apply(rows, g)));
    }
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) {
      out.add(join(f));
    }
    return out;
  }

  private static <T> T join(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing gradients", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
