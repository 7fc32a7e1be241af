/**
 * Kernel methods as baselines: kernel ridge regression (KernelRidge) with the NTK of the two- and three-layer
 * networks, the arc-cosine kernels κ0 and κ1 and finite-width random features. "Kernel" elsewhere in relulab means
 * the compute kernels of vector-core only.
 */
package org.relulab.training.baseline;
