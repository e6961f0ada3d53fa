package org.tinyseq.serve.cache;

import java.util.concurrent.CompletableFuture;

/**
 * The result of {@link ResultCache#get}: the (possibly shared) answer future and whether this call
 * started the decode.
 */
public record Lookup(CompletableFuture<Answer> answer, boolean decodeStarted) {}
