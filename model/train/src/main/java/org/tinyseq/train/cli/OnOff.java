package org.tinyseq.train.cli;

/** The value of a {@code --memory on|off} option. */
enum OnOff {
  ON,
  OFF;

  boolean on() {
    return this == ON;
  }
}
