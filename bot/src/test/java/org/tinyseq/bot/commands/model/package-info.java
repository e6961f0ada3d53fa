/** Tests of the JDA-free command handlers. */
package org.tinyseq.bot.commands.model;
