/** {@code /translate text:<string> [private:<boolean>]}: English to Chinese. */
package org.tinyseq.bot.commands.translate;
