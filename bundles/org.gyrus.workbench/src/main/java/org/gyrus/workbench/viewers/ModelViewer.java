package org.gyrus.workbench.viewers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.nn.io.TensorData;

/**
 * The model summary: the artifact's kind and schema version, its metadata (key and value, long
 * values cut), and its tensors with dtype, shape and number of values.
 */
public final class ModelViewer extends Composite {

    private static final int MAX_VALUE = 200;

    private final Table metadata;
    private final Table tensors;

    /** A summary of {@code model}. */
    public ModelViewer(Composite parent, ModelArtifact model) {
        super(parent, SWT.NONE);
        setLayout(new GridLayout(1, false));
        Label head = new Label(this, SWT.NONE);
        head.setText(ValueSummary.of(model));
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        new TreeMap<>(model.metadata()).forEach((k, v) -> {
            keys.add(k);
            String s = String.valueOf(v);
            values.add(s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) + "…" : s);
        });
        metadata = Table.of(new TextColumn("key", ColumnRole.ID, keys.toArray(String[]::new)),
                new TextColumn("value", values.toArray(String[]::new)));
        List<String> names = new ArrayList<>();
        List<String> dtypes = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        for (Map.Entry<String, TensorData> t : model.tensors().entrySet()) {
            names.add(t.getKey());
            dtypes.add(dtypeName(t.getValue().dtype().name()));
            shapes.add(Arrays.toString(t.getValue().shape()));
            counts.add(String.format("%,d", t.getValue().elementCount()));
        }
        tensors = Table.of(new TextColumn("tensor", ColumnRole.ID, names.toArray(String[]::new)),
                new TextColumn("dtype", dtypes.toArray(String[]::new)), new TextColumn("shape", shapes.toArray(String[]::new)),
                new TextColumn("values", counts.toArray(String[]::new)));
        new Label(this, SWT.NONE).setText("Metadata");
        new TableGrid(this, TableModel.of(metadata)).setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        new Label(this, SWT.NONE).setText("Tensors");
        new TableGrid(this, TableModel.of(tensors)).setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
    }

    /** PyTorch's name of a safetensors dtype: F32 is float32, BF16 bfloat16, U8 uint8. */
    static String dtypeName(String safetensors) {
        String s = safetensors.toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("bf")) {
            return "bfloat" + s.substring(2);
        }
        return switch (s.charAt(0)) {
            case 'f' -> "float" + s.substring(1);
            case 'i' -> "int" + s.substring(1);
            case 'u' -> "uint" + s.substring(1);
            default -> s;
        };
    }

    /** The tensors as listed: name, dtype, shape, number of values. */
    public Table tensors() {
        return tensors;
    }

    /** The metadata as listed. */
    public Table metadata() {
        return metadata;
    }
}
