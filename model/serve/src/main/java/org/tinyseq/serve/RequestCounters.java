package org.tinyseq.serve;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answered requests by command and status, produced answers by source; contention-free counters for
 * the hot path.
 */
final class RequestCounters {
  private final LongAdder[][] counts =
      new LongAdder[Command.values().length][Status.values().length];

  RequestCounters() {
    for (LongAdder[] row : counts) {
      for (int i = 0; i < row.length; i++) {
        row[i] = new LongAdder();
      }
    }
  }

  private final LongAdder[][] sources =
      new LongAdder[Command.values().length][AnswerSource.values().length];

  {
    for (LongAdder[] row : sources) {
      for (int i = 0; i < row.length; i++) {
        row[i] = new LongAdder();
      }
    }
  }

  void answered(Command command, AnswerSource source) {
    sources[command.ordinal()][source.ordinal()].increment();
  }

  Map<Command, Map<AnswerSource, Long>> sources() {
    Map<Command, Map<AnswerSource, Long>> out = new EnumMap<>(Command.class);
    for (Command c : Command.values()) {
      Map<AnswerSource, Long> row = new EnumMap<>(AnswerSource.class);
      for (AnswerSource s : AnswerSource.values()) {
        row.put(s, sources[c.ordinal()][s.ordinal()].sum());
      }
      out.put(c, Collections.unmodifiableMap(row));
    }
    return Collections.unmodifiableMap(out);
  }

  void record(Command command, Status status) {
    counts[command.ordinal()][status.ordinal()].increment();
  }

  Map<Command, Map<Status, Long>> snapshot() {
    Map<Command, Map<Status, Long>> out = new EnumMap<>(Command.class);
    for (Command c : Command.values()) {
      Map<Status, Long> row = new EnumMap<>(Status.class);
      for (Status s : Status.values()) {
        row.put(s, counts[c.ordinal()][s.ordinal()].sum());
      }
      out.put(c, Collections.unmodifiableMap(row));
    }
    return Collections.unmodifiableMap(out);
  }
}
