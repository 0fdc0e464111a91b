package org.gyrus.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Wilson intervals equal statsmodels' proportion_confint(method="wilson") (testdata/wilson.json, gen_wilson.py). */
class ProportionTest {

    @Test
    @SuppressWarnings("unchecked")
    void wilsonIntervalsEqualStatsmodels() {
        List<Object> cases = (List<Object>) Reference.json("wilson.json").get("cases");
        for (Object o : cases) {
            Map<String, Object> c = (Map<String, Object>) o;
            Proportion p = new Proportion(((Number) c.get("successes")).intValue(), ((Number) c.get("trials")).intValue());
            double[] ci = p.wilson(Reference.number(c, "level"));
            assertEquals(Reference.number(c, "low"), ci[0], 1e-9, c.toString());
            assertEquals(Reference.number(c, "high"), ci[1], 1e-9, c.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> new Proportion(3, 2));
        assertEquals(Double.NaN, new Proportion(0, 0).rate());
    }
}
