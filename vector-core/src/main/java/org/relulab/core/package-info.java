/**
 * relulab's compute kernels over off-heap {@link java.lang.foreign.MemorySegment}s: GEMM in every transpose form
 * (BLIS stages: packing, macro-kernel, micro-kernel), batched GEMM, activations and their backward passes,
 * reductions, kernel functions for kernel methods, a blocked Cholesky and a ridge solver. {@link
 * org.relulab.core.Kernels} is the facade: it checks arguments and delegates to one provider, the Vector API
 * implementation or its plain-Java twin, chosen once by {@link org.relulab.core.Provider#lookup()}. Memory belongs to a
 * {@link org.relulab.core.Workspace}.
 */
package org.relulab.core;
