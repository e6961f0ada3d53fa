package org.tinyseq.serve.decode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic batching over one {@link GreedyDecoder}: requests submitted concurrently are decoded
 * together, so each step streams the weights once for the whole batch.
 *
 * <p>A worker takes the oldest queued request, then gathers more until it holds {@code maxBatch} or
 * {@code maxWait} has passed since it took the first, and decodes them in one {@link
 * GreedyDecoder#decodeBatch} call per distinct {@code maxSteps}, with the configured beam size.
 * Requests already queued are taken without waiting, and the worker waits for more only under
 * concurrent load, i.e. while another worker is decoding: a lone request on an idle batcher is
 * decoded at once, so {@code maxWait} costs nothing at low traffic. At most {@code queueCapacity}
 * requests wait; beyond that {@link #submit} returns a future already failed with {@link
 * BusyException}. A request may carry a deadline ({@link #submit(SourceIds, int, Duration)}): if no
 * worker has taken it by then, it leaves the queue (its place is free again) and its future fails
 * with a {@link TimeoutException}, so a decode nobody waits for any more is never started. Requests
 * whose future was completed or cancelled otherwise before a worker took them are skipped too. A
 * decode a worker has started runs to its end. {@link #close} refuses new requests, lets the
 * workers finish everything queued, then stops them. A worker survives anything a batch throws,
 * {@link Error}s included: that batch's futures fail, the next batch is decoded as usual.
 */
public final class DecodeBatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DecodeBatcher.class);
  private static final Request STOP = new Request(null, 0, null);
  // Runs the deadline task on the JDK's own delay thread (as orTimeout does): it only moves a
  // request out of the queue, so it needs no pool of its own.
  private static final java.util.concurrent.Executor ON_DELAY_THREAD = Runnable::run;

  private final GreedyDecoder decoder;
  private final BatcherConfig config;
  private final IntConsumer onBatch;
  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicInteger decoding = new AtomicInteger();
  private final List<Thread> workers = new ArrayList<>();
  private final Object lifecycle = new Object();
  private boolean closed;

  public DecodeBatcher(GreedyDecoder decoder, BatcherConfig config) {
    this(decoder, config, size -> {});
  }

  /**
   * @param onBatch called on the worker thread with the size of each batch just before it is
   *     decoded (for metrics)
   */
  public DecodeBatcher(GreedyDecoder decoder, BatcherConfig config, IntConsumer onBatch) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.config = Objects.requireNonNull(config, "config");
    this.onBatch = Objects.requireNonNull(onBatch, "onBatch");
    String name = "decode-" + decoder.bundle().version() + "-";
    for (int i = 0; i < config.threads(); i++) {
      Thread t = new Thread(this::work, name + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  public GreedyDecoder decoder() {
    return decoder;
  }

  /**
   * Queues one decode. The future completes with the result, or exceptionally with {@link
   * BusyException} at once when the queue is full, with {@link IllegalStateException} when the
   * batcher is closed, or with the decoder's exception (e.g. ids outside the vocabulary).
   */
  public CompletableFuture<Decoded> submit(SourceIds source, int maxSteps) {
    return submit(source, maxSteps, null);
  }

  /**
   * {@link #submit(SourceIds, int)} with a deadline: when no worker has taken the request within
   * {@code startWithin} (null: no deadline), it is dropped from the queue and its future fails with
   * a {@link TimeoutException}.
   */
  public CompletableFuture<Decoded> submit(SourceIds source, int maxSteps, Duration startWithin) {
    Objects.requireNonNull(source, "source");
    CompletableFuture<Decoded> future = new CompletableFuture<>();
    synchronized (lifecycle) {
      if (closed) {
        future.completeExceptionally(new IllegalStateException("decoder batcher is closed"));
        return future;
      }
      if (queued.incrementAndGet() > config.queueCapacity()) {
        queued.decrementAndGet();
        future.completeExceptionally(new BusyException());
        return future;
      }
      Request r = new Request(source, maxSteps, future);
      queue.add(r);
      if (startWithin != null) {
        CompletableFuture.delayedExecutor(
                startWithin.toNanos(), TimeUnit.NANOSECONDS, ON_DELAY_THREAD)
            .execute(() -> expire(r, startWithin));
      }
    }
    return future;
  }

  /** The deadline of a request no worker took: out of the queue, its future failed. */
  private void expire(Request r, Duration startWithin) {
    if (r.claim()) {
      if (queue.remove(r)) {
        queued.decrementAndGet();
      }
      r.future.completeExceptionally(
          new TimeoutException("no decoder thread took the request within " + startWithin));
    }
  }

  /** Requests waiting for a worker (not counting those being decoded). */
  public int queueDepth() {
    return queued.get();
  }

  /** Batches decoded so far. */
  public long batches() {
    return batches.get();
  }

  /** Refuses new requests, waits until every queued request is decoded, then stops the workers. */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (!closed) {
        closed = true;
        for (int i = 0; i < workers.size(); i++) {
          queue.add(STOP); // behind every accepted request: FIFO
        }
      }
    }
    boolean interrupted = false;
    for (Thread t : workers) {
      while (t.isAlive() && Thread.currentThread() != t) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void work() {
    List<Request> batch = new ArrayList<>(config.maxBatch());
    boolean stop = false;
    while (!stop) {
      batch.clear();
      try {
        stop = gather(batch);
      } catch (InterruptedException e) {
        stop = true; // only close() stops workers; an interrupt ends this one after its batch
      }
      if (!batch.isEmpty()) {
        decoding.incrementAndGet();
        List<Runnable> completions;
        try {
          completions = run(batch);
        } catch (Throwable t) {
          // Anything, an Error included (an OutOfMemoryError in a small container): every
          // future of the batch fails now, this worker lives on, and no caller waits forever.
          log.error(
              "Decode batch of {} failed; its requests fail, the worker goes on", batch.size(), t);
          completions = failAll(batch, t);
        } finally {
          // before the callers learn their results: one that submits again at once must not
          // mistake this finished batch for concurrent load
          decoding.decrementAndGet();
        }
        for (Runnable c : completions) {
          try {
            c.run();
          } catch (Throwable t) {
            // CompletableFuture runs dependent actions here and captures their exceptions; this
            // is reached only by an Error thrown while completing (e.g. no memory for a node)
            log.error("Completing a decode request failed", t);
          }
        }
      }
    }
  }

  private static List<Runnable> failAll(List<Request> batch, Throwable t) {
    List<Runnable> out = new ArrayList<>(batch.size());
    for (Request r : batch) {
      out.add(() -> r.future.completeExceptionally(t));
    }
    return out;
  }

  /** Fills {@code batch}; returns true when this worker met its stop marker. */
  private boolean gather(List<Request> batch) throws InterruptedException {
    Request first = queue.take();
    if (first == STOP) {
      return true;
    }
    take(batch, first);
    long deadline = System.nanoTime() + config.maxWait().toNanos();
    while (batch.size() < config.maxBatch()) {
      Request next = queue.poll();
      if (next == null) {
        if (decoding.get() == 0) {
          break; // no concurrent load: waiting would only delay a lone request
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        next = queue.poll(left, TimeUnit.NANOSECONDS);
        if (next == null) {
          break;
        }
      }
      if (next == STOP) {
        return true; // only stop markers follow it
      }
      take(batch, next);
    }
    return false;
  }

  private void take(List<Request> batch, Request r) {
    queued.decrementAndGet();
    if (r.claim() && !r.future.isDone()) {
      batch.add(r);
    }
  }

  /** Decodes a batch; returns the completions of its futures, to run once it is over. */
  private List<Runnable> run(List<Request> batch) {
    batches.incrementAndGet();
    List<Runnable> completions = new ArrayList<>(batch.size());
    try {
      onBatch.accept(batch.size());
    } catch (Throwable t) {
      // a metrics callback must not lose requests (nor kill the worker)
      log.warn("Batch callback failed; the batch is decoded all the same", t);
    }
    Map<Integer, List<Request>> bySteps = new LinkedHashMap<>();
    for (Request r : batch) {
      bySteps.computeIfAbsent(r.maxSteps, k -> new ArrayList<>()).add(r);
    }
    for (var group : bySteps.entrySet()) {
      List<Request> rs = group.getValue();
      try {
        List<SourceIds> sources = new ArrayList<>(rs.size());
        rs.forEach(r -> sources.add(r.source));
        List<Decoded> out = decoder.decodeBatch(sources, group.getKey(), config.beamSize());
        for (int i = 0; i < rs.size(); i++) {
          Request r = rs.get(i);
          Decoded d = out.get(i);
          completions.add(() -> r.future.complete(d));
        }
      } catch (RuntimeException e) {
        // one bad request (e.g. ids outside the vocabulary) must not fail its batch mates
        for (Request r : rs) {
          completions.add(decodeAlone(r));
        }
      }
    }
    return completions;
  }

  private Runnable decodeAlone(Request r) {
    try {
      Decoded d = decoder.decode(r.source, r.maxSteps, config.beamSize());
      return () -> r.future.complete(d);
    } catch (RuntimeException e) {
      return () -> r.future.completeExceptionally(e);
    }
  }

  /** One queued decode; taken by exactly one of a worker and its deadline ({@link #claim}). */
  private static final class Request {
    final SourceIds source;
    final int maxSteps;
    final CompletableFuture<Decoded> future;
    private final AtomicBoolean claimed = new AtomicBoolean();

    Request(SourceIds source, int maxSteps, CompletableFuture<Decoded> future) {
      this.source = source;
      this.maxSteps = maxSteps;
      this.future = future;
    }

    boolean claim() {
      return claimed.compareAndSet(false, true);
    }
  }
}
