package org.relulab.training.optim;

import java.util.Locale;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.step.LearnerStep;
import org.relulab.training.step.TwoLayerStep;
import org.relulab.training.student.Learner;
import org.relulab.training.student.TwoLayerStudent;

/**
 * AS21's regularized gradient descent with a norm-dependent step size, in the form of Chizat's conic particle
 * gradient descent (Chizat 2019, "Sparse optimization on measures with over-parameterized gradient descent").
 * AS21's own update could not be read (docs/papers.md marks it "(?)"); this is the closest defensible choice, stated
 * in full here and in results/reproduce/README.md.
 *
 * <p>The student f(x) = Σ_i c_i σ(w_iᵀx), c_i = s·a_i (s = 1/m for the mean output, 1/√m for sqrt), σ a
 * 1-homogeneous activation (ReLU), is the measure μ = Σ_i c_i‖w_i‖ δ_{w_i/‖w_i‖} on the sphere. Objective:
 * <pre>
 *   G = J + λ·|μ|,   J = (1/2n) Σ_k (f(x_k) − y_k)²,   |μ| = Σ_i s·|a_i|·‖w_i‖ (the path norm, μ's total variation)
 * </pre>
 * so minimizing over the network is the sparse (BLASSO) problem over measures. The step of each neuron's two
 * parameters is scaled by the ratio of its norms:
 * <pre>
 *   a_i ← a_i − η·|a_i|/(s‖w_i‖)·∂G/∂a_i  =  a_i·(1 − η(sign(a_i)·J'(θ_i) + λ))
 *   w_i ← w_i − η·‖w_i‖/(s|a_i|)·∂G/∂w_i  =  (1 − ηλ)·w_i − η·sign(a_i)·‖w_i‖·∇J'(θ_i)
 * </pre>
 * with θ_i = w_i/‖w_i‖ and J'(θ) = (1/n) Σ_k (f(x_k) − y_k) σ(θᵀx_k) the first variation of J at μ. So a
 * neuron's direction moves at the angular speed η·|∇^⊥J'(θ_i)| and its mass c_i‖w_i‖ is multiplied by
 * (1 − η(sign·J' + λ))², whatever its norm and whatever the split of that norm between a_i and w_i: the update
 * of μ is invariant under the rescaling (a_i, w_i) → (t·a_i, w_i/t). That is conic particle gradient descent on
 * μ (mass and position steps in Chizat's notation α = η/2, β = η), a Wasserstein–Fisher–Rao discretization.
 * A balanced neuron (|a_i| = ‖w_i‖) takes exactly the plain gradient step with learning rate η/s (η·m for the
 * mean output), the λ term then being weight decay (λ/2)·s·(a_i² + ‖w_i‖²), which equals λ·s·|a_i|‖w_i‖ at balance.
 *
 * <p>The norms are those of the forward pass that produced the gradient (as in {@link TruncatedGradientDescent}).
 * A neuron with a_i = 0 or ‖w_i‖² below the smallest normal float carries no mass: it only decays.
 */
public final class ConicParticleGradientDescent implements Optimizer {
    private final float lr;
    private final double lambda;
    /** Per-neuron factors −η‖w_i‖/(s|a_i|) of the W step (m × 1), refilled every step. */
    private final Matrix wFactors;

    /**
     * @param ws     owner of the per-neuron factor buffer (lives as long as the run's workspace)
     * @param m      student width
     * @param lr     η, the step of the neurons' directions and of the masses' logarithm (see above)
     * @param lambda λ ≥ 0, the weight of the path norm |μ|
     */
    public ConicParticleGradientDescent(Workspace ws, int m, double lr, double lambda) {
        if (!(lr > 0) || Double.isInfinite(lr))
            throw new IllegalArgumentException("lr = " + lr + ": expected a positive number");
        if (!(lambda >= 0) || !(lr * lambda < 1)) {
            throw new IllegalArgumentException(
                    "reg lambda = " + lambda + " at lr = " + lr + ": expected at least 0 with lr × lambda below 1");
        }
        this.lr = (float) lr;
        this.lambda = lambda;
        wFactors = ws.column(m);
    }

    @Override
    public void update(Kernels k, Learner learner, LearnerStep step0, long step) {
        if (!(learner instanceof TwoLayerStudent s) || !(step0 instanceof TwoLayerStep grads)
                || !s.output.trainable()) {
            throw new IllegalArgumentException(
                    "conic particle GD (AS21) moves a two-layer student with a trained output layer "
                            + "(mean or sqrt); got " + learner.describe());
        }
        double scale = s.output.scale(s.m);
        float decay = (float) (1 - lr * lambda);
        Matrix norms2 = grads.norms2(), gradA = grads.gradA;
        for (int i = 0; i < s.m; i++) {
            float n2 = norms2.get(i, 0), ai = s.a.get(0, i);
            double norm = Math.sqrt(n2), absA = Math.abs(ai);
            boolean massive = n2 >= Float.MIN_NORMAL && absA > 0;
            float aStep = massive ? (float) (lr * absA / (scale * norm)) : 0f;
            wFactors.set(i, 0, massive ? (float) (-lr * norm / (scale * absA)) : 0f);
            s.a.set(0, i, decay * ai - aStep * gradA.get(0, i));
        }
        if (decay != 1f) k.scale(decay, s.w, s.w);
        k.axpyRows(wFactors, grads.gradW, s.w);
    }

    /** λ·|μ| = λ·Σ_i s|a_i|‖w_i‖ for the student's current weights: add it to J for the objective G. */
    public double penalty(TwoLayerStudent s) {
        double scale = s.output.scale(s.m), sum = 0;
        for (int i = 0; i < s.m; i++) {
            double n2 = 0;
            for (int j = 0; j < s.d; j++) n2 += (double) s.w.get(i, j) * s.w.get(i, j);
            sum += Math.abs(s.a.get(0, i)) * Math.sqrt(n2);
        }
        return lambda * scale * sum;
    }

    public double lambda() { return lambda; }

    @Override
    public String describe() {
        return String.format(Locale.ROOT,
                "conic particle gradient descent (AS21 norm-dependent steps, Chizat 2019), lr %s, "
                        + "path-norm lambda %s",
                lr, lambda);
    }
}
