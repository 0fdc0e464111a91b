package org.gyrus.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gyrus.nn.Losses;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Activation;
import org.gyrus.nn.layers.Linear;
import org.gyrus.nn.layers.Sequential;
import org.gyrus.nn.optim.Adam;
import org.gyrus.nn.optim.LrSchedule;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** y = sin(x0) + 0.5 x1 on 512 random points. */
    private static Tensor[] data() {
        Random r = new Random(1);
        float[] x = new float[512 * 2];
        float[] y = new float[512];
        for (int i = 0; i < 512; i++) {
            x[2 * i] = (float) (r.nextDouble() * 4 - 2);
            x[2 * i + 1] = (float) (r.nextDouble() * 4 - 2);
            y[i] = (float) (Math.sin(x[2 * i]) + 0.5 * x[2 * i + 1]);
        }
        return new Tensor[] {Tensor.wrap(x, 512, 2), Tensor.wrap(y, 512, 1)};
    }

    private static Sequential model() {
        return new Sequential(new Linear(2, 32, new Random(2)), Activation.tanh(), new Linear(32, 1, new Random(3)));
    }

    @Test
    void learnsAndIsDeterministic() {
        Tensor[] d = data();
        List<EpochReport> reports = new ArrayList<>();
        Trainer trainer = Trainer.of(30, 32, 7).withValidation(0.25).withSchedule(LrSchedule.cosine(0.01, 30, 0.001));
        Sequential m = model();
        History h = trainer.fit(m, d[0], d[1], Losses::mse, new Adam(m.parameters(), 0.01), reports::add);
        assertEquals(History.Stop.COMPLETED, h.stop());
        assertEquals(30, h.trainLoss().size());
        assertEquals(30, reports.size());
        assertEquals(0.01, reports.get(0).learningRate(), 1e-12);
        assertTrue(h.validationLoss().get(29) < 0.1 * h.validationLoss().get(0),
                "validation loss falls: " + h.validationLoss());
        Sequential m2 = model();
        History h2 = trainer.fit(m2, d[0], d[1], Losses::mse, new Adam(m2.parameters(), 0.01), null);
        assertEquals(h.trainLoss(), h2.trainLoss());
        assertEquals(h.validationLoss(), h2.validationLoss());
    }

    @Test
    void listenerCancels() {
        Tensor[] d = data();
        Sequential m = model();
        History h = Trainer.of(50, 64, 1).fit(m, d[0], d[1], Losses::mse, new Adam(m.parameters(), 0.01),
                r -> r.epoch() < 3);
        assertEquals(History.Stop.CANCELLED, h.stop());
        assertEquals(3, h.trainLoss().size());
    }

    @Test
    void earlyStoppingRestoresTheBestWeights() {
        Tensor[] d = data();
        Sequential m = model();
        // A learning rate far too high makes the validation loss stop improving quickly.
        History h = Trainer.of(200, 16, 3).withValidation(0.2).withEarlyStopping(3)
                .fit(m, d[0], d[1], Losses::mse, new Adam(m.parameters(), 0.5), null);
        assertEquals(History.Stop.EARLY_STOPPED, h.stop());
        assertEquals(h.bestEpoch() + 3, h.trainLoss().size());
        double best = h.validationLoss().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertEquals(best, h.bestLoss(), 0);
        // The restored weights give the best validation loss again (on the same held-out rows).
        int[] order = Trainer.permutation(512, new Random(3));
        int[] val = java.util.Arrays.copyOfRange(order, 512 - 102, 512);
        double loss;
        try (var ignored = Tensor.noGrad()) {
            loss = Losses.mse(m.forward(Trainer.rows(d[0], val)), Trainer.rows(d[1], val)).item();
        }
        assertEquals(best, loss, 1e-5 * best + 1e-7);
    }
}
