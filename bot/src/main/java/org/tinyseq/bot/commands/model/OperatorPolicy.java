package org.tinyseq.bot.commands.model;

import java.util.Set;

/**
 * Who may run operator commands: the configured user ids, and (when enabled) members holding
 * Discord's Manage Server permission in the guild they ask from.
 */
public final class OperatorPolicy {
  private final Set<String> operatorIds;
  private final boolean guildManagersAreOperators;

  public OperatorPolicy(Set<String> operatorIds, boolean guildManagersAreOperators) {
    this.operatorIds = Set.copyOf(operatorIds);
    this.guildManagersAreOperators = guildManagersAreOperators;
  }

  /**
   * @param managesGuild the asker has Manage Server where they ask (false in direct messages)
   */
  public boolean isOperator(String userId, boolean managesGuild) {
    return operatorIds.contains(userId) || (guildManagersAreOperators && managesGuild);
  }
}
