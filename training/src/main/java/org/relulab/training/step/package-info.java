/**
 * The forward and backward passes of each learner on a batch, every buffer allocated once: TwoLayerStep (the
 * LMZ20/ZYWG19 student), ReluNetworkStep (ALL19's networks), LinearizedStep (their NTK linearizations).
 */
package org.relulab.training.step;
