package org.gyrus.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every fitted model saves, loads and applies exactly as before. */
class ModelArtifactsTest {

    @TempDir
    Path dir;

    private void assertRoundTrip(TableTransform model, Table data) throws Exception {
        ModelArtifact a = ModelArtifacts.toArtifact(model);
        Path file = dir.resolve(a.kind() + ".safetensors");
        a.save(file);
        ModelArtifact loaded = ModelArtifact.load(file);
        assertEquals(a.kind(), loaded.kind());
        TableTransform back = ModelArtifacts.fromArtifact(loaded);
        assertEquals(model.getClass(), back.getClass());
        assertEquals(model.apply(data), back.apply(data), a.kind() + " applies differently after loading");
    }

    @Test
    void everyModelRoundTrips() throws Exception {
        Table t = Penguins.table();
        Split s = new Splitter(Splitter.Mode.RANDOM, 9).trainTest(t.rowCount(), 0.3, null);
        Table train = t.selectRows(s.train());
        Table test = t.selectRows(s.test());
        List<TableTransform> models = new ArrayList<>();
        for (SimpleImputer.Strategy st : SimpleImputer.Strategy.values()) {
            models.add(new SimpleImputer(st).addIndicator(true).fit(train, Penguins.NUMERIC));
        }
        models.add(new SimpleImputer(SimpleImputer.Strategy.MOST_FREQUENT).fit(train, Penguins.CATEGORICAL));
        models.add(new SimpleImputer(SimpleImputer.Strategy.CONSTANT).fit(train, Penguins.CATEGORICAL));
        models.add(new KnnImputer().weights(KnnImputer.Weights.DISTANCE).fit(train, Penguins.NUMERIC));
        models.add(new IterativeImputer().fit(train, Penguins.NUMERIC));
        models.add(new OneHotEncoder().handleUnknown(OneHotEncoder.HandleUnknown.INFREQUENT_IF_EXIST).minFrequency(30)
                .drop(OneHotEncoder.Drop.FIRST).fit(train, Penguins.CATEGORICAL));
        models.add(new OrdinalEncoder().unknownValue(-1).fit(train, Penguins.CATEGORICAL));
        models.add(new OrdinalEncoder().missingLabel(null).fit(train, Penguins.CATEGORICAL));
        models.add(new StandardScaler().fit(train, Penguins.NUMERIC));
        models.add(new MinMaxScaler().fit(train, Penguins.NUMERIC));
        models.add(new RobustScaler().fit(train, Penguins.NUMERIC));
        models.add(new VarianceThreshold(30).fit(train, Penguins.NUMERIC));
        for (TableTransform m : models) {
            assertRoundTrip(m, test);
        }
    }

    @Test
    void nanStatisticsSurvive() throws Exception {
        Table t = Table.of(new NumericColumn("a", new double[] {1, Double.NaN}), new NumericColumn("empty", new double[] {Double.NaN, Double.NaN}));
        SimpleImputerModel m = new SimpleImputer(SimpleImputer.Strategy.MEAN).fit(t, List.of("a", "empty"));
        SimpleImputerModel back = (SimpleImputerModel) ModelArtifacts.fromArtifact(ModelArtifacts.toArtifact(m));
        assertTrue(Double.isNaN(back.statistics()[1]));
        assertEquals(List.of("empty"), back.droppedColumns());
    }

    @Test
    void foreignArtifactIsRefusedByKind() {
        ModelArtifact other = ModelArtifact.builder("org.gyrus.autoencoder.fit").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelArtifacts.fromArtifact(other));
        assertTrue(e.getMessage().endsWith("but the model is a org.gyrus.autoencoder.fit model"), e.getMessage());
    }
}
