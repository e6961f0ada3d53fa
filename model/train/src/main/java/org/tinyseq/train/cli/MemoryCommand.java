package org.tinyseq.train.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.ModelRef;
import org.tinyseq.train.memory.MemoryBundles;
import org.tinyseq.train.memory.ThresholdChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code model memory}: a new version of a bundle with an example memory and its threshold. */
@Command(
    name = "memory",
    mixinStandardHelpOptions = true,
    description = {
      "Adds an example memory to a bundle: rebuilds its split from the manifest (the corpus must be"
          + " the one it was trained on), builds the memory from the training pairs, chooses the"
          + " threshold on the validation pairs with the bundle's decoder, and writes a new bundle"
          + " version to --out (everything else copied, manifest metrics extended)."
    })
public final class MemoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "<bundle>",
      description = "bundle directory, default:translate or default:chat")
  String model;

  @Mixin CorpusOptions corpus;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "<folder>",
      description = "folder the new bundle version is written into, e.g. models/translate")
  Path out;

  @Option(
      names = "--max-pairs",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "build the memory from at most N training pairs, evenly spaced (default: 0 = all); the"
              + " serving heap holds the memory's index")
  int maxPairs;

  @Option(
      names = "--include-validation",
      description =
          "after choosing the threshold on the validation pairs (with the training-only memory),"
              + " serve a memory of the training and validation pairs")
  boolean includeValidation;

  @Override
  public Integer call() throws Exception {
    if (maxPairs < 0) {
      throw new IllegalArgumentException("--max-pairs must be >= 0, got " + maxPairs);
    }
    Bundle bundle = Models.load(model);
    String command =
        "model.jar memory --model "
            + model
            + " --data "
            + corpus.data()
            + " --out "
            + out
            + (maxPairs > 0 ? " --max-pairs " + maxPairs : "")
            + (includeValidation ? " --include-validation" : "");
    MemoryBundles.Added added =
        MemoryBundles.add(
            bundle,
            ModelRef.source(model),
            corpus.load(),
            out,
            command,
            maxPairs,
            includeValidation);
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        Locale.ROOT,
        "wrote %s (%d memory entries) from %s%n",
        added.bundle(),
        added.entries(),
        bundle.version());
    print(w, added.scores());
    Object estimate = memoryMetrics(added.bundle()).get("otherHalfEstimate");
    if (estimate != null) {
      w.println(
          "served memory holds the validation pairs too; held-out estimate (each half of"
              + " validation answered by a memory with the other half): "
              + estimate);
    }
    w.flush();
    return 0;
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> memoryMetrics(java.nio.file.Path bundle)
      throws Exception {
    var b =
        org.tinyseq.serve.bundle.BundleReader.read(
            org.tinyseq.serve.bundle.BundleSource.directory(bundle));
    return (java.util.Map<String, Object>) b.manifest().metrics().get("memory");
  }

  /** The three systems side by side (used by {@code eval} too). */
  static void print(PrintWriter w, ThresholdChoice.Scores s) {
    if (s == null) {
      w.println("no validation split: threshold 1 (exact matches only)");
      return;
    }
    w.printf(Locale.ROOT, "memory threshold %.4f (chosen on validation)%n", s.threshold());
    w.printf(
        Locale.ROOT,
        "%-28s %9s %7s %7s %7s %9s%n",
        "system",
        "sentences",
        "BLEU",
        "chrF",
        "exact%",
        "memory%");
    row(w, "memory only", s.memoryOnly(), s.memoryCoverage());
    row(w, "decoder only", s.decoderOnly(), 0);
    row(w, "combined", s.combined(), s.memoryShare());
  }

  private static void row(
      PrintWriter w, String name, org.tinyseq.train.eval.EvaluationReport r, double share) {
    w.printf(
        Locale.ROOT,
        "%-28s %9d %7.2f %7.2f %7.2f %9.2f%n",
        name,
        r.sentences(),
        r.bleu(),
        r.chrF(),
        r.exactMatch(),
        share);
  }
}
