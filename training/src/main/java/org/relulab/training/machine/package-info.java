/**
 * What machine a run or a benchmark ran on: CPU, cores, JDK, OS, git commit; used by run manifests, the
 * command line and the benchmark suite alike. And the memory a run must fit in ({@link
 * org.relulab.training.machine.MemoryLimits}: physical memory, the container's cgroup limit, the JVM's heap).
 */
package org.relulab.training.machine;
