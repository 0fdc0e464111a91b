package org.gyrus.attention.nodes;

import java.util.ArrayList;
import java.util.List;

import org.gyrus.attention.TransformerModel;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Predictions;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;

/** What the attention nodes share: the category, and predictions in the documented layout. */
final class NodeSupport {

    static final String CATEGORY = "Attention";

    private NodeSupport() {
    }

    /**
     * A model's predictions as a predictions table (docs/predictions-table.md): id, true label when
     * known, {@code predicted} and one {@code proba_<class>} column per class; for a regressor id,
     * true value and the numeric {@code predicted} column. Group columns of a table are carried.
     */
    static Table predictions(TransformerModel model, Inputs in) {
        double[][] out = model.predict(in.x());
        Column id = new TextColumn("id", ColumnRole.ID, in.ids().toArray(String[]::new));
        List<Column> extra = in.carried().stream().filter(c -> !c.name().equals("id") && !c.name().equals(Predictions.PREDICTED)
                && !c.name().startsWith(Predictions.PROBABILITY_PREFIX) && (in.label() == null || !c.name().equals(in.label().name()))).toList();
        if (!model.isRegression()) {
            return Predictions.table(id, in.label(), model.classes(), out, extra);
        }
        List<Column> cols = new ArrayList<>();
        cols.add(id);
        if (in.label() != null) {
            cols.add(in.label().withRole(ColumnRole.LABEL));
        }
        cols.add(NumericColumn.wrap(Predictions.PREDICTED, ColumnRole.FEATURE, out[0]));
        cols.addAll(extra);
        return new Table(cols);
    }
}
