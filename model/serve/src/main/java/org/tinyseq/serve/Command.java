package org.tinyseq.serve;

import org.tinyseq.serve.bundle.ModelKind;

/** What a caller asks the service to do; each command is served by the model of its kind. */
public enum Command {
  /** English to Chinese. */
  TRANSLATE(ModelKind.TRANSLATE),
  /** Chinese to English. */
  TRANSLATE_ZH_EN(ModelKind.TRANSLATE_ZH_EN),
  CHAT(ModelKind.CHAT);

  private final ModelKind kind;

  Command(ModelKind kind) {
    this.kind = kind;
  }

  /** The model kind serving this command, as in the bundle manifest and the models directory. */
  public String kind() {
    return kind.jsonName();
  }

  /** Whether this command translates (either direction). */
  public boolean translates() {
    return this != CHAT;
  }
}
