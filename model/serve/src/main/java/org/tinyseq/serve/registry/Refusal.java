package org.tinyseq.serve.registry;

/** A bundle that failed to load, remembered with its fingerprint so it is not retried as is. */
record Refusal(Fingerprint fingerprint, String reason) {}
