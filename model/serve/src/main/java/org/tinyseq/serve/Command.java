package org.tinyseq.serve;

import org.tinyseq.serve.bundle.ModelKind;

/** What a caller asks the service to do; each command is served by the model of its kind. */
public enum Command {
  TRANSLATE(ModelKind.TRANSLATE),
  CHAT(ModelKind.CHAT);

  private final ModelKind kind;

  Command(ModelKind kind) {
    this.kind = kind;
  }

  /** The model kind serving this command, as in the bundle manifest and the models directory. */
  public String kind() {
    return kind.jsonName();
  }
}
