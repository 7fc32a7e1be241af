/**
 * What machine a run or a benchmark ran on: CPU, cores, JDK, OS, git commit; used by run manifests, the
 * command line and the benchmark suite alike.
 */
package org.relulab.training.machine;
