/**
 * The papers' experiments as relulab reruns them ({@code relulab reproduce NAME}), one type per paper behind the
 * Experiment interface: LMZ20, ZYWG19, AS21, LMZ20's separation from kernels (beyond-ntk) and ALL19, with their
 * plans and summary tables.
 */
package org.relulab.training.experiment;
