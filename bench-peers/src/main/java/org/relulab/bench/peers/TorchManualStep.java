package org.relulab.bench.peers;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The same gradient step as {@link TorchAutogradStep} as an expert writes it for speed: no autograd, every
 * tensor allocated once here, every operation into a preallocated tensor ({@code mm_out}, {@code mv_out},
 * {@code mul_out}, {@code dot_out}) or in place, and the backward pass written by hand. One step:
 *
 * <pre>
 * H = X·Wᵀ; relu_(H)                       mm_out: the forward GEMM (relulab's fwd shape), ReLU in place
 * c = a/m;  f = H·c − y                    mv_out, sub_
 * mse = (f·f)/n;  r = f/n                  dot_out; r = ∂J/∂f for J = (1/(2n))‖f − y‖²
 * ∇a = Hᵀ·r / m                            mv_out on the transposed view
 * sign_(H)                                 1{Z &gt; 0}, in place: H ≥ 0, so sign(H) is ReLU's derivative
 * ∇W = diag(c)·(1{Z &gt; 0})ᵀ·diag(r)·X       mul_out (n × d), mm_out: the gradient GEMM (relulab's gtx shape)
 * W −= η∇W;  a −= η∇a                      add_ with alpha −η
 * </pre>
 *
 * ∇W = Gᵀ·X with G = (r·cᵀ) ⊙ 1{Z &gt; 0} (relulab's {@code TwoLayerStep}); factoring the outer product out
 * of G leaves one pass over the n × m buffer (sign_) instead of two (forming G, then masking it), and
 * scales X (n × d) and ∇W (m × d) instead. The n × m buffer holds Z, then H, then the mask.
 *
 * <p>No tensor memory is allocated per step. JavaCPP still makes a small Java handle for the tensor each
 * operation returns (a reference to its output, with nothing to free), which {@code -prof gc} counts.
 */
final class TorchManualStep implements AutoCloseable {
    private final int n;
    private final Tensor x, y, w, a;
    /** n × m: Z, H, then 1{Z > 0}. */
    private final Tensor h;
    private final Tensor f, c, gradW, gradA, xr, sumOfSquares;
    /** Views: Wᵀ, Hᵀ, r as an n × 1 column, c as an m × 1 column. */
    private final Tensor wT, hT, rColumn, cColumn;
    private final Scalar invM, invN, minusLr;

    /** Trains copies of the problem's W and a with learning rate {@code lr}. */
    TorchManualStep(TorchTwoLayerProblem problem, double lr) {
        n = problem.n;
        int m = problem.m;
        x = problem.x;
        y = problem.y;
        w = problem.copyOfW();
        a = problem.copyOfA();
        h = torch.empty(n, m);
        f = torch.empty(n);
        c = torch.empty(m);
        gradW = torch.empty(m, problem.d);
        gradA = torch.empty(m);
        xr = torch.empty(n, problem.d);
        sumOfSquares = torch.empty();
        wT = w.t();
        hT = h.t();
        rColumn = f.unsqueeze(1);
        cColumn = c.unsqueeze(1);
        invM = new Scalar(1.0 / m);
        invN = new Scalar(1.0 / n);
        minusLr = new Scalar(-lr);
    }

    /** One step: gradients, then the update; returns the mean squared error before the update. */
    double step() {
        double mse = gradients();
        w.add_(gradW, minusLr);
        a.add_(gradA, minusLr);
        return mse;
    }

    /** The gradients of J into {@link #gradW()} and {@link #gradA()}; returns the mean squared error. */
    double gradients() {
        torch.mm_out(h, x, wT);
        h.relu_();
        c.copy_(a);
        c.mul_(invM);
        torch.mv_out(f, h, c);
        f.sub_(y);
        torch.dot_out(sumOfSquares, f, f);
        double mse = sumOfSquares.item_double() / n;
        f.mul_(invN);
        torch.mv_out(gradA, hT, f);
        gradA.mul_(invM);
        h.sign_();
        torch.mul_out(xr, x, rColumn);
        torch.mm_out(gradW, hT, xr);
        gradW.mul_(cColumn);
        return mse;
    }

    Tensor w() { return w; }

    Tensor a() { return a; }

    Tensor gradW() { return gradW; }

    Tensor gradA() { return gradA; }

    @Override
    public void close() {
        for (Tensor t : new Tensor[] {wT, hT, rColumn, cColumn, h, f, c, gradW, gradA, xr, sumOfSquares, w, a}) {
            t.close();
        }
        invM.close();
        invN.close();
        minusLr.close();
    }
}
