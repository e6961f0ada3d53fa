package org.tinyseq.bot.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/** The process's resident set size from {@code /proc/self/status} (Linux). */
final class ResidentMemory {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private ResidentMemory() {}

  /** Resident bytes, or NaN where the figure is not available. */
  static double bytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          // "VmRSS:     123456 kB"
          String kb = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
          return Long.parseLong(kb) * 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or an unexpected format: report "unknown", and say why once
      if (WARNED.compareAndSet(false, true)) {
        LoggerFactory.getLogger(ResidentMemory.class)
            .info(
                "Resident memory is not available here ({}); the gauge reports NaN", e.toString());
      }
    }
    return Double.NaN;
  }
}
