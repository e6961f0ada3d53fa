package org.tinyseq.train.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.tinyseq.train.eval.EvaluationReport;

/** Prints evaluation reports as a small aligned table. */
final class ScoreTable {
  private ScoreTable() {}

  static void header(PrintWriter out) {
    out.printf(
        Locale.ROOT, "%-20s %9s %7s %7s %7s%n", "system", "sentences", "BLEU", "chrF", "exact%");
  }

  static void row(PrintWriter out, String system, EvaluationReport report) {
    out.printf(
        Locale.ROOT,
        "%-20s %9d %7.2f %7.2f %7.2f%n",
        system,
        report.sentences(),
        report.bleu(),
        report.chrF(),
        report.exactMatch());
  }
}
