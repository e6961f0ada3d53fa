package org.tinyseq.serve;

/** What a caller asks the service to do; each command is served by the model of its kind. */
public enum Command {
  TRANSLATE("translate"),
  CHAT("chat");

  private final String kind;

  Command(String kind) {
    this.kind = kind;
  }

  /** The model kind serving this command, as in the bundle manifest and the models directory. */
  public String kind() {
    return kind;
  }
}
