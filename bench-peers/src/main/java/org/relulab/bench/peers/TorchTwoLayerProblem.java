package org.relulab.bench.peers;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The training problem of relulab's TrainStepBenchmark as float32 libtorch tensors: data X (n × d) and y (n)
 * drawn from N(0, 1), and a two-layer ReLU network f(x) = Σ_i (a_i/m) ReLU(w_iᵀx) (relulab's
 * {@code OutputLayer.MEAN}) with W (m × d, neurons as rows) from N(0, 1/d) and a (m) from N(0, 1), the
 * distributions of relulab's {@code Initialization.GAUSSIAN} at scale 1; the values come from libtorch's
 * generator. A step copies W and a ({@link #copyOfW}, {@link #copyOfA}) and trains its copies.
 *
 * <p>The tensors are libtorch's (its CPU allocator's memory, freed when the last handle goes); the Java
 * handles live as long as this object and are released by {@link #close}.
 */
final class TorchTwoLayerProblem implements AutoCloseable {
    final int n, d, m;
    final Tensor x, y, w, a;

    @SuppressWarnings("try") // the scope is used by being open: the Scalar made inside attaches to it
    TorchTwoLayerProblem(int n, int d, int m, long seed) {
        if (n < 1 || d < 1 || m < 1) {
            throw new IllegalArgumentException("n = " + n + ", d = " + d + ", m = " + m + ": expected all >= 1");
        }
        this.n = n;
        this.d = d;
        this.m = m;
        torch.manual_seed(seed);
        x = torch.randn(n, d);
        y = torch.randn(n);
        w = torch.randn(m, d);
        a = torch.randn(m);
        try (PointerScope scope = new PointerScope()) { // the handle div_ returns
            w.div_(new Scalar(Math.sqrt(d)));
        }
    }

    /** A new tensor with W's values. */
    Tensor copyOfW() {
        return w.clone();
    }

    /** A new tensor with a's values. */
    Tensor copyOfA() {
        return a.clone();
    }

    @Override
    public void close() {
        x.close();
        y.close();
        w.close();
        a.close();
    }
}
