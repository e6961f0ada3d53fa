/** The message context-menu command "Translate message". */
package org.tinyseq.bot.commands.contextmenu;
