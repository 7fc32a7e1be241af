package org.relulab.bench.peers;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The full-batch gradient step a PyTorch user writes, in libtorch's C++ API: W and a are leaf tensors
 * that require gradients, trained by {@code torch::optim::SGD}, and each step is
 *
 * <pre>
 * optimizer.zero_grad();                    // set_to_none: the gradients are dropped, backward makes new ones
 * f = relu(X.mm(W.t())).mv(a) / m;          // f(x) = Σ_i (a_i/m) ReLU(w_iᵀx)
 * loss = 0.5 * mse_loss(f, y);              // J = (1/(2n)) Σ_j (f(x_j) − y_j)², relulab's objective
 * loss.backward();                          // autograd
 * optimizer.step();                         // θ ← θ − η∇J under no_grad
 * </pre>
 *
 * the Python {@code f = torch.relu(X @ W.T) @ a / m} and {@code 0.5 * F.mse_loss(f, y)}. The objective is
 * relulab's {@code TwoLayerStep}'s J, so the gradients and the update are the same as relulab's step with
 * {@code GradientDescent(lr)}; {@link #step} returns the mean squared error 2J, the loss relulab's step
 * returns.
 *
 * <p>Every tensor a step makes (Z, H, f, the loss, autograd's graph, the gradients) is released when the step
 * ends, by a JavaCPP {@link PointerScope} around it: libtorch then frees their memory at once, as CPython's
 * reference counting does. Without the scope the Java handles keep them alive until a garbage collection,
 * and every step faults in fresh memory.
 */
final class TorchAutogradStep implements AutoCloseable {
    private final int m;
    private final Tensor x, y, w, a;
    private final TensorVector parameters;
    private final SGDOptions options;
    private final SGD optimizer;
    private final Scalar half = new Scalar(0.5);

    /** Trains copies of the problem's W and a with learning rate {@code lr}. */
    TorchAutogradStep(TorchTwoLayerProblem problem, double lr) {
        m = problem.m;
        x = problem.x;
        y = problem.y;
        w = problem.copyOfW();
        a = problem.copyOfA();
        w.set_requires_grad(true);
        a.set_requires_grad(true);
        parameters = new TensorVector(w, a);
        options = new SGDOptions(lr);
        optimizer = new SGD(parameters, options);
    }

    /** One step: gradients, then the update; returns the mean squared error before the update. */
    @SuppressWarnings("try") // the scope is used by being open: the tensors made inside attach to it
    double step() {
        try (PointerScope scope = new PointerScope()) {
            double mse = gradients();
            optimizer.step();
            return mse;
        }
    }

    /**
     * Drops the last gradients and computes new ones into {@code W.grad()} and {@code a.grad()}; returns
     * the mean squared error. The caller owns the tensors it makes: call it inside a {@link PointerScope}.
     */
    double gradients() {
        optimizer.zero_grad();
        Tensor f = torch.relu(x.mm(w.t())).mv(a).div(new Scalar((double) m));
        Tensor loss = torch.mse_loss(f, y).mul(half);
        loss.backward();
        return 2 * loss.item_double();
    }

    Tensor w() { return w; }

    Tensor a() { return a; }

    @Override
    public void close() {
        optimizer.close();
        options.close();
        parameters.close();
        half.close();
        w.close();
        a.close();
    }
}
