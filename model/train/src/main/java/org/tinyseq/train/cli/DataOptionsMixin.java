package org.tinyseq.train.cli;

import org.tinyseq.train.data.DataOptions;
import picocli.CommandLine.Option;

/** The {@link DataOptions} as command-line flags, with their defaults. */
public final class DataOptionsMixin {
  @Option(
      names = "--split-seed",
      defaultValue = "42",
      description = "seed of the train / validation split (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--validation-fraction",
      defaultValue = "0.1",
      description = "share of distinct sources held out for validation (default: ${DEFAULT-VALUE})")
  double validationFraction;

  @Option(
      names = "--simplified",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "convert Traditional Chinese to Simplified (default: on; --no-simplified)")
  boolean simplified;

  @Option(
      names = "--max-source-chars",
      defaultValue = "60",
      description = "drop pairs with a longer source, 0 = no limit (default: ${DEFAULT-VALUE})")
  int maxSourceChars;

  @Option(
      names = "--max-target-chars",
      defaultValue = "40",
      description = "drop pairs with a longer target, 0 = no limit (default: ${DEFAULT-VALUE})")
  int maxTargetChars;

  @Option(
      names = "--lowercase-share",
      defaultValue = "0",
      paramLabel = "F",
      description =
          "add a lower-cased-source copy of this share of the training pairs that have upper-case"
              + " letters, so lower-cased input is answered too (default: ${DEFAULT-VALUE})")
  double lowercaseShare;

  @Option(
      names = "--reverse",
      description =
          "train the other direction (target -> source) on the same pairs and split: zh->en from"
              + " cmn-eng, reply -> message from a chat corpus; the length limits still apply to"
              + " the corpus's own columns")
  boolean reverse;

  public DataOptions toDataOptions() {
    return new DataOptions(
        seed,
        validationFraction,
        simplified,
        maxSourceChars,
        maxTargetChars,
        lowercaseShare,
        reverse);
  }
}
