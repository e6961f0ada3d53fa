/**
 * {@code /model info} (versions, validation figures, cache hit rate) and {@code /model reload}
 * (operators only).
 */
package org.tinyseq.bot.commands.model;
