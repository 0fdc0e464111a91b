package org.gyrus.evaluate.nodes;

import java.util.ArrayList;
import java.util.List;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.evaluate.Estimate;
import org.gyrus.evaluate.EvaluationTables;
import org.gyrus.evaluate.MulticlassEvaluation;

/** A one-vs-rest evaluation as a table: per class and average, each metric with its interval. */
final class MulticlassTable {

    private MulticlassTable() {
    }

    static Table of(MulticlassEvaluation m) {
        List<String> cls = new ArrayList<>();
        List<Double> support = new ArrayList<>();
        List<Estimate> est = new ArrayList<>();
        for (int c = 0; c < m.classes().size(); c++) {
            for (Estimate e : m.perClass().get(c)) {
                cls.add(m.classes().get(c));
                support.add((double) m.support()[c]);
                est.add(e);
            }
        }
        for (List<Estimate> avg : List.of(m.macro(), m.weighted())) {
            for (Estimate e : avg) {
                cls.add(avg == m.macro() ? "macro average" : "weighted average");
                support.add((double) m.rows());
                est.add(e);
            }
        }
        cls.add("all");
        support.add((double) m.rows());
        est.add(m.accuracy());
        Table t = EvaluationTables.estimates(est);
        return Table.of(new TextColumn("class", ColumnRole.GROUP, cls.toArray(String[]::new)),
                new NumericColumn("rows", support.stream().mapToDouble(Double::doubleValue).toArray()),
                t.column("metric").withRole(ColumnRole.FEATURE), t.column("estimate"), t.column("lower"), t.column("upper"), t.column("method"),
                t.column("note"));
    }
}
