/** JMH micro-benchmarks of the serving service (compiled and run only with -Pbench). */
package org.tinyseq.serve.bench;
