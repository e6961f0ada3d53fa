package org.tinyseq.bot;

/** Entry point of bot.jar (placeholder). */
public final class BotMain {
  private BotMain() {}

  public static void main(String[] args) {
    System.out.println("bot.jar");
  }
}
