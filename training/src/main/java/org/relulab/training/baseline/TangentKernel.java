package org.relulab.training.baseline;

import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;

/**
 * The finite-width tangent kernel K(x, x′) = ⟨∇_θF(x; θ₀), ∇_θF(x′; θ₀)⟩ of an ALL19 network over its trained blocks
 * ({@link TangentFeatures}): K = Σ_l (Δ_lΔ_lᵀ) ⊙ (A_lA_lᵀ) + H_LH_Lᵀ/m_L, computed a block of rows at a time, two
 * GEMMs per layer and an element-wise product, without the n × p Jacobian. With the output layer alone trained it is
 * the conjugate kernel of the network's random features.
 */
public final class TangentKernel implements GramKernel {
    /** Rows of the kernel matrix per block: the two temporaries are ROWS × n floats. */
    private static final int ROWS = 512;

    private final TangentFeatures features;

    public TangentKernel(TangentFeatures features) {
        this.features = features;
    }

    @Override
    public String describe() {
        return "finite-width tangent kernel: " + features.describe();
    }

    @Override
    public void trainGram(Kernels k, Matrix x, Matrix out) {
        crossGram(k, x, x, out);
    }

    @Override
    public void crossGram(Kernels k, Matrix a, Matrix b, Matrix out) {
        if (out.rows() != a.rows() || out.cols() != b.rows()) {
            throw new IllegalArgumentException("TangentKernel: out is " + out.shape() + " for " + a.rows() + " x "
                    + b.rows() + " points (expected " + a.rows() + "x" + b.rows() + ")");
        }
        int n = b.rows(), rows = Math.min(ROWS, a.rows());
        long bytes = 2 * MemoryBudget.matrixBytes(rows, n);
        MemoryBudget.require("TangentKernel: two " + rows + " x " + n + " blocks need " + MemoryBudget.gb(bytes), bytes,
                MemoryBudget.physicalBytes());
        // The passes over a and b and the two row-block temporaries, freed when the call returns.
        try (Workspace tmp = Workspace.shared()) {
            TangentFeatures.Pass pa = features.pass(k, tmp, a), pb = a == b ? pa : features.pass(k, tmp, b);
            Matrix t1 = tmp.matrix(rows, n), t2 = tmp.matrix(rows, n);
            for (int from = 0; from < a.rows(); from += rows) {
                int to = Math.min(from + rows, a.rows());
                Matrix block = out.rows(from, to), u = t1.rows(0, to - from), v = t2.rows(0, to - from);
                if (pa.top() != null) {
                    k.gemm(false, true, 1f, pa.top().rows(from, to), pb.top(), 0f, block); // H_LH_Lᵀ/m_L
                } else {
                    block.fill(0f);
                }
                for (int l = 0; pa.deltas() != null && l < pa.deltas().length; l++) {
                    k.gemm(false, true, 1f, pa.deltas()[l].rows(from, to), pb.deltas()[l], 0f, u); // Δ_lΔ_lᵀ
                    k.gemm(false, true, 1f, pa.inputs()[l].rows(from, to), pb.inputs()[l], 0f, v); // A_lA_lᵀ
                    k.multiply(u, v, u);
                    k.add(block, u, block);
                }
            }
        }
    }
}
