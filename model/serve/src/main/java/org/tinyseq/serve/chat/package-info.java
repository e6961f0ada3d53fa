/**
 * The chat answer path: human replies retrieved for messages like the asked one, replies the
 * decoder generates, and one scorer that reads both ways (the chat model's {@code log p(T|S)} and a
 * reverse model's {@code log p(S|T)}) to choose among them.
 */
package org.tinyseq.serve.chat;
