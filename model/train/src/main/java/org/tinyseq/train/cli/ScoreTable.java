package org.tinyseq.train.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.tinyseq.train.eval.EvaluationReport;
import org.tinyseq.train.eval.ReplyDiversity;

/** Prints evaluation reports as a small aligned table; chat reports get the diversity columns. */
final class ScoreTable {
  private ScoreTable() {}

  static void header(PrintWriter out) {
    header(out, false);
  }

  static void header(PrintWriter out, boolean chat) {
    out.printf(
        Locale.ROOT, "%-20s %9s %7s %7s %7s", "system", "sentences", "BLEU", "chrF", "exact%");
    if (chat) {
      out.printf(Locale.ROOT, " %7s %7s %7s  %s", "dist-1", "dist-2", "top%", "top reply");
    }
    out.println();
  }

  static void row(PrintWriter out, String system, EvaluationReport report) {
    out.printf(
        Locale.ROOT,
        "%-20s %9d %7.2f %7.2f %7.2f",
        system,
        report.sentences(),
        report.bleu(),
        report.chrF(),
        report.exactMatch());
    ReplyDiversity d = report.diversity();
    if (d != null) {
      out.printf(
          Locale.ROOT,
          " %7.2f %7.2f %7.2f  %s",
          d.distinct1(),
          d.distinct2(),
          d.topReplyShare(),
          shortened(d.topReply()));
    }
    out.println();
  }

  private static String shortened(String reply) {
    String quoted = reply.length() > 40 ? reply.substring(0, 39) + "…" : reply;
    return "\"" + quoted + "\"";
  }
}
