package org.tinyseq.train.cli;

/** Entry point of model.jar (placeholder until the command line lands). */
public final class ModelCli {
  private ModelCli() {}

  public static void main(String[] args) {
    System.out.println("model.jar");
  }
}
