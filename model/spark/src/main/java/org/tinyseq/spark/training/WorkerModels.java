package org.tinyseq.spark.training;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.factory.Nd4j;
import org.tinyseq.train.model.Batch;
import org.tinyseq.train.model.BatchGradients;
import org.tinyseq.train.model.GraphFactory;
import org.tinyseq.train.model.ModelConfig;
import org.tinyseq.train.model.Parameters;
import org.tinyseq.train.training.AdamOptimizer;
import org.tinyseq.train.training.Batcher;
import org.tinyseq.train.training.Threads;

/**
 * The models an executor keeps between rounds: building graphs and allocating arrays once per run
 * instead of once per task. Tasks running at the same time in one executor (or in the driver, on
 * {@code local[N]}) each borrow their own model: the graphs are not thread-safe.
 */
final class WorkerModels {
  /** An explicit GC every this many steps keeps ND4J's off-heap memory flat (as in model.jar). */
  private static final int GC_EVERY = 10;

  private static final Map<WorkerSetup, Queue<Model>> IDLE = new ConcurrentHashMap<>();
  private static final AtomicInteger STEPS = new AtomicInteger();

  static {
    Nd4j.getMemoryManager().togglePeriodicGc(true);
    Nd4j.getMemoryManager().setAutoGcWindow(5000);
  }

  private WorkerModels() {}

  /** One model of a run: its parameters, graphs over them and its own Adam state. */
  static final class Model {
    final WorkerSetup setup;
    final Parameters parameters;
    final GraphFactory graphs;
    final AdamOptimizer optimizer;

    private Model(WorkerSetup setup) {
      ModelConfig config = setup.config();
      this.setup = setup;
      this.parameters = Parameters.initialize(config, 0); // values come from the broadcast
      this.graphs = new GraphFactory(config, parameters);
      this.optimizer = new AdamOptimizer(parameters, setup.learningRate(), setup.clipNorm());
    }

    /** Takes the broadcast values (and, when present, the Adam state). */
    void load(ModelState state) {
      FlatArrays.assign(parameters.arrays().values(), state.parameters());
      if (state.moments() != null) {
        FlatArrays.assign(optimizer.moments().values(), state.moments());
        optimizer.setIteration(state.iteration());
      }
    }

    /**
     * The padded arrays of {@code pairs}, exactly as model.jar's batcher builds them.
     *
     * @param bucketing pad to the batch's own lengths (model.jar always does for validation)
     */
    Batch batch(PairBatch pairs, boolean bucketing) {
      Batcher batcher =
          new Batcher(
              pairs.pairs(),
              pairs.size(),
              bucketing,
              setup.maxSourceLength(),
              setup.maxTargetSteps(),
              graphs);
      int[] all = new int[pairs.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return batcher.batch(all);
    }

    BatchGradients.LossAndGradients gradients(PairBatch pairs) {
      if (STEPS.incrementAndGet() % GC_EVERY == 0) {
        System.gc();
      }
      Batch batch = batch(pairs, setup.bucketing());
      return graphs.graphFor(batch).gradients(batch);
    }

    /** Summed token loss and token count of {@code pairs}, without gradients. */
    ValidationPart.Sum loss(PairBatch pairs) {
      Batch batch = batch(pairs, true);
      return new ValidationPart.Sum(
          graphs.graphFor(batch).loss(batch) * batch.targetTokens(), batch.targetTokens());
    }
  }

  static Model borrow(WorkerSetup setup) {
    // One core per task, as one gradient worker in model.jar. OpenMP's count is a setting of the
    // calling thread, and tasks run on whichever thread of the executor's pool.
    Threads.configure(1);
    Model idle = IDLE.computeIfAbsent(setup, s -> new ConcurrentLinkedQueue<>()).poll();
    return idle != null ? idle : new Model(setup);
  }

  static void giveBack(Model model) {
    IDLE.get(model.setup).add(model);
  }
}
