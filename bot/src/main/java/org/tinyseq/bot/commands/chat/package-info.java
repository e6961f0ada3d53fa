/** {@code /chat message:<string>}: a reply from the chat model. */
package org.tinyseq.bot.commands.chat;
